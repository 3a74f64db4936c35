// Page wiring: the input, debounced and immediate analysis, paste and file drop, the sample,
// the legend with its counts, and the error banner. The only file that knows the page's
// element ids. The analysis itself is engine.js's; drawing it is render.js's.

import * as engine from './engine.js';
import { QUOTE_KINDS } from './labels.js';
import { htmlToText } from './plaintext.js';
import { countKinds, renderQuotes } from './render.js';
import { Progress, renderProgressively } from './progressive.js';
import * as persist from './persist.js';
import { joinWrappedLines } from './unwrap.js';
import { enableMarkNavigation } from './marknav.js';

/** Typing pauses this long before the view follows; a paste or a file is analysed at once. */
const DEBOUNCE_MS = 180;
/** Larger files are refused: the page is meant for articles, not archives. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const byId = (id) => document.getElementById(id);
const input = /** @type {HTMLTextAreaElement} */ (byId('article'));
const view = byId('view');
const legend = byId('legend');
const statusLine = byId('status');
const errorBanner = byId('error');
const dropZone = byId('drop-zone');
const fileInput = /** @type {HTMLInputElement} */ (byId('open-file'));
const undoButton = byId('undo');
const progress = new Progress(statusLine);

let debounceTimer = 0;
/** Increases with every analysis started; a result for an older text is dropped. */
let latestRequest = 0;
/** Cancels the analysis running in the worker when a newer text arrives. */
let cancelRunning = new AbortController();
let firstHighlightMarked = false;
/** The text and analysis the view shows, for clicks on a highlight. */
let shown = { text: '', analysis: null };

// --- Analysis ------------------------------------------------------------------------------

function scheduleAnalysis() {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(analyzeNow, DEBOUNCE_MS);
}

async function analyzeNow() {
    clearTimeout(debounceTimer);
    const text = input.value;
    const request = ++latestRequest;
    saveText(text);
    cancelRunning.abort();
    cancelRunning = new AbortController();
    progress.analysing(text);
    const result = await engine.analyze(text, { signal: cancelRunning.signal });
    if (request !== latestRequest) return;
    // Read by the browser tests: which analysis the page shows, and whether it failed.
    const markShown = () => {
        document.documentElement.dataset.analysed = String(request);
        document.documentElement.dataset.state = result.ok ? 'ok' : 'error';
    };
    if (!result.ok) {
        markShown();
        showPlain(text);
        showError(result.crashed ? `${result.error}. It has been restarted: edit the text to analyse it again.` : result.error);
        return;
    }
    hideError();
    const isCurrent = () => request === latestRequest;
    if (!(await renderProgressively(view, text, result.analysis, renderQuotes, { isCurrent, onProgress: progress.rendering }))) return;
    markShown();
    shown = { text, analysis: result.analysis };
    view.setAttribute('aria-busy', 'false');
    updateLegend(result.analysis);
    updateStatus(result.analysis, result.ms);
    if (!firstHighlightMarked) {
        firstHighlightMarked = true;
        // Read by the browser tests (load → first highlight), harmless elsewhere.
        performance.mark('quotelens:first-highlight');
    }
}

/** Shows the text without highlights, so it is never lost when the analysis fails. */
function showPlain(text) {
    renderProgressively(view, text, null, null);
    progress.done();
    shown = { text, analysis: null };
    view.setAttribute('aria-busy', 'false');
    updateLegend(null);
    statusLine.textContent = 'Not analysed';
}

// --- Legend, counts, status ----------------------------------------------------------------

function buildLegend() {
    const items = QUOTE_KINDS.map(({ kind, name, description }) => {
        const item = document.createElement('li');
        item.className = 'legend__item';
        item.dataset.kind = kind;
        item.title = description;
        const swatch = document.createElement('mark');
        swatch.className = 'quote legend__swatch';
        swatch.dataset.kind = kind;
        swatch.setAttribute('aria-hidden', 'true');
        swatch.textContent = 'Aa';
        const label = document.createElement('span');
        label.className = 'legend__name';
        label.textContent = name;
        const count = document.createElement('span');
        count.className = 'legend__count';
        count.dataset.count = kind;
        count.textContent = '–';
        item.append(swatch, label, count);
        return item;
    });
    legend.replaceChildren(...items);
}

function updateLegend(analysis) {
    const counts = analysis ? countKinds(analysis, QUOTE_KINDS) : null;
    for (const element of legend.querySelectorAll('[data-count]')) {
        element.textContent = counts ? String(counts.get(element.dataset.count) ?? 0) : '–';
    }
}

function updateStatus(analysis, elapsedMs) {
    const n = analysis.quotes.length;
    const unclosed = analysis.quotes.filter((q) => q.unclosed).length;
    const parts = [n === 1 ? '1 quotation' : `${n} quotations`];
    if (unclosed > 0) parts.push(`${unclosed} without a closing mark`);
    parts.push(`${elapsedMs < 1 ? '<1' : Math.round(elapsedMs)} ms`);
    statusLine.textContent = parts.join(' · ');
}

function showError(message) {
    errorBanner.textContent = message;
    errorBanner.hidden = false;
}

function hideError() {
    errorBanner.hidden = true;
    errorBanner.textContent = '';
}

// --- Input: typing, paste, files -----------------------------------------------------------

/**
 * Replaces the selection with `text`. Not through `execCommand('insertText')`, which would keep
 * the browser's undo but takes seconds for a long article (quadratic in Chromium); a paste the
 * browser can do itself is left to it (see onPaste), and wholesale replacements can be undone
 * with the Undo button (see replaceAll).
 */
function insertText(text) {
    input.focus();
    if (input.selectionStart === 0 && input.selectionEnd === input.value.length) {
        // Replacing it all: the value setter takes milliseconds where setRangeText takes seconds.
        // The caret goes to the start, as for a file (a caret at the end of megabytes of text
        // costs Chromium tens of milliseconds every frame).
        input.value = text;
        input.setSelectionRange(0, 0);
        return;
    }
    input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
}

/** The text before the last wholesale replacement (sample, file, clear), for the Undo button. */
let replacedText = null;

function replaceAll(text) {
    if (input.value !== '' && input.value !== text) setReplaced(input.value);
    input.value = text;
    input.setSelectionRange(0, 0);
    input.scrollTop = 0;
    analyzeNow();
}

function setReplaced(text) {
    replacedText = text;
    undoButton.hidden = text === null;
}

function onPaste(event) {
    const data = event.clipboardData;
    if (!data) return; // let the browser paste; the input event will follow
    // A real paste with a plain-text flavour is the browser's to do: it is fast and undoable, and
    // the input event that follows analyses at once. A textarea never takes HTML from it. (The
    // flavour is not read to check it: reading megabytes of clipboard blocks the page.)
    if (event.isTrusted && data.types.includes('text/plain')) return;
    const plain = data.getData('text/plain');
    // Otherwise (rich text alone, or a scripted paste, which browsers do not carry out) the text
    // is ours to insert: the plain flavour when there is one, else the HTML's text.
    const html = data.getData('text/html');
    const text = plain.trim() !== '' ? plain : html !== '' ? htmlToText(html) : plain;
    event.preventDefault();
    insertText(text.replace(/\r\n?/g, '\n'));
    analyzeNow();
}

function onInput(event) {
    setReplaced(null);
    // Pasted and dropped text is analysed at once; typing waits for a pause.
    if (event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop') analyzeNow();
    else scheduleAnalysis();
}

async function loadFile(file) {
    const name = file.name.toLowerCase();
    const isHtml = /\.html?$/.test(name) || file.type === 'text/html';
    const isText = /\.(txt|text)$/.test(name) || file.type.startsWith('text/');
    if (!isHtml && !isText) {
        showError(`“${file.name}” is not a .txt or .html file.`);
        return;
    }
    if (file.size > MAX_FILE_BYTES) {
        showError(`“${file.name}” is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
        return;
    }
    const content = await file.text();
    replaceAll(isHtml ? htmlToText(content) : content.replace(/\r\n?/g, '\n'));
}

function hasFiles(event) {
    return event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
}

function wireDropZone() {
    let depth = 0; // dragenter/leave fire for every child element crossed
    document.addEventListener('dragenter', (event) => {
        if (!hasFiles(event)) return;
        depth += 1;
        dropZone.hidden = false;
    });
    document.addEventListener('dragleave', (event) => {
        if (!hasFiles(event)) return;
        depth = Math.max(0, depth - 1);
        if (depth === 0) dropZone.hidden = true;
    });
    document.addEventListener('dragover', (event) => {
        if (hasFiles(event)) event.preventDefault();
    });
    document.addEventListener('drop', (event) => {
        if (!hasFiles(event)) return; // dropped text goes into the textarea as usual
        event.preventDefault();
        depth = 0;
        dropZone.hidden = true;
        const [file] = event.dataTransfer.files;
        if (file) loadFile(file);
    });
}

// --- Sample and saved text -----------------------------------------------------------------

async function loadSample() {
    try {
        const response = await fetch(new URL('./sample.txt', import.meta.url));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const sample = await response.text();
        replaceAll(sample);
    } catch (error) {
        showError(`The sample article could not be loaded (${error.message}).`);
    }
}

function saveText(text) {
    persist.saveText(text); // IndexedDB, debounced, unless the reader opted out (persist.js)
}

// --- Start ---------------------------------------------------------------------------------

/** Makes the analyser panic through the page's own path, for the tests of the recovery. */
export async function panicForTest() {
    const result = await engine.panicForTest();
    if (!result.ok) {
        showPlain(input.value);
        showError(`${result.error}. It has been restarted: edit the text to analyse it again.`);
    }
    return result;
}

async function start() {
    engine.preload();
    buildLegend();
    input.addEventListener('input', onInput);
    input.addEventListener('paste', onPaste);
    byId('load-sample').addEventListener('click', () => loadSample());
    byId('clear').addEventListener('click', () => replaceAll(''));
    undoButton.addEventListener('click', () => {
        const previous = replacedText;
        if (previous === null) return;
        replaceAll(previous);
        setReplaced(null);
    });
    fileInput.addEventListener('change', () => {
        const [file] = fileInput.files;
        if (file) loadFile(file);
        fileInput.value = '';
    });
    // A click on a highlight selects that quotation in the article.
    view.addEventListener('click', (event) => {
        const mark = event.target instanceof Element ? event.target.closest('mark[data-quote]') : null;
        if (!mark || window.getSelection()?.toString()) return;
        selectQuote(Number(mark.dataset.quote));
    });
    wireDropZone();
    enableMarkNavigation(view);
    byId('join-lines').addEventListener('click', () => replaceAll(joinWrappedLines(input.value)));
    persist.bindRememberCheckbox(/** @type {HTMLInputElement} */ (byId('remember')), () => input.value);
    const saved = await persist.loadText();
    if (saved === null) {
        loadSample();
    } else {
        input.value = saved;
        analyzeNow();
    }
}

/** Selects quote `id` of the shown analysis in the textarea, if the text is still the same. */
function selectQuote(id) {
    const quote = shown.analysis?.quotes[id];
    if (!quote || shown.text !== input.value) return;
    input.focus();
    input.setSelectionRange(quote.outer_start, quote.outer_end);
}

start();
