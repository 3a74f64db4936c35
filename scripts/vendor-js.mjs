// Writes www/vendor/ and extension/vendor/ from the npm packages locked in
// tests/e2e/package-lock.json: the page has no bundler and requests nothing but its own files,
// and the extension ships no remote code, so a library either uses is kept as a copy, made here
// and never edited by hand. tests/e2e/static.test.mjs (www) and
// tests/e2e/extension/extension.test.mjs (extension) check that each copy is still what this
// script writes.
//
//   (cd tests/e2e && npm ci) && node scripts/vendor-js.mjs
//
// idb-keyval: get/set/del over IndexedDB (model/store.js), ~1 KB gzipped, Apache-2.0.
// @mozilla/readability: Firefox Reader View's article finder; the extension runs it on a clone
// of the page only to choose which element is the article (extension/article.js), ~10 KB
// gzipped in the content script, Apache-2.0.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'tests', 'e2e', 'node_modules');
const out = join(root, 'www', 'vendor');
const extensionOut = join(root, 'extension', 'vendor');

/** The vendored files: [package, file in the package, file in www/vendor]. */
export const VENDORED = [
    ['idb-keyval', 'dist/index.js', 'idb-keyval.js'],
    ['idb-keyval', 'dist/index.d.ts', 'idb-keyval.d.ts'],
    ['idb-keyval', 'LICENCE', 'idb-keyval.LICENCE'],
];

/** The extension's vendored files: [package, file in the package, file in extension/vendor]. */
export const EXTENSION_VENDORED = [
    ['@mozilla/readability', 'Readability.js', 'Readability.js'],
    ['@mozilla/readability', 'Readability-readerable.js', 'Readability-readerable.js'],
    ['@mozilla/readability', 'LICENSE.md', 'Readability.LICENCE.md'],
];

/** What www/vendor/<name> or extension/vendor/<name> must hold: the file unchanged, after a header naming the package (code only). */
export function vendoredText(pkg, file) {
    const meta = JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8'));
    const body = readFileSync(join(modules, pkg, file), 'utf8');
    if (!/\.(js|ts)$/.test(file)) return body;
    return `// ${pkg} ${meta.version} (${meta.license}), ${file} as published on npm; written by scripts/vendor-js.mjs, do not edit.\n${body}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    mkdirSync(out, { recursive: true });
    for (const [pkg, file, name] of VENDORED) {
        writeFileSync(join(out, name), vendoredText(pkg, file));
        console.log(`vendor-js: www/vendor/${name} from ${pkg}/${file}`);
    }
    mkdirSync(extensionOut, { recursive: true });
    for (const [pkg, file, name] of EXTENSION_VENDORED) {
        writeFileSync(join(extensionOut, name), vendoredText(pkg, file));
        console.log(`vendor-js: extension/vendor/${name} from ${pkg}/${file}`);
    }
}
