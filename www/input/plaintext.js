// Rich text (HTML from a paste or a dropped .html file) → plain text with its paragraphs kept.
//
// The HTML is parsed by DOMParser into an inert document: it has no browsing context, so
// nothing in it runs or loads (no scripts, no onerror, no images, no styles). Only its text
// nodes are read, by the walker the embed uses too (core/domtext.js, which decides what is
// skipped and where paragraphs, lines and table cells break). Nothing of it is ever inserted
// into the page.

import { walkText } from '../core/domtext.js';

/** What each break becomes in the textarea: a blank line between paragraphs. */
const SEPARATORS = { paragraph: '\n\n', line: '\n', cell: '\t' };

/**
 * The text of `html`, one blank line between paragraphs, a table row per line with its cells
 * separated by tabs; runs of blanks outside <pre> become one space.
 * @param {string} html
 * @returns {string}
 */
export function htmlToText(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const parts = [];
    walkText(doc.body ?? doc.documentElement, {
        text(node, pre, separator) {
            if (separator !== null) parts.push(SEPARATORS[separator]);
            parts.push(pre ? node.data : node.data.replace(/[ \t\n\r\f]+/g, ' '));
        },
    });
    // Blanks around line breaks are layout, not text (a tab between cells is kept).
    return parts
        .join('')
        .replace(/[ \t]*\n[ \t]*/g, '\n')
        .replace(/ *\t */g, '\t')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
}
