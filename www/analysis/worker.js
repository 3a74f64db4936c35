// The analysis worker: runs engine.js's own analysis in a module worker, so a long article never
// blocks the page. offthread.js is the page's side of it; engine.js stays the only file that
// touches the module (here, as on the page, it re-instantiates after a panic, though the page
// replaces the whole worker after one anyway).
//
// Messages in: {type: 'init', module} (the compiled module, once), {type: 'analyze', id, text},
// {type: 'panic', id} (tests). Messages out: {type: 'ready'} once; then per request a 'head'
// (the analysis with its top-level arrays empty, and the time taken), its arrays in 'items'
// batches of at most BATCH entries, and 'done' with `{ok}` or engine.js's failure.

import { adoptModule, analyzeHere, panicForTest } from './engine.js';

/** Entries per message: small enough that the page deserialises a batch in a few milliseconds. */
const BATCH = 200;

self.addEventListener('message', async ({ data }) => {
    if (data.type === 'init') {
        adoptModule(data.module);
        return;
    }
    const { id } = data;
    if (data.type === 'panic') {
        self.postMessage({ id, type: 'done', result: await panicForTest({ here: true }) });
        return;
    }
    if (data.type !== 'analyze') return;
    const result = await analyzeHere(data.text);
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
});

self.postMessage({ type: 'ready' });
