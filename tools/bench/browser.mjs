// Timings of the page in real headless Chromium (Debian's /usr/bin/chromium via playwright-core),
// through its public behaviour only: load it and wait for the sample's first highlight; paste
// articles of 1k, 10k and 100k words into the textarea and wait for the analysis to be shown.
// scripts/bench-browser.sh runs it; the launch and the static server follow tests/e2e/support.mjs.
//
//   node tools/bench/browser.mjs [--inputs DIR] [--rounds N]
//
// Load → first highlight: a fresh browser context per round (empty cache and storage), from
// navigation start to the page's own `quotelens:first-highlight` performance mark (app.js sets it
// when the first analysis is on screen). Paste: from dispatching the paste event to the page's
// `data-analysed` counter changing (the analysis and its DOM are done: app.js renders in the same
// task), and to the next frame after it (layout and paint); then the number of highlights is read
// back and checked against the analysis. `wasm ms` is the module's own time as the page reports it
// (engine.js) for the same text, called directly a few times.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = join(ROOT, 'www');
const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const INPUTS = resolve(args.inputs ?? join(ROOT, 'target/bench/inputs'));
const ROUNDS = Number(args.rounds ?? 5);
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml',
    '.txt': 'text/plain; charset=utf-8',
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startServer() {
    const server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
        const file = normalize(join(WWW, path.endsWith('/') ? `${path}index.html` : path));
        if (file !== WWW && !file.startsWith(WWW + sep)) return response.writeHead(403).end();
        try {
            const body = await readFile(file);
            response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
            response.end(body);
        } catch {
            response.writeHead(404).end();
        }
    });
    await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
    return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}

async function loadToFirstHighlight(browser, origin) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => performance.getEntriesByName('quotelens:first-highlight').length > 0, null, { timeout: 30_000 });
    const result = await page.evaluate(() => ({
        firstHighlight: performance.getEntriesByName('quotelens:first-highlight')[0].startTime,
        domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        marks: document.querySelectorAll('#view mark').length,
        status: document.getElementById('status').textContent,
    }));
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
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
            const engine = await import('./engine.js');
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
    const server = await startServer();
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
        console.log(`Chromium ${browser.version()}; rounds ${ROUNDS}; the page from ${WWW}`);
        const loads = [];
        for (let r = 0; r < ROUNDS; r++) loads.push(await loadToFirstHighlight(browser, server.origin));
        console.log('\nLoad → first highlight (the page\'s sample, fresh context each round; ms from navigation start):');
        console.log(`  first highlight: median ${median(loads.map((l) => l.firstHighlight)).toFixed(0)} ms (runs: ${loads.map((l) => l.firstHighlight.toFixed(0)).join(', ')})`);
        console.log(`  DOMContentLoaded: median ${median(loads.map((l) => l.domContentLoaded)).toFixed(0)} ms; highlights shown: ${loads[0].marks}; status: "${loads[0].status}"`);

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
        await server.close();
    }
}

await main();
