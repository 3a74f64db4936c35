// Who said what, as data: which speaker a quote or a claim (reported speech) is credited to, the
// name the page shows for them, and whether the attribution is inferred or doubtful. Shared by
// the panels, the view's linking and the exports, so all three group and name speakers the same
// way. No DOM.

import { attributionBasis } from './labels.js';

/** @typedef {import('./types.js').ShownQuote} ShownQuote */
/** @typedef {import('./types.js').ClusterOut} Cluster */
/** @typedef {import('./types.js').ShownAttribution} ShownAttribution */
/** @typedef {ShownQuote | ShownAttribution} Credited a quote (its `speaker`) or a claim (its `source`) */

/**
 * Below this confidence an attribution is doubtful and shown as an inferred speaker is ("?" and
 * the reason). The wire's `confidence` is a calibrated probability that content and source are
 * both right, so below one half the attribution is more likely wrong than right.
 */
export const DOUBTFUL_BELOW = 0.5;

/**
 * Who `item` is credited to: a quote's `speaker`, a claim's `source`.
 * @param {Credited} item
 * @returns {import('./types.js').SpeakerOut | null}
 */
export function creditOf(item) {
    return 'content' in item ? item.source : item.speaker;
}

/**
 * The claims of `analysis`: its attributions of reported speech (`indirect`, `mixed`); a
 * `direct` attribution is a quote, drawn and listed as one.
 * @param {{attributions?: ShownAttribution[]}} analysis
 * @returns {ShownAttribution[]}
 */
export function claimsOf(analysis) {
    return (analysis.attributions ?? []).filter((a) => a.kind !== 'direct');
}

/**
 * The key that groups quotes and claims by speaker: the speaker's entity cluster when known, else
 * the name the mention refers to, else the mention's own text. Null when unattributed.
 * @param {Credited} quote
 * @returns {string | null}
 */
export function speakerKey(quote) {
    const speaker = creditOf(quote);
    if (!speaker) return null;
    if (speaker.entity !== null && speaker.entity !== undefined) return `entity:${speaker.entity}`;
    return `name:${(speaker.refers_to?.text ?? speaker.text).trim()}`;
}

/**
 * THE name of a quote's speaker, for the page (panels, tooltips, exports) and the embed
 * (`data-speaker`) alike: their entity cluster's name, else the name the mention refers to
 * ("he" → "Søren Kjærgaard"), else the mention itself; '' when unattributed.
 * @param {Credited} quote
 * @param {Map<number, Cluster>} clustersById
 * @returns {string}
 */
export function speakerName(quote, clustersById) {
    const speaker = creditOf(quote);
    if (!speaker) return '';
    const cluster = speaker.entity === null ? undefined : clustersById.get(speaker.entity);
    return cluster?.name ?? speaker.refers_to?.text ?? speaker.text;
}

/**
 * True when the speaker was not stated in the quote's own sentence, or a claim's attribution is
 * doubtful (`isDoubtful`), and the user did not set it.
 * @param {Credited} quote
 */
export function isInferred(quote) {
    const speaker = creditOf(quote);
    return speaker !== null && !quote.corrected && (speaker.basis !== 'explicit' || isDoubtful(quote));
}

/**
 * True for a claim whose confidence is below `DOUBTFUL_BELOW` (a quote has none).
 * @param {Credited} item
 */
export function isDoubtful(item) {
    return 'confidence' in item && item.confidence < DOUBTFUL_BELOW;
}

/**
 * Why an inferred attribution was made, in a sentence ('' when it is not inferred).
 * @param {Credited} quote
 */
export function inferredReason(quote) {
    const speaker = creditOf(quote);
    if (speaker === null || !isInferred(quote)) return '';
    const reasons = [];
    if (isDoubtful(quote)) {
        const percent = Math.round(/** @type {ShownAttribution} */ (quote).confidence * 100);
        reasons.push(`Doubtful: the analyser gives this attribution a ${percent}% chance of being right.`);
    }
    if (speaker.basis !== 'explicit') reasons.push(attributionBasis(speaker.basis).reason);
    const refers = speaker.refers_to && speaker.refers_to.text !== speaker.text ? ` “${speaker.text}” → ${speaker.refers_to.text}.` : '';
    return reasons.join(' ') + refers;
}

/**
 * Whether a quote belongs in "who said what": speech, or anything credited to someone.
 * @param {ShownQuote} quote
 */
export function isSpeech(quote) {
    return quote.kind !== 'term' || quote.speaker !== null;
}

/**
 * @typedef {{key: string|null, name: string, entity: number|null, quotes: ShownQuote[], claims: ShownAttribution[]}} SpeakerGroup
 */

/**
 * The speakers of `analysis`, most quoted first (then most claims, then first in the text), each with their quotes and claims in text order, then the unattributed
 * ones as a last group with `key: null`. Scare quotes and titles (`term`) with no speaker are
 * left out: they are not speech. With `claims: false`, reported speech is left out.
 *
 * @param {import('./types.js').ShownAnalysis} analysis
 * @param {{claims?: boolean}} [options]
 * @returns {SpeakerGroup[]}
 */
export function speakerGroups(analysis, { claims = true } = {}) {
    const clustersById = new Map(analysis.clusters.map((c) => [c.id, c]));
    /** @type {Map<string, SpeakerGroup & {first: number}>} */
    const groups = new Map();
    /** @type {SpeakerGroup} */
    const unattributed = { key: null, name: 'Unattributed', entity: null, quotes: [], claims: [] };
    /** @param {Credited} item @param {number} at */
    const groupOf = (item, at) => {
        const key = speakerKey(item);
        if (key === null) return unattributed;
        let group = groups.get(key);
        if (!group) {
            group = { key, name: speakerName(item, clustersById), entity: creditOf(item)?.entity ?? null, quotes: [], claims: [], first: at };
            groups.set(key, group);
        }
        group.first = Math.min(group.first, at);
        return group;
    };
    for (const quote of analysis.quotes) {
        if (isSpeech(quote)) groupOf(quote, quote.start).quotes.push(quote);
    }
    if (claims) for (const claim of claimsOf(analysis)) groupOf(claim, claim.content.start).claims.push(claim);
    // Quotes first: a speaker's own words weigh more than what is reported of them.
    const ordered = [...groups.values()]
        .sort((a, b) => b.quotes.length - a.quotes.length || b.claims.length - a.claims.length || a.first - b.first)
        .map(({ first: _first, ...group }) => group);
    if (unattributed.quotes.length + unattributed.claims.length > 0) ordered.push(unattributed);
    return ordered;
}
