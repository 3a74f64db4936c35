// Our wasm `analyze` against the JS libraries a user would otherwise pick, in one Node process,
// on the same inputs: compromise (people, places, organisations, quotations) and wink-nlp with
// wink-eng-lite-web-model (entities). Prints each one's time per input, words/s, our throughput
// ratio over each, and our cost per word at each size (the growth check for the wasm build).
//
//   node tools/bench/compare.mjs [--pkg DIR] [--inputs DIR] [--rounds N] [--cap-seconds S]
//
// --pkg     the wasm-bindgen web build to load (default www/pkg, from scripts/build-wasm.sh);
//           it is instantiated with initSync from the bytes, no fetch needed.
// --inputs  the files tools/examples/bench_inputs.rs writes (default target/bench/inputs).
// --rounds  rounds per input (default 5; 3 on 1M words); the libraries take turns within each
//           round, so a busy spell of this shared machine hits all of them, and medians are shown.
// --cap-seconds  a library whose single run on an input would take longer than this (projected
//           from the previous size) runs once in a worker thread and is stopped at the cap;
//           the table then shows its throughput as an upper bound (default 60).

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const PKG = resolve(args.pkg ?? join(ROOT, 'www/pkg'));
const INPUTS = resolve(args.inputs ?? join(ROOT, 'target/bench/inputs'));
const ROUNDS = Number(args.rounds ?? 5);
const CAP_MS = 1000 * Number(args['cap-seconds'] ?? 60);
const SIZES = ['1k', '10k', '100k', 'dev', '1M'];

const words = (text) => text.split(/\s+/).filter(Boolean).length;
const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// --- The contestants: each is (text) => a summary, so the work cannot be optimised away ----------

const LIBRARIES = {
    quotelens: {
        what: 'analyze(): quotes with kinds and speakers, entities (9 labels), clusters',
        async load() {
            const glue = await import(pathToFileURL(join(PKG, 'quotelens.js')).href);
            glue.initSync({ module: readFileSync(join(PKG, 'quotelens_bg.wasm')) });
            return (text) => {
                const a = glue.analyze(text);
                return { quotes: a.quotes.length, entities: a.entities.length };
            };
        },
    },
    compromise: {
        what: 'nlp(text) then .people() .places() .organizations() .quotations()',
        async load() {
            const nlp = (await import('compromise')).default;
            return (text) => {
                const doc = nlp(text);
                const n = (view) => view.out('array').length;
                return { quotes: n(doc.quotations()), entities: n(doc.people()) + n(doc.places()) + n(doc.organizations()) };
            };
        },
    },
    'wink-nlp': {
        what: 'readDoc(text).entities() with wink-eng-lite-web-model (dates, numbers, money…; no names)',
        async load() {
            const winkNLP = (await import('wink-nlp')).default;
            const model = (await import('wink-eng-lite-web-model')).default;
            const nlp = winkNLP(model);
            return (text) => ({ quotes: null, entities: nlp.readDoc(text).entities().out(nlp.its.detail).length });
        },
    },
};

/** One timed run of `fn(text)`, in ms. */
function timeOnce(fn, text) {
    const started = performance.now();
    fn(text);
    return performance.now() - started;
}

/** Runs the library on `file` once in a worker, stopped after `capMs`; resolves to ms or null. */
function runInWorker(name, file, capMs) {
    const worker = new Worker(new URL(import.meta.url), { workerData: { name, file, pkg: PKG } });
    return new Promise((done) => {
        const timer = setTimeout(() => worker.terminate().then(() => done(null)), capMs);
        worker.once('message', (ms) => {
            clearTimeout(timer);
            worker.terminate().then(() => done(ms));
        });
        worker.once('error', (error) => {
            clearTimeout(timer);
            console.error(`${name} failed in its worker: ${error}`);
            done(null);
        });
    });
}

async function main() {
    const inputs = SIZES.filter((name) => existsSync(join(INPUTS, `${name}.txt`))).map((name) => {
        const text = readFileSync(join(INPUTS, `${name}.txt`), 'utf8');
        return { name, text, words: words(text), file: join(INPUTS, `${name}.txt`) };
    });
    if (!inputs.some((i) => i.name === 'dev')) console.log('PolNeAR dev not among the inputs (../shared absent): skipped');
    if (inputs.length === 0) throw new Error(`no inputs in ${INPUTS}: run examples/bench_inputs.rs first (scripts/bench.sh does)`);

    console.log(`Node ${process.version}; wasm from ${PKG}; rounds ${ROUNDS}; cap ${CAP_MS / 1000} s per single run`);
    const fns = {};
    const firstText = inputs[0].text;
    for (const [name, lib] of Object.entries(LIBRARIES)) {
        let started = performance.now();
        fns[name] = await lib.load();
        const load = performance.now() - started;
        const cold = timeOnce(fns[name], firstText);
        console.log(`${name.padEnd(11)} load ${load.toFixed(1)} ms, first call on ${inputs[0].name} ${cold.toFixed(1)} ms — ${lib.what}`);
    }
    // Warm-up: the JIT and every library's lazy tables.
    for (let i = 0; i < 3; i++) for (const fn of Object.values(fns)) fn(firstText);

    const results = [];
    const perWordBefore = {}; // ms per word at the previous size, to project the next
    for (const input of inputs) {
        const rounds = input.words >= 1e6 ? Math.min(ROUNDS, 3) : ROUNDS;
        const samples = Object.fromEntries(Object.keys(fns).map((n) => [n, []]));
        const capped = {};
        const counts = {};
        // A first run at this size for each library that fits the cap: what it found, and its
        // time per word for choosing how often to repeat it within one sample.
        const perWord = {};
        for (const [name, fn] of Object.entries(fns)) {
            if ((perWordBefore[name] ?? 0) * input.words > CAP_MS) continue;
            const started = performance.now();
            counts[name] = fn(input.text);
            perWord[name] = (performance.now() - started) / input.words;
        }
        for (let r = 0; r < rounds; r++) {
            for (const [name, fn] of Object.entries(fns)) {
                if (capped[name] !== undefined) continue;
                const projected = (perWordBefore[name] ?? 0) * input.words;
                if (projected > CAP_MS) {
                    const ms = await runInWorker(name, input.file, CAP_MS);
                    capped[name] = ms; // null: stopped at the cap
                    if (ms !== null) samples[name].push(ms);
                    continue;
                }
                // Small inputs: repeat within one sample so that each lasts ≥ 50 ms.
                const reps = Math.max(1, Math.ceil(50 / Math.max(0.01, perWord[name] * input.words)));
                const started = performance.now();
                for (let k = 0; k < reps; k++) counts[name] = fn(input.text);
                samples[name].push((performance.now() - started) / reps);
            }
        }
        const row = { input, counts, ms: {}, capped };
        for (const name of Object.keys(fns)) {
            row.ms[name] = samples[name].length ? median(samples[name]) : null;
            if (row.ms[name] !== null) perWordBefore[name] = row.ms[name] / input.words;
        }
        results.push(row);
        printRow(row);
    }
    printSummary(results);
}

function printRow({ input, ms, capped }) {
    const parts = Object.keys(LIBRARIES).map((name) => {
        if (ms[name] === null) return `${name} stopped at the ${CAP_MS / 1000} s cap`;
        return `${name} ${ms[name].toFixed(1)} ms${capped[name] !== undefined ? ' (one run, in a worker)' : ''}`;
    });
    console.log(`  ${input.name}: ${parts.join(', ')}`);
}

function printSummary(results) {
    const ours = 'quotelens';
    const others = Object.keys(LIBRARIES).filter((n) => n !== ours);
    const base = results[0].ms[ours] / results[0].input.words;
    console.log('\nThroughput (words/s) and ratio ours/theirs, same input, medians:');
    const head = ['input', 'words', 'ours ms', 'ours w/s', 'ns/word', 'vs 1k', ...others.flatMap((n) => [`${n} w/s`, `ours/${n}`])];
    const rows = results.map(({ input, ms }) => {
        const ourWps = input.words / (ms[ours] / 1000);
        const cells = [input.name, String(input.words), ms[ours].toFixed(2), fmt(ourWps), (1e6 * ms[ours] / input.words).toFixed(0), `${(ms[ours] / input.words / base).toFixed(2)}x`];
        for (const n of others) {
            if (ms[n] === null) {
                cells.push(`< ${fmt(input.words / (CAP_MS / 1000))}`, `> ${(CAP_MS / ms[ours]).toFixed(0)}x`);
            } else {
                cells.push(fmt(input.words / (ms[n] / 1000)), `${(ms[n] / ms[ours]).toFixed(1)}x`);
            }
        }
        return cells;
    });
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    console.log('\nWhat each found (quotes / entities), as a sanity check that all did the work:');
    for (const { input, counts } of results) {
        console.log(`  ${input.name}: ${Object.entries(counts).map(([n, c]) => `${n} ${c.quotes ?? '-'} / ${c.entities}`).join(', ')}`);
    }
}

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));

// In a worker: load the one library, warm it on a short text, time one run on the file, report.
const { isMainThread, workerData, parentPort } = await import('node:worker_threads');
if (isMainThread) {
    await main();
} else {
    const fn = await LIBRARIES[workerData.name].load();
    fn('A short text, said Anna Weber on Monday.');
    const text = readFileSync(workerData.file, 'utf8');
    parentPort.postMessage(timeOnce(fn, text));
}
