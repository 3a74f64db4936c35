// Loads several wasm-bindgen web builds of quotelens into one Node process and times `analyze`
// on the same inputs, the builds taking turns within each round; prints medians relative to the
// first build. Used by scripts/size-ledger.sh.
//
//   node tools/bench/variants.mjs INPUTS_DIR BUILD_DIR...   (each BUILD_DIR holds pkg/)
//   VARIANTS_SIZES=dev:1:11 node tools/bench/variants.mjs …   other inputs (INPUTS_DIR/NAME.txt:
//                                                             calls a sample:rounds, comma-separated)

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [inputs, ...builds] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const variants = [];
for (const dir of builds) {
    const glue = await import(pathToFileURL(join(dir, 'pkg', 'quotelens.js')).href);
    const started = performance.now();
    glue.initSync({ module: readFileSync(join(dir, 'pkg', 'quotelens_bg.wasm')) });
    const instantiate = performance.now() - started;
    const first = performance.now();
    glue.analyze('“We will not back down,” the mayor said on Monday.');
    variants.push({ name: basename(dir), analyze: glue.analyze, instantiate, firstCall: performance.now() - first });
}
const rows = variants.map((v) => ({ name: v.name, cells: [v.instantiate.toFixed(0), v.firstCall.toFixed(0)] }));
const heads = ['compile+instantiate ms', 'first call ms'];
const sizes = process.env.VARIANTS_SIZES
    ? process.env.VARIANTS_SIZES.split(',').map((s) => s.split(':')).map(([n, reps, rounds]) => [n, +reps, +rounds])
    : [['1k', 40, 7], ['10k', 5, 7], ['100k', 1, 5]];
for (const [size, reps, rounds] of sizes) {
    const text = readFileSync(join(inputs, `${size}.txt`), 'utf8');
    const samples = variants.map(() => []);
    for (let r = 0; r < rounds; r++) {
        variants.forEach((v, i) => {
            const started = performance.now();
            for (let k = 0; k < reps; k++) v.analyze(text);
            samples[i].push((performance.now() - started) / reps);
        });
    }
    const base = median(samples[0]);
    heads.push(`${size} ms`, `${size} vs ${variants[0].name}`);
    samples.forEach((s, i) => rows[i].cells.push(median(s).toFixed(2), `${(median(s) / base).toFixed(2)}x`));
}
console.log(['variant'.padEnd(16), ...heads.map((h) => h.padStart(Math.max(8, h.length)))].join(' '));
for (const r of rows) console.log([r.name.padEnd(16), ...r.cells.map((c, i) => c.padStart(Math.max(8, heads[i].length)))].join(' '));
