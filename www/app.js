// Page wiring: which module gets which element and which callback. The only file that knows
// the page's element ids. The flow: input/ (typing, paste, files, the saved text) →
// analysis/engine.js → model/ (the user's corrections, applied) → view/ (the highlighted
// article, legends, linking, navigation) → panels/ and export/.

import * as engine from './analysis/engine.js';
import { applyCorrections, emptyCorrections, isEmpty, quoteKey, withChange } from './model/corrections.js';
import { loadCorrections, saveCorrections, textKey } from './model/storage.js';
import { exportAs } from './export/actions.js';
import { wireKeys } from './view/keys.js';
import { Legends } from './view/legend.js';
import { Linking } from './view/linking.js';
import { Navigation } from './view/navigation.js';
import { EntitiesPanel } from './panels/entities.js';
import { SpeakersPanel } from './panels/speakers.js';
import { wireTabs } from './panels/tabs.js';
import { renderArticle } from './view/render.js';
import { Tooltip } from './view/tooltip.js';
import { CHUNKED_LENGTH, Progress, renderProgressively } from './view/progressive.js';
import * as persist from './input/persist.js';
import { readFile, wireDropZone, wirePaste } from './input/sources.js';
import { joinWrappedLines } from './input/unwrap.js';
import { enableMarkNavigation } from './view/marknav.js';

/** Typing pauses this long before the view follows; a paste or a file is analysed at once. */
const DEBOUNCE_MS = 180;
/** The page's first text, when at least this long (UTF-16 units), is shown in two steps: the
 * quotes of its opening paragraphs (OPENING_LENGTH or a little more, up to a blank line) as soon
 * as they are analysed, then the whole analysis. */
const OPENING_FROM = 1_200;
const OPENING_LENGTH = 600;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLTextAreaElement} */ (byId('article'));
const view = byId('view');
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
/** The request whose whole analysis is being drawn (or is drawn): its opening is then too late. */
let wholeShown = 0;
/**
 * What the view shows: the text, the analyser's result, the key of the text (model/storage.js),
 * the user's corrections for it, and the corrected analysis everything is drawn from.
 * @type {{text: string, raw: any, key: string, corrections: ReturnType<typeof emptyCorrections>, model: any}}
 */
let shown = { text: '', raw: null, key: '', corrections: emptyCorrections(), model: null };
/** Quote kinds and entity labels the user has hidden with the legend toggles. */
const hidden = new Set();

const legends = new Legends(byId('legend'), byId('entity-legend'), view, hidden);
const tooltip = new Tooltip(byId('tooltip'));
const linking = new Linking(view, tooltip);
const speakersPanel = new SpeakersPanel(byId('panel-speakers'), {
    onJump: (id) => navigation.goToQuote(id),
    onJumpClaim: (id) => navigation.goToClaim(id),
    onHoverSpeaker: (key) => {
        linking.clear();
        if (key) linking.lightSpeaker(key);
    },
    onCorrect: (change) => correct(change),
});
const entitiesPanel = new EntitiesPanel(byId('panel-entities'), {
    onCycle: (cluster) => navigation.nextMention(cluster),
    onMerge: (from, into) => correct({ type: 'merge', from, into }),
    onUndo: (list, index) => correct({ type: 'undo', list, index }),
});
const navigation = new Navigation(view, linking, speakersPanel, () => shown.model, hidden);

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
    const opening = firstHighlightMarked ? null : openingParagraphs(text);
    if (opening !== null) showOpening(text, opening, request, cancelRunning.signal);
    const result = await engine.analyze(text, { signal: cancelRunning.signal });
    if (request !== latestRequest) return;
    wholeShown = request;
    if (result.ok === false) {
        markAnalysed(request, false);
        showPlain(text);
        showError(result.crashed ? `${result.error}. It has been restarted: edit the text to analyse it again.` : result.error);
        return;
    }
    const key = await textKey(text);
    const corrections = await loadCorrections(key);
    if (request !== latestRequest) return;
    hideError();
    if (shown.text !== text) navigation.reset();
    shown = { text, raw: result.analysis, key, corrections, model: null };
    if (!(await display({ isCurrent: () => request === latestRequest }))) return;
    progress.shown(shown.model, result.ms);
    markAnalysed(request, true);
    markFirstHighlight();
}

function markFirstHighlight() {
    if (!firstHighlightMarked) {
        firstHighlightMarked = true;
        // Read by the browser tests and the benchmark (load → first highlight), harmless elsewhere.
        performance.mark('quotelens:first-highlight');
    }
}

/**
 * The opening paragraphs of `text`: its start up to the first blank line at or after
 * OPENING_LENGTH, or null when the text is shorter than OPENING_FROM or that would be most of it.
 * @param {string} text
 */
function openingParagraphs(text) {
    if (text.length < OPENING_FROM) return null;
    const blank = /\n[^\S\n]*\n/g;
    blank.lastIndex = OPENING_LENGTH;
    const end = blank.exec(text)?.index ?? text.length;
    return end <= text.length / 2 ? text.slice(0, end) : null;
}

/**
 * Draws the quotes of `opening` (the start of `text`, whole paragraphs) while the whole text is
 * still being analysed: only what its opening paragraphs decide, so that nothing drawn now is
 * drawn differently by the whole analysis. A quote's kind is decided within its sentence, so
 * those are drawn, but for a direct quote that stops mid-clause (`ends_mid_clause`): the whole
 * analysis makes it partial when the claim holding it runs on past it, which the quote stage
 * cannot know. Nor is a quote left open at the cut (it may go on in the next paragraph) drawn,
 * nor are speakers, cues, claims and entities (their clusters and some of their labels depend
 * on the whole text). The view says `data-partial` until the whole analysis replaces it.
 * @param {string} text
 * @param {string} opening
 * @param {number} request
 * @param {AbortSignal} signal
 */
async function showOpening(text, opening, request, signal) {
    // The quote stage alone: what is drawn now, without waiting for the tables and models of the
    // later stages, which a cold analyser is still building.
    const result = await engine.analyze(opening, { signal, quotesOnly: true });
    if (!result.ok || request !== latestRequest || wholeShown === request) return;
    // A quote ending at the cut may go on (it is closed there only because the opening ends);
    // so may one in the last paragraph when the next one opens with a quotation mark (the
    // continuation convention).
    const paragraphs = result.analysis.paragraphs;
    const continued = /^\s*[\p{Pi}\p{Ps}"'«»„‚]/u.test(text.slice(opening.length));
    const until = continued && paragraphs.length > 0 ? paragraphs[paragraphs.length - 1].start : opening.length;
    const kept = new Set();
    const quotes = [];
    for (const quote of result.analysis.quotes) {
        if (quote.unclosed || quote.outer_end >= until || (quote.parent !== null && !kept.has(quote.parent))) continue;
        // Its kind is the claim stage's to settle (direct or partial): drawn with the whole analysis.
        if (quote.kind === 'direct' && quote.ends_mid_clause) continue;
        kept.add(quote.id);
        quotes.push(quote);
    }
    /** @type {import('./core/types.js').ShownAnalysis} */
    const partial = { ...result.analysis, quotes, applied: [] };
    view.dataset.partial = '';
    const drawn = await renderProgressively(view, text, partial, renderArticle, {
        isCurrent: () => request === latestRequest && wholeShown !== request,
    });
    if (drawn && wholeShown !== request) markFirstHighlight();
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
 * @param {{isCurrent?: () => boolean}} [options]
 */
function display({ isCurrent = () => true } = {}) {
    const started = performance.now();
    const model = applyCorrections(shown.raw, shown.corrections);
    shown.model = model;
    // A redraw of the same text (after a correction) keeps the reader's place; restoring it
    // forces a layout, so a new text does not.
    const scroll = view.dataset.textKey === shown.key ? view.scrollTop : -1;
    delete view.dataset.partial;
    const finish = () => {
        view.dataset.textKey = shown.key;
        if (scroll >= 0) view.scrollTop = scroll;
        view.setAttribute('aria-busy', 'false');
        linking.update(model);
        speakersPanel.update(model);
        entitiesPanel.update(model);
        legends.update(model);
        navigation.redrawn();
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
    delete view.dataset.partial;
    renderProgressively(view, text, null, null);
    progress.done();
    shown = { text, raw: null, key: '', corrections: emptyCorrections(), model: null };
    /** @type {import('./core/types.js').ShownAnalysis} */
    const nothing = { schema: 0, unit: 'utf16', quotes: [], entities: [], clusters: [], paragraphs: [], applied: [] };
    linking.update(nothing);
    speakersPanel.update(nothing);
    entitiesPanel.update(nothing);
    view.setAttribute('aria-busy', 'false');
    legends.update(null);
    progress.shown(null);
}

// --- The error banner ----------------------------------------------------------------------

function showError(message) {
    errorBanner.textContent = message;
    errorBanner.hidden = false;
}

function hideError() {
    errorBanner.hidden = true;
    errorBanner.textContent = '';
}

// --- Corrections ---------------------------------------------------------------------------

/** Applies a correction the reader asked for in a panel: redraws, then stores it. */
async function correct(change) {
    if (!shown.raw) return;
    const after = withChange(shown.corrections, change);
    if (after === shown.corrections) return;
    const key = shown.key;
    shown.corrections = after;
    display();
    if (change.type === 'speaker') {
        const quote = shown.model.quotes.find((q) => quoteKey(q) === change.quote);
        if (quote) speakersPanel.focusEntry(quote.id);
    }
    await saveCorrections(key, after);
    // Read by the browser tests: the corrections are stored.
    document.documentElement.dataset.corrections = String(
        after.speakers.length + after.notQuotes.length + after.merges.length,
    );
    exportStatus.textContent = isEmpty(after) ? 'Corrections cleared.' : 'Correction saved in this browser.';
}

// --- Input: typing, paste, files -----------------------------------------------------------

/** The text before the last wholesale replacement (sample, file, clear), for the Undo button. */
let replacedText = null;

function replaceAll(text) {
    if (input.value !== '' && input.value !== text) setReplaced(input.value);
    input.value = text;
    // The analysis is asked for first: resetting the caret and the scroll lays out the new text
    // at once (30 ms for the sample in a first visit's trace), which the worker need not wait for.
    analyzeNow();
    input.setSelectionRange(0, 0);
    input.scrollTop = 0;
}

function setReplaced(text) {
    replacedText = text;
    undoButton.hidden = text === null;
}

function onInput(event) {
    setReplaced(null);
    // Pasted and dropped text is analysed at once; typing waits for a pause.
    if (event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop') analyzeNow();
    else scheduleAnalysis();
}

/** @param {File} file */
async function loadFile(file) {
    const { text, error } = await readFile(file);
    if (error !== undefined) showError(error);
    else replaceAll(text);
}

// --- Sample and saved text -----------------------------------------------------------------

/** @type {Promise<string> | null} the sample's text, fetched once per visit */
let sampleText = null;

function fetchSample() {
    // Relative to the document (index.html, beside this file), not to import.meta.url: the
    // deployed build moves this code into a chunk under analysis/ (scripts/build-site.sh).
    sampleText ??= fetch('sample.txt').then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.text();
    });
    sampleText.catch(() => (sampleText = null)); // the next Sample click asks again
    return sampleText;
}

/**
 * Shows the sample article. `intoEmpty`: only if the text box is still empty when it arrives
 * (at start, the reader may have typed or pasted meanwhile: their text stands).
 */
async function loadSample({ intoEmpty = false } = {}) {
    try {
        const sample = await fetchSample();
        if (intoEmpty && input.value !== '') return;
        replaceAll(sample);
    } catch (error) {
        showError(`The sample article could not be loaded (${error instanceof Error ? error.message : error}).`);
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
    // The worker (boot.js started it, and it compiles the module) and the saved text's read, first.
    engine.preload();
    persist.loadTextAtStart();
    wireTabs();
    wireKeys({ nextQuote: (step) => navigation.nextQuote(step), nextSpeaker: (step) => navigation.nextSpeaker(step) });
    for (const button of document.querySelectorAll('[data-export]')) {
        const [format, how] = /** @type {HTMLElement} */ (button).dataset.export?.split(' ') ?? [];
        button.addEventListener('click', () => exportAs(format, how, shown, exportStatus));
    }
    input.addEventListener('input', onInput);
    wirePaste(input, analyzeNow);
    byId('load-sample').addEventListener('click', () => loadSample());
    byId('clear').addEventListener('click', () => replaceAll(''));
    undoButton.addEventListener('click', () => {
        const previous = replacedText;
        if (previous === null) return;
        replaceAll(previous);
        setReplaced(null);
    });
    fileInput.addEventListener('change', () => {
        const file = fileInput.files?.[0];
        if (file) loadFile(file);
        fileInput.value = '';
    });
    // A click on a quote makes it the current one (its entry in the panel is marked).
    view.addEventListener('click', (event) => {
        const mark = event.target instanceof Element ? event.target.closest('mark.quote') : null;
        if (!mark || window.getSelection()?.toString()) return;
        navigation.goToQuote(Number(/** @type {HTMLElement} */ (mark).dataset.quote), { scroll: false });
    });
    wireDropZone(dropZone, loadFile);
    enableMarkNavigation(view);
    byId('join-lines').addEventListener('click', () => replaceAll(joinWrappedLines(input.value)));
    persist.bindRememberCheckbox(/** @type {HTMLInputElement} */ (byId('remember')), () => input.value);
    // The sample is asked for while the saved text is read, not after (a new profile's first
    // IndexedDB read takes tens of milliseconds or more); when a saved text is shown instead,
    // its 2 KB were fetched for nothing.
    fetchSample().catch(() => {});
    const reading = persist.loadTextAtStart();
    // On a first visit (no text recorded as stored: persist.mayHoldText) the sample is shown as
    // soon as it arrives, not once IndexedDB has been set up and read (a new profile's first
    // read: 150–220 ms, often the last thing the first highlight waited for; issue 17). Nothing
    // is written before the read has settled (persist.js), so a text the read returns after all
    // (stored by an older version of the page) is never overwritten: it replaces the sample below.
    /** @type {string | null} the sample, when it was shown before the read settled */
    let early = null;
    let read = false;
    if (!persist.mayHoldText()) {
        fetchSample()
            .then((sample) => {
                if (read || input.value !== '') return;
                early = sample;
                persist.shownBeforeRead(sample);
                replaceAll(sample);
            })
            .catch(() => {}); // loadSample below reports it
    }
    const saved = await reading;
    read = true;
    if (early !== null) {
        if (saved === null) return;
        // A stored text after all: it is the page's first text, as it would have been; what the
        // reader made of the sample meanwhile is kept for Undo.
        const current = input.value;
        input.value = saved;
        analyzeNow();
        setReplaced(current === early || current === '' ? null : current);
        return;
    }
    // The text box is live while the saved text is read: what the reader typed, pasted or opened
    // meanwhile stands (its input event has scheduled its analysis, and it is what gets saved).
    if (input.value !== '') return;
    if (saved === null) {
        loadSample({ intoEmpty: true });
    } else {
        input.value = saved;
        analyzeNow();
    }
}

start();
