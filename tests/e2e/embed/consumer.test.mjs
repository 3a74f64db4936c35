// The package as a user gets it: scripts/test-embed.sh packs pkg/ (npm pack), installs the
// tarball into the Vite app of tests/consumer, type-checks it (tsc) and builds it (vite build).
// Here the built app is served and opened in real Chromium: the wasm the bundler emitted loads,
// highlight() marks the article, and <quote-lens> renders.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support.mjs';
import { ROOT, cspViolations, newPage, serveFolders } from './support.mjs';

const DIST = join(ROOT, 'tests', 'consumer', 'dist');
assert.ok(existsSync(join(DIST, 'index.html')), 'tests/consumer/dist is missing: run scripts/test-embed.sh');

let server;
let browser;
before(async () => {
    server = await serveFolders({ '/': DIST });
    browser = await launchChromium();
});
after(async () => {
    await browser?.close();
    await server?.close();
});

test('the Vite build of an app using the packed package highlights in Chromium', async (t) => {
    const { context, page, log } = await newPage(browser);
    t.after(() => context.close());
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => document.documentElement.dataset.marks && document.documentElement.dataset.lens, null, { timeout: 20_000 });
    const marks = await page.$$eval('#story mark[data-quotelens]', (all) => all.map((m) => `${m.dataset.quotelens}:${m.dataset.kind ?? m.dataset.label ?? ''}:${m.textContent}`));
    assert.deepEqual(marks, [
        'quote:direct:“People asked for it at every meeting,”',
        'speaker::Ada Okoro',
        'entity:PERSON:Ada Okoro',
        'speaker::The council',
        'quote:partial:“',
        'quote:partial:long overdue',
        'quote:partial:”',
    ]);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.lens), '1');
    assert.equal(await page.evaluate(() => document.querySelector('quote-lens').shadowRoot.querySelectorAll('mark').length), 3);
    // The palette option reached the article as a custom property.
    assert.equal(await page.$eval('#story', (e) => e.style.getPropertyValue('--quotelens-person-line')), 'teal');
    assert.ok(log.requests.some((url) => /\/assets\/quotelens_bg-[\w-]+\.wasm$/.test(url)), 'the wasm asset Vite emitted is fetched');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await cspViolations(page, log), []);
});
