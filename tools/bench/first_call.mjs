// What the first `analyze` costs in wasm under Node: each table it builds on first use, timed one
// by one, and the first call against the second on the same text. The native twin is
// tools/examples/first_call.rs; scripts/bench-startup.sh builds both and runs them.
//
//   node tools/bench/first_call.mjs --pkg DIR [--text FILE] [--rounds N]
//
// DIR holds a `--target web` build of the module WITH the `internals` feature (it exports
// `buildTable(i, text)`, src/wasm.rs); FILE defaults to the page's sample (www/sample.txt). Every
// round is a fresh Node process (this file again with `--child`): V8 shares compiled and
// optimised wasm code between modules of the same bytes in one process, and a first visit runs
// cold, baseline-compiled code. In a round: compile, instantiate, build each table twice (its
// cost is the first build minus the second call, which finds it built); then, in another fresh
// process, `analyze(text)` twice: the first call's whole cost against the second's. The medians
// over the rounds are printed.
//
// `--child tables --upto N` builds only the first N tables in one process and prints their
// names, for counting instructions rather than timing (run it under callgrind for N and for 0:
// the difference is what those tables cost, in the baseline code of a cold module with
// `node --liftoff --no-wasm-tier-up --single-threaded`).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
if (!args.pkg) throw new Error('usage: first_call.mjs --pkg DIR [--text FILE] [--rounds N]');
const PKG = resolve(args.pkg);
const ROUNDS = Number(args.rounds ?? 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const TEXT_FILE = resolve(args.text ?? join(ROOT, 'www/sample.txt'));

/** One cold process: prints `name\tfirst ms\tsecond ms` lines for `mode` ('tables' or 'analyze'). */
async function child(mode) {
    const text = readFileSync(TEXT_FILE, 'utf8');
    const bytes = readFileSync(join(PKG, 'quotelens_bg.wasm'));
    let t = performance.now();
    const module = await WebAssembly.compile(bytes);
    const compileMs = performance.now() - t;
    const glue = await import(pathToFileURL(join(PKG, 'quotelens.js')).href);
    t = performance.now();
    glue.initSync({ module });
    const lines = [`compile\t${compileMs}\t0`, `instantiate\t${performance.now() - t}\t0`];
    if (mode === 'tables' && args.upto !== undefined) {
        const names = [];
        for (let i = 0; i < Number(args.upto); i++) names.push(glue.buildTable(i, text));
        console.log(names.join(', '));
        return;
    }
    if (mode === 'tables') {
        for (let i = 0; ; i++) {
            t = performance.now();
            const name = glue.buildTable(i, text);
            const first = performance.now() - t;
            if (name === undefined) break;
            t = performance.now();
            glue.buildTable(i, text);
            lines.push(`${name}\t${first}\t${performance.now() - t}`);
        }
    } else {
        t = performance.now();
        const a = glue.analyze(text);
        const first = performance.now() - t;
        t = performance.now();
        const b = glue.analyze(text);
        lines.push(`analyze\t${first}\t${performance.now() - t}`);
        if (a.quotes.length !== b.quotes.length) throw new Error('two analyses of one text differ');
    }
    console.log(lines.join('\n'));
}

if (args.child) {
    await child(args.child);
} else {
    /** name → {first: [], second: []}, in build order, then `analyze`. */
    const rows = new Map();
    for (let r = 0; r < ROUNDS; r++) {
        for (const mode of ['tables', 'analyze']) {
            const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--pkg', PKG, '--text', TEXT_FILE, '--child', mode], { encoding: 'utf8' });
            for (const line of out.trim().split('\n')) {
                const [name, first, second] = line.split('\t');
                if (mode === 'analyze' && (name === 'compile' || name === 'instantiate')) continue;
                if (!rows.has(name)) rows.set(name, { first: [], second: [] });
                rows.get(name).first.push(Number(first));
                rows.get(name).second.push(Number(second));
            }
        }
    }
    const size = readFileSync(join(PKG, 'quotelens_bg.wasm')).length;
    console.log(`First-call cost, wasm (${(size / 1024).toFixed(0)} KB) under Node ${process.version}, ${ROUNDS} cold processes; medians in ms`);
    console.log(`${'table'.padEnd(22)} ${'first'.padStart(9)} ${'second'.padStart(9)} ${'cost'.padStart(9)}`);
    let total = 0;
    for (const [name, { first, second }] of rows) {
        const f = median(first);
        const s = median(second);
        if (name === 'analyze') console.log(`${'sum of the tables'.padEnd(22)} ${total.toFixed(2).padStart(9)}`);
        else if (name !== 'instantiate' && name !== 'compile') total += f - s;
        console.log(`${name.padEnd(22)} ${f.toFixed(3).padStart(9)} ${s.toFixed(3).padStart(9)} ${(f - s).toFixed(3).padStart(9)}`);
    }
}
