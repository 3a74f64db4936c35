// The page's side of the analysis worker (worker.js): starts it, sends it texts one at a time,
// reassembles the answers, and replaces it after a crash or a cancelled run.
//
// It knows nothing of the module itself: engine.js hands it the compiled module (which can be
// posted to a worker, so the worker neither downloads nor compiles it again), and the answers
// are engine.js's own: `{ok, analysis, ms} | {ok: false, error, crashed}`.
//
// Why answers come in parts: a message is deserialised on the main thread in one task, and a
// million-word article's analysis is hundreds of thousands of objects, which would block the
// page for far longer than 50 ms. The worker sends the top-level arrays in batches instead, each
// its own small task here.

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** @type {Worker | null} */
let worker = null;
/** Whether a worker of this page has ever answered; until one has, a failure means none can run. */
let workerReady = false;
let workersUnavailable = false;
let workersStarted = 0;
let nextId = 0;
/** The one request the worker is running: {id, resolve, analysis, ms, onAbort, signal}. */
let running = null;
/** Requests waiting for the worker, oldest first. */
const waiting = [];

/** @param {Promise<WebAssembly.Module | null> | WebAssembly.Module | null} module */
function startWorker(module) {
    const fresh = new Worker(WORKER_URL, { type: 'module', name: 'quotelens-analyser' });
    workersStarted += 1;
    fresh.addEventListener('message', onMessage);
    // A worker that dies (out of memory) ends the request it was running; one that never
    // started (its script refused or missing) is given up for this page: this thread analyses.
    fresh.addEventListener('error', (event) => {
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
    });
    // Posted before any request (a request waits for the same compilation, and its callback
    // was registered after this one), so the worker never fetches the module itself (unless the
    // page could not compile it, in which case the worker tries, and reports the failure).
    if (module instanceof Promise) {
        module.then((compiled) => {
            if (compiled && worker === fresh) fresh.postMessage({ type: 'init', module: compiled });
        });
    } else if (module) {
        fresh.postMessage({ type: 'init', module });
    }
    return fresh;
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
        worker ??= startWorker(request.module);
        worker.postMessage(request.message);
    } catch (error) {
        // No worker here (a CSP without worker-src, an old browser): run on this thread.
        running = null;
        request.signal?.removeEventListener('abort', request.onAbort);
        request.fallback().then(request.resolve);
        pump();
    }
}

async function submit(message, modulePromise, signal, fallback) {
    const module = await modulePromise.catch(() => null);
    if (signal?.aborted) return cancelled();
    return new Promise((resolve) => {
        const request = { id: ++nextId, resolve, signal, module, fallback, analysis: null, ms: 0 };
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
 * @param {Promise<any>} modulePromise the compiled module, posted to each new worker
 * @param {AbortSignal | undefined} signal
 * @param {(text: string, options: {quotesOnly: boolean}) => Promise<any>} fallback analysis on this thread, if no worker can run
 */
export function analyzeInWorker(text, quotesOnly, modulePromise, signal, fallback) {
    return submit({ type: 'analyze', text, quotesOnly }, modulePromise, signal, () => fallback(text, { quotesOnly }));
}

/** Makes the worker's module panic, for the tests of the recovery path. */
export function panicInWorkerForTest(modulePromise) {
    return submit({ type: 'panic' }, modulePromise, undefined, () =>
        Promise.resolve({ ok: false, error: 'no worker', crashed: false }),
    );
}

/**
 * Starts the worker ahead of the first request, at once: its scripts load while the module
 * compiles, and it gets the module as soon as it is compiled.
 * @param {Promise<WebAssembly.Module>} modulePromise
 */
export function prestartWorker(modulePromise) {
    if (worker || workersUnavailable) return;
    try {
        worker = startWorker(modulePromise.catch(() => null));
    } catch {
        workersUnavailable = true; // the first request will run on the page's thread
    }
}

/** How many workers this page has started (for the tests). */
export function workerCount() {
    return workersStarted;
}
