// The page in real Chromium: first visit, typing, pasting every quote style, hostile rich
// text, file drop, panic recovery, no request to another origin, and the screenshots.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
    WWW, SCREENSHOTS, startServer, launchChromium, openPage, paste, highlights, analyzeInPage,
    analysisCount, waitForAnalysis, saveScreenshot,
} from './support.mjs';
import {
    ALL_STYLES, ALL_STYLES_EXPECTED, SAMPLE_COUNTS, SAMPLE_NESTED, SAMPLE_TERM, HOSTILE_HTML, HOSTILE_PLAIN,
} from './cases.mjs';

const SAMPLE = readFileSync(join(WWW, 'sample.txt'), 'utf8');

let server;
let browser;
/** Every request any page made, checked at the end. */
const allRequests = [];

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
        allRequests.push(...opened.log.requests);
        assert.deepEqual(opened.log.errors, [], 'uncaught errors on the page');
        await opened.context.close();
    });
    return opened;
}

/** The view shows exactly what `analyze` returns, and the article's text in full. */
async function assertViewMatchesAnalysis(page, text) {
    const analysis = await analyzeInPage(page, text);
    const shown = await highlights(page);
    assert.deepEqual(
        shown,
        analysis.quotes.map((q) => ({ id: q.id, kind: q.kind, text: text.slice(q.outer_start, q.outer_end) })),
    );
    assert.equal(await page.inputValue('#article'), text);
    assert.equal(await page.textContent('#view'), text, 'the view must hold the whole text, nothing more');
    const counts = await legendCounts(page);
    for (const kind of ['direct', 'partial', 'term', 'nested']) {
        assert.equal(counts[kind], analysis.quotes.filter((q) => q.kind === kind).length, `legend count of ${kind}`);
    }
    const claims = await page.textContent('#legend [data-count="claim"]');
    assert.equal(Number(claims), analysis.attributions.filter((a) => a.kind !== 'direct').length, 'legend count of claims');
    return analysis;
}

/** The legend's count per quote kind (the claims' chip is checked against the analysis above). */
async function legendCounts(page) {
    return page.$$eval('#legend [data-count]:not([data-count="claim"])', (elements) =>
        Object.fromEntries(elements.map((e) => [e.dataset.count, Number(e.textContent)])),
    );
}

test('first visit shows the sample article highlighted, with counts per kind', async (t) => {
    const { page } = await open(t);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    const analysis = await assertViewMatchesAnalysis(page, SAMPLE);
    assert.deepEqual(await legendCounts(page), SAMPLE_COUNTS);
    const shown = await highlights(page);
    assert.deepEqual(shown.filter((h) => h.kind === 'nested').map((h) => h.text), [SAMPLE_NESTED]);
    assert.deepEqual(shown.filter((h) => h.kind === 'term').map((h) => h.text), [SAMPLE_TERM]);
    // The nested quote is drawn inside its parent.
    const nestedParent = await page.$eval('#view mark[data-kind="nested"]', (m) => m.parentElement.dataset.kind);
    assert.equal(nestedParent, 'direct');
    // The two-paragraph statement is one highlight spanning the blank line.
    assert.ok(shown.some((h) => h.kind === 'direct' && h.text.includes('trade.\n\n“We are not asking')));
    assert.equal(analysis.quotes.length, 14);

    // Load → first highlight, measured by the page's own performance mark.
    const firstHighlight = await page.evaluate(
        () => performance.getEntriesByName('quotelens:first-highlight')[0]?.startTime,
    );
    assert.ok(firstHighlight > 0);
    t.diagnostic(`page load → first highlight: ${firstHighlight.toFixed(0)} ms`);
    await mkdir(join(SCREENSHOTS, '..'), { recursive: true });
    await writeFile(join(SCREENSHOTS, '..', 'e2e-timing.json'), JSON.stringify({ firstHighlightMs: firstHighlight }) + '\n');
});

test('every quote style, pasted, is highlighted as analyze reports it', async (t) => {
    const { page } = await open(t);
    await paste(page, { 'text/plain': ALL_STYLES });
    await assertViewMatchesAnalysis(page, ALL_STYLES);
    assert.deepEqual(
        (await highlights(page)).map((h) => [h.kind, h.text]),
        ALL_STYLES_EXPECTED,
    );
});

test('pasting the sample over other text replaces it and is analysed at once', async (t) => {
    const { page } = await open(t);
    await paste(page, { 'text/plain': 'Nothing quoted here.' });
    assert.deepEqual(await highlights(page), []);
    await paste(page, { 'text/plain': SAMPLE });
    await assertViewMatchesAnalysis(page, SAMPLE);
    assert.deepEqual(await legendCounts(page), SAMPLE_COUNTS);
});

test('a real paste (Ctrl+V) of plain or rich text is analysed at once', async (t) => {
    const { context, page } = await open(t);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const realPaste = async (flavours) => {
        await page.evaluate(async (data) => {
            const item = new ClipboardItem(
                Object.fromEntries(Object.entries(data).map(([type, value]) => [type, new Blob([value], { type })])),
            );
            await navigator.clipboard.write([item]);
        }, flavours);
        await page.focus('#article');
        await page.keyboard.press('Control+A');
        const before = await analysisCount(page);
        await page.keyboard.press('Control+V');
        await waitForAnalysis(page, before);
    };
    // Plain text: the browser pastes it (undoable), the page analyses without the typing delay.
    await realPaste({ 'text/plain': ALL_STYLES });
    await assertViewMatchesAnalysis(page, ALL_STYLES);
    // Rich text alone: the page reads the HTML's text.
    await realPaste({ 'text/html': '<p>“Rich,” he said.</p><p>Second <i>paragraph</i>.</p>' });
    assert.equal(await page.inputValue('#article'), '“Rich,” he said.\n\nSecond paragraph.');
    await assertViewMatchesAnalysis(page, await page.inputValue('#article'));
});

test('Clear, Sample and files can be undone with the Undo button', async (t) => {
    const { page } = await open(t);
    assert.equal(await page.isHidden('#undo'), true);
    await page.click('#clear');
    await page.waitForFunction(() => document.getElementById('view').textContent === '');
    assert.equal(await page.inputValue('#article'), '');
    const before = await analysisCount(page);
    await page.click('#undo');
    await waitForAnalysis(page, before);
    assert.equal(await page.inputValue('#article'), SAMPLE);
    assert.equal(await page.isHidden('#undo'), true);
    await assertViewMatchesAnalysis(page, SAMPLE);
});

test('typing re-highlights after a pause', async (t) => {
    const { page } = await open(t);
    await page.click('#clear');
    await page.focus('#article');
    const before = await analysisCount(page);
    await page.keyboard.type('The mayor said: “We will rebuild the pier.” Critics called it a “vanity project”.', {
        delay: 5,
    });
    await waitForAnalysis(page, before);
    await page.waitForFunction(() => document.querySelectorAll('#view mark.quote').length === 2);
    const text = await page.inputValue('#article');
    await assertViewMatchesAnalysis(page, text);
    assert.deepEqual((await highlights(page)).map((h) => [h.kind, h.text]), [
        ['direct', '“We will rebuild the pier.”'],
        ['partial', '“vanity project”'],
    ]);
});

test('rich text keeps its paragraphs and loses its markup', async (t) => {
    const { page } = await open(t);
    const html =
        '<html><head><title>Not article text</title><style>p{color:red}</style></head><body>' +
        '<h1>Harbour vote</h1><p class="MsoNormal">“We are ready,” <b>said</b> the <i>mayor</i>.</p>' +
        '<p>Second&nbsp;paragraph with<br>a line break.</p><ul><li>One</li><li>Two</li></ul></body></html>';
    await paste(page, { 'text/html': html });
    const text = await page.inputValue('#article');
    assert.equal(
        text,
        'Harbour vote\n\n“We are ready,” said the mayor.\n\nSecond\u00a0paragraph with\na line break.\n\nOne\n\nTwo',
    );
    await assertViewMatchesAnalysis(page, text);
    // With both flavours, the plain text is taken as it is.
    await paste(page, { 'text/plain': 'Plain “wins”, she said.', 'text/html': '<p>HTML <b>loses</b></p>' });
    assert.equal(await page.inputValue('#article'), 'Plain “wins”, she said.');
});

test('hostile HTML, pasted or dropped, never runs and never becomes elements', async (t) => {
    const { page } = await open(t);
    await page.evaluate(() => {
        window.__pwned = undefined;
    });
    for (const html of HOSTILE_HTML) {
        await paste(page, { 'text/html': html });
        await assertViewMatchesAnalysis(page, await page.inputValue('#article'));
    }
    // The same payloads as plain text are shown literally, as text.
    await paste(page, { 'text/plain': HOSTILE_PLAIN });
    await assertViewMatchesAnalysis(page, HOSTILE_PLAIN);
    // …and as a dropped .html file.
    await dropFile(page, 'hostile.html', 'text/html', HOSTILE_HTML.join('\n'));
    // No waiting for a handler to fire: a payload can only run as an element of this document,
    // and the check below finds none.
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
    const foreign = await page.evaluate(() => ({
        inView: [...document.querySelectorAll('#view *')].filter((e) => e.tagName !== 'MARK').map((e) => e.tagName),
        // The page's own <style> in <head> aside (scripts/build-site.sh writes the stylesheets into it).
        anywhere: document.querySelectorAll('img, iframe, svg, a, details, math, body style, object, embed').length,
        // A file's path, or an inline script's text (scripts/build-site.sh writes boot.js into the page).
        scripts: [...document.scripts].map((s) => (s.src ? new URL(s.src).pathname : s.textContent)),
    }));
    // The page's own scripts, as its index.html declares them, and nothing else.
    const declared = [...readFileSync(join(WWW, 'index.html'), 'utf8').matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].map(([, attributes, text]) => {
        const src = /\ssrc="([^"]+)"/.exec(attributes)?.[1];
        return src ? `/${src}` : text;
    });
    assert.ok(declared.length >= 2, 'index.html declares its scripts');
    assert.deepEqual(foreign, { inView: [], anywhere: 0, scripts: declared });
});

async function dropFile(page, name, type, content) {
    const before = await analysisCount(page);
    await page.evaluate(
        ({ name, type, content }) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([content], name, { type }));
            for (const kind of ['dragenter', 'dragover', 'drop']) {
                document.body.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
        },
        { name, type, content },
    );
    await waitForAnalysis(page, before);
}

test('dropping a .txt or .html file loads its text', async (t) => {
    const { page } = await open(t);
    await dropFile(page, 'story.txt', 'text/plain', '“From a file,” the editor said.\r\n');
    assert.equal(await page.inputValue('#article'), '“From a file,” the editor said.\n');
    assert.deepEqual((await highlights(page)).map((h) => h.text), ['“From a file,”']);
    await dropFile(page, 'story.html', 'text/html', '<p>“From HTML,” she said.</p><p>Next.</p>');
    assert.equal(await page.inputValue('#article'), '“From HTML,” she said.\n\nNext.');
    assert.equal(await page.isHidden('#drop-zone'), true);
});

test('a panic shows an error, then the page analyses again with a fresh instance', async (t) => {
    const { page, log } = await open(t);
    const result = await page.evaluate(async () => (await import('./app.js')).panicForTest());
    assert.equal(result.ok, false);
    assert.equal(result.crashed, true);
    assert.equal(await page.isVisible('#error'), true);
    assert.equal(
        await page.textContent('#error'),
        'The analyser crashed: deliberate panic from __test_panic(). It has been restarted: edit the text to analyse it again.',
    );
    assert.ok(
        log.console.some((m) => m.type === 'error' && m.text.includes('deliberate panic from __test_panic()')),
        'the panic message should be on the console',
    );
    // The text is still shown, unhighlighted.
    assert.equal(await page.textContent('#view'), SAMPLE);

    // Editing analyses again, on a new instance.
    await paste(page, { 'text/plain': SAMPLE });
    assert.equal(await page.isVisible('#error'), false);
    await assertViewMatchesAnalysis(page, SAMPLE);
    assert.equal(await page.evaluate(async () => (await import('./analysis/engine.js')).instanceCount()), 2);
});

test('screenshots in light, dark and narrow; the CSP holds', async (t) => {
    const light = await open(t, { colorScheme: 'light' });
    t.diagnostic(`screenshot: ${await saveScreenshot(light.page, 'page.png')}`);
    const dark = await open(t, { colorScheme: 'dark' });
    t.diagnostic(`screenshot: ${await saveScreenshot(dark.page, 'page-dark.png')}`);
    const narrow = await open(t, { viewport: { width: 420, height: 900 } });
    t.diagnostic(`screenshot: ${await saveScreenshot(narrow.page, 'page-narrow.png')}`);

    // The CSP is the page's own, and nothing broke it. An inline script (the build writes boot.js
    // into the page) is allowed by its own hash and nothing wider.
    const csp = await light.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    // So is an inline style (the build writes the stylesheets into the page), in a style-src of
    // 'self' and its hash.
    const source = readFileSync(join(WWW, 'index.html'), 'utf8');
    const hashes = (pattern) =>
        [...source.matchAll(pattern)].map(([, code]) => ` 'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`).join('');
    const inline = hashes(/<script>([^<]*)<\/script>/g);
    const styles = hashes(/<style>([^<]*)<\/style>/g);
    assert.equal(
        csp,
        `default-src 'self'; script-src 'self'${inline} 'wasm-unsafe-eval'; ${styles ? `style-src 'self'${styles}; ` : ''}worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    for (const { log } of [light, dark, narrow]) {
        assert.deepEqual(log.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text)), []);
    }
});

test('no request ever left the page’s origin', () => {
    // Runs last: every page of the tests above has added its requests by now.
    assert.ok(allRequests.length > 0);
    const foreign = allRequests.filter((url) => new URL(url).origin !== server.origin);
    assert.deepEqual(foreign, [], 'requests to other origins');
});
