// Issue 17 (start-up), in real Chromium: the page's first text is drawn in two steps, the
// quotes of its opening paragraphs first, then the whole analysis, and the first step draws
// nothing the second draws differently (no flicker of wrong labels); the analyser is started
// early (worker and module before the first text). Times are reported (t.diagnostic), never
// asserted: what is checked is what was drawn.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WWW, usePage, waitForAnalysis, waitForAsync, paste } from './support.mjs';

const SAMPLE = readFileSync(join(WWW, 'sample.txt'), 'utf8');

// One server and one browser for the file (support.mjs); the tests open their own contexts.
const suite = usePage();

/**
 * Before any page script runs: records the view each time it is drawn while it says
 * `data-partial` (the opening's quotes), and the Long Animation Frames of the load.
 */
function recordDrawing() {
    const record = { partial: [], frames: [] };
    window.__startup = record;
    const marksOf = (view) =>
        [...view.querySelectorAll('mark')].map((m) => ({
            className: m.className,
            kind: m.dataset.kind ?? null,
            quote: m.dataset.quote ?? null,
            text: m.textContent,
        }));
    new MutationObserver(() => {
        const view = document.getElementById('view');
        if (view && 'partial' in view.dataset && view.querySelector('mark')) record.partial = marksOf(view);
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-partial'] });
    new PerformanceObserver((list) => {
        for (const frame of list.getEntries()) {
            // The frame's length, and its longest script (where it came from) when it ran one.
            const script = [...(frame.scripts ?? [])].sort((a, b) => b.duration - a.duration)[0];
            const where = script ? ` ${script.invoker} ${script.sourceURL.replace(location.origin, '')} ${Math.round(script.duration)} ms` : '';
            record.frames.push(`${Math.round(frame.duration)} ms${where}`);
        }
    }).observe({ type: 'long-animation-frame', buffered: true });
}

/** The text of each quote mark of the view (its pieces joined), by quote id, with its kind. */
function quotesOf(marks) {
    const quotes = new Map();
    for (const mark of marks.filter((m) => m.className.split(' ').includes('quote'))) {
        const seen = quotes.get(mark.quote);
        quotes.set(mark.quote, { kind: mark.kind, text: (seen?.text ?? '') + mark.text });
    }
    return quotes;
}

async function finalMarks(page) {
    return page.evaluate(() =>
        [...document.querySelectorAll('#view mark')].map((m) => ({
            className: m.className,
            kind: m.dataset.kind ?? null,
            quote: m.dataset.quote ?? null,
            text: m.textContent,
        })),
    );
}

/** Opens the page with the recorder; `text`, when given, is saved first as the reader's text. */
async function openRecorded(t, text) {
    const context = await suite.browser.newContext({ viewport: { width: 1360, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    t.after(() => assert.deepEqual(errors, [], 'uncaught errors on the page'));
    if (text !== undefined) {
        // The reader's text is kept in IndexedDB (input/persist.js) and is the next visit's first text.
        await page.goto(`${suite.server.origin}/`);
        await waitForAnalysis(page, 0);
        await paste(page, { 'text/plain': text });
        await waitForAsync(
            page,
            async (expected) => {
                const persist = await import('./input/persist.js');
                return (await persist.loadText()) === expected;
            },
            text,
        );
    }
    await page.addInitScript(recordDrawing);
    await page.goto(`${suite.server.origin}/`);
    await waitForAnalysis(page, 0);
    const record = await page.evaluate(() => window.__startup);
    return { page, record, final: await finalMarks(page) };
}

test('the sample’s opening quotes are drawn first, and the whole analysis draws them the same', async (t) => {
    const { page, record, final } = await openRecorded(t);
    t.diagnostic(`long animation frames during the load (ms): ${JSON.stringify(record.frames)}`);
    assert.ok(record.partial.length > 0, 'the opening paragraphs were drawn before the whole analysis');
    assert.deepEqual(
        record.partial.filter((m) => m.className !== 'quote'),
        [],
        'only quotes are drawn early: no speaker, cue, claim or entity',
    );
    const early = quotesOf(record.partial);
    const whole = quotesOf(final);
    for (const [id, quote] of early) {
        assert.deepEqual(whole.get(id), quote, `quote ${id} is drawn the same by the whole analysis`);
    }
    assert.ok(whole.size > early.size, 'the whole analysis draws the rest of the sample');
    assert.equal(await page.evaluate(() => 'partial' in document.getElementById('view').dataset), false);
    assert.ok(final.some((m) => m.className.includes('entity')), 'the whole analysis draws entities');
});

test('a quote left open where the opening ends is not drawn early (it goes on in the next paragraph)', async (t) => {
    // Our own text: the opening's cut (the first blank line after 600 characters, here after the
    // second paragraph) falls inside a quotation that runs over two paragraphs, by the
    // continuation convention.
    const filler = 'The committee met on a grey morning to weigh the plans for the harbour wall. '.repeat(7);
    const text = [
        `${filler}“We will keep the gates open,” said the engineer.`,
        `Later she added: “The tide decides when we close them, not the council.`,
        `“And the council knows it,” she said.`,
        `${filler}`,
        `${filler}`,
    ].join('\n\n');
    assert.ok(text.indexOf('“And the council') > 600, 'the cut falls between the quote’s two paragraphs');
    const { record, final } = await openRecorded(t, text);
    const early = quotesOf(record.partial);
    const whole = quotesOf(final);
    assert.ok(early.size >= 1, 'the closed quote of the first paragraph is drawn early');
    for (const [id, quote] of early) assert.deepEqual(whole.get(id), quote, `quote ${id} is drawn the same later`);
    assert.ok(![...early.values()].some((q) => q.text.includes('The tide decides')), 'the open quote is left for the whole analysis');
    assert.ok([...whole.values()].some((q) => q.text.includes('The tide decides')), 'the whole analysis draws it');
});

test('the worker starts with the page, and the module is compiled before the first highlight', async (t) => {
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    // The start runs under the page's CSP (the build writes boot.js into the page, allowed by its hash).
    await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`${suite.server.origin}/`);
    await waitForAnalysis(page, 0);
    const report = await page.evaluate(async () => {
        const offthread = await import('./analysis/offthread.js');
        const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
        return {
            workers: offthread.workerCount(),
            compiled: at('quotelens:compiled'),
            firstHighlight: at('quotelens:first-highlight'),
            status: document.getElementById('status').textContent,
        };
    });
    t.diagnostic(`module compiled at ${report.compiled} ms, first highlight at ${report.firstHighlight} ms; status "${report.status}"`);
    assert.equal(report.workers, 1, 'one worker, started with the page');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
    assert.ok(report.compiled <= report.firstHighlight, 'the module is compiled before the first highlight');
});

test('a direct quote that stops mid-clause is left for the whole analysis, which may make it partial', async (t) => {
    // Our own text: the quote's words end without punctuation of their own and its claim may run
    // on past the closing mark, in which case the claim stage turns it partial (whether it does
    // depends on the trained tagger's content span, so either kind is accepted below); the quote
    // stage alone calls it direct. The other quote of the opening ends its clause and is drawn early.
    const filler = 'The committee met on a grey morning to weigh the plans for the harbour wall. '.repeat(7);
    const text = [
        `“We will keep the gates open,” said the engineer. ${filler}`,
        `“Most of the cost of the ferry comes from efforts to keep the old pier” open, she said, rather than from fuel.`,
        `${filler}`,
        `${filler}`,
        `${filler}`,
    ].join('\n\n');
    const { record, final } = await openRecorded(t, text);
    const early = quotesOf(record.partial);
    const whole = quotesOf(final);
    assert.ok([...early.values()].some((q) => q.text.includes('We will keep the gates open')), 'the quote ending its clause is drawn early');
    for (const [id, quote] of early) assert.deepEqual(whole.get(id), quote, `quote ${id} is drawn the same later`);
    assert.ok(![...early.values()].some((q) => q.text.includes('the old pier')), 'the quote stopping mid-clause is not drawn early');
    const pier = [...whole.values()].find((q) => q.text.includes('the old pier'));
    assert.ok(pier && ['direct', 'partial'].includes(pier.kind), `the whole analysis draws it (${pier?.kind})`);
    t.diagnostic(`the mid-clause quote, drawn by the whole analysis: ${pier?.kind}`);
});

/**
 * Before any page script runs: holds back the answer of the page's IndexedDB open until the
 * test calls `window.__releaseStorage()`, so that the saved text arrives when the test says.
 */
function holdStorage() {
    const open = IDBFactory.prototype.open;
    const held = [];
    let released = false;
    window.__releaseStorage = () => {
        released = true;
        held.splice(0).forEach((release) => release());
    };
    window.__storageHeld = () => held.length;
    IDBFactory.prototype.open = function (...args) {
        const request = open.apply(this, args);
        request.addEventListener('success', (event) => {
            if (!event.isTrusted || released) return;
            event.stopImmediatePropagation();
            held.push(() => request.dispatchEvent(new Event('success')));
        });
        return request;
    };
}

/** Opens the page with the saved text's read held back (holdStorage), once its scripts have run
 * to their first wait. */
async function gotoHeld(page) {
    await page.addInitScript(holdStorage);
    await page.goto(`${suite.server.origin}/`);
    await page.waitForFunction(() => document.readyState !== 'loading' && window.__storageHeld() > 0);
}

/** Opens the page with the read held back, once the early sample is drawn (before the read). */
async function gotoHeldDrawn(page) {
    await page.addInitScript(holdStorage);
    await page.goto(`${suite.server.origin}/`);
    await page.waitForFunction(() => performance.getEntriesByName('quotelens:first-highlight').length > 0);
    assert.ok((await page.evaluate(() => window.__storageHeld())) > 0, 'the sample was drawn before the read');
}

/** Removes the record that a text is stored (persist.js STORED_KEY), as the page of before kept
 * none, once this page's own pending write is done: the analysis of the text it showed saves it
 * (debounced), and that write records it again (with the worker warm early, the analysis came
 * inside the debounce and the record came back in about 1 run of 5). */
async function forgetRecord(page) {
    await page.evaluate(async () => {
        await (await import('./input/persist.js')).flush();
        localStorage.removeItem('quotelens.stored');
    });
}

/** Reloads while the read is held (the page is hidden meanwhile), lets the new page's read
 * answer, and checks that `expected` is the text it shows. */
async function reloadHeldThenExpect(page, expected) {
    await page.reload();
    await page.waitForFunction(() => document.readyState !== 'loading' && window.__storageHeld() > 0);
    await page.evaluate(() => window.__releaseStorage());
    await page.waitForFunction((text) => document.getElementById('view')?.textContent === text, expected);
    assert.equal(await page.inputValue('#article'), expected);
}

test('what the reader types before the saved text is read stands, and is what gets saved', async (t) => {
    const { page } = await openRecorded(t, '“Saved earlier,” said the clerk.');
    await page.addInitScript(holdStorage);
    await page.goto(`${suite.server.origin}/`);
    // The page is running (its scripts ran to their first wait) and the saved text is held back.
    await page.waitForFunction(() => document.readyState !== 'loading' && window.__storageHeld() > 0);
    const before = Number((await page.evaluate(() => document.documentElement.dataset.analysed)) ?? 0);
    const typed = '“Typed first,” said the reader.';
    await page.fill('#article', typed);
    await page.evaluate(() => window.__releaseStorage());
    await page.waitForFunction((n) => Number(document.documentElement.dataset.analysed ?? 0) > n, before);
    // Once the saved text has been read and the typed text analysed, the typed text is the page's.
    await waitForAsync(
        page,
        async (expected) => {
            const persist = await import('./input/persist.js');
            await persist.loadTextAtStart(); // app.js's start goes on from the same read, before this
            return (await persist.loadText()) === expected;
        },
        typed,
    );
    assert.equal(await page.inputValue('#article'), typed);
    assert.equal(await page.textContent('#view'), typed);
});

test('what the reader types before the saved text is read survives a reload made before the read settles', async (t) => {
    const { page } = await openRecorded(t, '“Saved earlier,” said the clerk.');
    await gotoHeld(page);
    const typed = '“Typed, then reloaded,” said the reader.';
    await page.fill('#article', typed);
    // Reloaded while the saved text's read is still held back (the page is hidden meanwhile).
    await reloadHeldThenExpect(page, typed);
});

test('the empty box of a page reloaded before its saved text was read does not replace that text', async (t) => {
    const stored = '“Kept across an early reload,” said the clerk.';
    const { page } = await openRecorded(t, stored);
    await gotoHeld(page);
    assert.equal(await page.inputValue('#article'), '', 'a text is recorded as stored: no early sample');
    await reloadHeldThenExpect(page, stored);
});

test('a first visit: what the reader writes over the early sample before the read settles survives a reload', async (t) => {
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await gotoHeldDrawn(page);
    const mine = '“Pasted over the sample,” said the reader.';
    // (Not paste(), which waits for an analysis: with every IndexedDB open held, the corrections'
    // read (model/storage.js) holds the whole analysis back too.)
    await page.fill('#article', mine);
    await reloadHeldThenExpect(page, mine);
});

test('the early sample, untouched, is not kept over a text stored by an older page when reloaded before the read settles', async (t) => {
    const stored = '“Stored by the page of before,” said the clerk.';
    const { page } = await openRecorded(t, stored);
    await forgetRecord(page); // the page of before kept no record
    await gotoHeldDrawn(page);
    await reloadHeldThenExpect(page, stored);
});

test('a first visit draws the sample without waiting for IndexedDB, and saves it only once the read has settled', async (t) => {
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.addInitScript(holdStorage);
    await page.goto(`${suite.server.origin}/`);
    // Nothing is recorded as stored (a new profile): the sample's first highlight comes while the
    // saved text's read is still held back.
    await page.waitForFunction(() => performance.getEntriesByName('quotelens:first-highlight').length > 0);
    assert.ok((await page.evaluate(() => window.__storageHeld())) > 0, 'the read was still held when the sample was drawn');
    assert.equal(await page.inputValue('#article'), SAMPLE);
    await page.evaluate(() => window.__releaseStorage());
    await waitForAsync(page, async (expected) => (await (await import('./input/persist.js')).loadText()) === expected, SAMPLE);
});

test('a text stored by an older page (no record of it) still replaces the early sample, and is never overwritten', async (t) => {
    const stored = '“Stored by the page of before,” said the clerk.';
    const { page } = await openRecorded(t, stored);
    // The page of before kept no record that a text is stored (persist.js STORED_KEY).
    await forgetRecord(page);
    await gotoHeldDrawn(page);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    // Writes asked for meanwhile (the sample's) wait for the read.
    await page.evaluate(() => {
        import('./input/persist.js').then((persist) => persist.flush());
    });
    await page.evaluate(() => window.__releaseStorage());
    await page.waitForFunction((expected) => document.getElementById('view')?.textContent === expected, stored);
    assert.equal(await page.inputValue('#article'), stored);
    assert.equal(await page.isHidden('#undo'), true, 'the sample was not edited: nothing to undo');
    await page.evaluate(async () => (await import('./input/persist.js')).flush());
    assert.equal(await page.evaluate(async () => (await import('./input/persist.js')).loadText()), stored);
    assert.equal(await page.evaluate(() => localStorage.getItem('quotelens.stored')), '1', 'recorded as stored now');
});

test('where localStorage throws (site data partly blocked), the text is still kept in IndexedDB and comes back', async (t) => {
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    await context.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
            get() {
                throw new DOMException('The access is denied for this document.', 'SecurityError');
            },
        });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${suite.server.origin}/`);
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    const mine = '“No localStorage here,” said the reader.';
    await paste(page, { 'text/plain': mine });
    // Written (without localStorage there is no journal for a reload to fall back on).
    await waitForAsync(page, async (expected) => (await (await import('./input/persist.js')).loadText()) === expected, mine);
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), mine);
    assert.deepEqual(errors, []);
});

test('where IndexedDB throws, a page that recorded a stored text still shows the sample, and the box works', async (t) => {
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    await context.addInitScript(() => {
        localStorage.setItem('quotelens.stored', '1'); // a text was stored, once (persist.js)
        IDBFactory.prototype.open = () => {
            throw new DOMException('IndexedDB is disabled.', 'InvalidStateError');
        };
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${suite.server.origin}/`);
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    await paste(page, { 'text/plain': '“Typed anyway,” she said.' });
    assert.equal(await page.$$eval('#view mark.quote', (marks) => marks.length), 1);
    assert.deepEqual(errors, []);
});

test('where no worker can run, the page analyses on its own thread, and again on a fresh instance after a panic', async (t) => {
    // The page's side imports the glue by its URL (scripts/build-site.sh bundles it into the
    // worker only): the build must still serve it, and the page's chunk must name it rightly.
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.addInitScript(() => {
        window.Worker = undefined;
    });
    await page.goto(`${suite.server.origin}/`);
    await waitForAnalysis(page, 0);
    assert.ok((await page.$$('#view mark.quote')).length > 5, 'the sample is highlighted');
    const panic = await page.evaluate(async () => (await import('./app.js')).panicForTest());
    assert.equal(panic.crashed, true);
    await paste(page, { 'text/plain': '“Again,” she said.' });
    assert.equal(await page.$$eval('#view mark.quote', (marks) => marks.length), 1);
    assert.equal(await page.evaluate(async () => (await import('./analysis/engine.js')).instanceCount()), 2);
    assert.deepEqual(errors, []);
});

test('an analysis does not fail where performance.measure takes no options (no User Timing level 3)', async (t) => {
    const context = await suite.browser.newContext();
    t.after(() => context.close());
    // The worker's script, served with a performance.measure of User Timing level 2 before it:
    // one that throws when given an options object.
    let served = 0;
    await context.route('**/analysis/worker.js', async (route) => {
        const response = await route.fetch();
        const level2 = `performance.measure = function (name, start) {
            if (start !== undefined && typeof start !== 'string') throw new TypeError('User Timing level 2: no options');
        };\n`;
        served += 1;
        await route.fulfill({ response, body: level2 + (await response.text()) });
    });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/`);
    await waitForAnalysis(page, 0);
    assert.ok(served >= 1, 'the worker ran the level-2 script');
    assert.equal(await page.evaluate(() => import('./analysis/offthread.js').then((m) => m.workerCount())), 1, 'analysed in the worker');
    assert.ok((await page.$$('#view mark.quote')).length > 5, 'the sample is highlighted');
});
