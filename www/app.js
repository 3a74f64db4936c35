// Page wiring: the input, debounced and immediate analysis, paste and file drop, the sample,
// the legends and their toggles, the panels and the exports, the current quote, and the error
// banner. The only file that knows the page's element ids. The analysis itself is engine.js's;
// drawing it is render.js's; each panel is its own module under panels/.

import * as engine from './engine.js';
import {
    applyCorrections, emptyCorrections, isEmpty, quoteKey, without, withMerge, withNotQuote, withSpeaker,
} from './corrections.js';
import { copyText, download, toCsv, toJson } from './export.js';
import { wireKeys } from './keys.js';
import { buildLegends, updateCounts } from './legend.js';
import { ENTITY_LABELS, QUOTE_KINDS } from './labels.js';
import { Linking } from './linking.js';
import { EntitiesPanel } from './panels/entities.js';
import { SpeakersPanel } from './panels/speakers.js';
import { htmlToText } from './plaintext.js';
import { countKinds, renderArticle } from './render.js';
import { loadCorrections, saveCorrections, textKey } from './storage.js';
import { Tooltip } from './tooltip.js';
import { CHUNKED_LENGTH, Progress, renderProgressively } from './progressive.js';
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
const entityLegend = byId('entity-legend');
const statusLine = byId('status');
const errorBanner = byId('error');
const dropZone = byId('drop-zone');
const fileInput = /** @type {HTMLInputElement} */ (byId('open-file'));
const undoButton = byId('undo');
const exportStatus = byId('export-status');
const progress = new Progress(statusLine);

let debounceTimer = 0;
/** Increases with every analysis started; a result for an older text is dropped. */
let latestRequest = 0;
/** Cancels the analysis running in the worker when a newer text arrives. */
let cancelRunning = new AbortController();
let firstHighlightMarked = false;
/**
 * What the view shows: the text, the analyser's result, the key of the text (storage.js), the
 * user's corrections for it, and the corrected analysis everything is drawn from.
 */
let shown = { text: '', raw: null, key: '', corrections: emptyCorrections(), model: null };
/** The quote the keyboard and the panels are at (an id of the corrected analysis), or null. */
let currentQuote = null;
/** The entity cluster being stepped through from the entities panel, and the mention shown. */
let cycle = { cluster: null, index: -1, pieces: [] };
/** Quote kinds and entity labels the user has hidden with the legend toggles. */
const hidden = new Set();

const tooltip = new Tooltip(byId('tooltip'));
const linking = new Linking(view, tooltip);
const speakersPanel = new SpeakersPanel(byId('panel-speakers'), {
    onJump: (id) => goToQuote(id),
    onHoverSpeaker: (key) => {
        linking.clear();
        if (key) linking.lightSpeaker(key);
    },
    onCorrect: (change) => correct(change),
});
const entitiesPanel = new EntitiesPanel(byId('panel-entities'), {
    onCycle: (cluster) => nextMention(cluster),
    onMerge: (from, into) => correct({ type: 'merge', from, into }),
    onUndo: (list, index) => correct({ type: 'undo', list, index }),
});

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
    if (!result.ok) {
        markAnalysed(request, false);
        showPlain(text);
        showError(result.crashed ? `${result.error}. It has been restarted: edit the text to analyse it again.` : result.error);
        return;
    }
    const key = await textKey(text);
    const corrections = await loadCorrections(key);
    if (request !== latestRequest) return;
    hideError();
    if (shown.text !== text) {
        currentQuote = null;
        cycle = { cluster: null, index: -1, pieces: [] };
    }
    shown = { text, raw: result.analysis, key, corrections, model: null };
    if (!(await display({ isCurrent: () => request === latestRequest }))) return;
    updateStatus(shown.model, result.ms);
    markAnalysed(request, true);
    if (!firstHighlightMarked) {
        firstHighlightMarked = true;
        // Read by the browser tests (load → first highlight), harmless elsewhere.
        performance.mark('quotelens:first-highlight');
    }
}

/** Read by the browser tests: which analysis the page shows, and whether it failed. */
function markAnalysed(request, ok) {
    document.documentElement.dataset.analysed = String(request);
    document.documentElement.dataset.state = ok ? 'ok' : 'error';
}

/**
 * Draws `shown` with its corrections: the view, the legends' counts, both panels. Keeps the
 * view's scroll position and the current quote. An article is drawn at once (synchronously); a
 * very long one in chunks with progress shown (progressive.js), and the promise says whether it
 * was drawn to the end before a newer text took over.
 */
function display({ isCurrent = () => true } = {}) {
    const started = performance.now();
    const model = applyCorrections(shown.raw, shown.corrections);
    shown.model = model;
    // A redraw of the same text (after a correction) keeps the reader's place; restoring it
    // forces a layout, so a new text does not.
    const scroll = view.dataset.textKey === shown.key ? view.scrollTop : -1;
    const finish = () => {
        view.dataset.textKey = shown.key;
        if (scroll >= 0) view.scrollTop = scroll;
        view.setAttribute('aria-busy', 'false');
        linking.update(model);
        speakersPanel.update(model);
        entitiesPanel.update(model);
        updateLegends(model);
        if (currentQuote !== null && currentQuote >= model.quotes.length) currentQuote = null;
        markCurrent(currentQuote ?? firstVisibleQuote());
        cycle.pieces = [];
        // Read by the browser tests: the script time of one full draw (view, panels, legends);
        // the browser's layout of the new view comes after it.
        document.documentElement.dataset.renderMs = (performance.now() - started).toFixed(1);
    };
    const drawn = renderProgressively(view, shown.text, model, renderArticle, { isCurrent, onProgress: progress.rendering });
    // A short text is drawn before renderProgressively returns: finish now, so that callers see
    // the panels updated as soon as display() returns.
    if (shown.text.length <= CHUNKED_LENGTH) {
        finish();
        return Promise.resolve(true);
    }
    return drawn.then((done) => {
        if (done) finish();
        return done;
    });
}

/** Shows the text without highlights, so it is never lost when the analysis fails. */
function showPlain(text) {
    renderProgressively(view, text, null, null);
    progress.done();
    shown = { text, raw: null, key: '', corrections: emptyCorrections(), model: null };
    const nothing = { quotes: [], entities: [], clusters: [], paragraphs: [], applied: [] };
    linking.update(nothing);
    speakersPanel.update(nothing);
    entitiesPanel.update(nothing);
    view.setAttribute('aria-busy', 'false');
    updateLegends(null);
    statusLine.textContent = 'Not analysed';
}

// --- Legends, toggles, status -------------------------------------------------------------

function updateLegends(model) {
    updateCounts(legend, model ? countKinds(model, QUOTE_KINDS) : null);
    let labels = null;
    if (model) {
        labels = new Map(ENTITY_LABELS.map((l) => [l.label, 0]));
        for (const entity of model.entities) labels.set(entity.label, (labels.get(entity.label) ?? 0) + 1);
    }
    updateCounts(entityLegend, labels);
}

function toggleKind(key, shownNow) {
    if (shownNow) hidden.delete(key);
    else hidden.add(key);
    if (hidden.size === 0) delete view.dataset.hide;
    else view.dataset.hide = [...hidden].join(' ');
}

function updateStatus(model, elapsedMs) {
    const n = model.quotes.length;
    const unclosed = model.quotes.filter((q) => q.unclosed).length;
    const parts = [n === 1 ? '1 quotation' : `${n} quotations`];
    if (unclosed > 0) parts.push(`${unclosed} without a closing mark`);
    parts.push(model.entities.length === 1 ? '1 entity' : `${model.entities.length} entities`);
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

// --- The current quote, keyboard navigation, entity mentions -------------------------------

/** The quotes j / k step through: those of kinds not hidden, in text order. */
function visibleQuotes() {
    return shown.model ? shown.model.quotes.filter((q) => !hidden.has(q.kind)) : [];
}

function firstVisibleQuote() {
    return visibleQuotes()[0]?.id ?? null;
}

/** Makes quote `id` the current one without moving focus: the one Tab reaches in the view. */
function markCurrent(id) {
    for (const mark of view.querySelectorAll('mark.quote.is-current, [tabindex="0"]')) {
        mark.classList.remove('is-current');
        mark.tabIndex = -1;
    }
    const mark = id === null ? null : linking.quoteMark(id);
    if (!mark) return;
    mark.tabIndex = 0;
    if (id === currentQuote) mark.classList.add('is-current');
    speakersPanel.setCurrent(currentQuote, { scroll: false });
}

/** Moves to quote `id`: focuses and scrolls to it in the view, marks its entry in the panel. */
function goToQuote(id, { scroll = true } = {}) {
    const mark = linking.quoteMark(id);
    if (!mark) return;
    currentQuote = id;
    markCurrent(id);
    mark.focus({ preventScroll: true });
    if (scroll) mark.scrollIntoView({ block: 'center', behavior: motion() });
    speakersPanel.setCurrent(id);
}

function motion() {
    return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

function nextQuote(step) {
    const quotes = visibleQuotes();
    if (quotes.length === 0) return;
    const at = quotes.findIndex((q) => q.id === currentQuote);
    const next = at < 0 ? (step > 0 ? 0 : quotes.length - 1) : Math.min(quotes.length - 1, Math.max(0, at + step));
    goToQuote(quotes[next].id);
}

function nextSpeaker(step) {
    const groups = speakersPanel.groups;
    if (groups.length === 0) return;
    const at = currentQuote === null ? -1 : speakersPanel.groupOf(currentQuote);
    const next = at < 0 ? (step > 0 ? 0 : groups.length - 1) : (at + step + groups.length) % groups.length;
    goToQuote(groups[next].quotes[0].id);
}

/** Shows the next mention of entity cluster `cluster`; returns which one it is. */
function nextMention(cluster) {
    const mentions = shown.model?.entities.filter((e) => e.cluster === cluster) ?? [];
    if (mentions.length === 0) return null;
    const index = cycle.cluster === cluster ? (cycle.index + 1) % mentions.length : 0;
    for (const piece of cycle.pieces) piece.classList.remove('is-current');
    const pieces = linking.entityPieces(mentions[index].id);
    for (const piece of pieces) piece.classList.add('is-current');
    cycle = { cluster, index, pieces };
    if (pieces[0]) {
        pieces[0].scrollIntoView({ block: 'center', behavior: motion() });
        pieces[0].focus({ preventScroll: true });
    }
    return { index, total: mentions.length };
}

// --- Corrections ---------------------------------------------------------------------------

async function correct(change) {
    if (!shown.raw) return;
    const before = shown.corrections;
    let after = before;
    let focusQuote = null;
    switch (change.type) {
        case 'speaker':
            after = withSpeaker(before, change.quote, change.entity);
            focusQuote = change.quote;
            break;
        case 'notQuote':
            after = withNotQuote(before, change.quote);
            break;
        case 'merge':
            after = withMerge(before, change.from, change.into);
            break;
        case 'undo':
            after = without(before, change.list, change.index);
            break;
        case 'reset':
            after = emptyCorrections();
            break;
    }
    if (after === before) return;
    const key = shown.key;
    shown.corrections = after;
    display();
    if (focusQuote !== null) {
        const quote = shown.model.quotes.find((q) => quoteKey(q) === focusQuote);
        if (quote) speakersPanel.focusEntry(quote.id);
    }
    await saveCorrections(key, after);
    // Read by the browser tests: the corrections are stored.
    document.documentElement.dataset.corrections = String(
        after.speakers.length + after.notQuotes.length + after.merges.length,
    );
    exportStatus.textContent = isEmpty(after) ? 'Corrections cleared.' : 'Correction saved in this browser.';
}

// --- Exports -------------------------------------------------------------------------------

function exportName(extension) {
    const id = shown.key.replace(/^[^:]*:/, '').replace(/^\d+:/, '').slice(0, 8) || 'article';
    return `quotelens-${id}.${extension}`;
}

async function exportAs(format, how) {
    if (!shown.model) {
        exportStatus.textContent = 'Nothing to export yet.';
        return;
    }
    const content = format === 'json' ? toJson(shown.text, shown.model) : toCsv(shown.model);
    if (how === 'copy') {
        const copied = await copyText(content);
        exportStatus.textContent = copied ? `${format.toUpperCase()} copied to the clipboard.` : 'The browser did not allow copying.';
    } else {
        // A byte-order mark tells spreadsheets the CSV is UTF-8; JSON needs none.
        const body = format === 'json' ? content : `\uFEFF${content}`;
        download(exportName(format), body, format === 'json' ? 'application/json' : 'text/csv;charset=utf-8');
        exportStatus.textContent = `${format.toUpperCase()} file saved.`;
    }
}

// --- Tabs ----------------------------------------------------------------------------------

function wireTabs() {
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    const select = (tab, focus) => {
        for (const other of tabs) {
            const selected = other === tab;
            other.setAttribute('aria-selected', String(selected));
            other.tabIndex = selected ? 0 : -1;
            byId(other.getAttribute('aria-controls')).hidden = !selected;
        }
        if (focus) tab.focus();
    };
    for (const tab of tabs) {
        tab.addEventListener('click', () => select(tab, false));
        tab.addEventListener('keydown', (event) => {
            const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
            if (!step) return;
            event.preventDefault();
            select(tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length], true);
        });
    }
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
    buildLegends(legend, entityLegend, toggleKind);
    wireTabs();
    wireKeys({ nextQuote, nextSpeaker });
    for (const button of document.querySelectorAll('[data-export]')) {
        const [format, how] = button.dataset.export.split(' ');
        button.addEventListener('click', () => exportAs(format, how));
    }
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
    // A click on a quote makes it the current one (its entry in the panel is marked).
    view.addEventListener('click', (event) => {
        const mark = event.target instanceof Element ? event.target.closest('mark.quote') : null;
        if (!mark || window.getSelection()?.toString()) return;
        goToQuote(Number(mark.dataset.quote), { scroll: false });
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

start();
