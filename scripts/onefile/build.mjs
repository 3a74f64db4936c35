// Writes dist/quotelens.html: the whole page of www/ in one file that works opened from disk
// (file://), offline. Run through scripts/build-onefile.sh, which installs esbuild and builds
// www/pkg first.
//
// Everything is generated from www/ at build time, so the one-file page follows the page as it
// changes:
//   - <link rel="stylesheet"> becomes a <style> with the file's text;
//   - the <script src> entries (the modules, and boot.js, a classic script) are bundled by esbuild into one inline module;
//   - files the modules reach through `new URL('…', import.meta.url)` or `fetch('…')` are
//     inlined: other modules (the wasm-bindgen glue, which engine.js imports by URL) are bundled
//     and served by a small runtime, data files (the .wasm as base64, sample.txt as a JSON
//     string) are answered from memory. In each page module `import.meta.url`, `fetch(` and
//     `import(<non-literal>)` are routed through that runtime; nothing else is rewritten;
//   - preload hints go, the favicon becomes a data: URL;
//   - the page's CSP is replaced by one for this file alone: `default-src 'none'`, the sha256
//     of each inline script and style, 'wasm-unsafe-eval', and `img-src data:` for the favicon.
//
// The build fails, rather than writing a page that would break, when the page references
// something it does not know how to inline.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = join(ROOT, 'www');
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist', 'quotelens.html');

const TYPES = {
    '.txt': 'text/plain; charset=utf-8',
    '.json': 'application/json',
    '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml',
    '.css': 'text/css; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
};
const TEXT_TYPES = new Set(['.txt', '.json', '.css', '.html', '.svg']);

function fail(message) {
    console.error(`build-onefile: ${message}`);
    process.exit(1);
}

const wwwPath = (relativePath) => {
    const path = resolve(WWW, relativePath);
    if (!path.startsWith(WWW + sep)) fail(`${relativePath} lies outside www/`);
    return path;
};
const toKey = (path) => relative(WWW, path).split(sep).join('/');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// --- The HTML ------------------------------------------------------------------------------

let html = readFileSync(join(WWW, 'index.html'), 'utf8');
const attribute = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1] ?? null;

const entries = [];
const styles = [];
html = html.replace(/<script\b[^>]*>\s*<\/script>/gi, (tag) => {
    const src = attribute(tag, 'src');
    // A classic <script src> (analysis/boot.js, which starts the worker) is an entry like the
    // modules: its code is strict-mode safe, and in one inline module the order it bought is moot.
    if (!src || (attribute(tag, 'type') ?? 'module') !== 'module') fail(`cannot inline ${tag}: only <script src> and <script type="module" src> are supported`);
    entries.push(wwwPath(src));
    return entries.length === 1 ? '<!--onefile:script-->' : '';
});
if (entries.length === 0) fail('index.html has no <script src>');
if (/<script\b(?![^>]*type="(?:application\/(?:ld\+)?json|text\/plain)")/i.test(html.replace('<!--onefile:script-->', ''))) {
    fail('index.html has an inline script; the one-file build only knows module entries');
}

html = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
    const href = attribute(tag, 'href');
    if (rel === 'preload' || rel === 'modulepreload' || rel === 'prefetch') return '';
    if (rel === 'stylesheet') {
        const css = readFileSync(wwwPath(href), 'utf8');
        if (/url\(|@import/i.test(css)) fail(`${href} loads other files (url() or @import); inline them first`);
        if (/<\/style/i.test(css)) fail(`${href} contains "</style"`);
        styles.push(css);
        return `<style>${css}</style>`;
    }
    if (rel === 'icon') {
        const path = wwwPath(href);
        const data = readFileSync(path).toString('base64');
        return tag.replace(/href="[^"]*"/, `href="data:${TYPES[extname(path)] ?? 'application/octet-stream'};base64,${data}"`);
    }
    fail(`cannot inline ${tag}`);
});

// --- The modules -----------------------------------------------------------------------------

/** Where a module's `new URL('lit', import.meta.url)` and `fetch('lit')` point, as www keys. */
function referencedFiles(path, source) {
    const found = [];
    for (const [, , literal] of source.matchAll(/new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
        found.push(toKey(resolve(dirname(path), literal.split(/[?#]/)[0])));
    }
    for (const [, , literal] of source.matchAll(/(?<![.\w$])fetch\(\s*(['"])([^'"]+)\1/g)) {
        found.push(toKey(resolve(WWW, literal.split(/[?#]/)[0]))); // relative to the document
    }
    return found;
}

/** Rewrites one page module for the one-file page; returns null if nothing needed rewriting. */
function rewrite(path, source) {
    let changed = false;
    const key = JSON.stringify(toKey(path));
    let code = source.replace(/\bimport\.meta\.url\b/g, () => {
        changed = true;
        return `__onefile_base.moduleUrl(${key})`;
    });
    code = code.replace(/(?<![.\w$])fetch\(/g, () => {
        changed = true;
        return '__onefile_runtime.fetchFile(';
    });
    code = code.replace(/(?<![.\w$])import\((?!\s*['"])/g, () => {
        changed = true;
        return '__onefile_runtime.importModule(';
    });
    if (!changed) return null;
    const imports = [];
    if (code.includes('__onefile_base.')) imports.push("import * as __onefile_base from 'onefile:base';");
    if (code.includes('__onefile_runtime.')) imports.push("import * as __onefile_runtime from 'onefile:runtime';");
    return `${imports.join(' ')}\n${code}`;
}

/** Finds every module and file the page reaches, to a fixed point. */
async function discover() {
    const modules = new Set();
    const files = new Set();
    for (;;) {
        const result = await esbuild.build({
            entryPoints: [...entries, ...[...modules].map(wwwPath)],
            bundle: true,
            write: false,
            metafile: true,
            format: 'esm',
            outdir: join(ROOT, 'target', 'onefile-scan'),
            logLevel: 'silent',
        });
        let grew = false;
        for (const input of Object.keys(result.metafile.inputs)) {
            const path = resolve(ROOT, input);
            if (!path.startsWith(WWW + sep)) continue;
            for (const key of referencedFiles(path, readFileSync(path, 'utf8'))) {
                if (!existsSync(wwwPath(key))) fail(`${toKey(path)} refers to ${key}, which does not exist (run scripts/build-wasm.sh?)`);
                const set = key.endsWith('.js') ? modules : files;
                if (!set.has(key)) {
                    set.add(key);
                    grew = grew || key.endsWith('.js');
                }
            }
        }
        if (!grew) return { modules: [...modules].sort(), files: [...files].sort() };
    }
}

const { modules, files } = await discover();

const BASE_MODULE = `
// The one-file page stands where www/index.html stood: module URLs are resolved against it.
const base = new URL('.', document.baseURI);
export function moduleUrl(key) { return new URL(key, base).href; }
export function keyOf(url) {
    const resolved = new URL(String(url), document.baseURI);
    if (!resolved.href.startsWith(base.href)) return null;
    return decodeURIComponent(resolved.pathname.slice(base.pathname.length));
}
`;

function runtimeModule() {
    const imports = modules.map((key, i) => `import * as module${i} from ${JSON.stringify(wwwPath(key))};`).join('\n');
    const table = modules.map((key, i) => `${JSON.stringify(key)}: module${i}`).join(', ');
    const fileTable = files
        .map((key) => {
            const path = wwwPath(key);
            const ext = extname(path);
            const type = TYPES[ext] ?? 'application/octet-stream';
            const body = TEXT_TYPES.has(ext)
                ? `text: ${JSON.stringify(readFileSync(path, 'utf8'))}`
                : `base64: ${JSON.stringify(readFileSync(path).toString('base64'))}`;
            return `${JSON.stringify(key)}: { type: ${JSON.stringify(type)}, ${body} }`;
        })
        .join(',\n');
    return `
import { keyOf } from 'onefile:base';
${imports}
const MODULES = { ${table} };
const FILES = {
${fileTable}
};
function bytes(base64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
    const binary = atob(base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
}
/** import(url) for the modules this page inlines (the query string, a fresh-copy marker, is ignored). */
export async function importModule(specifier) {
    const key = keyOf(specifier)?.split(/[?#]/)[0];
    if (key && Object.hasOwn(MODULES, key)) return MODULES[key];
    throw new TypeError('quotelens one-file page: no inlined module ' + specifier);
}
/** fetch(url) for the files this page inlines; anything else fails: the page is offline. */
export async function fetchFile(input, init) {
    const url = typeof input === 'object' && input && 'url' in input ? input.url : String(input);
    const key = keyOf(url)?.split(/[?#]/)[0];
    if (!key || !Object.hasOwn(FILES, key)) throw new TypeError('quotelens one-file page: ' + url + ' is not part of this file');
    const file = FILES[key];
    return new Response(file.text ?? bytes(file.base64), { status: 200, headers: { 'content-type': file.type } });
}
`;
}

const onefilePlugin = {
    name: 'onefile',
    setup(build) {
        build.onResolve({ filter: /^onefile:/ }, (args) => ({ path: args.path, namespace: 'onefile' }));
        build.onLoad({ filter: /.*/, namespace: 'onefile' }, (args) => ({
            contents: args.path === 'onefile:base' ? BASE_MODULE : runtimeModule(),
            loader: 'js',
            resolveDir: WWW,
        }));
        build.onLoad({ filter: /\.m?js$/ }, (args) => {
            if (!args.path.startsWith(WWW + sep)) return undefined;
            const contents = rewrite(args.path, readFileSync(args.path, 'utf8'));
            return contents === null ? undefined : { contents, loader: 'js', resolveDir: dirname(args.path) };
        });
    },
};

const entry = entries.map((path) => `import ${JSON.stringify(path)};`).join('\n');
const bundled = await esbuild.build({
    stdin: { contents: entry, resolveDir: WWW, sourcefile: 'onefile-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    plugins: [onefilePlugin],
    logLevel: 'warning',
});
let script = bundled.outputFiles[0].text.trim();
if (/<\/script|<!--/i.test(script)) fail('the bundle contains "</script" or "<!--", which would end or confuse the inline script');

// --- Assemble, with the CSP ------------------------------------------------------------------

const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${[...new Set(styles.map(sha256))].join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
].join('; ');
const cspTag = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
let replaced = false;
html = html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, () => {
    replaced = true;
    return cspTag;
});
if (!replaced) html = html.replace(/<meta charset="utf-8">/i, (tag) => `${tag}\n${cspTag}`);
html = html.replace('<!--onefile:script-->', () => `<script type="module">${script}</script>`);
html = html.replace(/\n{3,}/g, '\n\n');

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
const gzipped = (await import('node:zlib')).gzipSync(html, { level: 9 }).length;
console.log(`build-onefile: ${relative(ROOT, OUT)}  ${Buffer.byteLength(html)} bytes raw, ${gzipped} gzipped`);
console.log(`build-onefile: inlined modules ${modules.join(', ') || '(none)'}; files ${files.join(', ') || '(none)'}`);
