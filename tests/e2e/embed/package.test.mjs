// The npm package as built in pkg/ (scripts/build-package.sh), under Node without a browser:
// package.json's contract, initSync from the bytes read with fs, analyze's UTF-16 offsets, and
// the hand-written index.d.ts against what index.js really exports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './support.mjs';

const PKG = join(ROOT, 'pkg');
assert.ok(existsSync(join(PKG, 'package.json')), 'pkg/ is missing: run scripts/build-package.sh first');
const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
const api = await import(pathToFileURL(join(PKG, manifest.exports['.'].default)).href);

test('package.json: name, Cargo version, ESM, exports with types, files, licence, sideEffects', () => {
    const cargoVersion = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
    assert.equal(manifest.name, 'quotelens');
    assert.equal(manifest.version, cargoVersion);
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.license, 'MIT OR Apache-2.0');
    assert.equal(manifest.types, './embed/index.d.ts');
    assert.deepEqual(Object.keys(manifest.exports), ['.', './element', './quotelens-embed.css', './quotelens_bg.wasm', './package.json']);
    for (const target of [manifest.exports['.'].types, manifest.exports['.'].default, manifest.exports['./element'].types,
        manifest.exports['./element'].default, manifest.exports['./quotelens-embed.css'], manifest.exports['./quotelens_bg.wasm']]) {
        assert.ok(existsSync(join(PKG, target)), `${target} is in the package`);
    }
    assert.deepEqual(manifest.sideEffects, ['./embed/element.js', '*.css']);
    for (const entry of manifest.files) assert.ok(existsSync(join(PKG, entry)), `files: ${entry}`);
    // The package is the page's build: the same glue and module bytes as www/pkg.
    for (const name of ['quotelens.js', 'quotelens_bg.wasm']) {
        assert.ok(readFileSync(join(PKG, 'pkg', name)).equals(readFileSync(join(ROOT, 'www', 'pkg', name))), `pkg/pkg/${name} == www/pkg/${name}`);
    }
});

test('initSync(bytes) under Node, then analyze: offsets slice the string (UTF-16)', () => {
    assert.throws(() => api.analyze('“Too early,” she said.'), /init\(\)/);
    assert.equal(api.isReady(), false);
    api.initSync(readFileSync(join(PKG, 'pkg', 'quotelens_bg.wasm')));
    api.initSync(readFileSync(join(PKG, 'pkg', 'quotelens_bg.wasm'))); // a second call does nothing
    assert.equal(api.isReady(), true);
    const text = 'Zoë 👩‍🍳 said: “Crème brûlée 🍮 sells out by noon.”\n\n“Ça va,” said Priya Anand of Kelby Arts Trust, a “bold” move.';
    const analysis = api.analyze(text);
    assert.equal(analysis.unit, 'utf16');
    assert.deepEqual(analysis.quotes.map((q) => text.slice(q.start, q.end)), ['Crème brûlée 🍮 sells out by noon.', 'Ça va,', 'bold']);
    for (const q of analysis.quotes) {
        assert.equal(text.slice(q.start, q.end), q.text);
        assert.match(text.slice(q.outer_start, q.outer_end), /^“.*”$/su);
        if (q.speaker) assert.equal(text.slice(q.speaker.start, q.speaker.end), q.speaker.text);
    }
    for (const e of analysis.entities) assert.equal(text.slice(e.start, e.end), e.text);
    assert.ok(analysis.entities.some((e) => e.label === 'PERSON' && e.text === 'Priya Anand'));
    // labels keeps only those kinds and labels; ids still index the full analysis.
    const filtered = api.analyze(text, { labels: 'partial term PERSON' });
    assert.ok(filtered.quotes.every((q) => ['partial', 'term'].includes(q.kind)) && filtered.quotes.length === 1);
    assert.equal(filtered.quotes[0].id, 2);
    assert.deepEqual([...new Set(filtered.entities.map((e) => e.label))], ['PERSON']);
});

test('index.d.ts declares exactly what index.js exports', () => {
    const declared = new Set(
        [...readFileSync(join(PKG, 'embed', 'index.d.ts'), 'utf8').matchAll(/^export (?:declare )?(?:function|const) (\w+)/gm)].map((m) => m[1]),
    );
    assert.deepEqual([...declared].sort(), Object.keys(api).sort());
    // The wire types come from the wasm module's own declarations, which carry the ones
    // generated from the Rust types (src/export.d.ts) as they are.
    const types = readFileSync(join(PKG, 'embed', 'index.d.ts'), 'utf8');
    assert.match(types, /from '\.\.\/pkg\/quotelens\.js'/);
    const glueTypes = readFileSync(join(PKG, 'pkg', 'quotelens.d.ts'), 'utf8');
    assert.ok(glueTypes.includes(readFileSync(join(ROOT, 'src', 'export.d.ts'), 'utf8').trim()), 'the packed .d.ts carries src/export.d.ts');
});

test('the element module loads under Node without defining anything', async () => {
    const element = await import(pathToFileURL(join(PKG, 'embed', 'element.js')).href);
    assert.equal(typeof element.QuoteLensElement, 'function');
});

test('quotelens-embed.css is the stylesheet styles.js makes', async () => {
    const { embedCss } = await import(pathToFileURL(join(PKG, 'embed', 'styles.js')).href);
    const css = readFileSync(join(PKG, 'quotelens-embed.css'), 'utf8');
    assert.ok(css.endsWith(embedCss('quotelens')));
});
