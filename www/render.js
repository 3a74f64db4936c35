// Pure rendering: (text, analysis) → DocumentFragment of text nodes and <mark> elements.
//
// Nothing here parses HTML: every character of the text reaches the page through
// createTextNode, and every attribute is set from the analysis's own fixed vocabulary (kind
// names, numbers). Copying a highlighted passage gives back the original text, because the
// labels are drawn by CSS, not inserted as text.
//
// Two renderers: `renderArticle` draws everything the page shows (quotes, their speakers and
// cues, entities) as nested layers; `renderQuotes` draws quotes alone (kept for embedders).

import { isInferred, speakerKey } from './attribution.js';
import { quoteKind } from './labels.js';

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
 * @param {{quotes: object[], entities: object[]}} analysis the wire format (src/wasm.rs)
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

/**
 * Lays `spans` ({start, end, outer, layer, make() → Element}) over `text` as nested elements.
 *
 * A sweep over every span boundary: between two boundaries the set of covering spans is fixed,
 * and its order (outer spans first, then by start, longest first, then by layer) is the stack of
 * elements that segment needs. Consecutive segments share the longest common prefix of open
 * elements; a span that has to be closed before its end (another span opened outside it) is
 * continued by a new piece. Cost: O(boundaries × nesting depth).
 */
export function renderLayers(text, spans, doc = document) {
    const fragment = doc.createDocumentFragment();
    const items = spans
        .map((span, order) => ({ ...span, order, start: clamp(span.start, text.length), end: clamp(span.end, text.length) }))
        .filter((span) => span.start < span.end)
        .sort((a, b) => a.start - b.start);
    const points = new Set([0, text.length]);
    for (const item of items) {
        points.add(item.start);
        points.add(item.end);
    }
    const boundaries = [...points].sort((a, b) => a - b);
    const stackOrder = (a, b) =>
        Number(b.outer) - Number(a.outer) || a.start - b.start || b.end - a.end || a.layer - b.layer || a.order - b.order;

    /** @type {Array<{item: object, element: Element}>} open elements, outermost first */
    const stack = [];
    let active = [];
    let next = 0; // index into items of the next span to open
    for (let i = 0; i + 1 < boundaries.length; i += 1) {
        const from = boundaries[i];
        const to = boundaries[i + 1];
        let changed = false;
        if (active.some((item) => item.end <= from)) {
            active = active.filter((item) => item.end > from);
            changed = true;
        }
        while (next < items.length && items[next].start <= from) {
            if (items[next].end > from) active.push(items[next]);
            next += 1;
            changed = true;
        }
        if (changed) active.sort(stackOrder);
        let shared = 0;
        while (shared < stack.length && shared < active.length && stack[shared].item === active[shared]) shared += 1;
        for (let j = stack.length - 1; j >= shared; j -= 1) {
            if (stack[j].item.end > from) stack[j].element.setAttribute('data-cont-after', '');
        }
        stack.length = shared;
        for (let j = shared; j < active.length; j += 1) {
            const element = active[j].make();
            if (active[j].start < from) element.setAttribute('data-cont-before', '');
            (j === 0 ? fragment : stack[j - 1].element).appendChild(element);
            stack.push({ item: active[j], element });
        }
        const parent = stack.length > 0 ? stack[stack.length - 1].element : fragment;
        parent.appendChild(doc.createTextNode(text.slice(from, to)));
    }
    return fragment;
}

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
