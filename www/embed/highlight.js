// In-place highlighting of an element that is already on a page.
//
// Owns: the text model of a DOM subtree (its text nodes, with a line break at every block
// element so a quote never runs from one paragraph into the next by accident), mapping the
// analysis's UTF-16 offsets back onto those text nodes, wrapping the pieces in <mark> elements,
// and the exact undo.
//
// The host page must not notice anything but the marks: existing elements are never re-created,
// moved or re-parsed (no HTML is parsed at all) — text nodes are split with `splitText` (the
// original node stays as the first piece) and only text pieces are wrapped. A quote that runs
// across <em>, <a> or several <p> therefore becomes several marks sharing `data-quote-id`.
// `unhighlight` unwraps the marks and joins exactly the pieces it split, so the DOM is restored
// node for node.
//
// Deliberately does not: call the wasm module (index.js passes an `analyze` function in), write
// colours (styles.js), or know about the custom element (element.js).

import { ENTITY_LABELS, QUOTE_KINDS, quoteKind } from '../labels.js';
import { adoptStyles } from './styles.js';

/** Everything `labels` can name: the four quote kinds and the entity labels, wire-format spelling. */
export const ALL_LABELS = [...QUOTE_KINDS.map((k) => k.kind), ...ENTITY_LABELS.map((e) => e.label)];

const ENTITY_NAMES = new Map(ENTITY_LABELS.map((e) => [e.label, e.name]));

/** Elements whose content is not article text. */
const SKIPPED = new Set([
    'SCRIPT', 'STYLE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'NOSCRIPT', 'TEMPLATE',
    'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'MATH', 'AUDIO', 'VIDEO', 'QUOTE-LENS',
]);

/** Elements that start and end a paragraph (or a line: br, hr, table cells). */
const BREAKS = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV',
    'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
    'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
    'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** The attribute on a highlighted root, and on every mark (its value: quote, entity, speaker). */
const ROOT_ATTRIBUTE = 'data-quotelens-root';
const THEME_ATTRIBUTE = 'data-quotelens-theme';
const MARK_ATTRIBUTE = 'data-quotelens';

/** What highlight() changed, per root, so unhighlight() can undo exactly that. */
const states = new WeakMap();

/**
 * @typedef {{node: Text, start: number, end: number}} Segment a text node at [start, end) of the text
 * @typedef {{start: number, end: number, type: 'quote'|'entity'|'speaker', rank: number,
 *            className: string, data: Record<string, string>, title: string}} Span
 */

/**
 * The text of `root` as the analyser should read it, and where each text node sits in it.
 * Block elements and <br> become line breaks (one, however many nest); other whitespace
 * characters become spaces one for one, so every offset maps straight back into its node.
 * Inside <pre> line breaks are kept.
 * @param {Element} root
 * @returns {{text: string, segments: Segment[]}}
 */
export function collectText(root) {
    const parts = [];
    /** @type {Segment[]} */
    const segments = [];
    let length = 0;
    let breakOwed = false;
    // An explicit stack, not recursion: articles can nest deeply.
    const stack = [{ node: root, pre: false }];
    while (stack.length > 0) {
        const { node, pre, leaving } = stack.pop();
        if (leaving) {
            breakOwed = true;
            continue;
        }
        if (node.nodeType === 3 /* TEXT_NODE */) {
            const data = node.data;
            if (data === '') continue;
            if (breakOwed && length > 0) {
                parts.push('\n');
                length += 1;
            }
            breakOwed = false;
            parts.push(pre ? data.replace(/[\t\r\f]/g, ' ') : data.replace(/[\n\t\r\f]/g, ' '));
            segments.push({ node, start: length, end: length + data.length });
            length += data.length;
            continue;
        }
        if (node.nodeType !== 1 /* ELEMENT_NODE */ || (node !== root && isSkipped(node))) continue;
        const name = node.nodeName.toUpperCase();
        const isBreak = BREAKS.has(name) || (node !== root && node.hasAttribute(ROOT_ATTRIBUTE));
        if (isBreak) {
            breakOwed = true;
            stack.push({ node, leaving: true });
        }
        // An element highlighted on its own keeps its highlight; its text is not read again.
        // (The marks of an enclosing highlight are read through: their text is the text.)
        if (node !== root && node.hasAttribute(ROOT_ATTRIBUTE)) continue;
        const inPre = pre || name === 'PRE';
        for (let child = node.lastChild; child; child = child.previousSibling) {
            stack.push({ node: child, pre: inPre });
        }
    }
    return { text: parts.join(''), segments };
}

function isSkipped(element) {
    if (SKIPPED.has(element.nodeName.toUpperCase())) return true;
    const editable = element.getAttribute('contenteditable');
    return editable !== null && editable.toLowerCase() !== 'false';
}

/**
 * The set of labels to show: from an iterable or a space-separated string; everything when absent.
 * @returns {Set<string>}
 */
export function labelSet(labels) {
    if (labels === undefined || labels === null) return new Set(ALL_LABELS);
    const list = typeof labels === 'string' ? labels.split(/[\s,]+/) : Array.from(labels, String);
    return new Set(list.filter((label) => label !== ''));
}

/**
 * The spans to draw for `analysis`: quotes (outer range, marks included), entities and, when
 * `speakers`, each shown quote's speaker. One span per speaker range, naming all its quotes.
 * @returns {Span[]}
 */
export function spansOf(analysis, { labels, speakers = true, prefix = 'quotelens' } = {}) {
    const shown = labelSet(labels);
    /** @type {Span[]} */
    const spans = [];
    const speakerSpans = new Map();
    for (const quote of analysis.quotes) {
        if (!shown.has(quote.kind)) continue;
        const speaker = quote.speaker;
        const speakerName = speaker ? (speaker.refers_to?.text ?? speaker.text) : '';
        const data = { kind: quote.kind, quoteId: String(quote.id) };
        if (speaker) data.speaker = speakerName;
        if (quote.unclosed) data.unclosed = '';
        if (quote.parent !== null) data.parent = String(quote.parent);
        spans.push({
            start: quote.outer_start,
            end: quote.outer_end,
            type: 'quote',
            rank: 0,
            className: `${prefix}-quote`,
            data,
            title: `${quoteKind(quote.kind).name} quote${speaker ? ` · ${speakerName}` : ''}` +
                (quote.unclosed ? ' · no closing mark' : ''),
        });
        if (speakers && speaker) {
            const key = `${speaker.start}:${speaker.end}`;
            const existing = speakerSpans.get(key);
            if (existing) {
                existing.data.quoteId += ` ${quote.id}`;
                continue;
            }
            const span = {
                start: speaker.start,
                end: speaker.end,
                type: 'speaker',
                rank: 1,
                className: `${prefix}-speaker`,
                data: { speaker: speakerName, quoteId: String(quote.id) },
                title: speaker.text === speakerName ? `Speaker: ${speakerName}` : `Speaker: ${speaker.text} (${speakerName})`,
            };
            speakerSpans.set(key, span);
            spans.push(span);
        }
    }
    for (const entity of analysis.entities) {
        if (!shown.has(entity.label)) continue;
        spans.push({
            start: entity.start,
            end: entity.end,
            type: 'entity',
            rank: 2,
            className: `${prefix}-entity`,
            data: { label: entity.label, entityId: String(entity.id), cluster: String(entity.cluster) },
            title: ENTITY_NAMES.get(entity.label) ?? entity.label,
        });
    }
    return spans;
}

/**
 * Highlights `root` in place: reads its text, analyses it with `analyze(text)`, wraps the spans.
 * Highlighting a root again first undoes the previous highlight, so the result is the same.
 * @param {Element} root
 * @param {(text: string) => any} analyze
 * @param {object} options see index.d.ts (HighlightOptions)
 */
export function highlightElement(root, analyze, options = {}) {
    if (!root || root.nodeType !== 1) throw new TypeError('highlight: expected an Element');
    const prefix = checkPrefix(options.prefix ?? 'quotelens');
    unhighlightElement(root);
    const { text, segments } = collectText(root);
    const analysis = analyze(text);
    const spans = spansOf(analysis, { labels: options.labels, speakers: options.speakers ?? true, prefix });
    const state = { splits: [], marks: [], root: saveRootState(root) };
    states.set(root, state);
    wrapSpans(root.ownerDocument, segments, spans, prefix, state);
    root.setAttribute(ROOT_ATTRIBUTE, '');
    root.setAttribute(THEME_ATTRIBUTE, options.theme ?? 'light');
    applyPalette(root, options.palette, prefix, state);
    if (options.injectStyles ?? true) adoptStyles(root.getRootNode(), prefix);
    return { text, analysis, marks: state.marks.length };
}

/**
 * Undoes `highlightElement(root)`: unwraps its marks, joins the text nodes it split, and
 * restores the root's attributes and style. Does nothing for a root that is not highlighted.
 * @param {Element} root
 */
export function unhighlightElement(root) {
    const state = states.get(root);
    if (!state) return false;
    states.delete(root);
    for (const mark of state.marks) {
        const parent = mark.parentNode;
        if (!parent) continue; // the host page removed it meanwhile
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        mark.remove();
    }
    // Join each split node's pieces back into the original node, as far as they are still
    // neighbours (the host page may have moved one meanwhile).
    for (const pieces of state.splits) {
        let into = pieces[0];
        for (const piece of pieces.slice(1)) {
            if (into.nextSibling === piece) {
                into.appendData(piece.data);
                piece.remove();
            } else {
                into = piece;
            }
        }
    }
    restoreRootState(root, state.root);
    return true;
}

/** True while `root` shows a highlight made by highlightElement. */
export function isHighlighted(root) {
    return states.has(root);
}

function checkPrefix(prefix) {
    if (!/^[a-z][a-z0-9-]*$/i.test(prefix)) throw new TypeError(`highlight: bad class prefix ${JSON.stringify(prefix)}`);
    return prefix;
}

/**
 * Splits the segments' text nodes at every span boundary and wraps each piece in the marks of
 * the spans covering it, outermost (earliest, longest) first. Consecutive pieces of one text
 * node share their marks, so a quote within one text node is one element, with an entity
 * nested in it.
 */
function wrapSpans(doc, segments, spans, prefix, state) {
    const ordered = spans
        .filter((span) => span.start < span.end)
        .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
    if (ordered.length === 0) return;
    const boundaries = [...new Set(ordered.flatMap((span) => [span.start, span.end]))].sort((a, b) => a - b);
    const firstMark = new Map();
    const lastMark = new Map();
    let next = 0; // the first span not yet active
    let active = []; // spans that have started, in `ordered` order
    let boundary = 0; // index into boundaries
    for (const segment of segments) {
        // The cut points inside this node.
        while (boundary < boundaries.length && boundaries[boundary] <= segment.start) boundary += 1;
        const cuts = [];
        for (let i = boundary; i < boundaries.length && boundaries[i] < segment.end; i++) cuts.push(boundaries[i]);
        const pieces = splitAt(segment, cuts, state);
        /** @type {Array<{span: Span, mark: Element}>} the marks open in this node, outermost first */
        let open = [];
        for (const piece of pieces) {
            while (next < ordered.length && ordered[next].start <= piece.start) active.push(ordered[next++]);
            active = active.filter((span) => span.end > piece.start);
            const covering = active.filter((span) => span.end >= piece.end);
            if (covering.length === 0 || isLayoutWhitespace(piece.node)) {
                open = [];
                continue;
            }
            let shared = 0;
            while (shared < open.length && shared < covering.length && open[shared].span === covering[shared]) shared += 1;
            open = open.slice(0, shared);
            for (const span of covering.slice(shared)) {
                const mark = makeMark(doc, span, prefix);
                if (open.length === 0) piece.node.parentNode.insertBefore(mark, piece.node);
                else open[open.length - 1].mark.appendChild(mark);
                open.push({ span, mark });
                state.marks.push(mark);
                if (!firstMark.has(span)) firstMark.set(span, mark);
                lastMark.set(span, mark);
            }
            open[open.length - 1].mark.appendChild(piece.node);
        }
    }
    for (const mark of firstMark.values()) mark.classList.add(`${prefix}-first`);
    for (const mark of lastMark.values()) mark.classList.add(`${prefix}-last`);
}

/** Splits the segment's node at `cuts` (text offsets); returns the pieces with their ranges. */
function splitAt(segment, cuts, state) {
    const pieces = [];
    let node = segment.node;
    let start = segment.start;
    for (const cut of cuts) {
        const rest = node.splitText(cut - start);
        pieces.push({ node, start, end: cut });
        node = rest;
        start = cut;
    }
    pieces.push({ node, start, end: segment.end });
    if (pieces.length > 1) state.splits.push(pieces.map((piece) => piece.node));
    return pieces;
}

/**
 * A whitespace-only text node between block elements (source indentation) is not drawn: a
 * mark there would sit between two paragraphs.
 */
function isLayoutWhitespace(node) {
    if (!/^\s*$/.test(node.data)) return false;
    const isBlock = (sibling) => sibling === null || (sibling.nodeType === 1 && BREAKS.has(sibling.nodeName.toUpperCase()));
    return isBlock(node.previousSibling) || isBlock(node.nextSibling);
}

function makeMark(doc, span, prefix) {
    const mark = doc.createElement('mark');
    mark.className = `${prefix}-mark ${span.className}`;
    mark.setAttribute(MARK_ATTRIBUTE, span.type);
    for (const [key, value] of Object.entries(span.data)) mark.dataset[key] = value;
    if (span.title) mark.title = span.title;
    return mark;
}

// --- The root's own attributes ------------------------------------------------------------

function saveRootState(root) {
    return {
        hadStyle: root.hasAttribute('style'),
        attributes: [ROOT_ATTRIBUTE, THEME_ATTRIBUTE].map((name) => [name, root.getAttribute(name)]),
        properties: [],
    };
}

/**
 * Sets the palette as custom properties on the root (through the CSSOM, which a CSP without
 * 'unsafe-inline' allows), never on the marks: `{PERSON: 'crimson', direct: 'teal'}` sets
 * `--<prefix>-person-line`, `-tint` and `-ink`, and `--<prefix>-direct-line` and `-tint`.
 */
function applyPalette(root, palette, prefix, state) {
    if (!palette) return;
    const style = root.style;
    const set = (name, value) => {
        state.root.properties.push([name, style.getPropertyValue(name), style.getPropertyPriority(name)]);
        style.setProperty(name, value);
    };
    for (const [label, colour] of Object.entries(palette)) {
        const key = String(label).toLowerCase();
        if (!/^[a-z-]+$/.test(key) || typeof colour !== 'string') continue;
        set(`--${prefix}-${key}-line`, colour);
        set(`--${prefix}-${key}-tint`, `color-mix(in srgb, ${colour} 22%, transparent)`);
        set(`--${prefix}-${key}-ink`, `color-mix(in srgb, ${colour} 55%, currentColor)`);
    }
}

function restoreRootState(root, saved) {
    for (const [name, value, priority] of saved.properties.reverse()) {
        if (value === '') root.style.removeProperty(name);
        else root.style.setProperty(name, value, priority);
    }
    if (!saved.hadStyle && root.getAttribute('style') === '') root.removeAttribute('style');
    for (const [name, value] of saved.attributes) {
        if (value === null) root.removeAttribute(name);
        else root.setAttribute(name, value);
    }
}
