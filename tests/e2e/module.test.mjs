// The built module (www/pkg, as the page loads it) under Node, without a browser: the exported
// `analyze` gives UTF-16 offsets that slice JS strings, the module's .d.ts declares it with the
// wire types generated from the Rust types (src/export.d.ts; tests/wasm.rs compares the values
// themselves with the native export), and a panic reaches console.error and is thrown to the
// caller with its message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WWW } from './support.mjs';

const PKG = join(WWW, 'pkg');

async function freshModule(instance) {
    // A query string gives a fresh copy of the glue (its own instance), as engine.js does.
    const glue = await import(`${join(PKG, 'quotelens.js')}?instance=${instance}`);
    glue.initSync({ module: readFileSync(join(PKG, 'quotelens_bg.wasm')) });
    return glue;
}

const glue = await freshModule('main');

test('offsets are UTF-16 code units: slicing the JS string gives each quote', () => {
    const text =
        'Zoë 👩‍🍳 said: “Crème brûlée 🍮 sells out by noon.”\r\n\r\n“Ça va,” said Ōta 🎌, “très bien.”\r\n' +
        'A lone surrogate \uD800 stays one unit: “still aligned,” she said.';
    const analysis = glue.analyze(text);
    assert.equal(analysis.unit, 'utf16');
    assert.deepEqual(
        analysis.quotes.map((q) => text.slice(q.start, q.end)),
        ['Crème brûlée 🍮 sells out by noon.', 'Ça va,', 'très bien.', 'still aligned,'],
    );
    for (const q of analysis.quotes) {
        // The lone surrogate reaches Rust as U+FFFD, so compare outside it.
        assert.equal(text.slice(q.start, q.end), q.text.replace('\uFFFD', '\uD800'));
        assert.match(text.slice(q.outer_start, q.outer_end), /^“.*”$/su);
    }
});

test('the module declares analyze with the generated wire types, and the package re-exports each', () => {
    const contract = readFileSync(join(ROOT, 'src', 'export.d.ts'), 'utf8');
    const declarations = readFileSync(join(PKG, 'quotelens.d.ts'), 'utf8');
    assert.ok(declarations.includes(contract.trim()), 'src/export.d.ts is in the module\'s .d.ts as it is');
    assert.match(declarations, /^export function analyze\(text: string\): DocumentOut;$/m);
    // The package's own types (www/embed/index.d.ts) re-export every wire type by name.
    const names = [...contract.matchAll(/^export type (\w+)/gm)].map(([, name]) => name);
    assert.ok(names.includes('DocumentOut') && names.includes('Analysis'), names.join(' '));
    const reexported = readFileSync(join(WWW, 'embed', 'index.d.ts'), 'utf8').match(/^export type \{([^}]*)\}/m)?.[1] ?? '';
    const missing = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(reexported));
    assert.deepEqual(missing, [], 'wire types www/embed/index.d.ts does not re-export');
});

test('a panic is reported on console.error and thrown as an Error, both with its message', async () => {
    const victim = await freshModule('panic');
    const logged = [];
    const original = console.error;
    console.error = (...args) => logged.push(args.join(' '));
    const expected = /^quotelens: panicked at src\/wasm\.rs:\d+:\d+:\ndeliberate panic from __test_panic\(\)$/;
    try {
        assert.throws(() => victim.__test_panic(), (error) => error instanceof Error && expected.test(error.message));
    } finally {
        console.error = original;
    }
    assert.equal(logged.length, 1);
    assert.match(logged[0], expected);
    // The other instance is untouched.
    assert.equal(glue.analyze('“Still fine,” he said.').quotes.length, 1);
});
