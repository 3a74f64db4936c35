// Rich text (HTML from a paste or a dropped .html file) → plain text with its paragraphs kept.
//
// The HTML is parsed by DOMParser into an inert document: it has no browsing context, so
// nothing in it runs or loads (no scripts, no onerror, no images, no styles). Only its text
// nodes are read; block elements become line breaks. Nothing of it is ever inserted into the page.

/** Elements whose content is not article text. */
const SKIPPED = new Set([
    'HEAD', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
    'SVG', 'MATH', 'SELECT', 'BUTTON', 'INPUT', 'TEXTAREA', 'AUDIO', 'VIDEO', 'PICTURE', 'IMG',
]);

/** Elements that stand as paragraphs of their own: a blank line before and after. */
const PARAGRAPHS = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
    'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
    'HEADER', 'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
    'TABLE', 'UL',
]);

/** Elements that end a line without opening a paragraph. */
const LINES = new Set(['BR', 'TR', 'CAPTION']);

/** Table cells are separated by a tab, so a row stays on one line. */
const CELLS = new Set(['TD', 'TH']);

const PARAGRAPH_BREAK = { paragraph: true };
const LINE_BREAK = { line: true };

/**
 * The text of `html`, one blank line between paragraphs.
 * @param {string} html
 * @returns {string}
 */
export function htmlToText(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    /** @type {Array<string | {paragraph?: boolean, line?: boolean}>} */
    const parts = [];
    // An explicit stack, not recursion: pasted HTML can be nested arbitrarily deep.
    /** @type {Array<{node: Node, leaving?: boolean, pre: boolean}>} */
    const stack = [{ node: doc.body ?? doc.documentElement, pre: false }];
    while (stack.length > 0) {
        const { node, leaving, pre } = stack.pop();
        if (node.nodeType === Node.TEXT_NODE) {
            parts.push(pre ? node.data : node.data.replace(/[ \t\n\r\f]+/g, ' '));
            continue;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const name = node.nodeName.toUpperCase();
        if (leaving) {
            if (PARAGRAPHS.has(name)) parts.push(PARAGRAPH_BREAK);
            else if (CELLS.has(name)) parts.push('\t');
            continue;
        }
        if (SKIPPED.has(name)) continue;
        if (LINES.has(name)) parts.push(LINE_BREAK);
        if (PARAGRAPHS.has(name)) parts.push(PARAGRAPH_BREAK);
        const inPre = pre || name === 'PRE' || name === 'TEXTAREA';
        stack.push({ node, leaving: true, pre });
        for (let child = node.lastChild; child; child = child.previousSibling) {
            stack.push({ node: child, pre: inPre });
        }
    }
    return join(parts);
}

function join(parts) {
    let text = '';
    let pending = ''; // the break owed before the next text: '', '\n' or '\n\n'
    for (const part of parts) {
        if (typeof part === 'string') {
            if (part === '') continue;
            if (pending && text !== '') text += pending;
            pending = '';
            text += part;
        } else if (part.paragraph) {
            pending = '\n\n';
        } else if (pending === '') {
            pending = '\n';
        } else if (pending === '\n') {
            // Two <br> in a row stand for a paragraph break, as in many e-mail and CMS exports.
            pending = '\n\n';
        }
    }
    // Blanks around line breaks are layout, not text.
    return text
        .replace(/[ \t]*\n[ \t]*/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
}
