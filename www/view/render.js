// The page's view: (text, analysis) → DocumentFragment of text nodes and <mark> elements.
//
// Nothing here parses HTML: every character of the text reaches the page through
// createTextNode, and every attribute is set from the analysis's own fixed vocabulary (kind
// names, numbers). Copying a highlighted passage gives back the original text, because the
// labels are drawn by CSS, not inserted as text.
//
// What each mark says is decided here; how marks nest is core/layers.js's (shared with the embed).

import { isInferred, speakerKey } from '../core/attribution.js';
import { renderLayers } from '../core/layers.js';

/**
 * Renders `text` with its quotes, the speaker mentions and cues of those quotes, and its
 * entities, each a `<mark>`:
 *
 *   <mark class="quote" data-kind data-quote data-speaker-key [data-inferred] [data-unclosed]>
 *   <mark class="speaker" data-quotes="0 2" data-speaker-key>   the mention credited with them
 *   <mark class="cue" data-quotes="0">                         the reporting verb
 *   <mark class="entity" data-label data-entity data-cluster>
 *
 * Quotes are always the outer layer; the other marks nest inside them by containment. A mark
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
    // A mention credited with several quotes (“…,” said X, “…”) is one mark listing them all.
    const mentions = new Map();
    const addMention = (role, range, quote) => {
        const id = `${role}:${range.start}:${range.end}`;
        const mention = mentions.get(id) ?? { role, range, quotes: [] };
        mention.quotes.push(quote);
        mentions.set(id, mention);
    };
    for (const quote of analysis.quotes) {
        if (quote.speaker) addMention('speaker', quote.speaker, quote);
        if (quote.cue) addMention('cue', quote.cue, quote);
    }
    for (const { role, range, quotes } of mentions.values()) {
        spans.push({ start: range.start, end: range.end, outer: false, layer: 1, make: () => mentionMark(role, quotes, doc) });
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

function mentionMark(role, quotes, doc) {
    const mark = doc.createElement('mark');
    mark.className = role;
    mark.dataset.quotes = quotes.map((q) => q.id).join(' ');
    if (role === 'speaker') {
        const key = speakerKey(quotes[0]);
        if (key !== null) mark.dataset.speakerKey = key;
        if (quotes.every(isInferred)) mark.dataset.inferred = quotes[0].speaker.basis;
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
