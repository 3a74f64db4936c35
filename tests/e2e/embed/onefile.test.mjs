// The one-file page (dist/quotelens.html, scripts/build-onefile.sh) opened from disk in real
// Chromium with the network off: it analyses the sample, makes no request but its own file,
// and its hash-only CSP holds (no securitypolicyviolation event, no "Refused to" message).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, saveScreenshot } from '../support.mjs';
import { ROOT, cspViolations, newPage } from './support.mjs';

const ONEFILE = join(ROOT, 'dist', 'quotelens.html');
assert.ok(existsSync(ONEFILE), 'dist/quotelens.html is missing: run scripts/build-onefile.sh first');
const HTML = readFileSync(ONEFILE, 'utf8');

let browser;
before(async () => {
    browser = await launchChromium();
});
after(async () => {
    await browser?.close();
});

test('its CSP allows exactly its inline script and styles, by sha256, and nothing from outside', () => {
    const csp = HTML.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const scripts = [...HTML.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...HTML.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1, 'one inline module script');
    assert.ok(styles.length >= 1);
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], [...scripts.map(hash), "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives['style-src'], [...new Set(styles.map(hash))]);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    assert.doesNotMatch(HTML, /<script[^>]+src=|<link[^>]+rel="(?:stylesheet|preload|modulepreload)"/);
});

test('opened from file:// offline, it highlights the sample with no request and no CSP violation', async (t) => {
    const { context, page, log } = await newPage(browser, { offline: true });
    t.after(() => context.close());
    await context.route('**/*', (route) => (route.request().url() === pathToFileURL(ONEFILE).href ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(ONEFILE).href);
    await page.waitForFunction(() => Number(document.documentElement.dataset.analysed ?? 0) > 0, null, { timeout: 30_000 });
    const shown = await page.evaluate(() => ({
        state: document.documentElement.dataset.state,
        marks: document.querySelectorAll('#view mark.quote').length,
        status: document.getElementById('status').textContent,
        sample: document.getElementById('article').value.slice(0, 40),
    }));
    const sample = readFileSync(join(ROOT, 'www', 'sample.txt'), 'utf8');
    assert.equal(shown.state, 'ok');
    assert.equal(shown.sample, sample.slice(0, 40), 'the inlined sample is loaded');
    assert.ok(shown.marks > 5, `highlights shown: ${shown.marks}`);
    assert.match(shown.status, new RegExp(`^${shown.marks} quotations`));
    // Typing still works: the inlined module analyses new text.
    const before = await page.evaluate(() => Number(document.documentElement.dataset.analysed));
    await page.fill('#article', '“Offline and fine,” said the tester.');
    await page.waitForFunction((n) => Number(document.documentElement.dataset.analysed) > n, before, { timeout: 10_000 });
    assert.deepEqual(await page.$$eval('#view mark.quote', (marks) => marks.map((m) => m.textContent)), ['“Offline and fine,”']);
    assert.deepEqual(log.requests, [pathToFileURL(ONEFILE).href]);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await cspViolations(page, log), []);
    await saveScreenshot(page, 'onefile.png');
});
