// quotelens for other people's pages: the package's public API (types in index.d.ts).
//
//     import { init, highlight } from 'quotelens';
//     await init();                                   // fetches quotelens_bg.wasm next to the module
//     highlight(document.querySelector('article'));   // marks quotes, speakers and names in place
//
// Owns: loading the module once (async in browsers, sync under Node), turning a Rust panic into
// a spent instance that says so, and the `labels` filter. The DOM work is highlight.js's, the
// custom element element.js's (import 'quotelens/element' to register <quote-lens>).
//
// Next to www/analysis/engine.js this is the second and last JS file that reaches the wasm glue (through
// wasm.js). engine.js re-instantiates after a panic by importing the glue again under a new URL,
// which bundlers cannot follow; the embed instead reports the crash and asks for a reload.

import { WASM_URL, analyzeGlue, initGlue, initGlueSync } from './wasm.js';
import { highlightElement, labelSet, unhighlightElement } from './highlight.js';

export { ALL_LABELS, isHighlighted } from './highlight.js';

/** @type {'new' | 'loading' | 'ready' | 'crashed'} */
let status = 'new';
/** @type {Promise<void> | null} */
let loading = null;
let crash = '';

/**
 * Loads the module (browsers). With no argument it fetches `quotelens_bg.wasm` from next to the
 * glue; give a URL, a Response, bytes or a compiled `WebAssembly.Module` to load it from
 * elsewhere. Calling it again, or after `initSync`, does nothing.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<any>} [source]
 * @returns {Promise<void>}
 */
export function init(source) {
    if (status === 'ready' || status === 'crashed') return Promise.resolve();
    loading ??= initGlue({ module_or_path: source ?? WASM_URL }).then(
        () => {
            status = 'ready';
        },
        (error) => {
            loading = null; // a later call may try again
            status = 'new';
            throw error;
        },
    );
    status = 'loading';
    return loading;
}

/**
 * Loads the module synchronously from its bytes or a compiled module: for Node, which cannot
 * fetch a file URL (`initSync(readFileSync(wasmPath))`), and workers.
 * @param {BufferSource | WebAssembly.Module} bytes
 */
export function initSync(bytes) {
    if (status === 'ready' || status === 'crashed') return;
    initGlueSync({ module: bytes });
    status = 'ready';
}

/** True once `init()` or `initSync()` has finished. */
export function isReady() {
    return status === 'ready';
}

/**
 * Analyses `text`: quotes, speakers, entities and paragraphs, offsets in UTF-16 code units
 * (`text.slice(q.start, q.end)`). With `labels`, only quotes of those kinds, entities of those
 * labels and, with `claim`, reported speech (attributions; a direct one goes with `direct`) are returned; `id`, `parent` and `cluster` still refer to the full analysis.
 * @param {string} text
 * @param {{labels?: Iterable<string> | string}} [options]
 */
export function analyze(text, options = {}) {
    if (status === 'crashed') throw new Error(`quotelens: the analyser crashed earlier (${crash}); reload to use it again`);
    if (status !== 'ready') throw new Error('quotelens: call `await init()` (or `initSync(bytes)`) before analysing');
    let analysis;
    try {
        analysis = analyzeGlue(String(text));
    } catch (error) {
        // A panic leaves the instance's memory mid-operation: it must not run again (src/wasm.rs).
        status = 'crashed';
        crash = error instanceof Error ? error.message : String(error);
        throw error;
    }
    if (options.labels === undefined || options.labels === null) return analysis;
    const shown = labelSet(options.labels);
    return {
        ...analysis,
        quotes: analysis.quotes.filter((quote) => shown.has(quote.kind)),
        entities: analysis.entities.filter((entity) => shown.has(entity.label)),
        // Reported speech is the label `claim`; a direct attribution goes with its quotes.
        attributions: analysis.attributions.filter((a) => shown.has(a.kind === 'direct' ? 'direct' : 'claim')),
    };
}

/**
 * Highlights the text of `element` in place: see HighlightOptions in index.d.ts. Highlighting
 * the same element again replaces the previous highlight (the result is the same).
 * @param {Element} element
 * @param {object} [options]
 */
export function highlight(element, options = {}) {
    return highlightElement(element, (text) => analyze(text), options);
}

/** Removes the highlight of `element`, restoring its DOM exactly. False if it had none. */
export function unhighlight(element) {
    return unhighlightElement(element);
}
