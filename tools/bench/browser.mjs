// Timings of the page in real headless Chromium (Debian's /usr/bin/chromium via playwright-core),
// through its public behaviour only: load it and wait for the sample's first highlight; paste
// articles of 1k, 10k and 100k words into the textarea and wait for the analysis to be shown.
// scripts/bench-browser.sh runs it; the launch and the static server follow tests/e2e/support.mjs.
//
//   node tools/bench/browser.mjs [--inputs DIR] [--rounds N] [--www DIR] [--before DIR] [--load-only] [--dwell MS]
//
// --www DIR: the page to measure (default www/; scripts/bench-browser.sh passes the build that
// scripts/serve.sh serves, scripts/build-site.sh's).
// --before DIR: another copy of www/ or a build (with its pkg/), served by a second server; the load rounds
// alternate between the two pages (before, this one, before, …), so both see the same machine.
// --load-only: skip the paste timings.
// --no-warm-browser: skip the "first visit, warm browser" measure (below).
// --dwell MS: keep the first visit's tab open MS ms after its first highlight, as a reader
// would (default 0: closed at once). V8 writes a module's compiled code to the cache only while
// the module runs, once enough of it has been optimised or some time has passed.
//
// Load → first highlight: a fresh browser profile per round (empty cache and storage), from
// navigation start to the page's own `quotelens:first-highlight` performance mark (app.js sets it
// when the first highlights are on screen); then a second visit in the same profile (a new tab).
// Then, in each round, "first visit, warm browser": another fresh profile whose browser has first
// laid out a small unrelated page's text in the generic font families (server.mjs
// WARM_BROWSER_PAGE, on another site), as a reader's running browser has: the page's cache,
// storage and renderer process are new, the browser's own first use is done. Both first visits
// are reported; their difference is the browser's start-up cost, not the page's.
// The page is served by scripts/serve.py, scripts/serve.sh's own server (`Cache-Control:
// no-cache` with an ETag, 304 when the browser's copy is current; the bundle's content-named
// chunks kept unasked), so the second visit revalidates every other file and Chromium can reuse the module it compiled (V8's code cache keeps
// compiled wasm next to the cached response). Reported per visit: the 304s, the time to the
// page's `quotelens:compiled` mark and how much of it came after the module's download, and the
// longest animation frame (Long Animation Frames) until the first highlight. A persistent
// profile rather than a context: an off-the-record context keeps no code cache. Paste: from dispatching the paste event to the page's
// `data-analysed` counter changing (the analysis and its DOM are done: app.js renders in the same
// task), and to the next frame after it (layout and paint); then the number of highlights is read
// back and checked against the analysis. `wasm ms` is the module's own time as the page reports it
// (engine.js) for the same text, called directly a few times.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { LAUNCH_ARGS, median, startServer, waitForFirstHighlight, withFreshProfile } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const WWW = resolve(args.www ?? join(ROOT, 'www'));
const INPUTS = resolve(args.inputs ?? join(ROOT, 'target/bench/inputs'));
const ROUNDS = Number(args.rounds ?? 5);
const DWELL = Number(args.dwell ?? 0);
const WARM = !('no-warm-browser' in args);



/** One visit in `context`'s new tab: the page's own marks, from navigation start (ms). */
async function visit(context, origin, dwell = 0) {
    const page = await context.newPage();
    // Long Animation Frames from the start (buffered), as the page's responsiveness tests read them.
    await page.addInitScript(() => {
        window.__frames = [];
        new PerformanceObserver((list) => {
            for (const frame of list.getEntries()) window.__frames.push(frame.duration);
        }).observe({ type: 'long-animation-frame', buffered: true });
    });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/`);
    await waitForFirstHighlight(page);
    const result = await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/quotelens_bg.wasm'));
        return {
            firstHighlight: at('quotelens:first-highlight'),
            compiled: at('quotelens:compiled'),
            // From the module's last byte to the compiled module: compilation that the
            // download did not hide (near 0 when a cached compiled module was taken).
            compileAfterDownload: at('quotelens:compiled') - (wasm?.responseEnd ?? NaN),
            transferred: wasm?.transferSize ?? NaN,
            // Files whose cached copy the server confirmed (a 304: headers only on the wire).
            revalidated: performance.getEntriesByType('resource').filter((r) => r.transferSize > 0 && r.transferSize < r.encodedBodySize).length,
            longestFrame: Math.max(0, ...(window.__frames ?? [])),
            domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
            marks: document.querySelectorAll('#view mark').length,
            status: document.getElementById('status').textContent,
        };
    });
    if (dwell > 0) await new Promise((done) => setTimeout(done, dwell));
    await page.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
}

/** A first visit in a fresh profile, then a second one in the same profile. */
async function firstAndSecondVisit(server) {
    return withFreshProfile(server.origin, async (context) => {
        const first = await visit(context, server.origin, DWELL);
        // Let the browser write what it caches after a visit (the compiled module is stored
        // once the page has run it for a while).
        await new Promise((done) => setTimeout(done, 1500));
        const second = await visit(context, server.origin);
        return { first, second };
    });
}

/**
 * A first visit in a fresh profile whose browser has laid out another page's text first
 * (server.mjs WARM_BROWSER_PAGE): the "warm browser" first visit. The page's cache and storage
 * are as new as in firstAndSecondVisit's; only the browser's own first-text set-up is done.
 */
async function warmBrowserVisit(server) {
    return withFreshProfile(server.origin, (context) => visit(context, server.origin, DWELL), { warmBrowser: true });
}

/** Pastes `text` (replacing the article) as support.mjs's paste() does; returns the timings. */
async function pasteTimed(page, text) {
    return page.evaluate(async (t) => {
        const root = document.documentElement;
        const before = Number(root.dataset.analysed ?? 0);
        const shown = new Promise((done) => {
            const observer = new MutationObserver(() => {
                if (Number(root.dataset.analysed ?? 0) > before) {
                    observer.disconnect();
                    done(performance.now());
                }
            });
            observer.observe(root, { attributes: true, attributeFilter: ['data-analysed'] });
        });
        const input = document.getElementById('article');
        input.focus();
        input.select();
        const transfer = new DataTransfer();
        transfer.setData('text/plain', t);
        const started = performance.now();
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        const analysed = await shown;
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        const painted = performance.now();
        return {
            analysed: analysed - started,
            painted: painted - started,
            state: root.dataset.state,
            highlights: document.querySelectorAll('#view mark.quote').length,
        };
    }, text);
}

/** The module's own time for `text`, as engine.js measures it (median of `n` calls). */
async function wasmMs(page, text, n) {
    return page.evaluate(
        async ({ t, n }) => {
            const engine = await import('./analysis/engine.js');
            const times = [];
            let quotes = 0;
            for (let i = 0; i < n; i++) {
                const result = await engine.analyze(t);
                if (!result.ok) throw new Error(result.error);
                times.push(result.ms);
                quotes = result.analysis.quotes.length;
            }
            times.sort((a, b) => a - b);
            return { ms: times[Math.floor(n / 2)], quotes };
        },
        { t: text, n },
    );
}

async function main() {
    if (!existsSync(join(WWW, 'pkg', 'quotelens_bg.wasm'))) throw new Error('www/pkg is missing: run scripts/build-wasm.sh');
    const server = await startServer(WWW);
    const pages = [{ label: 'this page', server }];
    if (args.before) pages.unshift({ label: `before (${resolve(args.before)})`, server: await startServer(resolve(args.before)) });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: LAUNCH_ARGS });
    try {
        console.log(`Chromium ${browser.version()}; rounds ${ROUNDS}; the page from ${WWW}`);
        for (const p of pages) p.rounds = [];
        for (let r = 0; r < ROUNDS; r++) {
            for (const p of pages) p.rounds.push(await firstAndSecondVisit(p.server));
            if (WARM) for (const p of pages) p.rounds.at(-1).warm = await warmBrowserVisit(p.server);
        }
        const ms = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
        for (const p of pages) {
            for (const which of WARM ? ['first', 'second', 'warm'] : ['first', 'second']) {
                const loads = p.rounds.map((r) => r[which]);
                const visitName = { first: 'first visit', second: 'second visit', warm: 'first visit, warm browser (another page laid out first)' }[which];
                console.log(`\n${p.label}: load → first highlight, ${visitName} (the page's sample, fresh profile each round; ms from navigation start):`);
                console.log(`  first highlight: ${ms(loads.map((l) => l.firstHighlight))}`);
                console.log(`  DOMContentLoaded: ${ms(loads.map((l) => l.domContentLoaded))}`);
                console.log(`  module compiled: ${ms(loads.map((l) => l.compiled))}`);
            console.log(`  of which after its download: ${ms(loads.map((l) => l.compileAfterDownload))}; bytes transferred: ${loads.map((l) => l.transferred).join(', ')}`);
                console.log(`  highlights shown: ${loads[0].marks}; status: "${loads[0].status}"`);
                console.log(`  files revalidated (304): ${loads.map((l) => l.revalidated).join(', ')}; longest animation frame until then: ${ms(loads.map((l) => l.longestFrame))}`);
            }
        }
        if (pages.length === 2) {
            // The rounds are interleaved, so a round's two pages saw the same machine: the median
            // of the per-round differences is steadier than the difference of the medians.
            console.log('\nPaired differences, this page − before, first highlight (median over the rounds; each round):');
            for (const which of WARM ? ['first', 'second', 'warm'] : ['first', 'second']) {
                const diffs = pages[1].rounds.map((r, i) => r[which].firstHighlight - pages[0].rounds[i][which].firstHighlight);
                console.log(`  ${which === 'warm' ? 'first visit, warm browser' : `${which} visit`}: ${ms(diffs)}`);
            }
        }
        if ('load-only' in args) return;

        const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForFunction(() => Number(document.documentElement.dataset.analysed ?? 0) > 0, null, { timeout: 30_000 });
        console.log('\nPaste → analysis shown (median of rounds; ms):');
        console.log(`${'input'.padEnd(6)} ${'words'.padStart(7)} ${'wasm ms'.padStart(8)} ${'shown ms'.padStart(9)} ${'painted ms'.padStart(11)} ${'other ms'.padStart(14)} ${'highlights'.padStart(10)}`);
        for (const size of ['1k', '10k', '100k']) {
            const file = join(INPUTS, `${size}.txt`);
            if (!existsSync(file)) throw new Error(`${file} is missing: run examples/bench_inputs.rs (scripts/bench.sh does)`);
            const text = readFileSync(file, 'utf8');
            const words = text.split(/\s+/).filter(Boolean).length;
            const runs = [];
            const rounds = size === '100k' ? Math.min(ROUNDS, 3) : ROUNDS;
            for (let r = 0; r < rounds; r++) {
                // Clear first, so every paste replaces a short text, as a reader's would.
                await pasteTimed(page, 'x');
                runs.push(await pasteTimed(page, text));
            }
            const { ms, quotes } = await wasmMs(page, text, size === '100k' ? 3 : 9);
            const bad = runs.find((x) => x.state !== 'ok' || x.highlights !== quotes);
            if (bad) throw new Error(`${size}: the page showed ${bad.highlights} highlights (state ${bad.state}), the analysis has ${quotes} quotes`);
            const shown = median(runs.map((x) => x.analysed));
            console.log(
                `${size.padEnd(6)} ${String(words).padStart(7)} ${ms.toFixed(1).padStart(8)} ${shown.toFixed(0).padStart(9)} ${median(runs.map((x) => x.painted)).toFixed(0).padStart(11)} ${(shown - ms).toFixed(0).padStart(14)} ${String(quotes).padStart(10)}`,
            );
        }
        await context.close();
    } finally {
        await browser.close();
        for (const p of pages) await p.server.close();
    }
}

await main();
