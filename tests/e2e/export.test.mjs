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

/** The CLI's wire format, field by field: [name, type] (types as in src/wasm.rs, in code points). */
const SCHEMA = {
    document: [['id', 'null'], ['schema', 'number'], ['unit', 'string'], ['quotes', 'array'], ['entities', 'array'], ['clusters', 'array'], ['paragraphs', 'array']],
    quote: [['id', 'number'], ['start', 'number'], ['end', 'number'], ['outer_start', 'number'], ['outer_end', 'number'], ['text', 'string'], ['kind', 'string'], ['paragraph', 'number'], ['unclosed', 'boolean'], ['parent', 'number|null'], ['speaker', 'object|null'], ['cue', 'object|null']],
    speaker: [['start', 'number'], ['end', 'number'], ['text', 'string'], ['kind', 'string'], ['entity', 'number|null'], ['basis', 'string'], ['refers_to', 'object|null']],
    span: [['start', 'number'], ['end', 'number'], ['text', 'string']],
    entity: [['id', 'number'], ['start', 'number'], ['end', 'number'], ['text', 'string'], ['label', 'string'], ['cluster', 'number']],
    cluster: [['id', 'number'], ['label', 'string'], ['name', 'string'], ['mentions', 'number']],
    paragraph: [['start', 'number'], ['end', 'number']],
};

function checkShape(value, fields, path) {
    assert.deepEqual(Object.keys(value), fields.map(([name]) => name), `${path}: fields and their order`);
    for (const [name, type] of fields) {
        const v = value[name];
        const actual = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
        assert.ok(type.split('|').includes(actual), `${path}.${name} is ${actual}, not ${type}`);
    }
}

/** Checks `doc` against the CLI's schema, and its offsets by slicing `text` in code points. */
function checkCliDocument(doc, text) {
    checkShape(doc, SCHEMA.document, 'document');
    assert.equal(doc.unit, 'codepoint');
    assert.equal(doc.schema, 1);
    const points = [...text];
    const slice = (s) => points.slice(s.start, s.end).join('').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
    for (const q of doc.quotes) {
        checkShape(q, SCHEMA.quote, `quote ${q.id}`);
        assert.equal(slice(q), q.text, `quote ${q.id} in code points`);
        assert.ok(['direct', 'partial', 'term', 'nested'].includes(q.kind));
        if (q.speaker) {
            checkShape(q.speaker, SCHEMA.speaker, `quote ${q.id} speaker`);
            assert.equal(slice(q.speaker), q.speaker.text);
            assert.ok(['explicit', 'pronoun', 'continuation', 'nearest'].includes(q.speaker.basis));
            if (q.speaker.refers_to) {
                checkShape(q.speaker.refers_to, SCHEMA.span, 'refers_to');
                assert.equal(slice(q.speaker.refers_to), q.speaker.refers_to.text);
            }
        }
        if (q.cue) {
            checkShape(q.cue, SCHEMA.span, `quote ${q.id} cue`);
            assert.equal(slice(q.cue), q.cue.text);
        }
    }
    for (const e of doc.entities) {
        checkShape(e, SCHEMA.entity, `entity ${e.id}`);
        assert.equal(slice(e), e.text);
    }
    for (const c of doc.clusters) checkShape(c, SCHEMA.cluster, `cluster ${c.id}`);
    for (const p of doc.paragraphs) checkShape(p, SCHEMA.paragraph, 'paragraph');
}

/** The CLI binary, if it is built (release first). */
function cliBinary() {
    return ['release', 'debug'].map((profile) => join(ROOT, 'target', profile, 'quotelens')).find((path) => existsSync(path));
}

test('the CSV reads back with an RFC 4180 parser and matches the JSON', async (t) => {
    const { page } = await open(t);
    await paste(page, { 'text/plain': CSV_TRICKY });
    const csv = await copied(page, 'csv');
    const json = JSON.parse(await copied(page, 'json'));
    assert.ok(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv.replace(/"[^"]*"/g, '')), 'records end in CRLF');
    const [header, ...rows] = parseCsv(csv);
    assert.deepEqual(header, ['speaker', 'quote', 'cue', 'kind', 'paragraph', 'inferred']);
    assert.equal(rows.length, json.quotes.length);
    const clusters = new Map(json.clusters.map((c) => [c.id, c]));
    json.quotes.forEach((q, i) => {
        const speaker = q.speaker ? (clusters.get(q.speaker.entity)?.name ?? q.speaker.refers_to?.text ?? q.speaker.text) : '';
        const inferred = q.speaker !== null && q.speaker.basis !== 'explicit';
        assert.deepEqual(rows[i], [guarded(speaker), guarded(q.text), guarded(q.cue?.text ?? ''), q.kind, String(q.paragraph), String(inferred)], `row ${i + 1}`);
    });
    // The hard cells, as a spreadsheet will see them.
    const cells = rows.map((r) => r.slice(0, 2));
    assert.deepEqual(cells, [
        ['Anna Weber', "'=SUM(A1:A9), then +1, or -1,"],
        ['Anna Weber', 'He said "no", twice.'],
        ['', 'no'],
        ['Anna Weber', 'We ran 5 km 🏃 in the rain,'],
        ['Anna Weber', 'Then we went home.\n\n“And the club paid, as always,'],
        ["'@Brennan", 'a waste'],
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
