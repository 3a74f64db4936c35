// The static import graph of the page's modules, read from the source (no browser): used to
// check index.html's <link rel=modulepreload> list against what app.js really imports.

import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { WWW } from './support.mjs';

/** The specifiers of the static `import … from '…'` / `export … from '…'` of a module's source. */
export function staticImports(source) {
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    // A statement starts a line or follows a `;` (scripts/build-site.sh's bundles are minified:
    // `import{a as b}from"./analysis/chunk-….js";`).
    return [...code.matchAll(/(?:^|;)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm)].map(
        (m) => m[1] ?? m[2],
    );
}

/** Every module reached from `entry` (a path under www/) by static imports, entry excluded; paths under www/. */
export function importClosure(entry) {
    const seen = new Set([entry]);
    const queue = [entry];
    while (queue.length > 0) {
        const path = queue.shift();
        for (const specifier of staticImports(readFileSync(join(WWW, path), 'utf8'))) {
            if (!specifier.startsWith('.')) throw new Error(`${path} imports a bare specifier ${specifier}`);
            const target = relative(WWW, normalize(join(WWW, dirname(path), specifier))).split(sep).join('/');
            if (!seen.has(target)) {
                seen.add(target);
                queue.push(target);
            }
        }
    }
    seen.delete(entry);
    return seen;
}
