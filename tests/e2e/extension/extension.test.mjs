// The Chromium extension (extension/, built by scripts/build-extension.sh into dist/extension/)
// loaded unpacked into real Chromium (headless new mode: extensions need it), on fixture pages
// we wrote (fixtures/): a news page with a strict CSP and an iframe, a page with an ad and
// related-links sidebar, a single-page app that re-renders a paragraph, and a page with no
// article.
//
// The toolbar button is pressed for real: CDP's Extensions.triggerAction (allowed with
// --enable-unsafe-extension-debugging, on a browser-level session reached by a second
// Playwright client over --remote-debugging-port) runs the action as a click does: it grants
// activeTab and the user gesture that opens the side panel. The side panel is the real one,
// found as the extension page sidepanel.html among the browser's targets; exports are checked
// on the same panel opened as a tab (sidepanel.html?tab=<id>), where Playwright sees downloads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, SCREENSHOTS } from '../support.mjs';
import { EXTENSION_VENDORED, vendoredText } from '../../../scripts/vendor-js.mjs';

const FIXTURES = join(ROOT, 'tests', 'e2e', 'extension', 'fixtures');
const EXTENSION = join(ROOT, 'dist', 'extension');
/** The news page's own CSP: no inline script or style, no wasm, nothing from elsewhere. */
const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";

let server;

before(async () => {
    assert.ok(existsSync(join(EXTENSION, 'manifest.json')), 'dist/extension is missing: run scripts/build-extension.sh');
    server = await serveFixtures();
});

after(async () => {
    await server?.close();
});

/** Serves fixtures/ on 127.0.0.1, the news page with its strict CSP header; records each path. */
async function serveFixtures() {
    const requests = [];
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
    const http = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
        requests.push(path);
        const file = normalize(join(FIXTURES, path));
        if (!file.startsWith(FIXTURES + sep)) return void response.writeHead(403).end();
        try {
            const body = await readFile(file);
            const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
            if (path === '/news.html') headers['content-security-policy'] = STRICT_CSP;
            response.writeHead(200, headers).end(body);
        } catch {
            response.writeHead(404).end('not found');
        }
    });
    await new Promise((ready) => http.listen(0, '127.0.0.1', ready));
    const origin = `http://127.0.0.1:${http.address().port}`;
    return { origin, requests, close: () => new Promise((done) => http.close(done)) };
}

/**
 * Chromium with the extension loaded, in a profile of its own; `browser` is a second client
 * (over CDP) for what Playwright's persistent context cannot reach: the browser-level session
 * and the side panel. Every request of every page, worker and extension page is recorded.
 */
async function launch(t) {
    const profile = await mkdtemp(join(tmpdir(), 'quotelens-ext-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: false, // --headless=new below: the old headless mode has no extensions
        viewport: { width: 1100, height: 800 },
        acceptDownloads: true,
        args: [
            '--headless=new',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            `--disable-extensions-except=${EXTENSION}`,
            `--load-extension=${EXTENSION}`,
            '--enable-unsafe-extension-debugging',
            '--remote-debugging-port=0',
        ],
    });
    const requests = [];
    const errors = [];
    context.on('request', (request) => requests.push(request.url()));
    context.on('weberror', (error) => errors.push(String(error.error())));
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // The profile's first, empty tab is closed once a fixture opens (open() below), so the
    // window holds the tabs under test only.
    const id = new URL(worker.url()).host;
    const [port] = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n');
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const cdp = await browser.newBrowserCDPSession();
    // Target events (the side panel's creation, its navigation) reach this session only so.
    await cdp.send('Target.setDiscoverTargets', { discover: true });
    // Requests of targets the persistent context does not see (the side panel) are caught here.
    const watch = (ctx) => ctx.on('request', (request) => requests.push(request.url()));
    browser.contexts().forEach(watch);
    t.after(async () => {
        await browser.close().catch(() => {});
        await context.close();
        await rm(profile, { recursive: true, force: true });
    });
    return { context, browser, cdp, worker, id, requests, errors };
}

/** Presses the toolbar button on `page`'s tab (Extensions.triggerAction needs its tab target). */
async function clickAction(ext, page) {
    const { targetInfos } = await ext.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((info) => info.url === page.url());
    assert.ok(tab, `no tab target for ${page.url()}`);
    await ext.cdp.send('Extensions.triggerAction', { id: ext.id, targetId: tab.targetId });
}

/**
 * A guard against a wait that never ends (a lost event would otherwise hang the whole run with
 * no word of where): far above any wait these tests make, so it measures nothing; when it fires,
 * the test fails with `describe()`'s account of what it saw.
 */
const HANG_GUARD_MS = 90_000;
const EXPIRED = Symbol('expired');

/** `promise`, or after `ms` a failure with the message `describe()` resolves to. */
async function guarded(promise, ms, describe) {
    let timer;
    const expired = new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, ms), EXPIRED)));
    try {
        const result = await Promise.race([promise, expired]);
        if (result !== EXPIRED) return result;
    } finally {
        clearTimeout(timer);
    }
    // What it saw is read with a guard of its own: a wedged target may not answer either.
    const unread = new Promise((resolve) => setTimeout(resolve, 10_000, 'what it showed could not be read'));
    throw new Error(await Promise.race([Promise.resolve().then(describe), unread]));
}

/**
 * The real side panel, once the action has opened it: an extension page target of the browser
 * that Playwright does not attach to (it is no tab), so it is driven over CDP directly: attached
 * without flattening, with Runtime.evaluate and Page.captureScreenshot sent through the
 * browser session. `evaluate(fn, arg)` runs `fn` in the panel and resolves to its result.
 */
async function sidePanel(ext) {
    const url = `chrome-extension://${ext.id}/sidepanel.html`;
    const giveUp = Date.now() + HANG_GUARD_MS;
    let target;
    for (;;) {
        // Listening before looking: a target created or navigated meanwhile is not missed.
        const changed = new Promise((seen) => {
            const done = () => {
                ext.cdp.off('Target.targetCreated', done);
                ext.cdp.off('Target.targetInfoChanged', done);
                seen(undefined);
            };
            ext.cdp.on('Target.targetCreated', done);
            ext.cdp.on('Target.targetInfoChanged', done);
        });
        const { targetInfos } = await ext.cdp.send('Target.getTargets', { filter: [{ type: 'page' }] });
        target = targetInfos.find((info) => info.url === url);
        if (target) break;
        // Not open yet: look again when the browser's targets change (or, as a guard against a
        // panel that never opens, fail saying which pages there were).
        const left = giveUp - Date.now();
        const pages = targetInfos.map((info) => info.url).join(', ');
        await guarded(changed, left, () => `the side panel never opened; the pages were: ${pages}`);
    }
    const { sessionId } = await ext.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let next = 0;
    const waiting = new Map();
    ext.cdp.on('Target.receivedMessageFromTarget', (event) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message);
        const pending = waiting.get(message.id);
        if (!pending) return;
        waiting.delete(message.id);
        if (message.error) pending.reject(new Error(message.error.message));
        else pending.resolve(message.result);
    });
    const send = (method, params = {}) =>
        new Promise((resolve, reject) => {
            const id = ++next;
            waiting.set(id, { resolve, reject });
            ext.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
        });
    return {
        async evaluate(fn, arg) {
            // A panel reached before its document was committed may drop this context once.
            const run = () => send('Runtime.evaluate', {
                expression: `(${fn})(${JSON.stringify(arg)})`,
                awaitPromise: true,
                returnByValue: true,
            });
            const { result, exceptionDetails } = await run().catch((error) => {
                if (/context was destroyed|Cannot find context/i.test(error.message)) return run();
                throw error;
            });
            if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
            return result.value;
        },
        async screenshot(path) {
            const { data } = await send('Page.captureScreenshot', { format: 'png' });
            await writeFile(path, Buffer.from(data, 'base64'));
        },
    };
}

/**
 * Waits until the panel shows the state `expected` (its `data-status`, set when it has drawn
 * the tab's state), without polling: a MutationObserver on the attribute; an 'error' state ends
 * the wait too, and fails with its message. Returns what the panel shows.
 */
async function settled(panel, expected) {
    const waiting = panel.evaluate(
        (want) =>
            new Promise((resolve) => {
                const read = () => ({
                    state: document.documentElement.dataset.status,
                    status: document.getElementById('status').textContent,
                    speakers: [...document.querySelectorAll('.speaker__name')].map((n) => n.textContent),
                });
                const done = () => [want, 'error'].includes(document.documentElement.dataset.status ?? '');
                const watch = () => {
                    if (done()) return resolve(read());
                    const observer = new MutationObserver(() => {
                        if (!done()) return;
                        observer.disconnect();
                        resolve(read());
                    });
                    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-status'] });
                };
                // The panel may still be loading when it is first reached.
                if (!document.documentElement || document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
                else watch();
            }),
        expected,
    );
    const shown = await guarded(waiting, HANG_GUARD_MS, async () => {
        const now = await panel.evaluate(() => ({ state: document.documentElement.dataset.status, status: document.getElementById('status')?.textContent }));
        return `the side panel never reached '${expected}': it shows '${now.state}' (${now.status})`;
    });
    assert.equal(shown.state, expected, shown.status);
    return shown;
}


/** What must hold of the page's DOM before and after: its markup and its text nodes. */
function snapshot(page) {
    return page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let texts = 0;
        while (walker.nextNode()) texts += 1;
        return { html: document.body.innerHTML, texts, rootAttributes: document.documentElement.outerHTML.length };
    });
}

/** Nothing left the machine: every request went to the fixture server or the extension. */
function assertNoForeignRequests(ext) {
    const foreign = ext.requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith(`chrome-extension://${ext.id}/`));
    assert.deepEqual(foreign, [], 'requests beyond the fixture server');
    // The fixture server was asked for its files only (the browser's own /favicon.ico aside).
    const unknown = server.requests.filter((path) => path !== '/favicon.ico' && !existsSync(join(FIXTURES, path)));
    assert.deepEqual(unknown, [], 'requests for files the fixtures do not have');
}

async function open(ext, path) {
    const blank = ext.context.pages().filter((p) => p.url() === 'about:blank');
    const page = await ext.context.newPage();
    for (const other of blank) await other.close();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.origin}${path}`);
    return { page, errors };
}

test('the news page with a strict CSP: highlighted in place, speakers in the side panel, restored exactly', async (t) => {
    const ext = await launch(t);
    const { page, errors } = await open(ext, '/news.html');
    const csp = [];
    await page.exposeBinding('noteCsp', (_source, text) => csp.push(text));
    await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.noteCsp(`${e.violatedDirective} ${e.blockedURI}`)));
    const before = await snapshot(page);

    await clickAction(ext, page);
    const panel = await sidePanel(ext);
    const shown = await settled(panel, 'on');
    assert.match(shown.status, /quotation/);
    for (const name of ['Marta Okonkwo', 'Ilse Brandt', 'Daniel Reyes']) assert.ok(shown.speakers.includes(name), `${name} in ${shown.speakers}`);

    // The marks are in the article only: not in the masthead, the footer or the iframe.
    const marks = await page.evaluate(() => ({
        quotes: [...document.querySelectorAll('mark[data-quotelens="quote"]')].map((m) => m.dataset.speaker ?? ''),
        outside: document.querySelectorAll('header mark, footer mark').length,
        root: document.querySelector('[data-quotelens-root]')?.className,
        frame: document.querySelector('iframe')?.contentDocument?.querySelectorAll('mark').length,
        styled: getComputedStyle(document.querySelector('mark.quotelens-quote')).borderBottomStyle,
    }));
    assert.equal(marks.root, 'story');
    assert.equal(marks.outside, 0);
    assert.equal(marks.frame, 0, 'the iframe is not read or changed');
    assert.ok(marks.quotes.includes('Marta Okonkwo'));
    assert.ok(marks.quotes.includes('Daniel Reyes'));
    assert.notEqual(marks.styled, 'none', 'the embed stylesheet applies under the page’s CSP');
    assert.match(shown.status, /embedded frame/, 'the reader is told frames are not read');

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width: 900, height: 760 });
    await page.screenshot({ path: join(SCREENSHOTS, 'extension-page.png') });
    await panel.screenshot(join(SCREENSHOTS, 'extension-panel.png'));

    await clickAction(ext, page);
    await settled(panel, 'off');
    assert.deepEqual(await snapshot(page), before, 'the page is restored exactly');
    assert.equal(await page.locator('mark').count(), 0);
    assert.deepEqual(csp, [], 'no CSP violation on the page');
    assert.deepEqual(errors, []);
    assertNoForeignRequests(ext);
});

test('the sidebar page: the article is chosen, the ad and related links are left alone', async (t) => {
    const ext = await launch(t);
    const { page, errors } = await open(ext, '/sidebar.html');
    const before = await snapshot(page);
    await clickAction(ext, page);
    const panel = await sidePanel(ext);
    const shown = await settled(panel, 'on');
    assert.ok(shown.speakers.includes('Grace Adeyemi'), String(shown.speakers));
    assert.ok(!shown.speakers.some((name) => /Doolittle|Ellery/.test(name)), String(shown.speakers));
    const where = await page.evaluate(() => ({
        root: document.querySelector('[data-quotelens-root]')?.className,
        aside: document.querySelectorAll('aside mark').length,
        article: document.querySelectorAll('.article-body mark').length,
    }));
    assert.equal(where.root, 'article-body');
    assert.equal(where.aside, 0);
    assert.ok(where.article > 0);
    await clickAction(ext, page);
    await settled(panel, 'off');
    assert.deepEqual(await snapshot(page), before);
    assert.deepEqual(errors, []);
    assertNoForeignRequests(ext);
});

test('the single-page app re-renders a paragraph: the rest stays highlighted, the reader is told, the page is restored', async (t) => {
    const ext = await launch(t);
    const { page, errors } = await open(ext, '/spa.html');
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    // What the page looks like after one update, never highlighted: the expected end state.
    const { page: twin } = await open(ext, '/spa.html');
    await twin.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await twin.click('#update');
    const expected = await snapshot(twin);
    await twin.close();
    await page.bringToFront();

    await clickAction(ext, page);
    const panel = await sidePanel(ext);
    let shown = await settled(panel, 'on');
    assert.ok(shown.speakers.includes('Elena Vasquez'), String(shown.speakers));
    await page.click('#update');
    shown = await settled(panel, 'stale');
    assert.match(shown.status, /re-rendered/);
    assert.equal(await page.locator('#live mark').count(), 0, 'the re-rendered paragraph is the page’s own');
    assert.ok((await page.locator('article mark').count()) > 0, 'the other paragraphs keep their marks');

    // "Highlight again" reads the article as it is now: the new quote is found.
    await panel.evaluate(() => document.getElementById('refresh').click());
    shown = await settled(panel, 'on');
    assert.ok(shown.speakers.includes('Nadia Osei'), String(shown.speakers));

    await clickAction(ext, page);
    await settled(panel, 'off');
    assert.deepEqual(await snapshot(page), expected, 'restored to what the app drew, without a mark');
    assert.deepEqual(errors, []);
    assertNoForeignRequests(ext);
});

test('the single-page app rewrites a text node in place (as React does): the marks go at once, the page shows its own text', async (t) => {
    const ext = await launch(t);
    const { page, errors } = await open(ext, '/spa.html');
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const { page: twin } = await open(ext, '/spa.html');
    await twin.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await twin.click('#correct');
    const expected = await snapshot(twin);
    await twin.close();
    await page.bringToFront();

    await clickAction(ext, page);
    const panel = await sidePanel(ext);
    await settled(panel, 'on');
    assert.ok((await page.locator('article p:nth-of-type(4) mark').count()) > 0, 'the paragraph the app rewrites is highlighted (its node split)');
    await page.click('#correct');
    const shown = await settled(panel, 'stale');
    assert.match(shown.status, /rewrote/);
    assert.deepEqual(await snapshot(page), expected, 'the app’s new text, once, and no mark left');
    assert.deepEqual(errors, []);
    assertNoForeignRequests(ext);
});

test('a page with no article: nothing changes and the reader is told why', async (t) => {
    const ext = await launch(t);
    const { page, errors } = await open(ext, '/none.html');
    const before = await snapshot(page);
    await clickAction(ext, page);
    const panel = await sidePanel(ext);
    const shown = await settled(panel, 'none');
    assert.match(shown.status, /No article found/);
    assert.deepEqual(shown.speakers, []);
    assert.deepEqual(await snapshot(page), before);
    assert.deepEqual(errors, []);
    assertNoForeignRequests(ext);
});

test('a very long page is highlighted; one past the limit is left alone, with the reason', async (t) => {
    const ext = await launch(t);
    // ~800 paragraphs, ~270,000 characters: a long report, highlighted in full.
    const { page, errors } = await open(ext, '/long.html?paragraphs=800');
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const before = await snapshot(page);
    const started = performance.now();
    await clickAction(ext, page);
    const panel = await sidePanel(ext);
    let shown = await settled(panel, 'on');
    t.diagnostic(`800 paragraphs (${before.html.length} characters of HTML): click → highlighted and listed in ${(performance.now() - started).toFixed(0)} ms`);
    assert.match(shown.status, /800 quotations/);
    assert.equal(await page.locator('mark[data-quotelens="quote"]').count(), 800);
    await clickAction(ext, page);
    await settled(panel, 'off');
    assert.deepEqual(await snapshot(page), before);

    // 4,000 paragraphs, ~1,070,000 characters: over the 1,000,000-character limit.
    await page.goto(`${server.origin}/long.html?paragraphs=4000`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const huge = await snapshot(page);
    await clickAction(ext, page);
    shown = await settled(panel, 'none');
    assert.match(shown.status, /characters long; quotelens reads articles of up to 1,000,000/);
    assert.deepEqual(await snapshot(page), huge, 'nothing changed');
    assert.deepEqual(errors, []);
    assertNoForeignRequests(ext);
});

test('a page closed to extensions: the side panel says so', async (t) => {
    const ext = await launch(t);
    const page = await ext.context.newPage();
    await page.goto('chrome://version/');
    await clickAction(ext, page);
    const shown = await settled(await sidePanel(ext), 'error');
    assert.match(shown.status, /cannot read this page/);
});

test('the side panel exports JSON and CSV of the highlighted page, and its clicks scroll the page', async (t) => {
    const ext = await launch(t);
    const { page } = await open(ext, '/news.html');
    await clickAction(ext, page);
    await settled(await sidePanel(ext), 'on');
    // The same panel as a tab, following the news tab (Playwright drives it as a page).
    const tabId = await ext.worker.evaluate(async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id, page.url());
    assert.equal(typeof tabId, 'number');
    const panel = await ext.context.newPage();
    await panel.goto(`chrome-extension://${ext.id}/sidepanel.html?tab=${tabId}`);
    await panel.waitForFunction(() => document.documentElement.dataset.status === 'on');

    // What the Save buttons hand to the browser's download (www/export/export.js: a Blob behind
    // an object URL), read back from the Blob; Playwright's download plumbing does not reach
    // files saved by an extension page here.
    const save = async (label) => {
        const blobs = await panel.evaluate(() => {
            const saved = [];
            const create = URL.createObjectURL;
            URL.createObjectURL = (blob) => {
                saved.push(blob);
                return create.call(URL, blob);
            };
            window.saved = saved;
            return saved.length;
        });
        assert.equal(blobs, 0);
        await panel.click(`button[aria-label="${label}"]`);
        await panel.waitForFunction(() => window.saved.length === 1);
        return panel.evaluate(async () => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await window.saved[0].arrayBuffer()));
    };
    const json = JSON.parse(await save('Save as JSON'));
    assert.equal(json.unit, 'codepoint');
    assert.ok(json.quotes.length >= 5);
    const csv = await save('Save as CSV');
    assert.match(csv, /^\uFEFFspeaker,quote,cue,kind,paragraph,inferred\r\n/);
    assert.match(csv, /Marta Okonkwo/);

    // A quote's entry scrolls the page to its mark.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const last = json.quotes.length - 1;
    const firstQuote = await panel.locator('.entry__jump').first().getAttribute('data-quote');
    await panel.locator('.entry__jump').first().click();
    await page.waitForFunction((id) => {
        const mark = document.querySelector(`mark[data-quote-id="${id}"]`);
        const box = mark?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.bottom <= innerHeight;
    }, firstQuote);
    assert.ok(last >= 0);
    assertNoForeignRequests(ext);
});

test('the vendored Readability is the npm package’s, as scripts/vendor-js.mjs writes it', () => {
    for (const [pkg, file, name] of EXTENSION_VENDORED) {
        assert.equal(readFileSync(join(ROOT, 'extension', 'vendor', name), 'utf8'), vendoredText(pkg, file), `extension/vendor/${name}: node scripts/vendor-js.mjs`);
    }
});

test('the manifest asks for no host permission and allows no remote code', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
    assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'contextMenus', 'scripting', 'sidePanel']);
    assert.equal(manifest.host_permissions, undefined);
    assert.equal(manifest.content_scripts, undefined, 'nothing is injected until the reader asks');
    assert.equal(manifest.web_accessible_resources, undefined, 'pages cannot load or probe the extension’s files');
    const csp = manifest.content_security_policy.extension_pages;
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /default-src 'none'/);
});
