// Pure rendering: (text, analysis) → DocumentFragment of text nodes and <mark> elements.
//
// Nothing here parses HTML: every character of the text reaches the page through
// createTextNode, and every attribute is set from the analysis's own fixed vocabulary (kind
// names, numbers). Copying a highlighted passage gives back the original text, because the
// labels are drawn by CSS, not inserted as text.

import { quoteKind } from './labels.js';

/**
 * Renders `text` with each quotation wrapped in `<mark class="quote" data-kind=…>`, nested
 * quotes inside their parents. Offsets are UTF-16 code units (the module's unit).
 *
 * Spans that overlap without nesting (which the analyser does not produce) are clipped to
 * their enclosing span, so no text is ever dropped or repeated.
 *
 * @param {string} text
 * @param {{quotes: Array<{id:number, outer_start:number, outer_end:number, kind:string, unclosed:boolean, speaker: null | {text:string}}>}} analysis
 * @param {Document} doc
 * @returns {DocumentFragment}
 */
export function renderQuotes(text, analysis, doc = document) {
    const spans = analysis.quotes.map((quote) => ({
        start: quote.outer_start,
        end: quote.outer_end,
        make: () => quoteMark(quote, doc),
    }));
    return renderSpans(text, spans, doc);
}

function quoteMark(quote, doc) {
    const mark = doc.createElement('mark');
    mark.className = 'quote';
    mark.dataset.kind = quote.kind;
    mark.dataset.quote = String(quote.id);
    if (quote.unclosed) mark.dataset.unclosed = '';
    const speaker = quote.speaker ? ` · speaker: ${quote.speaker.text}` : '';
    const unclosed = quote.unclosed ? ' · no closing mark' : '';
    mark.title = `${quoteKind(quote.kind).name} quote${speaker}${unclosed}`;
    return mark;
}

/**
 * Lays `spans` ({start, end, make() → Element}) over `text`: the general part, shared by quotes
 * now and entities later. Spans are opened in order of start (longest first on a tie) and closed
 * before anything after their end, which gives nesting by containment.
 */
export function renderSpans(text, spans, doc = document) {
    const fragment = doc.createDocumentFragment();
    const ordered = spans
        .map((span) => ({ ...span, start: clamp(span.start, text.length), end: clamp(span.end, text.length) }))
        .filter((span) => span.start < span.end)
        .sort((a, b) => a.start - b.start || b.end - a.end);
    /** @type {Array<{node: Node, end: number}>} the open elements, outermost first */
    const open = [{ node: fragment, end: text.length }];
    const top = () => open[open.length - 1];
    let cursor = 0;
    const emitTo = (offset) => {
        if (offset > cursor) {
            top().node.appendChild(doc.createTextNode(text.slice(cursor, offset)));
            cursor = offset;
        }
    };
    for (const span of ordered) {
        const start = Math.max(span.start, cursor);
        while (open.length > 1 && top().end <= start) {
            emitTo(top().end);
            open.pop();
        }
        const end = Math.min(span.end, top().end);
        if (start >= end) continue;
        emitTo(start);
        const element = span.make();
        top().node.appendChild(element);
        open.push({ node: element, end });
    }
    while (open.length > 1) {
        emitTo(top().end);
        open.pop();
    }
    emitTo(text.length);
    return fragment;
}

function clamp(offset, length) {
    return Math.min(Math.max(0, Math.trunc(offset) || 0), length);
}

/** How many quotes of each kind `analysis` holds: Map kind → count (every kind present). */
export function countKinds(analysis, kinds) {
    const counts = new Map(kinds.map((k) => [k.kind, 0]));
    for (const quote of analysis.quotes) counts.set(quote.kind, (counts.get(quote.kind) ?? 0) + 1);
    return counts;
}
