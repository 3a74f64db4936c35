// What the browser benchmarks share (browser.mjs, trace.mjs): the page's server as
// scripts/serve.sh runs it, Chromium's launch flags, a fresh profile with its warm-up tab, and
// the median of a run's rounds.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Chromium's flags for a quiet headless run (no background traffic, no first-run work). */
export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The median of a list of numbers (the upper middle one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves `dir` with scripts/serve.py, the server of scripts/serve.sh (its caching headers). */
export async function startServer(dir) {
    const child = spawn('python3', [join(ROOT, 'scripts/serve.py'), '0', dir], { env: { ...process.env, SERVE_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((done, fail) => {
        child.once('error', fail);
        child.once('exit', (code) => fail(new Error(`scripts/serve.py exited (${code})`)));
        child.stdout.once('data', (chunk) => done(Number(/serving on (\d+)/.exec(String(chunk))?.[1])));
    });
    return {
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill();
        }),
    };
}

/**
 * Waits until `page` has set its `quotelens:first-highlight` mark; resolves with the mark's time
 * (ms from navigation start). Asked once through a CDP session of its own (`Runtime.evaluate` of a
 * few lines that observe the marks), not with Playwright's `waitForFunction`: that evaluates
 * Playwright's injected script in the page first, 15–25 ms of parsing and running on the page's
 * main thread, which in a first visit lands between the load event and the first highlight
 * (tools/bench/trace.mjs: an `EvaluateScript` without a URL), a cost no reader's browser has.
 * @param {import('playwright-core').Page} page
 */
export async function waitForFirstHighlight(page, timeoutMs = 30_000) {
    const cdp = await page.context().newCDPSession(page);
    try {
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
            expression: `new Promise((done, fail) => {
                const name = 'quotelens:first-highlight';
                const at = () => performance.getEntriesByName(name)[0]?.startTime;
                if (at() !== undefined) return done(at());
                const observer = new PerformanceObserver(() => {
                    if (at() === undefined) return;
                    observer.disconnect();
                    done(at());
                });
                observer.observe({ type: 'mark' });
                setTimeout(() => fail(new Error('no first highlight within ${timeoutMs} ms')), ${timeoutMs});
            })`,
            awaitPromise: true,
            returnByValue: true,
        });
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value;
    } finally {
        await cdp.detach().catch(() => {});
    }
}

/**
 * A small page of text unrelated to quotelens, in the CSS generic font families every browser
 * has (serif, sans-serif, monospace, system-ui), regular, bold and italic: what a reader's
 * browser, already running, has laid out before. No named face: the page's own font names
 * (Charter, Georgia, …) are looked up by its own visit and counted there.
 */
export const WARM_BROWSER_PAGE = `<!doctype html><meta charset="utf-8"><title>another page</title>
<style>p{margin:4px} .s{font-family:sans-serif} .r{font-family:serif} .m{font-family:monospace} .u{font-family:system-ui}</style>
${['s', 'r', 'm', 'u']
    .map((f) => `<p class="${f}">Another page, read before: the weather, 14 °C — “fine” <b>today</b> <i>and tomorrow</i>; 3,250 readers.</p>`)
    .join('\n')}`;

/**
 * Runs `visits(context)` in a fresh Chromium profile (a new temporary directory, removed after)
 * whose browser has already started: a new profile's first tab pays for the browser's own start
 * (hundreds of ms on this machine), which no reader's visit does, so a tab on a missing file of
 * the same origin (nothing cached) takes it and stays open.
 *
 * `warmBrowser`: before the visits, a further tab on another site (localhost: another renderer
 * process; nothing of the page's origin cached or stored) lays out WARM_BROWSER_PAGE and is
 * closed, as a reader's browser has laid out other sites' text before its first visit here. What
 * that removes from the visit is the browser's own first use, not the page's work (README: 25–35
 * ms of a first visit, about 8 ms of it the first layout's font set-up).
 */
export async function withFreshProfile(origin, visits, { warmBrowser = false } = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'quotelens-bench-'));
    const context = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: LAUNCH_ARGS,
        viewport: { width: 1360, height: 900 },
    });
    try {
        const warm = await context.newPage();
        await warm.goto(`${origin}/warm-up-not-found`);
        if (warmBrowser) {
            // Another site (localhost, not 127.0.0.1): its own renderer process, as another
            // site's tab has; the page's visit still starts its own.
            const other = await context.newPage();
            await other.goto(`${origin.replace('127.0.0.1', 'localhost')}/another-site`);
            await other.setContent(WARM_BROWSER_PAGE);
            // Its text laid out and painted.
            await other.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
            await other.close();
        }
        return await visits(context);
    } finally {
        await context.close();
        await rm(dir, { recursive: true, force: true });
    }
}
