// The one DOM → text walker of the page and the embed: which elements hold article text, and
// where an element breaks the text. The page reads pasted or dropped HTML with it
// (input/plaintext.js); the embed reads a host page's element with it (embed/highlight.js).
//
// The rules, decided once:
//   - skipped (not article text): scripts, styles, form controls, media, embedded documents,
//     templates, <head>, a <quote-lens> element, and anything contenteditable;
//   - a paragraph: every block element (p, div, li, headings, blockquote, table, …) stands on
//     its own, with a break before and after it;
//   - a line: <br> ends a line (two in a row end a paragraph); a table row (and a caption) is
//     one line;
//   - a cell: table cells are separated by a tab, so a row stays one line ("a\tb");
//   - inside <pre> the text's own line breaks are kept.
// What a break becomes is the caller's choice (the page writes a blank line between paragraphs;
// the embed one line break, as it must keep every offset).

/** Elements whose content is not article text. */
const SKIPPED = new Set([
    'HEAD', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG',
    'MATH', 'SELECT', 'OPTION', 'BUTTON', 'INPUT', 'TEXTAREA', 'AUDIO', 'VIDEO', 'PICTURE', 'IMG',
    'QUOTE-LENS',
]);

/** Elements that stand as paragraphs of their own. */
const PARAGRAPHS = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
    'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
    'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
    'TABLE', 'UL',
]);

/** Elements that are one line: a break before and after, never a paragraph. (A table's row
 * groups, thead / tbody / tfoot, break nothing of their own: their rows do.) */
const LINES = new Set(['TR', 'CAPTION']);

/** Table cells: a tab between two of them. */
const CELLS = new Set(['TD', 'TH']);

/** @typedef {'paragraph' | 'line' | 'cell'} Break the kinds of break, strongest first */

const STRENGTH = { cell: 1, line: 2, paragraph: 3 };

/**
 * Whether `element` is a block for layout: it starts and ends a paragraph or a line (so
 * whitespace between two of them is source indentation, not text).
 * @param {Node} node
 */
export function isBlock(node) {
    if (node.nodeType !== 1) return false;
    const name = node.nodeName.toUpperCase();
    return PARAGRAPHS.has(name) || LINES.has(name) || CELLS.has(name) || name === 'BR';
}

/**
 * Whether the content of `element` is article text.
 * @param {Element} element
 */
function isSkipped(element) {
    if (SKIPPED.has(element.nodeName.toUpperCase())) return true;
    const editable = element.getAttribute('contenteditable');
    return editable !== null && editable.toLowerCase() !== 'false';
}

/**
 * Walks the article text under `root` (the root itself is always read) in document order.
 * `text(node, pre, separator)` is called for each text node (pre: inside <pre>); `separator`
 * is the break owed before it: the strongest break met since the last text, or null for none
 * (never before the first text, never after the last, never before layout whitespace). `opaque(element)` marks
 * an element whose text is not read but which breaks like a paragraph (the embed: an element
 * highlighted on its own). An explicit stack, not recursion: articles nest deeply.
 * @param {Node} root
 * @param {{text: (node: Text, pre: boolean, separator: Break | null) => void,
 *          opaque?: (element: Element) => boolean}} visit
 */
export function walkText(root, visit) {
    /** @type {Break | null} */
    let owed = null;
    let started = false;
    /** @param {Break} kind */
    const owe = (kind) => {
        if (owed === null || STRENGTH[kind] > STRENGTH[owed]) owed = kind;
    };
    /** @type {Array<{node: Node, pre: boolean, leaving?: Break | null}>} */
    const stack = [{ node: root, pre: false }];
    while (stack.length > 0) {
        const { node, pre, leaving } = /** @type {{node: Node, pre: boolean, leaving?: Break | null}} */ (stack.pop());
        if (leaving !== undefined) {
            if (leaving !== null) owe(leaving);
            continue;
        }
        if (node.nodeType === 3 /* TEXT_NODE */) {
            const textNode = /** @type {Text} */ (node);
            if (textNode.data === '') continue;
            // Whitespace alone outside <pre> is layout (source indentation between blocks): it
            // stands before the break owed, which goes to the next real text.
            if (!pre && /^[ \t\n\r\f]*$/.test(textNode.data)) {
                visit.text(textNode, pre, null);
                continue;
            }
            visit.text(textNode, pre, started ? owed : null);
            started = true;
            owed = null;
            continue;
        }
        if (node.nodeType !== 1 /* ELEMENT_NODE */) continue;
        const element = /** @type {Element} */ (node);
        if (element !== root && isSkipped(element)) continue;
        const name = element.nodeName.toUpperCase();
        if (element !== root && visit.opaque?.(element)) {
            owe('paragraph');
            continue;
        }
        if (name === 'BR') {
            // Two <br> in a row stand for a paragraph break, as in many e-mail and CMS exports.
            if (/** @type {Break | null} */ (owed) === 'line') owed = 'paragraph';
            else owe('line');
            continue;
        }
        /** @type {Break | null} */
        const kind = PARAGRAPHS.has(name) ? 'paragraph' : LINES.has(name) ? 'line' : CELLS.has(name) ? 'cell' : null;
        if (kind !== null && kind !== 'cell') owe(kind);
        stack.push({ node: element, pre, leaving: kind });
        const inPre = pre || name === 'PRE';
        for (let child = element.lastChild; child; child = child.previousSibling) {
            stack.push({ node: child, pre: inPre });
        }
    }
}
