// The content script: injected into the tab by background.js on a click (activeTab), it finds
// the article (article.js), reads its text with the embed's walker, has it analysed by the
// service worker, and highlights it in place with the embed's highlightElement — the function
// behind the package's highlight(), given the analysis instead of the wasm module, so no wasm
// and no extension file is ever loaded into the page (see extension/README.md, "Where the
// analysis runs"). A second toggle is the embed's unhighlightElement: the page's DOM as before.
//
// Messages (chrome.runtime, from background.js and the side panel):
//   {type: 'toggle'}            highlight, or remove the highlight; answers the new state
//   {type: 'state'}             the state: status, message, the text and its analysis
//   {type: 'refresh'}           remove the highlight and highlight the article as it is now
//   {type: 'show', analysis}    redraw the marks from a corrected analysis of the same text
//   {type: 'jump', quote} / {type: 'mention', cluster, index}   scroll to a mark
// Every change of state is announced with {type: 'changed'} so the side panel redraws.

import { collectText, highlightElement, isHighlighted, unhighlightElement } from '../www/embed/highlight.js';
import { chooseArticle } from './article.js';

/**
 * The longest text analysed, in UTF-16 units (~150,000 words, a short book): beyond it the page
 * is not a news article and the user is told so, instead of the tab stalling.
 */
const MAX_CHARS = 1_000_000;

/** Attempts at analysing a text the page keeps changing while it is being analysed. */
const ATTEMPTS = 3;

/**
 * @typedef {'off' | 'working' | 'on' | 'stale' | 'none' | 'error'} Status
 * @typedef {{status: Status, message: string, title: string, url: string, text?: string,
 *            analysis?: any, marks?: number, frames?: number}} State
 */

// A second injection into the same page (a second click) finds the first one's listener.
const KEY = '__quotelensContent';
if (!(/** @type {any} */ (globalThis)[KEY])) {
    /** @type {any} */ (globalThis)[KEY] = true;
    start();
}

function start() {
    /** @type {State} */
    let state = { status: 'off', message: '', title: document.title, url: location.href };
    /** @type {Element | null} */
    let root = null;
    /** @type {MutationObserver | null} */
    let observer = null;
    let busy = false;

    const announce = () => chrome.runtime.sendMessage({ type: 'changed' }).catch(() => {});
    /** @param {Partial<State>} change */
    const set = (change) => {
        state = { ...state, title: document.title, url: location.href, ...change };
        announce();
        return state;
    };

    /** Stops watching the page, then removes every mark: the page's DOM as it was. */
    function remove() {
        observer?.disconnect();
        observer = null;
        if (root) unhighlightElement(root);
        root = null;
    }

    /**
     * Watches the highlighted element for the page's own changes (a re-rendered paragraph, an
     * SPA's update): the parts it replaced lose their marks, the rest stays highlighted, and
     * the reader is told. Our own changes are synchronous and taken out before watching.
     */
    function watch() {
        if (!root) return;
        observer = new MutationObserver((records) => {
            if (state.status !== 'on') return;
            // The page rewrote a text node in place (as React does with the node it keeps): if
            // we split that node, our other pieces now repeat old text on screen. Every mark
            // goes at once (the embed's undo drops those pieces), and the page shows its own text.
            if (records.some((record) => record.type === 'characterData')) {
                remove();
                return set({
                    status: 'stale',
                    message:
                        'The page rewrote the article’s text while it was highlighted, so the highlights were removed and the page shows its own text. ' +
                        'Use “Highlight again” to read it afresh.',
                    text: undefined,
                    analysis: undefined,
                });
            }
            set({
                status: 'stale',
                message:
                    'The page changed the article after it was highlighted: the parts it re-rendered lost their highlights. ' +
                    'Use “Highlight again” to read it afresh.',
            });
        });
        observer.observe(root, { childList: true, characterData: true, subtree: true });
    }

    /** Finds the article, has it analysed, highlights it. */
    async function highlight() {
        set({ status: 'working', message: 'Finding the article…', text: undefined, analysis: undefined });
        const choice = chooseArticle(document);
        if (!choice.ok) return set({ status: 'none', message: choice.message, frames: choice.frames });
        const element = choice.root;
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
            const { text } = collectText(element);
            if (text.length > MAX_CHARS) {
                return set({
                    status: 'none',
                    message: `This page’s main text is ${text.length.toLocaleString('en')} characters long; quotelens reads articles of up to ${MAX_CHARS.toLocaleString('en')}. Nothing was changed.`,
                });
            }
            set({ status: 'working', message: `Analysing ${text.length.toLocaleString('en')} characters…` });
            /** @type {{ok: true, analysis: any} | {ok: false, error: string}} */
            const answer = await chrome.runtime.sendMessage({ type: 'analyze', text }).catch((error) => ({ ok: false, error: String(error?.message ?? error) }));
            if (!answer?.ok) return set({ status: 'error', message: `The analysis failed: ${answer?.error ?? 'no answer from the extension'}. The page was not changed.` });
            // The page may have changed the article while it was analysed: the offsets would
            // then point into another text. Read it again; highlight only the text analysed.
            if (!element.isConnected || collectText(element).text !== text) continue;
            highlightElement(element, () => answer.analysis, {});
            root = element;
            watch();
            const analysis = answer.analysis;
            const frames = choice.frames > 0 ? ` Text inside the page’s ${choice.frames} embedded frame${choice.frames === 1 ? '' : 's'} is not read.` : '';
            return set({
                status: 'on',
                message: `${count(analysis.quotes.length, 'quotation')} and ${count(analysis.clusters.length, 'name')} in “${choice.title}”. Click the button again to remove the highlights.${frames}`,
                text,
                analysis,
                frames: choice.frames,
            });
        }
        return set({ status: 'error', message: 'The page kept changing its article while it was analysed; nothing was highlighted. Try again when it has settled.' });
    }

    /** @param {any} analysis a corrected analysis of the highlighted text (the side panel's) */
    function show(analysis) {
        if (!root || state.status !== 'on' || state.text === undefined) return false;
        observer?.disconnect();
        if (collectText(root).text === state.text) highlightElement(root, () => analysis, {});
        watch();
        return true;
    }

    /** Scrolls the `index`-th mark matching `selector` into view. */
    function reveal(selector, index = 0) {
        const marks = root ? [...root.querySelectorAll(selector)] : [];
        const mark = marks[Math.min(index, marks.length - 1)];
        mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        return mark !== undefined;
    }

    /** Groups entity marks by mention (a mention split over elements is several marks). */
    function mentionSelector(cluster, index) {
        const ids = [...new Set([...(root?.querySelectorAll(`mark[data-cluster="${Number(cluster)}"]`) ?? [])].map((m) => /** @type {HTMLElement} */ (m).dataset.entityId))];
        return ids.length === 0 ? null : `mark[data-entity-id="${ids[index % ids.length]}"]`;
    }

    chrome.runtime.onMessage.addListener((message, _sender, reply) => {
        const run = async () => {
            switch (message?.type) {
                case 'toggle':
                case 'refresh': {
                    if (busy) return state;
                    busy = true;
                    try {
                        const wasOn = root !== null && isHighlighted(root);
                        remove();
                        if (message.type === 'toggle' && wasOn) {
                            return set({ status: 'off', message: 'Highlights removed: the page is as it was.', text: undefined, analysis: undefined });
                        }
                        return await highlight();
                    } catch (error) {
                        remove();
                        return set({ status: 'error', message: `quotelens could not highlight this page (${error instanceof Error ? error.message : String(error)}); the page was left as it was.` });
                    } finally {
                        busy = false;
                    }
                }
                case 'state':
                    return state;
                case 'show':
                    return show(message.analysis);
                case 'jump':
                    return reveal(`mark[data-quotelens="quote"][data-quote-id="${Number(message.quote)}"]`);
                case 'mention': {
                    const selector = mentionSelector(message.cluster, message.index);
                    return selector !== null && reveal(selector);
                }
                default:
                    return undefined;
            }
        };
        run().then(reply);
        return true; // the answer comes asynchronously
    });
}

/** `3 quotations`, `1 name`. */
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
