// Who said what, as data: which speaker a quote is credited to, the name the page shows for
// them, and whether the attribution is inferred. Shared by the panels, the view's linking and
// the exports, so all three group and name speakers the same way. No DOM.

import { attributionBasis } from './labels.js';

/** @typedef {import('./types.js').ShownQuote} ShownQuote */
/** @typedef {import('./types.js').ClusterOut} Cluster */

/**
 * The key that groups quotes by speaker: the speaker's entity cluster when known, else the name
 * the mention refers to, else the mention's own text. Null for an unattributed quote.
 * @param {ShownQuote} quote
 * @returns {string | null}
 */
export function speakerKey(quote) {
    const speaker = quote.speaker;
    if (!speaker) return null;
    if (speaker.entity !== null && speaker.entity !== undefined) return `entity:${speaker.entity}`;
    return `name:${(speaker.refers_to?.text ?? speaker.text).trim()}`;
}

/**
 * THE name of a quote's speaker, for the page (panels, tooltips, exports) and the embed
 * (`data-speaker`) alike: their entity cluster's name, else the name the mention refers to
 * ("he" → "Søren Kjærgaard"), else the mention itself; '' when unattributed.
 * @param {ShownQuote} quote
 * @param {Map<number, Cluster>} clustersById
 * @returns {string}
 */
export function speakerName(quote, clustersById) {
    const speaker = quote.speaker;
    if (!speaker) return '';
    const cluster = speaker.entity === null ? undefined : clustersById.get(speaker.entity);
    return cluster?.name ?? speaker.refers_to?.text ?? speaker.text;
}

/**
 * True when the speaker was not stated in the quote's own sentence (and not set by the user).
 * @param {ShownQuote} quote
 */
export function isInferred(quote) {
    return quote.speaker !== null && quote.speaker.basis !== 'explicit' && !quote.corrected;
}

/**
 * Why an inferred attribution was made, in a sentence ('' when it is not inferred).
 * @param {ShownQuote} quote
 */
export function inferredReason(quote) {
    const speaker = quote.speaker;
    if (speaker === null || !isInferred(quote)) return '';
    const reason = attributionBasis(speaker.basis).reason;
    const refers = speaker.refers_to && speaker.refers_to.text !== speaker.text ? ` “${speaker.text}” → ${speaker.refers_to.text}.` : '';
    return reason + refers;
}

/**
 * Whether a quote belongs in "who said what": speech, or anything credited to someone.
 * @param {ShownQuote} quote
 */
export function isSpeech(quote) {
    return quote.kind !== 'term' || quote.speaker !== null;
}

/**
 * The speakers of `analysis`, most quoted first (ties: first quoted first), each with their
 * quotes in text order, then the unattributed quotes as a last group with `key: null`.
 * Scare quotes and titles (`term`) with no speaker are left out: they are not speech.
 *
 * @param {import('./types.js').ShownAnalysis} analysis
 * @returns {Array<{key: string|null, name: string, entity: number|null, quotes: ShownQuote[]}>}
 */
export function speakerGroups(analysis) {
    const clustersById = new Map(analysis.clusters.map((c) => [c.id, c]));
    const groups = new Map();
    const unattributed = [];
    for (const quote of analysis.quotes) {
        if (!isSpeech(quote)) continue;
        const key = speakerKey(quote);
        if (key === null) {
            unattributed.push(quote);
            continue;
        }
        let group = groups.get(key);
        if (!group) {
            group = { key, name: speakerName(quote, clustersById), entity: quote.speaker?.entity ?? null, quotes: [] };
            groups.set(key, group);
        }
        group.quotes.push(quote);
    }
    const ordered = [...groups.values()].sort((a, b) => b.quotes.length - a.quotes.length || a.quotes[0].id - b.quotes[0].id);
    if (unattributed.length > 0) ordered.push({ key: null, name: 'Unattributed', entity: null, quotes: unattributed });
    return ordered;
}
