// Checks on the page's source files, no browser needed: the palette's contrast in both schemes,
// and the page's invariants (ARCHITECTURE.md): no colour outside palette.css, no HTML parsing of
// text into the page, no JS but analysis/engine.js touching the module, no inline script or
// style; the generated and vendored files are what their scripts write; the preload list is the
// import graph.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WWW } from './support.mjs';
import { importClosure } from './imports.mjs';
import { generated } from '../../scripts/gen-styles.mjs';
import { VENDORED, vendoredText } from '../../scripts/vendor-js.mjs';

const read = (name) => readFileSync(join(WWW, name), 'utf8');
/** Every page file, subfolders included (paths relative to www/); the generated pkg/ is not ours. */
const pageFiles = readdirSync(WWW, { recursive: true })
    .filter((name) => /\.(js|css|html)$/.test(name) && !name.startsWith('pkg') && !name.startsWith('vendor'));

/** The custom properties of palette.css: {light: Map, dark: Map} (dark inherits light). */
function palette() {
    const css = read('palette.css');
    const [lightPart, darkPart = ''] = css.split('@media (prefers-color-scheme: dark)');
    const props = (part) => new Map([...part.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6,8})\b/g)].map(([, k, v]) => [k, v]));
    const light = props(lightPart);
    return { light, dark: new Map([...light, ...props(darkPart)]) };
}

function luminance(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const linear = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

const QUOTE_KINDS = ['direct', 'partial', 'term', 'nested'];
const ENTITY_LABELS = ['person', 'org', 'place', 'group', 'misc', 'date', 'money', 'percent', 'number'];

/** [foreground, background, minimum]: text 4.5:1, lines and control borders 3:1 (WCAG 2.1 AA). */
const PAIRS = [
    ['ink', 'paper', 4.5],
    ['ink', 'surface', 4.5],
    ['ink', 'surface-sunken', 4.5],
    ['ink-muted', 'paper', 4.5],
    ['ink-muted', 'surface', 4.5],
    ['ink-muted', 'surface-sunken', 4.5],
    ['control-border', 'surface', 3],
    ['accent', 'surface', 4.5],
    ['accent-ink', 'accent', 4.5],
    ['error-ink', 'error-tint', 4.5],
    ['error-line', 'error-tint', 3],
    ...QUOTE_KINDS.flatMap((kind) => [
        ['ink', `quote-${kind}-tint`, 4.5],
        [`quote-${kind}-line`, 'surface', 3],
        [`quote-${kind}-line`, `quote-${kind}-tint`, 3],
    ]),
    ...ENTITY_LABELS.flatMap((label) => [
        ['ink', `entity-${label}-tint`, 4.5],
        [`entity-${label}-ink`, `entity-${label}-tint`, 4.5],
        [`entity-${label}-line`, 'surface', 3],
        [`entity-${label}-line`, `entity-${label}-tint`, 3],
    ]),
    ['ink', 'link-tint', 4.5],
    ['link-line', 'surface', 3],
    ['link-line', 'link-tint', 3],
    ['flag-inferred-ink', 'flag-inferred-tint', 4.5],
    ['flag-corrected-ink', 'flag-corrected-tint', 4.5],
];

for (const scheme of ['light', 'dark']) {
    test(`palette: WCAG AA contrast in the ${scheme} scheme`, () => {
        const colours = palette()[scheme];
        const failures = [];
        for (const [fg, bg, minimum] of PAIRS) {
            assert.ok(colours.has(fg) && colours.has(bg), `--${fg} or --${bg} missing`);
            const ratio = contrast(colours.get(fg), colours.get(bg));
            if (ratio < minimum) failures.push(`--${fg} on --${bg}: ${ratio.toFixed(2)} < ${minimum}`);
        }
        assert.deepEqual(failures, []);
    });
}

for (const scheme of ['light', 'dark']) {
    test(`palette: every entity label has its own colours in the ${scheme} scheme`, () => {
        const colours = palette()[scheme];
        for (const part of ['tint', 'line']) {
            const values = ENTITY_LABELS.map((label) => colours.get(`entity-${label}-${part}`).toLowerCase());
            assert.equal(new Set(values).size, ENTITY_LABELS.length, `two labels share a ${part}: ${values.join(' ')}`);
        }
    });
}

test('no colour is written outside palette.css', () => {
    const colour = /#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla|oklch|lab|lch)\(|\b(?:white|black|red|blue|green)\b(?=\s*[;)])/;
    // www/embed/palette.js carries palette.css's values for host pages: generated from it, and
    // checked below to be what the generator writes.
    for (const name of pageFiles.filter((n) => n !== 'palette.css' && n !== join('embed', 'palette.js'))) {
        const lines = read(name).split('\n');
        lines.forEach((line, i) => {
            // Hex-looking ids in HTML and JS (there are none today) would need a smarter check.
            assert.doesNotMatch(line, colour, `${name}:${i + 1} writes a colour: ${line.trim()}`);
        });
    }
});

test('no page script parses text into HTML', () => {
    const sinks = /\b(?:innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|document\.write|srcdoc)\b|\beval\(|new Function\(/;
    for (const name of pageFiles.filter((n) => n.endsWith('.js'))) {
        assert.doesNotMatch(read(name), sinks, `${name} uses an HTML or code sink`);
    }
});

test('only analysis/engine.js (and the embed package\'s one import, embed/wasm.js) touches the wasm module', () => {
    const allowed = [join('analysis', 'engine.js'), join('embed', 'wasm.js')];
    for (const name of pageFiles.filter((n) => n.endsWith('.js') && !allowed.includes(n))) {
        // Comments may name the module (documentation); code may not reach it.
        const code = read(name).split('\n').filter((line) => !/^\s*(\/\/|\/?\*)/.test(line)).join('\n');
        assert.doesNotMatch(code, /pkg\/|\.wasm\b|WebAssembly\./, `${name} reaches into the module`);
    }
});

test('index.html has the CSP and no inline script or style', () => {
    const html = read('index.html');
    assert.match(
        html,
        /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">/,
    );
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, 'inline style or event handler');
    assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//, 'a resource from another origin');
});

test('the generated style files are what scripts/gen-styles.mjs writes (run it after changing palette.css or the labels)', () => {
    for (const [path, text] of generated()) assert.equal(read(path), text, `www/${path} is stale: node scripts/gen-styles.mjs`);
});

test('the vendored libraries are the npm packages’ files, as scripts/vendor-js.mjs writes them', () => {
    for (const [pkg, file, name] of VENDORED) {
        assert.equal(read(join('vendor', name)), vendoredText(pkg, file), `www/vendor/${name} differs from ${pkg}/${file}: node scripts/vendor-js.mjs`);
    }
});

test('index.html preloads exactly the modules app.js imports, and the glue engine.js imports by URL; boot.js starts the worker', () => {
    const html = read('index.html');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    assert.equal(new Set(preloaded).size, preloaded.length, 'a module is preloaded twice');
    const imported = [...new Set([...importClosure('app.js'), 'pkg/quotelens.js'])];
    // The page's one classic script is boot.js, first in <head>, before any stylesheet (a script
    // after a stylesheet waits for it), and it starts the worker that compiles the module.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, ['<script src="analysis/boot.js">', '<script type="module" src="app.js">']);
    assert.ok(html.indexOf('<script src="analysis/boot.js">') < html.indexOf('rel="stylesheet"'), 'boot.js after a stylesheet');
    assert.match(read('analysis/boot.js'), /new Worker\('analysis\/worker\.js#compile'/);
    assert.deepEqual([...preloaded].sort(), imported.sort());
    // …and the stylesheets it links exist.
    for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)) assert.ok(read(href).length > 0, href);
});
