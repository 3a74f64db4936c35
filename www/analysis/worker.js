// The analysis worker: runs engine.js's own analysis in a module worker, so a long article never
// blocks the page. offthread.js is the page's side of it; engine.js stays the only file that
// touches the module (here, as on the page, it re-instantiates after a panic, though the page
// replaces the whole worker after one anyway).
//
// On 'init' it analyses a short text of its own at once (WARM_UP): the module's first call builds
// the analyser's tables and runs its code for the first time, which costs far more than the
// text's analysis; done while the page is still starting, the page's first text does not wait
// for it. A request that arrives meanwhile waits for it (the module runs one call at a time),
// except a quotes-only one that is here by the time the quote stage is warm (its first step).
//
// A worker whose URL ends in `#compile` (the first: boot.js starts it before the page's first
// layout) fetches and compiles the module itself and warms up as soon as its script runs: a
// message from the page would wait for the page's thread (Chromium delivers the messages posted
// before a worker's script has run from a task of the page's thread once it has, and in a traced
// first visit that task came 130 ms after the script, behind the page's first layout and app.js).
// Others are handed the module the first one compiled.
// Messages in: {type: 'init', module} once (the compiled module; not to a `#compile` worker),
// {type: 'analyze', id, text, quotesOnly}, {type: 'panic', id} (tests). Messages out: {type: 'ready'} once; {type: 'compiled', module, at} when this worker
// compiled the module (engine.js); then per request a 'head'
// (the analysis with its top-level arrays empty, and the time taken), its arrays in 'items'
// batches of at most BATCH entries, and 'done' with `{ok}` or engine.js's failure.

import { adoptModule, analyzeHere, loadGlue, loadModule, panicHere } from './engine.js';
// engine.js's own import, named here as well: a worker's modules are fetched level by level (the
// page's modulepreload links do not reach it), and this fetches it with engine.js, not after it.
import './offthread.js';

/** Entries per message: small enough that the page deserialises a batch in a few milliseconds. */
const BATCH = 200;

/** Reaches every stage of the analysis (a quote, its speaker and cue, names, a date, a figure),
 * so that each builds what it needs before the first real text. Our own sentence. */
const WARM_UP = '“We will finish the bridge by March 2027,” said Mayor Ana Lindqvist of Port Averly, who expects it to cost $4.5 million, 12% more.';

/** Runs `call`, recorded as a performance measure `quotelens:NAME`: a trace shows it
 * (tools/bench/trace.mjs); the entry itself is cleared, so a long visit's analyses do not pile up. */
async function measured(name, call) {
    const start = performance.now();
    const result = await call();
    try {
        performance.measure(`quotelens:${name}`, { start });
        performance.clearMeasures(`quotelens:${name}`);
    } catch {
        // A browser without User Timing level 3 (measure with options) throws here: the
        // measure is only for traces, and the analysis must not fail for it.
    }
    return result;
}

/** Resolves after the messages already queued for this worker have been handled: a background
 * task (scheduler.postTask) where there is one, else a message of its own, queued behind them. */
function afterPendingMessages() {
    const scheduler = /** @type {any} */ (globalThis).scheduler;
    if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => {}, { priority: 'background' });
    return new Promise((done) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
            channel.port1.close();
            done(undefined);
        };
        channel.port2.postMessage(null);
    });
}

/** Whether a whole analysis has run here (it built every table: the warm-up's second step is moot). */
let warm = false;

/** How long the warm-up's second step waits for the page's first request before it runs anyway
 * (a page that asks for nothing at start: its first text still finds the tables built). The page
 * asks within a few tens of milliseconds of the quote stage's warm-up; what the wait decides is
 * only when the tables are built, never a result. */
const WARM_UP_IDLE_MS = 1000;

/** Resolves once the first request's answer has been posted (see 'init'). */
/** @type {(value?: unknown) => void} */
let answeredFirst = () => {};
const firstAnswered = new Promise((done) => (answeredFirst = done));

/** Whether this module runs in a worker. A bundle can evaluate it on a page too (the one-file
 * page inlines it, scripts/onefile/build.mjs, as it inlines every file the page refers to), and
 * there, amid the bundle's import cycle, engine.js may not have run yet: nothing below may run. */
const IN_WORKER = typeof (/** @type {any} */ (globalThis).WorkerGlobalScope) === 'function';

if (IN_WORKER) {
    self.addEventListener('message', onMessage);
    const compiles = self.location.hash === '#compile';
    if (compiles) loadModule();
    loadGlue();
    self.postMessage({ type: 'ready' });
    if (compiles) warmUp();
}

/** The warm-up (see the header), once the module is on its way. */
async function warmUp() {
    // The quote stage first: a few milliseconds, and all that the page's first drawing
    // needs (app.js draws the opening paragraphs' quotes with it). Then the rest, the hundred
    // or so milliseconds of the later stages' tables, only once the page's first request has
    // been answered (a whole analysis has built them by then, and `warm` skips the step; the
    // quote stage's opening has not) or, when none comes, after WARM_UP_IDLE_MS: begun as
    // soon as the requests already queued had run, it started before the page's opening
    // arrived in 2 of 7 traced first visits, and the opening, the page's first highlight,
    // waited for all of it (55–75 ms; tools/bench/trace.mjs).
    await measured('warm-up, quote stage', () => analyzeHere(WARM_UP, { quotesOnly: true }));
    await Promise.race([firstAnswered, new Promise((done) => setTimeout(done, WARM_UP_IDLE_MS))]);
    await afterPendingMessages();
    if (!warm) await measured('warm-up', () => analyzeHere(WARM_UP));
    warm = true;
}

/** @param {MessageEvent} event */
async function onMessage({ data }) {
    if (data.type === 'init') {
        adoptModule(data.module);
        await warmUp();
        return;
    }
    const { id } = data;
    if (data.type === 'panic') {
        self.postMessage({ id, type: 'done', result: await panicHere() });
        return;
    }
    if (data.type !== 'analyze') return;
    const result = await measured(data.quotesOnly ? 'analyze, quote stage' : 'analyze', () => analyzeHere(data.text, { quotesOnly: data.quotesOnly }));
    if (!data.quotesOnly) warm = true;
    post(id, result);
    answeredFirst();
}

/** Posts `result`, request `id`'s answer: its 'head', its arrays in batches, then 'done'. */
function post(id, result) {
    if (!result.ok) {
        self.postMessage({ id, type: 'done', result });
        return;
    }
    const head = {};
    const arrays = [];
    for (const [key, value] of Object.entries(result.analysis)) {
        if (Array.isArray(value)) {
            head[key] = [];
            arrays.push([key, value]);
        } else {
            head[key] = value;
        }
    }
    self.postMessage({ id, type: 'head', analysis: head, ms: result.ms });
    for (const [key, items] of arrays) {
        for (let from = 0; from < items.length; from += BATCH) {
            self.postMessage({ id, type: 'items', key, items: items.slice(from, from + BATCH) });
        }
    }
    self.postMessage({ id, type: 'done', result: { ok: true } });
}
