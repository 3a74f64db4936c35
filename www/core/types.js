// The analysis's types, for the JSDoc of the page and the embed: the wasm module's own
// declarations (www/pkg/quotelens.d.ts, which carries the contract generated from the Rust
// types, src/export.d.ts), named once
// here so that every module imports them from one place. The corrected analysis of
// model/corrections.js has the same shape plus what the reader changed.
//
// Checked by `tsc -p tests/e2e/tsconfig.www.json` (scripts/test-browser.sh).

/** @typedef {import('../pkg/quotelens.js').DocumentOut} DocumentOut */
/** @typedef {import('../pkg/quotelens.js').QuoteOut} QuoteOut */
/** @typedef {import('../pkg/quotelens.js').SpeakerOut} SpeakerOut */
/** @typedef {import('../pkg/quotelens.js').EntityOut} EntityOut */
/** @typedef {import('../pkg/quotelens.js').ClusterOut} ClusterOut */
/** @typedef {import('../pkg/quotelens.js').CueOut} CueOut */
/** @typedef {import('../pkg/quotelens.js').AttributionOut} AttributionOut */

/** @typedef {QuoteOut & {corrected?: boolean}} ShownQuote a quote, maybe with a speaker the reader set */
/** @typedef {AttributionOut & {corrected?: boolean}} ShownAttribution an attribution, maybe with a source the reader set */
/**
 * @typedef {Omit<DocumentOut, 'quotes' | 'attributions'> & {quotes: ShownQuote[], attributions?: ShownAttribution[],
 *           applied?: object[], stale?: object[]}} ShownAnalysis
 *   an analysis as the page shows it: corrected (model/corrections.js applyCorrections)
 */

export {};
