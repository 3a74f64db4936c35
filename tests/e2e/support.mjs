// Shared by the browser tests: a static server for www/, the Chromium launch, and page helpers.

import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// QUOTELENS_WWW serves another build of the page instead (scripts/build-site.sh's dist/site).
export const WWW = process.env.QUOTELENS_WWW ? resolve(process.env.QUOTELENS_WWW) : join(ROOT, 'www');
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml',
    '.txt': 'text/plain; charset=utf-8',
    '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serves www/ (or QUOTELENS_WWW) on 127.0.0.1 at a free port, as scripts/serve.py does for serve.sh,
 * and records every path asked for.
 */
export async function startServer() {
    const requests = [];
    const server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
        requests.push(path);
        const file = normalize(join(WWW, path.endsWith('/') ? `${path}index.html` : path));
        if (file !== WWW && !file.startsWith(WWW + sep)) {
            response.writeHead(403).end();
            return;
        }
        try {
            const body = await readFile(file);
            response.writeHead(200, {
                'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
                'cache-control': 'no-store',
            });
            response.end(body);
        } catch {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
    });
    await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
    const origin = `http://127.0.0.1:${server.address().port}`;
    return { origin, requests, close: () => new Promise((done) => server.close(done)) };
}

export async function launchChromium() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
        ],
    });
}

/**
 * A fresh page (own storage) that records every request it makes, every console message and
 * every uncaught error.
 */
export async function openPage(browser, origin, { colorScheme = 'light', viewport = { width: 1360, height: 900 } } = {}) {
    const context = await browser.newContext({ colorScheme, viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const log = { requests: [], console: [], errors: [] };
    context.on('request', (request) => log.requests.push(request.url()));
    page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => log.errors.push(String(error)));
    await page.goto(`${origin}/`);
    await waitForAnalysis(page, 0);
    return { context, page, log };
}

/**
 * Waits until `predicate(arg)`, run in the page, resolves to a truthy value (asked again every
 * 100 ms, until `timeout`). For an async predicate: Playwright's `waitForFunction` takes the
 * promise such a predicate returns as its truthy answer and does not wait for it.
 * @param {import('playwright-core').Page} page
 * @param {(arg: any) => Promise<unknown>} predicate
 */
export async function waitForAsync(page, predicate, arg, { timeout = 15_000 } = {}) {
    const until = Date.now() + timeout;
    for (;;) {
        if (await page.evaluate(predicate, arg)) return;
        if (Date.now() > until) throw new Error(`waitForAsync: not true within ${timeout} ms: ${predicate}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** The number of analyses the page has shown so far. */
export async function analysisCount(page) {
    return page.evaluate(() => Number(document.documentElement.dataset.analysed ?? 0));
}

/**
 * Waits until the page has shown an analysis newer than `after`; fails with the page's error
 * message if that analysis failed (pass `{allowError: true}` to expect a failure).
 */
export async function waitForAnalysis(page, after, { allowError = false } = {}) {
    await page.waitForFunction((n) => Number(document.documentElement.dataset.analysed ?? 0) > n, after, {
        timeout: 15_000,
    });
    const state = await page.evaluate(() => document.documentElement.dataset.state);
    if (state !== 'ok' && !allowError) {
        throw new Error(`the page could not analyse the text: ${await page.textContent('#error')}`);
    }
}

/** Pastes into the article, replacing it, as a real paste would deliver `flavours` (MIME → data). */
export async function paste(page, flavours) {
    const before = await analysisCount(page);
    await page.evaluate((data) => {
        const input = document.getElementById('article');
        input.focus();
        input.select();
        const transfer = new DataTransfer();
        for (const [type, value] of Object.entries(data)) transfer.setData(type, value);
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, flavours);
    await waitForAnalysis(page, before);
}

/**
 * Waits until the tooltip is shown, tied to the focused element, clear of that element's first
 * line, with text matching `pattern`, and returns its text. Not right after the action that
 * focuses a mark: a jump scrolls smoothly to the mark, and the tooltip waits out of sight until
 * the mark is in view, then follows it (view/tooltip.js); on a busy machine the scroll takes
 * longer than the test's next step.
 * @param {import('playwright-core').Page} page
 * @param {RegExp} pattern
 */
export async function waitForTooltip(page, pattern = /./) {
    await page.waitForFunction(
        ({ source, flags }) => {
            const tip = document.getElementById('tooltip');
            const focused = document.activeElement;
            if (tip.hidden || !focused || focused.getAttribute('aria-describedby') !== tip.id) return false;
            const line = focused.getClientRects()[0];
            const box = tip.getBoundingClientRect();
            const clear = box.bottom <= line.top || box.top >= line.bottom;
            return clear && new RegExp(source, flags).test(tip.textContent);
        },
        { source: pattern.source, flags: pattern.flags },
        { polling: 'raf' },
    );
    return page.textContent('#tooltip');
}

/** The highlights in the view: [{id, kind, text}] in document order. */
export async function highlights(page) {
    return page.$$eval('#view mark.quote', (marks) =>
        marks.map((mark) => ({ id: Number(mark.dataset.quote), kind: mark.dataset.kind, text: mark.textContent })),
    );
}

/** What the page's own engine returns for `text` (the wasm `analyze`, UTF-16 offsets). */
export async function analyzeInPage(page, text) {
    return page.evaluate(async (t) => {
        const engine = await import('./analysis/engine.js');
        const result = await engine.analyze(t);
        if (!result.ok) throw new Error(result.error);
        return result.analysis;
    }, text);
}

export async function saveScreenshot(page, name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, name);
    await page.screenshot({ path, fullPage: false });
    return path;
}

/**
 * One server and one browser for the calling test file, started before its tests and closed
 * after them. `open(t, options)` opens the page; when test `t` ends, an uncaught error on the
 * page or a request to another origin fails it.
 */
export function usePage() {
    const suite = { server: null, browser: null };
    before(async () => {
        suite.server = await startServer();
        suite.browser = await launchChromium();
    });
    after(async () => {
        await suite.browser?.close();
        await suite.server?.close();
    });
    suite.open = async (t, options) => {
        const opened = await openPage(suite.browser, suite.server.origin, options);
        t.after(async () => {
            assert.deepEqual(opened.log.errors, [], 'uncaught errors on the page');
            const foreign = opened.log.requests.filter((url) => new URL(url).origin !== suite.server.origin);
            assert.deepEqual(foreign, [], 'requests to other origins');
            await opened.context.close();
        });
        return opened;
    };
    return suite;
}
