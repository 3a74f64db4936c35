// The analysis's types, for the JSDoc of the page and the embed: the wasm module's own
// declarations (www/pkg/quotelens.d.ts, which wasm-bindgen writes from src/wasm.rs), named once
// here so that every module imports them from one place. The corrected analysis of
// model/corrections.js has the same shape plus what the reader changed.
//
// Checked by `tsc -p tests/e2e/tsconfig.www.json` (scripts/test-browser.sh).

/** @typedef {import('../pkg/quotelens.js').Analysis} Analysis */
/** @typedef {import('../pkg/quotelens.js').Quote} Quote */
/** @typedef {import('../pkg/quotelens.js').Speaker} Speaker */
/** @typedef {import('../pkg/quotelens.js').Entity} Entity */
/** @typedef {import('../pkg/quotelens.js').Cluster} Cluster */
/** @typedef {import('../pkg/quotelens.js').Cue} Cue */

/** @typedef {Quote & {corrected?: boolean}} ShownQuote a quote, maybe with a speaker the reader set */
/**
 * @typedef {Omit<Analysis, 'quotes'> & {quotes: ShownQuote[], applied?: object[], stale?: object[]}} ShownAnalysis
 *   an analysis as the page shows it: corrected (model/corrections.js applyCorrections)
 */

export {};
