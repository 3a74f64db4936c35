// The page's side of the analysis worker (worker.js): starts it, sends it texts one at a time,
// reassembles the answers, and replaces it after a crash or a cancelled run.
//
// It knows nothing of the module itself: the first worker fetches and compiles it (boot.js starts
// that worker before the page's first layout, so its chain does not wait for the page's thread)
// and posts the compiled module back; later workers (after a crash or a cancelled run) are handed
// it, so they neither download nor compile it again. The answers are engine.js's own:
// `{ok, analysis, ms} | {ok: false, error, crashed}`.
//
// Why answers come in parts: a message is deserialised on the main thread in one task, and a
// million-word article's analysis is hundreds of thousands of objects, which would block the
// page for far longer than 50 ms. The worker sends the top-level arrays in batches instead, each
// its own small task here.

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** The same worker, which fetches and compiles the module itself (worker.js) at once: boot.js's,
 * or this file's until a worker has compiled it. */
const COMPILING_WORKER_URL = new URL('#compile', WORKER_URL);

/** @type {Worker | null} */
let worker = null;
/** Whether a worker of this page has ever answered; until one has, a failure means none can run. */
let workerReady = false;
let workersUnavailable = false;
let workersStarted = 0;
let nextId = 0;
/** @type {WebAssembly.Module | null} the module the first worker compiled, for the next ones */
let compiledModule = null;
/** @type {(module: WebAssembly.Module) => void} engine.js's, told of that module */
let onCompiled = () => {};
/** The one request the worker is running: {id, resolve, analysis, ms, onAbort, signal}. */
let running = null;
/** Requests waiting for the worker, oldest first. */
const waiting = [];

/** A worker: boot.js's, taken over with the events it held, or a new one, handed the module if the
 * first worker has compiled it (else it compiles it itself). */
function startWorker() {
    const boot = /** @type {any} */ (globalThis).quotelensBoot;
    /** @type {Worker} */
    let fresh;
    /** @type {Event[]} */
    let held = [];
    if (boot && workersStarted === 0) {
        fresh = boot.worker;
        held = boot.held;
        fresh.removeEventListener('message', boot.hold);
        fresh.removeEventListener('error', boot.hold);
        delete (/** @type {any} */ (globalThis)).quotelensBoot;
    } else {
        fresh = new Worker(compiledModule ? WORKER_URL : COMPILING_WORKER_URL, { type: 'module', name: 'quotelens-analyser' });
        if (compiledModule) fresh.postMessage({ type: 'init', module: compiledModule });
    }
    workersStarted += 1;
    fresh.addEventListener('message', onMessage);
    fresh.addEventListener('error', onError);
    queueMicrotask(() => {
        for (const event of held) {
            if (event instanceof MessageEvent) onMessage(event);
            else onError(event);
        }
    });
    return fresh;
}

/** A worker that dies (out of memory) ends the request it was running; one that never started
 * (its script refused or missing) is given up for this page: this thread analyses.
 * @param {Event & {message?: string}} event */
function onError(event) {
    event.preventDefault();
    if (!workerReady) {
        workersUnavailable = true;
        const request = running;
        running = null;
        stopWorker();
        if (request) request.fallback().then(request.resolve);
        pump();
        return;
    }
    finish({ ok: false, error: `The analyser crashed: ${event.message || 'the worker stopped'}`, crashed: true });
}

/** Ends the worker; the next request starts a fresh one. */
function stopWorker() {
    worker?.terminate();
    worker = null;
}

function onMessage({ data }) {
    if (data.type === 'ready') {
        workerReady = true;
        return;
    }
    if (data.type === 'compiled') {
        compiledModule ??= data.module;
        // When it was compiled, on this page's clock (read by tools/bench/browser.mjs and the tests).
        try {
            performance.mark('quotelens:compiled', { startTime: Math.max(0, data.at - performance.timeOrigin) });
        } catch {
            // A browser without User Timing level 3: the mark is only for measures.
        }
        onCompiled(data.module);
        return;
    }
    if (!running || data.id !== running.id) return; // an answer to a cancelled request
    if (data.type === 'head') {
        running.analysis = data.analysis;
        running.ms = data.ms;
    } else if (data.type === 'items') {
        const target = running.analysis[data.key];
        for (const item of data.items) target.push(item);
    } else if (data.type === 'done') {
        const { result } = data;
        if (!result.ok) {
            // Whatever failed in the worker, its instance may be spent: start afresh next time.
            if (result.crashed) stopWorker();
            finish(result);
        } else {
            finish({ ok: true, analysis: running.analysis, ms: running.ms });
        }
    }
}

function finish(result) {
    const done = running;
    running = null;
    if (done) {
        done.signal?.removeEventListener('abort', done.onAbort);
        if (result.crashed) stopWorker();
        done.resolve(result);
    }
    pump();
}

function pump() {
    if (running || waiting.length === 0) return;
    const request = waiting.shift();
    running = request;
    try {
        if (workersUnavailable) throw new Error('no worker');
        worker ??= startWorker();
        worker.postMessage(request.message);
    } catch (error) {
        // No worker here (a CSP without worker-src, an old browser): run on this thread.
        running = null;
        request.signal?.removeEventListener('abort', request.onAbort);
        request.fallback().then(request.resolve);
        pump();
    }
}

async function submit(message, signal, fallback) {
    if (signal?.aborted) return cancelled();
    return new Promise((resolve) => {
        const request = { id: ++nextId, resolve, signal, fallback, analysis: null, ms: 0 };
        request.message = { ...message, id: request.id };
        request.onAbort = () => {
            if (running === request) {
                // The worker cannot be interrupted mid-call: end it, and the next request gets a
                // fresh one (with the module already compiled, that costs a few milliseconds).
                stopWorker();
                finish(cancelled());
            } else {
                const index = waiting.indexOf(request);
                if (index >= 0) waiting.splice(index, 1);
                resolve(cancelled());
            }
        };
        signal?.addEventListener('abort', request.onAbort, { once: true });
        waiting.push(request);
        pump();
    });
}

function cancelled() {
    return { ok: false, error: 'The analysis was cancelled.', crashed: false, cancelled: true };
}

/**
 * Analyses `text` in the worker: engine.js's answer, built from the worker's parts.
 * @param {string} text
 * @param {boolean} quotesOnly the quote stage alone (engine.js's `analyze`)
 * @param {AbortSignal | undefined} signal
 * @param {(text: string, options: {quotesOnly: boolean}) => Promise<any>} fallback analysis on this thread, if no worker can run
 */
export function analyzeInWorker(text, quotesOnly, signal, fallback) {
    return submit({ type: 'analyze', text, quotesOnly }, signal, () => fallback(text, { quotesOnly }));
}

/** Makes the worker's module panic, for the tests of the recovery path. */
export function panicInWorkerForTest() {
    return submit({ type: 'panic' }, undefined, () =>
        Promise.resolve({ ok: false, error: 'no worker', crashed: false }),
    );
}

/**
 * Starts the worker ahead of the first request (or takes over boot.js's), which compiles the
 * module and builds the analyser's tables at once; `compiled` is told of the module it compiled.
 * @param {(module: WebAssembly.Module) => void} compiled
 */
export function prestartWorker(compiled) {
    onCompiled = compiled;
    if (worker || workersUnavailable) return;
    try {
        worker = startWorker();
    } catch {
        workersUnavailable = true; // the first request will run on the page's thread
    }
}

/** How many workers this page has started (for the tests). */
export function workerCount() {
    return workersStarted;
}
