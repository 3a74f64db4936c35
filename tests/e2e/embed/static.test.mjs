// Checks on the embed's source files, no browser: no colour is written anywhere in www/embed
// but the palette.js generated from palette.css (whose freshness tests/e2e/static.test.mjs
// checks), nothing is parsed as HTML, only wasm.js names the wasm glue, and the demo page keeps
// the main page's CSP with no inline script or style.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WWW } from './support.mjs';
import { embedCss } from '../../../www/embed/styles.js';
import { PALETTE } from '../../../www/embed/palette.js';
import { ENTITY_LABELS, QUOTE_KINDS } from '../../../www/core/labels.js';

const EMBED = join(WWW, 'embed');
const read = (name) => readFileSync(join(EMBED, name), 'utf8');
const files = readdirSync(EMBED).filter((name) => /\.(js|css|html)$/.test(name));

test('the embed stylesheet gives every kind and label a colour default from palette.css, in both schemes', () => {
    const css = embedCss('quotelens');
    for (const scheme of ['light', 'dark']) {
        for (const { kind } of QUOTE_KINDS) {
            for (const role of ['line', 'tint']) {
                assert.ok(css.includes(`--quotelens-${kind}-${role}: ${PALETTE[scheme][`quote-${kind}-${role}`]};`), `${scheme} ${kind} ${role}`);
            }
            assert.match(css, new RegExp(`quotelens-quote\\[data-kind="${kind}"\\] \\{[^}]*var\\(--quotelens-${kind}-line\\)`));
        }
        for (const { label } of ENTITY_LABELS) {
            const key = label.toLowerCase();
            for (const role of ['line', 'tint', 'ink']) {
                assert.ok(css.includes(`--quotelens-${key}-${role}: ${PALETTE[scheme][`entity-${key}-${role}`]};`), `${scheme} ${label} ${role}`);
            }
        }
    }
});

test('no colour is written in www/embed outside the generated palette.js', () => {
    const colour = /#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla|oklch|lab|lch)\(|\b(?:white|black|red|blue|green)\b(?=\s*[;)])/;
    for (const name of files.filter((n) => n !== 'palette.js')) {
        const text = read(name);
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
