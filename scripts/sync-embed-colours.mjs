// Rewrites the colour defaults in www/embed/styles.js from www/palette.css, the one home of every
// colour (the embed runs on pages that do not load palette.css, so it carries copies; the static
// test checks they still match). Run after changing palette.css: node scripts/sync-embed-colours.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = join(dirname(fileURLToPath(import.meta.url)), '..', 'www');
const { DEFAULT_COLOURS, paletteName } = await import(join(www, 'embed', 'styles.js'));
const css = readFileSync(join(www, 'palette.css'), 'utf8');
const [lightPart, darkPart] = css.split('@media (prefers-color-scheme: dark)');
const props = (part) => new Map([...part.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6,8})\b/g)].map(([, k, v]) => [k, v.toLowerCase()]));
const light = props(lightPart);
const schemes = { light, dark: new Map([...light, ...props(darkPart)]) };

let source = readFileSync(join(www, 'embed', 'styles.js'), 'utf8');
const [head, rest] = source.split('export const DEFAULT_COLOURS');
let body = rest;
for (const scheme of ['light', 'dark']) {
    const start = body.indexOf(`${scheme}: {`);
    const end = body.indexOf('}', start);
    let block = body.slice(start, end);
    for (const key of Object.keys(DEFAULT_COLOURS[scheme])) {
        const value = schemes[scheme].get(paletteName(key));
        if (!value) throw new Error(`palette.css has no --${paletteName(key)} (${scheme})`);
        const quoted = key.includes('-') ? `'${key}'` : key;
        block = block.replace(new RegExp(`(${quoted.replace(/[-']/g, (c) => `\\${c}`)}: )'#[0-9a-fA-F]+'`), `$1'${value}'`);
    }
    body = body.slice(0, start) + block + body.slice(end);
}
writeFileSync(join(www, 'embed', 'styles.js'), head + 'export const DEFAULT_COLOURS' + body);
console.log('sync-embed-colours: www/embed/styles.js now matches www/palette.css');
