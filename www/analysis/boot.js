// The page's first script: a classic, parser-blocking script at the top of index.html's <head>,
// before the stylesheets. It starts the analysis worker, which fetches and compiles the module
// itself (worker.js) and warms up while the page's modules load and its first layout runs: in a
// trace of the build (issue 17, tools/bench/trace.mjs), analysis/start.js, which started the
// worker before (with the module compiled on the page), ran after the page's first style and
// layout (about 100 ms of the main thread), and the module's compilation and the worker waited
// for it. The worker's messages and errors are held until offthread.js takes it over
// (its `startWorker`, from app.js's `engine.preload()`); where it cannot start (no worker, a
// CSP without worker-src, a page opened from disk), offthread.js starts one itself or falls back
// to this thread as before. A classic script's relative `new Worker` URL is the document's.
try {
    // `#compile`: it fetches and compiles the module as soon as its script runs (worker.js).
    const worker = new Worker('analysis/worker.js#compile', { type: 'module', name: 'quotelens-analyser' });
    const held = [];
    const hold = (event) => {
        if (event.type === 'error') event.preventDefault();
        held.push(event);
    };
    worker.addEventListener('message', hold);
    worker.addEventListener('error', hold);
    globalThis.quotelensBoot = { worker, held, hold };
} catch {
    // offthread.js starts its own, or analyses on the page's thread.
}
