// The built module (www/pkg, as the page loads it) under Node, without a browser: the exported
// `analyze` gives UTF-16 offsets that slice JS strings, its result matches the hand-written
// TypeScript types in src/wasm.rs field for field, and a panic reaches console.error and is
// thrown to the caller with its message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WWW } from './support.mjs';
import { ALL_STYLES } from './cases.mjs';

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

test('the result matches the TypeScript types in quotelens.d.ts, field for field', () => {
    const types = parseDeclarations(readFileSync(join(PKG, 'quotelens.d.ts'), 'utf8'));
    // A text with a nested quote (a non-null parent), a name or two, several paragraphs.
    const analysis = glue.analyze(ALL_STYLES + '\nAngela Merkel visited Paris on 3 May 2015.\n');
    assert.ok(analysis.quotes.some((q) => q.parent !== null), 'the text should have a nested quote');
    checkType(analysis, 'Analysis', types, 'analysis');
    // The declared function returns the interface, not `any`.
    assert.match(types.functions.get('analyze') ?? '', /\):\s*Analysis\s*;?$/);
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

// --- A checker for the small TypeScript subset the custom section uses ------------------------

/**
 * Interfaces (name → [[field, type]]), type aliases (name → type) and function signatures from
 * a .d.ts. Only what src/wasm.rs writes is understood: `export interface X { a: T; }`,
 * `export type X = …;`, and `export function f(…): T;`.
 */
function parseDeclarations(source) {
    const clean = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const interfaces = new Map();
    for (const [, name, body] of clean.matchAll(/export interface (\w+)\s*\{([^}]*)\}/g)) {
        const fields = [...body.matchAll(/(\w+)\??\s*:\s*([^;]+);/g)].map(([, field, type]) => [field, type.trim()]);
        interfaces.set(name, fields);
    }
    const aliases = new Map();
    for (const [, name, type] of clean.matchAll(/export type (\w+)\s*=\s*([^;]+);/g)) {
        aliases.set(name, type.replace(/\s+/g, ' ').trim());
    }
    const functions = new Map();
    for (const [, name, signature] of clean.matchAll(/export function (\w+)(\([^)]*\)\s*:\s*[^;]+;)/g)) {
        functions.set(name, signature.trim());
    }
    return { interfaces, aliases, functions };
}

function checkType(value, type, types, path) {
    type = type.trim();
    const union = splitUnion(type);
    if (union.length > 1) {
        const errors = [];
        for (const member of union) {
            try {
                checkType(value, member, types, path);
                return;
            } catch (error) {
                errors.push(error.message);
            }
        }
        assert.fail(`${path}: ${JSON.stringify(value)} is none of ${type}\n  ${errors.join('\n  ')}`);
    }
    if (type.endsWith('[]')) {
        assert.ok(Array.isArray(value), `${path} should be an array`);
        value.forEach((item, i) => checkType(item, type.slice(0, -2), types, `${path}[${i}]`));
        return;
    }
    if (/^"[^"]*"$/.test(type)) return assert.equal(value, JSON.parse(type), path);
    if (type === 'null') return assert.equal(value, null, path);
    if (type === 'number') return assert.ok(Number.isInteger(value) && value >= 0, `${path} should be a number`);
    if (type === 'string' || type === 'boolean') return assert.equal(typeof value, type, path);
    if (types.aliases.has(type)) return checkType(value, types.aliases.get(type), types, path);
    const fields = types.interfaces.get(type);
    assert.ok(fields, `${path}: unknown type ${type}`);
    assert.ok(value !== null && typeof value === 'object', `${path} should be an object (${type})`);
    assert.deepEqual(
        Object.keys(value).sort(),
        fields.map(([field]) => field).sort(),
        `${path}: the fields of the value and of interface ${type} differ`,
    );
    for (const [field, fieldType] of fields) checkType(value[field], fieldType, types, `${path}.${field}`);
}

function splitUnion(type) {
    return type.split('|').map((part) => part.trim()).filter(Boolean);
}
