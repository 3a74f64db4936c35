// Issue 10 (trustworthy under bad input) and issue 9 (responsiveness), in real Chromium: large
// texts analysed in the worker and drawn progressively, yielding between chunks (the times of our
// tasks are reported, never asserted: no test depends on the machine's speed), the text kept
// across reloads (and forgotten on opt-out), hostile and right-to-left pastes, wrapped lines,
// no request beyond the page's own files, no CSP violation, no serious axe finding, and the
// highlights reachable by keyboard with their label.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
    WWW, startServer, launchChromium, openPage, paste, highlights, analysisCount, waitForAnalysis, waitForAsync, saveScreenshot,
} from './support.mjs';
import { HOSTILE_HTML } from './cases.mjs';

const require = createRequire(import.meta.url);
const SAMPLE = readFileSync(join(WWW, 'sample.txt'), 'utf8');
const SAMPLE_WORDS = SAMPLE.split(/(?<=\s)/);

/** About `n` words of news text: the sample's words, over and over. */
function words(n) {
    const out = [];
    for (let i = 0; out.length < n; i += 1) out.push(SAMPLE_WORDS[i % SAMPLE_WORDS.length]);
    return out.join('');
}

/** The sample repeated to at least `length` UTF-16 units, whole copies. */
function sampleOfLength(length) {
    return SAMPLE.repeat(Math.ceil(length / SAMPLE.length));
}

let server;
let browser;

before(async () => {
    server = await startServer();
    browser = await launchChromium();
});

after(async () => {
    await browser?.close();
    await server?.close();
});

async function open(t, options) {
    const opened = await openPage(browser, server.origin, options);
    t.after(async () => {
        assert.deepEqual(opened.log.errors, [], 'uncaught errors on the page');
        await opened.context.close();
    });
    return opened;
}

/**
 * Pastes `text` over the article as a reader would (clipboard, Ctrl+A, Ctrl+V: the browser
 * inserts it) and waits, up to `timeout`, for its analysis.
 */
async function pasteLarge(page, text, timeout = 120_000) {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.focus('#article');
    await page.keyboard.press('Control+A');
    const before = await analysisCount(page);
    await page.evaluate(() => (window.__pasteStarted = performance.now()));
    await page.keyboard.press('Control+V');
    await page.waitForFunction((n) => Number(document.documentElement.dataset.analysed ?? 0) > n, before, { timeout });
}

/** Starts recording long tasks, long animation frames (with their scripts) and a rAF heartbeat. */
async function startResponsivenessProbe(page) {
    await page.evaluate(() => {
        const probe = { longTasks: [], scripts: [], frames: [], stopped: false };
        window.__probe = probe;
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
        }).observe({ type: 'longtask' });
        new PerformanceObserver((list) => {
            for (const frame of list.getEntries()) {
                for (const script of frame.scripts ?? []) {
                    probe.scripts.push({
                        duration: Math.round(script.duration),
                        source: script.sourceURL,
                        invoker: script.invoker,
                        fn: script.sourceFunctionName,
                        at: script.sourceCharPosition,
                    });
                }
            }
        }).observe({ type: 'long-animation-frame' });
        const tick = (now) => {
            probe.frames.push(now);
            if (!probe.stopped) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        // Mutation records are delivered once per task that changed the view: how many tasks the
        // drawing was spread over, which does not depend on how fast the machine is.
        probe.viewTasks = 0;
        new MutationObserver(() => {
            if (!probe.stopped) probe.viewTasks += 1;
        }).observe(document.getElementById('view'), { childList: true });
    });
}

async function stopResponsivenessProbe(page) {
    return page.evaluate(() => {
        const probe = window.__probe;
        probe.stopped = true;
        const gaps = probe.frames.slice(1).map((t, i) => t - probe.frames[i]);
        return {
            longTasks: probe.longTasks,
            scripts: probe.scripts,
            viewTasks: probe.viewTasks,
            frames: probe.frames.length,
            maxGap: Math.round(Math.max(0, ...gaps)),
            gaps: gaps.map(Math.round),
        };
    });
}

/** Our own scripts (the page's files, not the test's evaluate calls) in long animation frames. */
function ownScripts(scripts) {
    return scripts.filter((s) => s.source.startsWith(server.origin) && !s.source.includes('__playwright'));
}

// --- 1. Never blocks ------------------------------------------------------------------------

test('every text goes to the one worker, which answers as the main thread would (and how fast)', async (t) => {
    const { page } = await open(t);
    const report = await page.evaluate(async (texts) => {
        const engine = await import('./analysis/engine.js');
        const offthread = await import('./analysis/offthread.js');
        const out = { timings: {} };
        // Warm both: the worker started with the page, with the module the page compiled.
        const started = performance.now();
        await engine.analyzeHere('x');
        out.mainThreadColdStartMs = Math.round(performance.now() - started);
        await engine.analyze('x');
        out.workersAfterWarmUp = offthread.workerCount();
        for (const [label, text] of Object.entries(texts)) {
            const best = async (run) => {
                let fastest = Infinity;
                let result;
                for (let i = 0; i < 3; i += 1) {
                    const started = performance.now();
                    result = await run();
                    fastest = Math.min(fastest, performance.now() - started);
                }
                return { ms: fastest, result };
            };
            const here = await best(() => engine.analyzeHere(text));
            const offMainThread = await best(() => engine.analyze(text));
            out.timings[label] = {
                mainThreadMs: Math.round(here.ms * 10) / 10,
                workerMs: Math.round(offMainThread.ms * 10) / 10,
                same: JSON.stringify(here.result.analysis) === JSON.stringify(offMainThread.result.analysis),
            };
        }
        const small = await engine.analyze('“Small,” she said.');
        out.smallOk = small.ok;
        out.workersAtEnd = offthread.workerCount();
        return out;
    }, { '1k words': words(1_000), '10k words': words(10_000), '100k words': words(100_000) });
    t.diagnostic(`main thread cold start ${report.mainThreadColdStartMs} ms; ${JSON.stringify(report.timings)}`);
    for (const [label, timing] of Object.entries(report.timings)) {
        assert.ok(timing.same, `the worker's analysis of ${label} differs from the main thread's`);
    }
    assert.equal(report.workersAfterWarmUp, 1);
    assert.equal(report.smallOk, true);
    assert.equal(report.workersAtEnd, 1, 'the one worker is reused');
});

test('a panic in the worker ends it; the next analysis runs in a fresh worker', async (t) => {
    const { page, log } = await open(t);
    const report = await page.evaluate(async () => {
        const engine = await import('./analysis/engine.js');
        const offthread = await import('./analysis/offthread.js');
        const big = '“Big,” she said. '.repeat(1000);
        const first = await engine.analyze(big);
        const panic = await engine.panicForTest();
        const after = await engine.analyze(big);
        return {
            firstOk: first.ok,
            panic,
            afterOk: after.ok,
            quotes: after.analysis?.quotes.length,
            workers: offthread.workerCount(),
            instances: engine.instanceCount(),
        };
    });
    assert.equal(report.firstOk, true);
    assert.equal(report.panic.ok, false);
    assert.equal(report.panic.crashed, true);
    assert.match(report.panic.error, /deliberate panic from __test_panic\(\)/);
    assert.equal(report.afterOk, true);
    assert.equal(report.quotes, 1000);
    assert.equal(report.workers, 2, 'the crashed worker is replaced by a new one');
    assert.equal(report.instances, 2, 'no instance on the page’s own thread');
    assert.ok(log.console.some((m) => m.type === 'error' && m.text.includes('deliberate panic')));
});

test('a newer text cancels the analysis running in the worker', async (t) => {
    const { page } = await open(t);
    const report = await page.evaluate(async (big) => {
        const engine = await import('./analysis/engine.js');
        // The worker is up and holds the module (the page's first analysis), so the first text
        // is posted to it as soon as analyze() is called; it is cancelled on the next task, long
        // before 300,000 words are through, however busy the machine (not after a delay).
        await engine.analyze('Warm.');
        const controller = new AbortController();
        const first = engine.analyze(big, { signal: controller.signal });
        const second = engine.analyze('“Next,” he said. '.repeat(1000));
        await new Promise((next) => setTimeout(next, 0));
        controller.abort();
        const [a, b] = await Promise.all([first, second]);
        return { a: { ok: a.ok, cancelled: a.cancelled }, b: { ok: b.ok, quotes: b.analysis?.quotes.length } };
    }, words(300_000));
    assert.deepEqual(report, { a: { ok: false, cancelled: true }, b: { ok: true, quotes: 1000 } });
});

test('pasting a million words: analysed in the worker, drawn over many tasks, the text intact (times reported)', async (t) => {
    const { page } = await open(t);
    const text = words(1_000_000);
    await startResponsivenessProbe(page);
    const started = Date.now();
    await pasteLarge(page, text);
    const elapsed = Date.now() - started;
    const probe = await stopResponsivenessProbe(page);
    const own = ownScripts(probe.scripts);
    const longest = own.reduce((a, b) => (b.duration > a.duration ? b : a), { duration: 0 });
    t.diagnostic(
        `1M words (${(text.length / 1e6).toFixed(1)} M chars): done in ${elapsed} ms; ` +
            `longest script of ours ${longest.duration} ms (${longest.invoker ?? '-'}); ` +
            `long tasks (any, incl. the browser's layout) ${JSON.stringify(probe.longTasks)}; ` +
            `${probe.frames} frames, longest gap ${probe.maxGap} ms; the view drawn over ${probe.viewTasks} tasks`,
    );
    // The 50 ms budget is measured and reported above and in scripts/bench-browser.sh; a test
    // asserts nothing that depends on the machine's speed or load. What keeps the page responsive
    // is checked instead: the analysis runs in the worker (the first test of this file), and the
    // view is drawn a few chunks per task, yielding between them (view/progressive.js).
    assert.ok(probe.viewTasks > 10, `the view was drawn over ${probe.viewTasks} tasks; it should yield between chunks`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'ok');
    const view = await page.evaluate(() => {
        const v = document.getElementById('view');
        return { same: v.textContent === document.getElementById('article').value, marks: v.querySelectorAll('mark').length };
    });
    assert.ok(view.same, 'the view holds the whole text');
    assert.ok(view.marks > 30_000, `highlights drawn: ${view.marks}`);
});

test('a 10 MB paste shows progress, never freezes the tab, and ends highlighted with the text intact', async (t) => {
    const { page } = await open(t);
    const text = sampleOfLength(10 * 1024 * 1024);
    await startResponsivenessProbe(page);
    // Progress must show up soon after the paste: record when each state first appears.
    await page.evaluate(() => {
        const seen = (window.__progressSeen = {});
        new MutationObserver(() => {
            const state = document.documentElement.dataset.progress;
            if (state && !(state in seen)) seen[state] = performance.now();
        }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-progress'] });
    });
    const before = Date.now();
    await pasteLarge(page, text, 300_000);
    const total = Date.now() - before;
    const probe = await stopResponsivenessProbe(page);
    const progress = await page.evaluate(() => {
        const s = window.__progressSeen;
        const from = window.__pasteStarted;
        return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v - from)]));
    });
    const own = ownScripts(probe.scripts);
    const longest = own.reduce((a, b) => Math.max(a, b.duration), 0);
    t.diagnostic(
        `10 MB: progress first shown (ms after the paste began) ${JSON.stringify(progress)}; done after ${total} ms; ` +
            `longest script of ours ${longest} ms; ${probe.frames} frames, longest gap ${probe.maxGap} ms; ` +
            `long tasks ${JSON.stringify(probe.longTasks)}; the view drawn over ${probe.viewTasks} tasks`,
    );
    assert.ok('analysing' in progress && 'rendering' in progress, 'progress was shown while analysing and drawing');
    // As above: the times are reported, not asserted; the drawing yields between chunks.
    assert.ok(probe.viewTasks > 10, `the view was drawn over ${probe.viewTasks} tasks; it should yield between chunks`);
    const state = await page.evaluate(() => ({
        state: document.documentElement.dataset.state,
        inputSame: document.getElementById('article').value.length,
        viewLength: document.getElementById('view').textContent.length,
        marks: document.querySelectorAll('#view mark').length,
        progressHidden: document.querySelector('.progress').hidden,
        status: document.getElementById('status').textContent,
    }));
    t.diagnostic(`10 MB final state: ${JSON.stringify(state)}`);
    assert.equal(state.state, 'ok');
    assert.equal(state.inputSame, text.length, 'the article still holds every character');
    assert.equal(state.viewLength, text.length, 'the view holds every character');
    assert.ok(state.marks > 60_000);
    assert.equal(state.progressHidden, true);
    assert.match(state.status, /quotations/);
    await saveScreenshot(page, 'trust-10mb.png');
});

// --- 2. Nothing lost ------------------------------------------------------------------------

test('the text survives a reload (IndexedDB); opting out deletes it', async (t) => {
    const { page } = await open(t);
    assert.equal(await page.isChecked('#remember'), true, 'remembering is on by default');
    const mine = '“Remember me,” the reporter said.\n\nA second paragraph.';
    await paste(page, { 'text/plain': mine });
    await page.waitForFunction(() => document.documentElement.dataset.persisted === 'saved');
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), mine);
    assert.equal(await page.textContent('#view'), mine);
    // Not in localStorage: IndexedDB holds it, so large texts fit.
    assert.equal(await page.evaluate(() => localStorage.getItem('quotelens.article')), null);

    // Typing, then reloading at once: the pending write is flushed when the page is hidden.
    await page.focus('#article');
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed last.');
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), mine + ' Typed last.');

    // Opting out deletes the stored text; after a reload the sample is back, not the text.
    await page.uncheck('#remember');
    await page.waitForFunction(() => document.documentElement.dataset.persisted === 'off');
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.isChecked('#remember'), false);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    const stored = await page.evaluate(
        () =>
            new Promise((resolve) => {
                const request = indexedDB.open('quotelens-text', 1);
                request.onsuccess = () => {
                    const get = request.result.transaction('texts').objectStore('texts').get('article');
                    get.onsuccess = () => resolve(get.result === undefined ? null : 'still stored');
                };
            }),
    );
    assert.equal(stored, null);
    // While opted out, nothing is written.
    await paste(page, { 'text/plain': 'Not to be kept.' });
    // Whatever write is pending goes now (what a page hide would do), rather than after a delay.
    await page.evaluate(async () => (await import('./input/persist.js')).flush());
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    // Opting in again stores the text on the page at once.
    await paste(page, { 'text/plain': 'Kept again.' });
    await page.check('#remember');
    await page.waitForFunction(() => document.documentElement.dataset.persisted === 'saved');
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), 'Kept again.');
});

/** In the page: whether IndexedDB holds `expected` as the reader's text (read directly, not
 * through persist.js, whose loadText would move a journalled copy there). */
async function storedIs(expected) {
    return await new Promise((resolve) => {
        const request = indexedDB.open('quotelens-text');
        request.onsuccess = () => {
            const get = request.result.transaction('texts').objectStore('texts').get('article');
            get.onsuccess = async () => {
                const value = get.result instanceof Blob ? await get.result.text() : get.result;
                request.result.close();
                resolve(value === expected);
            };
            get.onerror = () => resolve(false);
        };
        request.onerror = () => resolve(false);
    });
}

test('edits saved after the tab was hidden once survive a reload (the hide’s copy does not come back)', async (t) => {
    const { page } = await open(t);
    // The tab is hidden (another tab chosen) right after a paste, before its write is due: the
    // text goes to localStorage's journal as well as to IndexedDB (input/persist.js).
    const first = '“First draft,” the reporter said.';
    const before = await analysisCount(page);
    // Typed and hidden in one task, so that no write can come in between.
    const journalled = await page.evaluate((text) => {
        const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('article'));
        input.value = text;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
        delete document.visibilityState; // visible again: the tab is chosen back
        return localStorage.getItem('quotelens.article');
    }, first);
    assert.equal(journalled, first, 'journalled when hidden');
    await waitForAnalysis(page, before);
    await waitForAsync(page, storedIs, first);
    // Back in the tab, the reader edits; the edit is saved a moment later, then the tab reloads.
    const last = '“Final draft,” the reporter said.';
    await paste(page, { 'text/plain': last });
    await waitForAsync(page, storedIs, last);
    // The reload finds the saved edit, not the copy journalled when the tab was hidden.
    await page.reload();
    await waitForAnalysis(page, 0);
    assert.equal(await page.inputValue('#article'), last);
});

test('a large text (6 MB) survives a reload too', async (t) => {
    const { page } = await open(t);
    const text = sampleOfLength(6 * 1024 * 1024);
    await pasteLarge(page, text);
    await page.waitForFunction(() => document.documentElement.dataset.persisted === 'saved', null, { timeout: 30_000 });
    await page.reload();
    await page.waitForFunction(() => Number(document.documentElement.dataset.analysed ?? 0) > 0, null, { timeout: 120_000 });
    assert.equal(await page.evaluate(() => document.getElementById('article').value.length), text.length);
});

// --- 3. Hostile pastes, right-to-left text, wrapped lines ------------------------------------

const MORE_HOSTILE_HTML = [
    '<object data="data:text/html,<script>parent.__pwned=10</script>"></object><p>After an object.</p>',
    '<embed src="data:image/svg+xml,<svg onload=parent.__pwned=11>"><p>After an embed.</p>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=12"><p>After a refresh.</p>',
    '<link rel="stylesheet" href="data:text/css,body{display:none}"><p>After a stylesheet link.</p>',
    '<base href="https://example.invalid/"><p>After a base.</p>',
    '<form action="javascript:window.__pwned=13"><button formaction="javascript:window.__pwned=14">Go</button></form><p>After a form.</p>',
    '<style>body { display: none } #view { visibility: hidden }</style><p>“CSS,” said nobody.</p>',
    '<svg><animate onbegin="window.__pwned=15" attributeName="x" dur="1s"/></svg><p>After an animation.</p>',
    '<img src="x" onerror="window.__pwned=16"><video><source onerror="window.__pwned=17"></video><p>Media.</p>',
    '<a href="javascript:window.__pwned=18" onclick="window.__pwned=19">“Click me,” it said.</a>',
    '<noscript><p title="</noscript><img src=x onerror=window.__pwned=20>"></p></noscript><p>noscript.</p>',
    '<template><script>window.__pwned=21</script></template><p>After a template.</p>',
];

test('hostile rich text, pasted for real or by script, stays text and never runs', async (t) => {
    const { context, page } = await open(t);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const url = page.url();
    const all = [...HOSTILE_HTML, ...MORE_HOSTILE_HTML];
    for (const html of all) {
        await paste(page, { 'text/html': html });
        assert.equal(await page.textContent('#view'), await page.inputValue('#article'));
    }
    // A real Ctrl+V of the rich text alone.
    for (const html of MORE_HOSTILE_HTML.slice(0, 4)) {
        await page.evaluate(async (value) => {
            await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([value], { type: 'text/html' }) })]);
        }, html);
        await page.focus('#article');
        await page.keyboard.press('Control+A');
        const before = await analysisCount(page);
        await page.keyboard.press('Control+V');
        await waitForAnalysis(page, before);
    }
    // The payloads as plain text are shown literally.
    const plain = all.join('\n\n');
    await paste(page, { 'text/plain': plain });
    assert.equal(await page.textContent('#view'), plain);
    // No waiting for a payload to fire: one can only run, load or navigate as an element of this
    // document, and the check below finds none (not a script, an image, a meta refresh…).
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
    assert.equal(page.url(), url, 'the page navigated');
    const foreign = await page.evaluate(() => ({
        inView: [...document.querySelectorAll('#view *')]
            .map((e) => e.tagName)
            .filter((name) => name !== 'MARK' && name !== 'DIV'),
        // The page's own forms (the panels' correction and merge forms) aside.
        anywhere: [...document.querySelectorAll(
            'img, iframe, svg, a, body style, object, embed, video, form, base, template, noscript, link:not([href$=".css"]):not([rel="icon"]):not([rel="preload"]):not([rel="modulepreload"]), meta[http-equiv="refresh"]',
        )].filter((e) => !(e.localName === 'form' && e.closest('.panel, aside, [id^="panel-"]'))).length,
        styleSheets: document.styleSheets.length,
        viewVisible: getComputedStyle(document.getElementById('view')).visibility,
    }));
    // The page's own: palette.css, page.css, view/marks.css (in one <style> in <head> where
    // scripts/build-site.sh wrote them into the page).
    const own = (readFileSync(join(WWW, 'index.html'), 'utf8').match(/<link rel="stylesheet"|<style>/g) ?? []).length;
    assert.deepEqual(foreign, { inView: [], anywhere: 0, styleSheets: own, viewVisible: 'visible' });
});

const ARABIC = 'قال الوزير: «سنعيد بناء الميناء» في مؤتمر صحفي.';
const HEBREW = 'ראש העיר אמר: "נבנה מחדש את הנמל" ביום שלישי.';
/** An unterminated right-to-left override, then an ordinary English paragraph. */
const OVERRIDE = 'Invoice \u202Etxt.exe\u202C and \u202Eunterminated override';
const AFTER = '“Plain English,” the editor said.';
const BIDI_TEXT = [ARABIC, '', HEBREW, '', OVERRIDE, '', AFTER, '', 'Isolates \u2067עברית\u2069 and marks \u200F\u200E end.'].join('\n');

test('right-to-left paragraphs and bidi controls: logical order kept, each paragraph its own direction', async (t) => {
    const { page } = await open(t);
    await paste(page, { 'text/plain': BIDI_TEXT });
    assert.equal(await page.inputValue('#article'), BIDI_TEXT);
    assert.equal(await page.textContent('#view'), BIDI_TEXT, 'the view holds the text in logical order, controls included');
    const layout = await page.evaluate(
        ({ arabic, after }) => {
            const view = document.getElementById('view');
            const text = view.textContent;
            /** The box of the character at `offset` of the view's text. */
            const box = (offset) => {
                const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
                let seen = 0;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (offset < seen + node.data.length) {
                        const range = document.createRange();
                        range.setStart(node, offset - seen);
                        range.setEnd(node, offset - seen + 1);
                        return range.getBoundingClientRect();
                    }
                    seen += node.data.length;
                }
                return null;
            };
            const viewBox = view.getBoundingClientRect();
            const arabicStart = text.indexOf(arabic);
            const afterStart = text.indexOf(after);
            return {
                viewBidi: getComputedStyle(view).unicodeBidi,
                inputBidi: getComputedStyle(document.getElementById('article')).unicodeBidi,
                inputDir: document.getElementById('article').getAttribute('dir'),
                inputContain: getComputedStyle(document.getElementById('article')).contain,
                // The Arabic paragraph runs right to left and starts at the right edge.
                arabicFirstRight: box(arabicStart).right,
                arabicSecondRight: box(arabicStart + 1).right,
                arabicNearRightEdge: viewBox.right - box(arabicStart).right < 40,
                // The English paragraph after the override runs left to right from the left edge.
                afterXs: [0, 1, 2, 3].map((i) => box(afterStart + i).left),
                afterNearLeftEdge: box(afterStart).left - viewBox.left < 20,
            };
        },
        { arabic: ARABIC, after: AFTER },
    );
    assert.equal(layout.viewBidi, 'plaintext');
    assert.equal(layout.inputBidi, 'plaintext');
    // Not dir="auto": Chromium rescans the whole value on every change (seconds for megabytes);
    // unicode-bidi: plaintext gives each paragraph its own direction instead.
    assert.equal(layout.inputDir, null);
    assert.equal(layout.inputContain, 'strict');
    assert.ok(layout.arabicSecondRight < layout.arabicFirstRight, 'Arabic runs right to left');
    assert.ok(layout.arabicNearRightEdge, 'the Arabic paragraph starts at the right edge');
    assert.deepEqual([...layout.afterXs].sort((a, b) => a - b), layout.afterXs, 'the paragraph after an override runs left to right');
    assert.ok(layout.afterNearLeftEdge);
    // The highlights are in the text, marks included, as analysed.
    assert.deepEqual((await highlights(page)).map((h) => h.text).slice(0, 2), ['«سنعيد بناء الميناء»', '"נבנה מחדש את הנמל"']);
    await saveScreenshot(page, 'trust-rtl.png');
});

test('"Join wrapped lines" joins a PDF-style paste, and Undo brings the breaks back', async (t) => {
    const { page } = await open(t);
    const wrapped = 'The harbour authority said on\nlate Tuesday that the wall would\nhold.\n\n“We are not asking for\nmiracles,” the mayor said.';
    await paste(page, { 'text/plain': wrapped });
    let before = await analysisCount(page);
    await page.click('#join-lines');
    await waitForAnalysis(page, before);
    assert.equal(
        await page.inputValue('#article'),
        'The harbour authority said on late Tuesday that the wall would hold.\n\n“We are not asking for miracles,” the mayor said.',
    );
    assert.deepEqual((await highlights(page)).map((h) => h.text), ['“We are not asking for miracles,”']);
    before = await analysisCount(page);
    await page.click('#undo');
    await waitForAnalysis(page, before);
    assert.equal(await page.inputValue('#article'), wrapped);
});

// --- 4. Privacy, 5. CSP ----------------------------------------------------------------------

test('privacy: every request, from load to analysis and export, is for one of the page’s own files', async (t) => {
    const context = await browser.newContext();
    t.after(() => context.close());
    const requests = [];
    context.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
    // A page-initiated beacon, ping or WebSocket would show up here too.
    context.on('websocket', (ws) => requests.push({ url: ws.url(), type: 'websocket' }));
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await waitForAnalysis(page, 0);
    await paste(page, { 'text/plain': SAMPLE + '\n\nPasted “by the reader”, she said.' });
    await pasteLarge(page, sampleOfLength(200_000)); // the worker too
    await page.click('#join-lines');
    // Export, where the page has it (a later branch adds it): click everything that exports.
    const exportButtons = await page.$$('button[id*="export" i], [data-export], button:text-matches("export|download|copy", "i")');
    for (const button of exportButtons) {
        if (await button.isVisible()) await button.click().catch(() => {});
    }
    // Every export says how it went when it is done (saved, copied, or not allowed).
    await page.waitForFunction(() => document.getElementById('export-status').textContent !== '');
    t.diagnostic(`${requests.length} requests; export buttons clicked: ${exportButtons.length}`);
    const notOwn = requests.filter(({ url }) => {
        const parsed = new URL(url);
        if (parsed.origin !== server.origin) return true;
        const path = decodeURIComponent(parsed.pathname);
        return !existsSync(join(WWW, path.endsWith('/') ? `${path}index.html` : path));
    });
    assert.deepEqual(notOwn, [], 'requests beyond the page’s own static files');
    assert.ok(requests.some((r) => r.url.endsWith('/worker.js')), 'the worker script is one of the page’s files');
});

test('CSP: the page, its worker and its module run under the strict policy with no violation', async (t) => {
    const context = await browser.newContext();
    t.after(() => context.close());
    await context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
            window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
    });
    const page = await context.newPage();
    const console = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${server.origin}/`);
    await waitForAnalysis(page, 0);
    await pasteLarge(page, sampleOfLength(100_000));
    await paste(page, { 'text/html': '<p class="MsoNormal"><b>“Rich,”</b> she said.</p><ul><li>One</li></ul>' });
    await page.click('#join-lines');
    await page.uncheck('#remember');
    await page.check('#remember');
    const state = await page.evaluate(async () => ({
        violations: window.__cspViolations,
        workers: (await import('./analysis/offthread.js')).workerCount(),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    }));
    assert.deepEqual(state.violations, []);
    assert.deepEqual(console.filter((text) => /Content Security Policy|Refused to/i.test(text)), []);
    assert.equal(state.workers, 1, 'the worker ran under the policy');
    assert.match(state.csp, /worker-src 'self'/);
    assert.doesNotMatch(state.csp, /https?:|\*|'unsafe-inline'|'unsafe-eval'/);
});

// --- 6. Accessibility ------------------------------------------------------------------------

for (const colorScheme of ['light', 'dark']) {
    test(`axe: no serious or critical violation after the sample is analysed (${colorScheme})`, async (t) => {
        // axe is injected as a script, which the page's CSP would refuse: this context only.
        const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1360, height: 900 } });
        t.after(() => context.close());
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await waitForAnalysis(page, 0);
        // Open every panel the page has (a later branch adds some).
        await page.evaluate(() => {
            for (const details of document.querySelectorAll('details')) details.open = true;
        });
        for (const toggle of await page.$$('button[aria-expanded="false"]')) {
            if (await toggle.isVisible()) await toggle.click().catch(() => {});
        }
        await page.addScriptTag({ path: require.resolve('axe-core') });
        const results = await page.evaluate(async () => {
            const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
            return violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                nodes: v.nodes.length,
                target: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
            }));
        });
        t.diagnostic(`axe (${colorScheme}): ${JSON.stringify(results)}`);
        assert.deepEqual(results.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
    });
}

test('highlights: one tab stop, arrow keys between them, each announced with its label', async (t) => {
    const { page, context } = await open(t);
    // Tab from the control just before the view reaches the view's one tab stop: the current
    // (first) quotation.
    await page.evaluate(() => [...document.querySelectorAll('#entity-legend button')].at(-1)?.focus());
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
        mark: document.activeElement.localName,
        quote: document.activeElement.dataset.quote,
        tabStops: document.querySelectorAll('#view [tabindex="0"]').length,
    }));
    assert.deepEqual(first, { mark: 'mark', quote: '0', tabStops: 1 });
    // The arrow keys move through every highlight in reading order (quotes, speakers, cues,
    // entities); Home and End go to the first and the last; one tab stop follows the focus.
    const where = () =>
        page.evaluate(() => {
            const marks = [...document.querySelectorAll('#view mark')];
            return {
                index: marks.indexOf(document.activeElement),
                count: marks.length,
                tabStops: document.querySelectorAll('#view [tabindex="0"]').length,
            };
        });
    const start = await where();
    await page.keyboard.press('ArrowRight');
    const next = await where();
    assert.equal(next.index, start.index + 1);
    await page.keyboard.press('End');
    assert.equal((await where()).index, next.count - 1);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft'); // stays on the first
    assert.deepEqual(await where(), { index: 0, count: next.count, tabStops: 1 });
    // Back to the first quotation, the one described below.
    await page.evaluate(() => document.querySelector('#view mark[data-quote="1"]').focus());
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');

    // The accessibility tree: the highlight's name is its text, its description the label;
    // the text users copy is unchanged.
    const cdp = await context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#view mark[data-quote="1"]' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const focused = nodes[0];
    const mark = await page.$eval('#view mark[data-quote="1"]', (m) => ({ text: m.textContent }));
    t.diagnostic(`a11y: role ${focused?.role?.value}, name ${JSON.stringify(focused?.name?.value)}, description ${JSON.stringify(focused?.description?.value)}`);
    assert.equal(focused?.role?.value, 'mark');
    // Named by its own text; the entity tags drawn inside it by CSS (::after) are read too.
    const labels = /PERSON|ORG|PLACE|GROUP|MISC|DATE|MONEY|PERCENT|NUMBER/g;
    assert.equal(focused?.name?.value.replace(labels, ''), mark.text, 'a highlight is named by its own text');
    // Described by its label (the tooltip the page ties to the focused highlight).
    assert.match(focused?.description?.value ?? '', /Direct quote/);
    assert.equal(await page.textContent('#view'), SAMPLE);
});
