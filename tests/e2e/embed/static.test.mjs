// Checks on the embed's source files, no browser: its colour defaults are palette.css's, no
// colour is written anywhere else in www/embed, nothing is parsed as HTML, only wasm.js names the
// wasm glue, and the demo page keeps the main page's CSP with no inline script or style.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WWW } from './support.mjs';
import { DEFAULT_COLOURS, paletteName } from '../../../www/embed/styles.js';

const EMBED = join(WWW, 'embed');
const read = (name) => readFileSync(join(EMBED, name), 'utf8');
const files = readdirSync(EMBED).filter((name) => /\.(js|css|html)$/.test(name));

function palette() {
    const css = readFileSync(join(WWW, 'palette.css'), 'utf8');
    const [lightPart, darkPart] = css.split('@media (prefers-color-scheme: dark)');
    const props = (part) => new Map([...part.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6,8})\b/g)].map(([, k, v]) => [k, v.toLowerCase()]));
    const light = props(lightPart);
    return { light, dark: new Map([...light, ...props(darkPart)]) };
}

test('every colour default of the embed is palette.css’s value, in both schemes', () => {
    const colours = palette();
    for (const scheme of ['light', 'dark']) {
        assert.deepEqual(Object.keys(DEFAULT_COLOURS[scheme]).sort(), Object.keys(DEFAULT_COLOURS.light).sort());
        for (const [key, value] of Object.entries(DEFAULT_COLOURS[scheme])) {
            assert.equal(value, colours[scheme].get(paletteName(key)), `${scheme} ${key} = --${paletteName(key)}`);
        }
    }
});

test('no colour is written in www/embed outside the defaults of styles.js', () => {
    const colour = /#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla|oklch|lab|lch)\(|\b(?:white|black|red|blue|green)\b(?=\s*[;)])/;
    for (const name of files) {
        let text = read(name);
        if (name === 'styles.js') text = text.replace(/export const DEFAULT_COLOURS = \{[\s\S]*?\n\};/, '');
        // In demo.html, &#…; entities are not colours.
        text.split('\n').forEach((line, i) => assert.doesNotMatch(line, colour, `${name}:${i + 1} writes a colour: ${line.trim()}`));
    }
});

test('the embed never parses text as HTML, and only wasm.js names the glue', () => {
    const sinks = /\b(?:innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|document\.write|srcdoc)\b|\beval\(|new Function\(/;
    for (const name of files.filter((n) => n.endsWith('.js'))) {
        assert.doesNotMatch(read(name), sinks, `${name} uses an HTML or code sink`);
        if (name !== 'wasm.js') {
            assert.doesNotMatch(read(name), /(?:from|import\()\s*['"][^'"]*pkg\/|['"][^'"]*\.wasm['"]/, `${name} reaches into the module`);
        }
    }
});

test('demo.html has the page’s CSP and no inline script, style or handler', () => {
    const html = read('demo.html');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, 'inline style or event handler');
});
