// Runs the wasm module's `analyze` N times on one text and nothing else: the harness for counting
// the instructions one call executes under callgrind, which does not vary with the machine's load
// (README "Performance and size", run-time speed). With V8's optimising compiler only
// (`--no-liftoff`), a call costs the same each time, so (count of 3 calls − count of 1) / 2 is one:
//
//   valgrind --tool=callgrind node --no-liftoff --single-threaded tools/bench/analyze_calls.mjs \
//       --pkg www/pkg --text target/bench/inputs/10k.txt --calls 3
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const pkg = resolve(args.pkg ?? 'www/pkg');
const text = readFileSync(args.text, 'utf8');
const glue = await import(pathToFileURL(join(pkg, 'quotelens.js')).href);
glue.initSync({ module: readFileSync(join(pkg, 'quotelens_bg.wasm')) });
let quotes = 0;
for (let i = 0; i < Number(args.calls ?? 1); i++) quotes += glue.analyze(text).quotes.length;
console.log(`${args.calls ?? 1} calls, ${quotes} quotes`);
