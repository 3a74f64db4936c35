// The user's corrections to an analysis, as data: reassign a quote's speaker or a claim's source,
// mark a quoted span as not a quotation or a claim as not reported speech, merge two entities. `applyCorrections` turns an analysis and a set of
// corrections into a corrected analysis of the same shape (the wire format, UTF-16), which the
// view, the panels and the exports all read. No DOM, no storage (storage.js keeps them).
//
// Corrections name quotes, claims and clusters by their place in the text, not by index: a quote
// by its span (`"start-end"`), a claim by its content's span (the same lists: a key that names no
// quote names a claim), a cluster by the span of its first mention. So they survive a new
// version of the analyser that numbers things differently; one that no longer finds the quote
// or the entity drops the correction (it is reported as `stale`).

import { claimsOf } from '../core/attribution.js';

/**
 * The reader's corrections: quotes and clusters named by their keys (quoteKey, clusterKey).
 * @typedef {{speakers: Array<{quote: string, entity: string | null}>, notQuotes: string[],
 *            merges: Array<{from: string, into: string}>}} Corrections
 */

/**
 * A set of corrections with nothing in it.
 * @returns {Corrections}
 */
export function emptyCorrections() {
    return { speakers: [], notQuotes: [], merges: [] };
}

/** The key a correction uses for a quote, or for a claim (its content's span). */
export function quoteKey(quote) {
    const span = 'content' in quote ? quote.content : quote;
    return `${span.start}-${span.end}`;
}

/** The key a correction uses for the cluster with id `clusterId` (its first mention's span). */
export function clusterKey(analysis, clusterId) {
    const first = analysis.entities[clusterId];
    return first ? `${first.start}-${first.end}` : `missing-${clusterId}`;
}

/** A copy of `corrections` with quote `key`'s speaker set to cluster `entityKey` (null: nobody). */
export function withSpeaker(corrections, key, entityKey) {
    const speakers = corrections.speakers.filter((s) => s.quote !== key);
    return { ...corrections, speakers: [...speakers, { quote: key, entity: entityKey }] };
}

/** A copy of `corrections` with quote `key` marked as not a quotation. */
export function withNotQuote(corrections, key) {
    if (corrections.notQuotes.includes(key)) return corrections;
    return { ...corrections, notQuotes: [...corrections.notQuotes, key] };
}

/** A copy of `corrections` where cluster `from` is merged into cluster `into` (both keys). */
export function withMerge(corrections, from, into) {
    if (from === into) return corrections;
    return { ...corrections, merges: [...corrections.merges, { from, into }] };
}

/** A copy of `corrections` without the correction `{type, index}` (as `applyCorrections` lists them). */
export function without(corrections, type, index) {
    return { ...corrections, [type]: corrections[type].filter((_, i) => i !== index) };
}

/**
 * A change the reader asks for in a panel, applied to `corrections`: a copy, or the same object
 * when nothing changes.
 * @param {ReturnType<typeof emptyCorrections>} corrections
 * @param {{type: 'speaker', quote: string, entity: string | null} | {type: 'notQuote', quote: string}
 *       | {type: 'merge', from: string, into: string} | {type: 'undo', list: string, index: number}
 *       | {type: 'reset'}} change
 */
export function withChange(corrections, change) {
    switch (change.type) {
        case 'speaker':
            return withSpeaker(corrections, change.quote, change.entity);
        case 'notQuote':
            return withNotQuote(corrections, change.quote);
        case 'merge':
            return withMerge(corrections, change.from, change.into);
        case 'undo':
            return without(corrections, change.list, change.index);
        case 'reset':
            return isEmpty(corrections) ? corrections : emptyCorrections();
    }
    return corrections;
}

/** Reads stored corrections defensively: anything malformed is dropped, never thrown. */
export function normalizeCorrections(value) {
    const out = emptyCorrections();
    if (!value || typeof value !== 'object') return out;
    const isKey = (k) => typeof k === 'string' && /^\d+-\d+$/.test(k);
    if (Array.isArray(value.speakers)) {
        out.speakers = value.speakers.filter((s) => s && isKey(s.quote) && (s.entity === null || isKey(s.entity)));
    }
    if (Array.isArray(value.notQuotes)) out.notQuotes = value.notQuotes.filter(isKey);
    if (Array.isArray(value.merges)) out.merges = value.merges.filter((m) => m && isKey(m.from) && isKey(m.into));
    return out;
}

export function isEmpty(corrections) {
    return corrections.speakers.length + corrections.notQuotes.length + corrections.merges.length === 0;
}

/**
 * The analysis as corrected. Same shape as the wire format (quote ids are re-numbered after
 * quotes are dropped, cluster ids stay the index of the first mention), plus:
 *   - `quote.corrected: true` on a quote whose speaker the user set;
 *   - `applied`: what each correction did, for the panels ({type, index, …} in the
 *     corrections' own order) and the exports; `stale`: corrections that no longer apply.
 * @param {import('../core/types.js').DocumentOut} analysis the module's, UTF-16
 * @param {Corrections} corrections
 * @returns {import('../core/types.js').ShownAnalysis}
 */
export function applyCorrections(analysis, corrections) {
    const clusterByKey = new Map(analysis.clusters.map((c) => [clusterKey(analysis, c.id), c]));
    const applied = [];
    const stale = [];

    // Merges: union-find over the original cluster ids. The set is named after the cluster the
    // last merge went into, and keeps the id of its earliest mention.
    const parent = new Map(analysis.clusters.map((c) => [c.id, c.id]));
    const find = (id) => {
        while (parent.get(id) !== id) id = parent.get(id);
        return id;
    };
    corrections.merges.forEach((merge, index) => {
        const from = clusterByKey.get(merge.from);
        const into = clusterByKey.get(merge.into);
        if (!from || !into || find(from.id) === find(into.id)) {
            stale.push({ type: 'merges', index });
            return;
        }
        const fromName = namedCluster(analysis, find(from.id)).name;
        parent.set(find(from.id), find(into.id));
        applied.push({ type: 'merges', index, from: from.id, into: into.id, fromName, intoName: into.name });
    });
    const members = new Map();
    for (const cluster of analysis.clusters) {
        const root = find(cluster.id);
        members.set(root, [...(members.get(root) ?? []), cluster]);
    }
    const newId = new Map();
    const clusters = [];
    for (const [root, group] of members) {
        const id = Math.min(...group.map((c) => c.id));
        for (const c of group) newId.set(c.id, id);
        // A root is always one of the clusters (union-find over their ids).
        const named = /** @type {import('../core/types.js').ClusterOut} */ (analysis.clusters.find((c) => c.id === root));
        // Every field of the named cluster is kept (a field the wire format gains is never dropped).
        clusters.push({ ...named, id, mentions: group.reduce((n, c) => n + c.mentions, 0) });
    }
    clusters.sort((a, b) => a.id - b.id);
    const mapCluster = (id) => (id === null || id === undefined ? id : (newId.get(id) ?? id));
    const entities = analysis.entities.map((e) => ({ ...e, cluster: mapCluster(e.cluster) }));
    const clustersById = new Map(clusters.map((c) => [c.id, c]));

    // Quotes marked as not quotations are dropped; the others are renumbered.
    const byKey = new Map(analysis.quotes.map((q) => [quoteKey(q), q]));
    const claimByKey = new Map(claimsOf(analysis).map((a) => [quoteKey(a), a]));
    const dropped = new Set();
    const droppedClaims = new Set();
    corrections.notQuotes.forEach((key, index) => {
        const quote = byKey.get(key);
        const claim = quote ? undefined : claimByKey.get(key);
        if (claim) {
            droppedClaims.add(claim.id);
            return applied.push({ type: 'notQuotes', index, text: claim.content.text, start: claim.content.start, end: claim.content.end });
        }
        if (!quote) return stale.push({ type: 'notQuotes', index });
        dropped.add(quote.id);
        applied.push({ type: 'notQuotes', index, text: quote.text, start: quote.start, end: quote.end });
    });
    const renumber = new Map();
    analysis.quotes.filter((q) => !dropped.has(q.id)).forEach((q, i) => renumber.set(q.id, i));
    const keptParent = (id) => {
        while (id !== null && dropped.has(id)) id = analysis.quotes[id]?.parent ?? null;
        return id === null ? null : renumber.get(id);
    };

    const reassigned = new Map();
    const reassignedClaims = new Map();
    corrections.speakers.forEach((correction, index) => {
        const quote = byKey.get(correction.quote);
        const cluster = correction.entity === null ? null : clusterByKey.get(correction.entity);
        const claim = quote ? undefined : claimByKey.get(correction.quote);
        if (claim && !droppedClaims.has(claim.id) && cluster !== undefined) {
            reassignedClaims.set(claim.id, cluster === null ? null : mapCluster(cluster.id));
            const name = cluster === null ? null : (clustersById.get(mapCluster(cluster.id))?.name ?? null);
            return applied.push({ type: 'speakers', index, text: claim.content.text, start: claim.content.start, end: claim.content.end, name });
        }
        if (!quote || dropped.has(quote.id) || cluster === undefined) return stale.push({ type: 'speakers', index });
        reassigned.set(quote.id, cluster === null ? null : mapCluster(cluster.id));
        const name = cluster === null ? null : (clustersById.get(mapCluster(cluster.id))?.name ?? null);
        applied.push({ type: 'speakers', index, text: quote.text, start: quote.start, end: quote.end, name });
    });

    const quotes = [];
    for (const quote of analysis.quotes) {
        if (dropped.has(quote.id)) continue;
        /** @type {import('../core/types.js').ShownQuote} */
        const copy = { ...quote, id: renumber.get(quote.id), parent: quote.parent === null ? null : keptParent(quote.parent) };
        if (reassigned.has(quote.id)) {
            const cluster = reassigned.get(quote.id);
            copy.speaker = cluster === null ? null : speakerFromCluster(quote, cluster, entities, clustersById.get(cluster));
            copy.corrected = true;
        } else if (quote.speaker) {
            copy.speaker = { ...quote.speaker, entity: mapCluster(quote.speaker.entity) };
        }
        quotes.push(copy);
    }
    // Attributions: the dropped ones go, the others name the kept quotes by their new ids; a
    // claim's source (or a quote's, through its quote) follows the reader's choice.
    /** @type {import('../core/types.js').ShownAttribution[]} */
    const attributions = [];
    for (const attribution of analysis.attributions ?? []) {
        const held = attribution.quotes.filter((id) => !dropped.has(id));
        if (droppedClaims.has(attribution.id) || (attribution.quotes.length > 0 && held.length === 0 && attribution.kind === 'direct')) continue;
        /** @type {import('../core/types.js').ShownAttribution} */
        const copy = { ...attribution, id: attributions.length, quotes: held.map((id) => /** @type {number} */ (renumber.get(id))) };
        const setBy = reassignedClaims.has(attribution.id) ? reassignedClaims : null;
        const viaQuote = held.find((id) => reassigned.has(id));
        if (setBy) {
            const cluster = setBy.get(attribution.id);
            copy.source = cluster === null ? null : speakerFromCluster({ outer_start: attribution.content.start }, cluster, entities, clustersById.get(cluster));
            copy.corrected = true;
        } else if (viaQuote !== undefined) {
            copy.source = quotes[/** @type {number} */ (renumber.get(viaQuote))].speaker;
            copy.corrected = true;
        } else if (attribution.source) {
            copy.source = { ...attribution.source, entity: mapCluster(attribution.source.entity) };
        }
        attributions.push(copy);
    }
    applied.sort((a, b) => (a.type === b.type ? a.index - b.index : a.type < b.type ? -1 : 1));
    const shown = { ...analysis, quotes, entities, clusters, applied, stale };
    if (analysis.attributions) shown.attributions = attributions;
    return shown;
}

/** The cluster a union-find root names (the original cluster with that id). */
function namedCluster(analysis, id) {
    return analysis.clusters.find((c) => c.id === id);
}

/**
 * A speaker the user chose: the cluster's mention nearest before the quote or claim (its
 * `outer_start`; else its first mention), referring to the mention that carries the cluster's name.
 * @param {{outer_start: number}} quote
 * @param {number} clusterId
 * @param {import('../core/types.js').EntityOut[]} entities
 * @param {import('../core/types.js').ClusterOut | undefined} cluster
 * @returns {import('../core/types.js').SpeakerOut}
 */
function speakerFromCluster(quote, clusterId, entities, cluster) {
    const mentions = entities.filter((e) => e.cluster === clusterId);
    const before = mentions.filter((e) => e.end <= quote.outer_start);
    const mention = before.length > 0 ? before[before.length - 1] : mentions[0];
    const named = mentions.find((e) => e.text === cluster?.name) ?? mention;
    return {
        start: mention.start,
        end: mention.end,
        text: mention.text,
        kind: 'name',
        entity: clusterId,
        basis: 'explicit',
        refers_to: { start: named.start, end: named.end, text: named.text },
    };
}
