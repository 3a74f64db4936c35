// The one layering algorithm of the page and the embed: spans of a text → nested marks.
//
// Quotes are the outer layer; speaker mentions, cues and entities nest inside them by
// containment. A span that crosses the edge of an enclosing one is split into pieces (the
// caller is told which pieces continue), so neither layer is clobbered and no text is dropped
// or repeated. The page draws a fresh fragment from a string (`renderLayers`); the embed wraps
// the text nodes of a host page in place (embed/highlight.js), with the same stacks from
// `stretches` and the same element reuse from `reopen`. No colours, no event handling.

/**
 * A span to draw. Offsets are UTF-16 code units of the text.
 * @typedef {object} LayerSpan
 * @property {number} start
 * @property {number} end
 * @property {boolean} outer true for quotes: always outside the other layers
 * @property {number} layer the order of the inner layers on equal ranges (speaker/cue 1, entity 2)
 */

/**
 * The order of a stack, outermost first: outer spans (quotes), then by start, longest first,
 * then by layer, then as given.
 * @param {LayerSpan & {order: number}} a
 * @param {LayerSpan & {order: number}} b
 */
function stackOrder(a, b) {
    return Number(b.outer) - Number(a.outer) || a.start - b.start || b.end - a.end || a.layer - b.layer || a.order - b.order;
}

/**
 * The stretches between consecutive span boundaries of `[0, length)`, each with the spans that
 * cover it, outermost first (the stack of elements it needs). Spans are clamped to the text;
 * empty ones are dropped. A sweep over the boundaries: O(boundaries × nesting depth).
 * @template {LayerSpan} S
 * @param {S[]} spans
 * @param {number} length
 * @returns {Generator<{from: number, to: number, stack: S[]}>}
 */
export function* stretches(spans, length) {
    const items = spans
        .map((span, order) => ({ span, order, outer: span.outer, layer: span.layer, start: clamp(span.start, length), end: clamp(span.end, length) }))
        .filter((item) => item.start < item.end)
        .sort((a, b) => a.start - b.start);
    const points = new Set([0, length]);
    for (const item of items) {
        points.add(item.start);
        points.add(item.end);
    }
    const boundaries = [...points].sort((a, b) => a - b);
    /** @type {typeof items} */
    let active = [];
    let next = 0; // index into items of the next span to open
    for (let i = 0; i + 1 < boundaries.length; i += 1) {
        const from = boundaries[i];
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
        yield { from, to: boundaries[i + 1], stack: active.map((item) => item.span) };
    }
}

/**
 * Brings the open elements (`open`, outermost first; changed in place) to `stack` at offset
 * `from`: keeps the longest common prefix, closes the rest (`onCut(element)` for those whose
 * span goes on: they will be continued by a new piece) and opens the missing ones with
 * `make(span, continued)` (continued: the span started before `from`), each attached with
 * `attach(element, parent)` (parent null for the outermost). Returns the innermost element,
 * or null when nothing covers the stretch.
 * @template {LayerSpan} S
 * @param {Array<{span: S, element: Element}>} open
 * @param {S[]} stack
 * @param {number} from
 * @param {{make: (span: S, continued: boolean) => Element,
 *          attach: (element: Element, parent: Element | null) => void,
 *          onCut?: (element: Element) => void}} how
 * @returns {Element | null}
 */
export function reopen(open, stack, from, how) {
    let shared = 0;
    while (shared < open.length && shared < stack.length && open[shared].span === stack[shared]) shared += 1;
    for (let j = open.length - 1; j >= shared; j -= 1) {
        if (open[j].span.end > from) how.onCut?.(open[j].element);
    }
    open.length = shared;
    for (let j = shared; j < stack.length; j += 1) {
        const element = how.make(stack[j], stack[j].start < from);
        how.attach(element, j === 0 ? null : open[j - 1].element);
        open.push({ span: stack[j], element });
    }
    return open.length > 0 ? open[open.length - 1].element : null;
}

/**
 * Lays `spans` over `text` as a fresh fragment of text nodes and nested elements
 * (`make()` → Element). A piece of a split span is flagged `data-cont-before` /
 * `data-cont-after`. Every character reaches the fragment through createTextNode.
 * @param {string} text
 * @param {Array<LayerSpan & {make: () => Element}>} spans
 * @param {Document} doc
 * @returns {DocumentFragment}
 */
export function renderLayers(text, spans, doc = document) {
    const fragment = doc.createDocumentFragment();
    /** @type {Array<{span: LayerSpan & {make: () => Element}, element: Element}>} */
    const open = [];
    const how = {
        /** @param {LayerSpan & {make: () => Element}} span @param {boolean} continued */
        make: (span, continued) => {
            const element = span.make();
            if (continued) element.setAttribute('data-cont-before', '');
            return element;
        },
        /** @param {Element} element @param {Element | null} parent */
        attach: (element, parent) => (parent ?? fragment).appendChild(element),
        /** @param {Element} element */
        onCut: (element) => element.setAttribute('data-cont-after', ''),
    };
    for (const { from, to, stack } of stretches(spans, text.length)) {
        const parent = reopen(open, stack, from, how) ?? fragment;
        parent.appendChild(doc.createTextNode(text.slice(from, to)));
    }
    return fragment;
}

/** @param {number} offset @param {number} length */
function clamp(offset, length) {
    return Math.min(Math.max(0, Math.trunc(offset) || 0), length);
}
