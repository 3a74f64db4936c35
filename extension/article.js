// Which element of the page is the article: Mozilla's Readability (Firefox Reader View) decides,
// run on a CLONE of the document, because it rewrites the tree it reads. The page itself is
// never re-rendered: Readability's output is used only to find, in the live page, the smallest
// element holding the text it kept, and that element is what highlight() reads and marks.
//
// How the clone's text is traced back: a text node of the clone is paired with the live one at
// the same position (the clone is taken in one go, so both trees have the same text nodes in the
// same order). Readability moves text nodes into its result without re-creating them, so the
// text it kept leads straight back to live nodes; their deepest common ancestor is the article.
// An ad or related-links box Readability dropped is therefore left out whenever the page keeps
// it beside the article's element (as news pages do), not inside it.

import Readability from './vendor/Readability.js';
import isProbablyReaderable from './vendor/Readability-readerable.js';

/** Text shorter than this (UTF-16 units) is no article: a caption, a teaser, a login box. */
export const MIN_ARTICLE_CHARS = 280;

/**
 * @typedef {{ok: true, root: Element, title: string, frames: number}
 *         | {ok: false, reason: 'no-article', message: string, frames: number}} ArticleChoice
 */

/**
 * The element of `doc` that holds its article.
 * @param {Document} doc the live page (only read: the work happens on a clone)
 * @returns {ArticleChoice}
 */
export function chooseArticle(doc) {
    const frames = doc.querySelectorAll('iframe, frame').length;
    const clone = /** @type {Document} */ (doc.cloneNode(true));
    const live = textNodes(doc);
    const copies = textNodes(clone);
    // The clone mirrors the page: a mismatch would be a browser bug, but costs nothing to catch.
    const toLive = new Map();
    if (live.length === copies.length) copies.forEach((copy, i) => toLive.set(copy, live[i]));
    const none = (message) => /** @type {ArticleChoice} */ ({ ok: false, reason: 'no-article', message, frames });
    const framesNote =
        frames > 0 ? ` This page has ${frames} embedded frame${frames === 1 ? '' : 's'}; text inside frames is not read.` : '';
    if (!isProbablyReaderable(clone, { minContentLength: 140, minScore: 20 })) {
        return none(`No article found on this page: it has no long run of paragraphs to read.${framesNote}`);
    }
    // The serializer hands back Readability's element itself instead of its HTML.
    const parsed = new Readability(clone, { serializer: (element) => element }).parse();
    const kept = parsed?.content ? textNodes(/** @type {Node} */ (parsed.content)) : [];
    const origins = kept
        .filter((node) => node.data.trim() !== '')
        .map((node) => toLive.get(node))
        .filter((node) => node !== undefined);
    const root = commonAncestor(origins);
    if (root === null || (root.textContent ?? '').trim().length < MIN_ARTICLE_CHARS) {
        return none(`No article found on this page: too little running text to analyse.${framesNote}`);
    }
    return { ok: true, root: root === doc.documentElement ? /** @type {Element} */ (doc.body) : root, title: parsed?.title ?? doc.title, frames };
}

/** The text nodes under `root`, in document order. */
function textNodes(root) {
    const doc = root.nodeType === 9 ? /** @type {Document} */ (root) : /** @type {Document} */ (root.ownerDocument);
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    /** @type {Text[]} */
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(/** @type {Text} */ (node));
    return nodes;
}

/**
 * The deepest element containing every node of `nodes` (null for none). Linear: each node's
 * ancestors are walked once, against the chain of the first node.
 * @param {Node[]} nodes
 * @returns {Element | null}
 */
function commonAncestor(nodes) {
    if (nodes.length === 0) return null;
    /** @type {Element[]} */
    const chain = [];
    for (let at = nodes[0].parentElement; at; at = at.parentElement) chain.push(at);
    const depth = new Map(chain.map((element, i) => [element, i]));
    let lowest = 0; // index into chain: the deepest ancestor shared so far
    for (const node of nodes.slice(1)) {
        let at = node.parentElement;
        while (at && !depth.has(at)) at = at.parentElement;
        if (!at) return null;
        lowest = Math.max(lowest, /** @type {number} */ (depth.get(at)));
    }
    return chain[lowest] ?? null;
}
