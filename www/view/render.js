// The page's view: (text, analysis) → DocumentFragment of text nodes and <mark> elements.
//
// Nothing here parses HTML: every character of the text reaches the page through
// createTextNode, and every attribute is set from the analysis's own fixed vocabulary (kind
// names, numbers). Copying a highlighted passage gives back the original text, because the
// labels are drawn by CSS, not inserted as text.
//
// What each mark says is decided here; how marks nest is core/layers.js's (shared with the embed).

import { claimsOf, creditOf, isDoubtful, isInferred, speakerKey } from '../core/attribution.js';
import { renderLayers } from '../core/layers.js';

/**
 * Renders `text` with its quotes, its claims (reported speech), the speaker mentions and cues of
 * both, and its entities, each a `<mark>`:
 *
 *   <mark class="quote" data-kind data-quote data-speaker-key [data-inferred] [data-unclosed]>
 *   <mark class="claim" data-kind data-claim data-speaker-key [data-inferred] [data-doubtful]>
 *   <mark class="speaker" data-quotes="0 2" data-claims="1" data-speaker-key>   the mention credited with them
 *   <mark class="cue" data-quotes="0" data-claims="">          the reporting verb
 *   <mark class="entity" data-label data-entity data-cluster>
 *
 * Quotes and claims are the outer layer (nested by containment: a mixed claim holds its partial
 * quotes); the other marks nest inside them. A mark
 * that crosses the boundary of an enclosing one is split into pieces, each flagged with
 * `data-cont-before` / `data-cont-after`, so neither layer is clobbered and no text is dropped
 * or repeated. Offsets are UTF-16 code units.
 *
 * @param {string} text
 * @param {import('../core/types.js').ShownAnalysis} analysis the wire format (UTF-16), corrected
 * @param {Document} doc
 * @returns {DocumentFragment}
 */
export function renderArticle(text, analysis, doc = document) {
    const spans = [];
    for (const quote of analysis.quotes) {
        spans.push({ start: quote.outer_start, end: quote.outer_end, outer: true, layer: 0, make: () => articleQuoteMark(quote, doc) });
    }
    const claims = claimsOf(analysis);
    for (const claim of claims) {
        spans.push({ start: claim.content.start, end: claim.content.end, outer: true, layer: 0, make: () => claimMark(claim, doc) });
    }
    // A mention credited with several quotes or claims (“…,” said X, “…”) is one mark listing them all.
    const mentions = new Map();
    const addMention = (role, range, item, list) => {
        const id = `${role}:${range.start}:${range.end}`;
        const mention = mentions.get(id) ?? { role, range, quotes: [], claims: [] };
        mention[list].push(item);
        mentions.set(id, mention);
    };
    for (const quote of analysis.quotes) {
        if (quote.speaker) addMention('speaker', quote.speaker, quote, 'quotes');
        if (quote.cue) addMention('cue', quote.cue, quote, 'quotes');
    }
    for (const claim of claims) {
        if (claim.source) addMention('speaker', claim.source, claim, 'claims');
        if (claim.cue) addMention('cue', claim.cue, claim, 'claims');
    }
    for (const { role, range, quotes, claims: credited } of mentions.values()) {
        spans.push({ start: range.start, end: range.end, outer: false, layer: 1, make: () => mentionMark(role, quotes, credited, doc) });
    }
    for (const entity of analysis.entities) {
        spans.push({ start: entity.start, end: entity.end, outer: false, layer: 2, make: () => entityMark(entity, doc) });
    }
    // Drawn in chunks (progressive.js), a quote's speaker may lie in the next chunk: only what
    // falls inside this text is drawn.
    return renderLayers(text, spans.filter((s) => s.start >= 0 && s.start <= s.end && s.end <= text.length), doc);
}

function articleQuoteMark(quote, doc) {
    const mark = doc.createElement('mark');
    mark.className = 'quote';
    mark.dataset.kind = quote.kind;
    mark.dataset.quote = String(quote.id);
    mark.tabIndex = -1;
    const key = speakerKey(quote);
    if (key !== null) mark.dataset.speakerKey = key;
    if (isInferred(quote)) mark.dataset.inferred = quote.speaker.basis;
    if (quote.corrected) mark.dataset.corrected = '';
    if (quote.unclosed) mark.dataset.unclosed = '';
    return mark;
}

/** A claim: its content, drawn quieter than a quote (marks.css); `data-kind` is indirect or mixed. */
function claimMark(claim, doc) {
    const mark = doc.createElement('mark');
    mark.className = 'claim';
    mark.dataset.kind = claim.kind;
    mark.dataset.claim = String(claim.id);
    mark.tabIndex = -1;
    const key = speakerKey(claim);
    if (key !== null) mark.dataset.speakerKey = key;
    if (isInferred(claim)) mark.dataset.inferred = claim.source?.basis ?? '';
    if (isDoubtful(claim) && !claim.corrected) mark.dataset.doubtful = '';
    if (claim.corrected) mark.dataset.corrected = '';
    return mark;
}

/** A speaker mention or cue; `data-quotes` and `data-claims` list what it is credited with. */
function mentionMark(role, quotes, claims, doc) {
    const mark = doc.createElement('mark');
    mark.className = role;
    mark.dataset.quotes = quotes.map((q) => q.id).join(' ');
    mark.dataset.claims = claims.map((c) => c.id).join(' ');
    if (role === 'speaker') {
        const first = quotes[0] ?? claims[0];
        const key = speakerKey(first);
        if (key !== null) mark.dataset.speakerKey = key;
        if ([...quotes, ...claims].every(isInferred)) mark.dataset.inferred = creditOf(first)?.basis ?? '';
    }
    return mark;
}

function entityMark(entity, doc) {
    const mark = doc.createElement('mark');
    mark.className = 'entity';
    mark.dataset.label = entity.label;
    mark.dataset.entity = String(entity.id);
    mark.dataset.cluster = String(entity.cluster);
    mark.tabIndex = -1;
    return mark;
}
