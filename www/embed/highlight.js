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

import { claimsOf, inferredReason, isInferred, speakerName } from '../core/attribution.js';
import { isBlock, walkText } from '../core/domtext.js';
import { CLAIM, ENTITY_LABELS, QUOTE_KINDS, quoteKind } from '../core/labels.js';
import { reopen, stretches } from '../core/layers.js';
import { adoptStyles } from './styles.js';

/** Everything `labels` can name: the four quote kinds, `claim` (reported speech) and the entity labels, wire-format spelling. */
export const ALL_LABELS = [...QUOTE_KINDS.map((k) => k.kind), CLAIM.kind, ...ENTITY_LABELS.map((e) => e.label)];

const ENTITY_NAMES = new Map(ENTITY_LABELS.map((e) => [e.label, e.name]));

/** The attribute on a highlighted root, and on every mark (its value: quote, entity, speaker). */
const ROOT_ATTRIBUTE = 'data-quotelens-root';
const THEME_ATTRIBUTE = 'data-quotelens-theme';
const MARK_ATTRIBUTE = 'data-quotelens';

/** What highlight() changed, per root, so unhighlight() can undo exactly that. */
const states = new WeakMap();

/**
 * @typedef {{node: Text, start: number, end: number}} Segment a text node at [start, end) of the text
 * @typedef {import('../core/layers.js').LayerSpan & {type: 'quote'|'claim'|'entity'|'speaker',
 *            className: string, data: Record<string, string>, title: string}} Span
 */

/**
 * The text of `root` as the analyser should read it, and where each text node sits in it: the
 * walker of core/domtext.js decides what is read and where it breaks; here every break is one
 * character (a line break, or a tab between table cells) and other whitespace characters
 * become spaces one for one, so every offset maps straight back into its node. Inside <pre>
 * line breaks are kept. An element highlighted on its own keeps its highlight: its text is
 * not read again (the marks of an enclosing highlight are read through: their text is the text).
 * @param {Element} root
 * @returns {{text: string, segments: Segment[]}}
 */
export function collectText(root) {
    /** @type {string[]} */
    const parts = [];
    /** @type {Segment[]} */
    const segments = [];
    let length = 0;
    walkText(root, {
        opaque: (element) => element.hasAttribute(ROOT_ATTRIBUTE),
        text(node, pre, separator) {
            if (separator !== null) {
                parts.push(separator === 'cell' ? '\t' : '\n');
                length += 1;
            }
            const data = node.data;
            parts.push(pre ? data.replace(/[\t\r\f]/g, ' ') : data.replace(/[\n\t\r\f]/g, ' '));
            segments.push({ node, start: length, end: length + data.length });
            length += data.length;
        },
    });
    return { text: parts.join(''), segments };
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
 * The spans to draw for `analysis`: quotes (outer range, marks included), claims (reported
 * speech, the label `claim`: their content, outer like quotes), entities and, when `speakers`,
 * each shown quote's speaker and claim's source. One span per speaker range, naming all of them.
 * @returns {Span[]}
 */
/**
 * @param {import('../core/types.js').DocumentOut} analysis
 * @param {{labels?: Iterable<string> | string, speakers?: boolean, prefix?: string}} [options]
 */
export function spansOf(analysis, { labels = undefined, speakers = true, prefix = 'quotelens' } = {}) {
    const shown = labelSet(labels);
    /** @type {Span[]} */
    const spans = [];
    const speakerSpans = new Map();
    const clustersById = new Map((analysis.clusters ?? []).map((c) => [c.id, c]));
    /**
     * One span per speaker mention, naming every quote (`quoteId`) and claim (`claimId`) credited to it.
     * @param {import('../core/types.js').SpeakerOut} speaker @param {string} name
     * @param {'quoteId' | 'claimId'} field @param {number} id
     */
    const addSpeaker = (speaker, name, field, id) => {
        const key = `${speaker.start}:${speaker.end}`;
        const existing = speakerSpans.get(key);
        if (existing) {
            existing.data[field] = existing.data[field] === undefined ? String(id) : `${existing.data[field]} ${id}`;
            return;
        }
        /** @type {Span} */
        const span = {
            start: speaker.start,
            end: speaker.end,
            type: 'speaker',
            outer: false,
            layer: 1,
            className: `${prefix}-speaker`,
            data: { speaker: name, [field]: String(id) },
            title: speaker.text === name ? `Speaker: ${name}` : `Speaker: ${speaker.text} (${name})`,
        };
        speakerSpans.set(key, span);
        spans.push(span);
    };
    for (const quote of analysis.quotes) {
        if (!shown.has(quote.kind)) continue;
        const speaker = quote.speaker;
        // The page's name for the speaker (their cluster's), so both name them alike.
        const name = speakerName(quote, clustersById);
        /** @type {Record<string, string>} */
        const data = { kind: quote.kind, quoteId: String(quote.id) };
        if (speaker) data.speaker = name;
        if (quote.unclosed) data.unclosed = '';
        if (quote.parent !== null) data.parent = String(quote.parent);
        spans.push({
            start: quote.outer_start,
            end: quote.outer_end,
            type: 'quote',
            outer: true,
            layer: 0,
            className: `${prefix}-quote`,
            data,
            title: `${quoteKind(quote.kind).name} quote${speaker ? ` · ${name}` : ''}` +
                (quote.unclosed ? ' · no closing mark' : ''),
        });
        if (speakers && speaker) addSpeaker(speaker, name, 'quoteId', quote.id);
    }
    // Reported speech: its content, outer like a quote (a mixed claim holds its partial quotes).
    for (const claim of shown.has(CLAIM.kind) ? claimsOf(analysis) : []) {
        const name = speakerName(claim, clustersById);
        /** @type {Record<string, string>} */
        const data = { kind: claim.kind, claimId: String(claim.id) };
        if (claim.source) data.speaker = name;
        if (isInferred(claim)) data.inferred = '';
        spans.push({
            start: claim.content.start,
            end: claim.content.end,
            type: 'claim',
            outer: true,
            layer: 0,
            className: `${prefix}-claim`,
            data,
            title: `${CLAIM.name} speech${claim.source ? ` · ${name}` : ''}${isInferred(claim) ? ` · ${inferredReason(claim)}` : ''}`,
        });
        if (speakers && claim.source) addSpeaker(claim.source, name, 'claimId', claim.id);
    }
    for (const entity of analysis.entities) {
        if (!shown.has(entity.label)) continue;
        spans.push({
            start: entity.start,
            end: entity.end,
            type: 'entity',
            outer: false,
            layer: 2,
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
    if (options.injectStyles ?? true) adoptStyles(/** @type {Document | ShadowRoot} */ (root.getRootNode()), prefix);
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
    for (const { pieces, first } of state.splits) {
        // The page rewrote its own node (a framework setting a text node's data, as React
        // does): it now holds the page's whole new text, and the other pieces are left-overs
        // of the old one, which joined back would show the text twice. They go instead.
        if (pieces[0].data !== first) {
            for (const piece of pieces.slice(1)) piece.remove();
            continue;
        }
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
 * the spans covering it, in the stack order of core/layers.js (quotes outermost; speakers and
 * entities inside, split where they cross). Consecutive pieces of one text node share their
 * marks, so a quote within one text node is one element, with an entity nested in it; a mark
 * never reaches across an element of the host page, so a new text node starts new marks.
 */
/**
 * @param {Document} doc
 * @param {Segment[]} segments
 * @param {Span[]} spans
 * @param {string} prefix
 * @param {{splits: Array<{pieces: Text[], first: string}>, marks: Element[]}} state
 */
function wrapSpans(doc, segments, spans, prefix, state) {
    if (segments.length === 0) return;
    const length = segments[segments.length - 1].end;
    const all = [...stretches(spans, length)].filter((stretch) => stretch.stack.length > 0);
    if (all.length === 0) return;
    const cutPoints = [...new Set(all.flatMap((stretch) => [stretch.from, stretch.to]))];
    /** @type {Map<Span, Element>} */
    const firstMark = new Map();
    /** @type {Map<Span, Element>} */
    const lastMark = new Map();
    let next = 0; // the first stretch that may cover the current piece
    let cut = 0; // index into cutPoints
    for (const segment of segments) {
        while (cut < cutPoints.length && cutPoints[cut] <= segment.start) cut += 1;
        const cuts = [];
        for (let i = cut; i < cutPoints.length && cutPoints[i] < segment.end; i++) cuts.push(cutPoints[i]);
        /** @type {Array<{span: Span, element: Element}>} the marks open in this node, outermost first */
        const open = [];
        for (const piece of splitAt(segment, cuts, state)) {
            while (next < all.length && all[next].to <= piece.start) next += 1;
            const stretch = next < all.length && all[next].from <= piece.start ? all[next] : null;
            if (stretch === null || isLayoutWhitespace(piece.node)) {
                open.length = 0;
                continue;
            }
            const parent = reopen(open, stretch.stack, piece.start, {
                make: (span) => {
                    const mark = makeMark(doc, span, prefix);
                    state.marks.push(mark);
                    if (!firstMark.has(span)) firstMark.set(span, mark);
                    lastMark.set(span, mark);
                    return mark;
                },
                attach: (mark, outer) => {
                    if (outer) outer.appendChild(mark);
                    else piece.node.parentNode?.insertBefore(mark, piece.node);
                },
            });
            // Never null: the stretch covers the piece, so at least one mark is open.
            /** @type {Element} */ (parent).appendChild(piece.node);
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
    // `first`: what the page's own node (the first piece) holds after the split, to tell
    // whether the page rewrote it before the undo.
    if (pieces.length > 1) state.splits.push({ pieces: pieces.map((piece) => piece.node), first: pieces[0].node.data });
    return pieces;
}

/**
 * A whitespace-only text node between block elements (source indentation) is not drawn: a
 * mark there would sit between two paragraphs.
 */
function isLayoutWhitespace(node) {
    if (!/^\s*$/.test(node.data)) return false;
    const edge = (sibling) => sibling === null || isBlock(sibling);
    return edge(node.previousSibling) || edge(node.nextSibling);
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
