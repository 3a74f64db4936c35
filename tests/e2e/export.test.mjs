// Issue 7's exports, in real Chromium: the CSV read back by an independent RFC 4180 parser
// (tests/e2e/csv.mjs) on a text that needs quoting, doubled quote marks, line breaks and the
// formula guard, and checked against the JSON; the JSON in code points, in the CLI's schema
// and, when the CLI is built (scripts/test.sh builds it first), equal to what it prints; the
// clipboard and the downloads agree, and nothing leaves the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, WWW, startServer, launchChromium, openPage, paste } from './support.mjs';
import { CSV_TRICKY, ALL_STYLES } from './cases.mjs';
import { parseCsv } from './csv.mjs';
import { isOffsetField, toJson } from '../../www/export/export.js';

const SAMPLE = readFileSync(join(WWW, 'sample.txt'), 'utf8');

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

async function open(t) {
    const opened = await openPage(browser, server.origin);
    await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    t.after(async () => {
        assert.deepEqual(opened.log.errors, [], 'uncaught errors on the page');
        // Downloads are blob: URLs of the page's own origin; nothing else may be asked for.
        const foreign = opened.log.requests.filter((url) => new URL(url).origin !== server.origin && !url.startsWith(`blob:${server.origin}/`));
        assert.deepEqual(foreign, [], 'requests to other origins');
        await opened.context.close();
    });
    return opened;
}

async function copied(page, format) {
    await page.evaluate(() => (document.getElementById('export-status').textContent = ''));
    await page.click(`[data-export="${format} copy"]`);
    await page.waitForFunction(() => /copied/.test(document.getElementById('export-status').textContent));
    return page.evaluate(() => navigator.clipboard.readText());
}

async function downloaded(page, format) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${format} download"]`)]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path(), 'utf8') };
}

/** What a spreadsheet-safe cell holds for `value`: a leading = + - @ tab or CR gets a `'`. */
const guarded = (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * Checks `doc` as the CLI prints it, without listing the contract's fields (src/export.rs is
 * their one home; the comparison with the CLI's output below checks every one): the id and the
 * unit first, every offset (by the contract's naming rule) inside the text in code points, and
 * every `{start, end, text}` object slicing its text out of the code points.
 */
function checkCliDocument(doc, text) {
    assert.deepEqual(Object.keys(doc).slice(0, 3), ['id', 'schema', 'unit']);
    assert.equal(doc.id, null);
    assert.equal(doc.unit, 'codepoint');
    assert.equal(doc.schema, 3);
    for (const key of ['quotes', 'entities', 'clusters', 'paragraphs']) assert.ok(Array.isArray(doc[key]), key);
    const points = [...text];
    const slice = (s) => points.slice(s.start, s.end).join('').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
    let spans = 0;
    const walk = (value, path) => {
        if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`));
        if (value === null || typeof value !== 'object') return;
        for (const [key, v] of Object.entries(value)) {
            if (isOffsetField(key)) assert.ok(Number.isInteger(v) && v >= 0 && v <= points.length, `${path}.${key} = ${v}`);
            walk(v, `${path}.${key}`);
        }
        if ('start' in value && 'end' in value && typeof value.text === 'string') {
            assert.equal(slice(value), value.text, `${path} in code points`);
            spans += 1;
        }
    };
    walk(doc, 'document');
    assert.ok(spans >= doc.quotes.length + doc.entities.length, 'every quote and entity has its text');
}

/** The CLI binary, if it is built (release first). */
function cliBinary() {
    return ['release', 'debug'].map((profile) => join(ROOT, 'target', profile, 'quotelens')).find((path) => existsSync(path));
}

test('a field the wire format gains reaches the JSON, its offsets in code points', () => {
    // No browser: export.js on a document with a field no file in www/ names. 🍮 is two UTF-16
    // units and one code point, so every offset after it moves by one.
    const text = '🍮 “Sweet,” she said.';
    const document = {
        schema: 1,
        unit: 'utf16',
        quotes: [{ id: 0, start: 4, end: 10, outer_start: 3, outer_end: 11, text: 'Sweet,', corrected: true }],
        entities: [],
        clusters: [],
        paragraphs: [{ start: 0, end: 21 }],
        attributions_to_come: [{ quote: 0, source: { start: 12, end: 15, text: 'she' }, content_end: 10, weight: 10 }],
    };
    assert.equal(
        toJson(text, document),
        '{"id":null,"schema":1,"unit":"codepoint","quotes":[{"id":0,"start":3,"end":9,"outer_start":2,"outer_end":10,"text":"Sweet,"}],' +
            '"entities":[],"clusters":[],"paragraphs":[{"start":0,"end":20}],' +
            '"attributions_to_come":[{"quote":0,"source":{"start":11,"end":14,"text":"she"},"content_end":9,"weight":10}]}\n',
    );
});

test('the CSV reads back with an RFC 4180 parser and matches the JSON', async (t) => {
    const { page } = await open(t);
    await paste(page, { 'text/plain': CSV_TRICKY });
    const csv = await copied(page, 'csv');
    const json = JSON.parse(await copied(page, 'json'));
    assert.ok(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv.replace(/"[^"]*"/g, '')), 'records end in CRLF');
    const [header, ...rows] = parseCsv(csv);
    assert.deepEqual(header, ['speaker', 'quote', 'cue', 'kind', 'paragraph', 'inferred']);
    // A row per quote, then a row per claim (reported speech), its kind in `kind`.
    const claims = json.attributions.filter((a) => a.kind !== 'direct');
    assert.equal(rows.length, json.quotes.length + claims.length);
    const clusters = new Map(json.clusters.map((c) => [c.id, c]));
    const name = (s) => (s ? (clusters.get(s.entity)?.name ?? s.refers_to?.text ?? s.text) : '');
    json.quotes.forEach((q, i) => {
        const inferred = q.speaker !== null && q.speaker.basis !== 'explicit';
        assert.deepEqual(rows[i], [guarded(name(q.speaker)), guarded(q.text), guarded(q.cue?.text ?? ''), q.kind, String(q.paragraph), String(inferred)], `row ${i + 1}`);
    });
    claims.forEach((a, i) => {
        const row = rows[json.quotes.length + i];
        const inferred = a.source !== null && (a.source.basis !== 'explicit' || a.confidence < 0.5);
        assert.deepEqual([row[0], row[1], row[2], row[3], row[5]], [guarded(name(a.source)), guarded(a.content.text), guarded(a.cue?.text ?? ''), a.kind, String(inferred)], `claim row ${i + 1}`);
        assert.ok(['indirect', 'mixed'].includes(row[3]));
    });
    // The hard cells, as a spreadsheet will see them.
    const cells = rows.slice(0, json.quotes.length).map((r) => r.slice(0, 2));
    assert.deepEqual(cells, [
        ['Anna Weber', "'=SUM(A1:A9), then +1, or -1,"],
        ['Anna Weber', 'He said "no", twice.'],
        ['', 'no'],
        ['Anna Weber', 'We ran 5 km 🏃 in the rain,'],
        ['Anna Weber', 'Then we went home.\n\n“And the club paid, as always,'],
        ['Tom Brennan', "'@Lakeside, a waste."],
    ]);
    // …and as they are written: quoted where needed, inner quotes doubled.
    assert.ok(csv.includes(`"'=SUM(A1:A9), then +1, or -1,"`));
    assert.ok(csv.includes('"He said ""no"", twice."'));
    assert.ok(csv.includes('"Then we went home.\n\n“And the club paid, as always,"'));
});

test('the JSON has code-point offsets in the CLI’s schema', async (t) => {
    const { page } = await open(t);
    await paste(page, { 'text/plain': CSV_TRICKY });
    const doc = JSON.parse(await copied(page, 'json'));
    checkCliDocument(doc, CSV_TRICKY);
    // After the emoji the units differ: the JSON counts it once, a JS string twice.
    const after = doc.quotes.find((q) => q.text.startsWith('Then we went home'));
    assert.equal(CSV_TRICKY.indexOf('Then we went home'), after.start + 1);
});

test('the JSON equals what the CLI prints for the same text', async (t) => {
    const binary = cliBinary();
    const { page } = await open(t);
    for (const text of [SAMPLE, CSV_TRICKY, ALL_STYLES]) {
        await paste(page, { 'text/plain': text });
        const json = await copied(page, 'json');
        checkCliDocument(JSON.parse(json), text);
        if (!binary) continue;
        const cli = execFileSync(binary, [], { input: text, encoding: 'utf8' });
        assert.deepEqual(JSON.parse(json), JSON.parse(cli));
        assert.equal(json, cli, 'byte for byte');
    }
    if (binary) t.diagnostic(`compared with ${binary}`);
    else t.diagnostic('no CLI built (cargo build --bin quotelens): schema checked only');
});

test('downloads hold what the clipboard gets, from a Blob, named after the text', async (t) => {
    const { page } = await open(t);
    const csv = await downloaded(page, 'csv');
    assert.match(csv.name, /^quotelens-[0-9a-f]{8}\.csv$/);
    assert.equal(csv.body, `\uFEFF${await copied(page, 'csv')}`, 'a byte-order mark, then the CSV');
    const json = await downloaded(page, 'json');
    assert.match(json.name, /^quotelens-[0-9a-f]{8}\.json$/);
    assert.equal(json.body, await copied(page, 'json'));
    checkCliDocument(JSON.parse(json.body), SAMPLE);
    // The link used for the download is gone again.
    assert.equal(await page.locator('a').count(), 0);
});
