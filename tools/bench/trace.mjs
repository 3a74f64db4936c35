// Where the page's start-up goes: a performance trace of one first visit (fresh profile, as
// browser.mjs's first visit) from navigation to the page's `quotelens:first-highlight` mark, in
// headless Chromium (Debian's /usr/bin/chromium via playwright-core), and the steps of the
// critical path read out of it, each with its start and end in ms from navigation start.
//
//   node tools/bench/trace.mjs [--www DIR] [--rounds N] [--out FILE.json] [--events] [--network]
//
// --www DIR: the page to load (default www/); --rounds N: N fresh profiles, the steps' medians;
// --out: the last round's raw trace (open it in DevTools' Performance panel or Perfetto);
// --events: also list every event of 2 ms or more per thread (the last round); --network: each
// file's request (asked, sent, headers, last byte); --warm-browser: the browser lays out another
// page's text first (server.mjs WARM_BROWSER_PAGE; browser.mjs's "first visit, warm browser").
//
// The trace: CDP `Tracing.start` with devtools.timeline, v8.wasm, the V8 compile and execute
// categories and user timing, so it shows each file's request and response, the HTML's parsing,
// each script's evaluation, the module's compilation (streamed or not, on which thread, how
// many times), the worker's start, the module's instantiation, the worker's tasks (the warm-up
// analysis, the page's analyses), the main thread's long tasks and the paints. With `fonts` and
// `mojom`, also what the main thread asked the browser process about fonts, synchronously, before
// the first highlight: each family looked up, each face at each size and weight ("strike") whose
// rendering it asked for, each fallback for a character no listed face has (their count does not
// depend on the machine's load; their wait does).

import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, startServer, waitForFirstHighlight, withFreshProfile } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]?.startsWith('--') ? true : all[i + 1] ?? true]] : pairs), []),
);
const WWW = resolve(args.www ?? join(ROOT, 'www'));
const ROUNDS = Number(args.rounds ?? 1);
const CATEGORIES = [
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'v8.wasm',
    'disabled-by-default-v8.wasm.detailed',
    'disabled-by-default-v8.compile',
    'v8',
    'v8.execute',
    'blink.user_timing',
    'loading',
    'toplevel',
    'blink',
    'fonts',
    'mojom',
];


/** One first visit in a fresh profile, traced: the trace's events. */
async function tracedVisit(origin) {
    return withFreshProfile(origin, async (context) => {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const events = [];
        cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
        const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
        await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
        await page.goto(`${origin}/`);
        const firstHighlight = await waitForFirstHighlight(page);
        // The frame that shows the highlights.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50))));
        await cdp.send('Tracing.end');
        await complete;
        return { events, firstHighlight };
    }, { warmBrowser: 'warm-browser' in args });
}

/** The renderer's threads by id: name. */
function threadNames(events) {
    const names = new Map();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
    return names;
}

/**
 * The critical path's steps, in ms from navigation start: [{step, start, end, thread}]. A step
 * that did not happen (a second compilation, say) is absent; one that happened twice is listed
 * twice.
 */
function steps(events) {
    const names = threadNames(events);
    const t0 = events.find((e) => e.name === 'navigationStart').ts;
    const ms = (ts) => (ts - t0) / 1000;
    const thread = (e) => names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    const short = (u) => String(u).replace(/^https?:\/\/[^/]+\//, '') || 'index.html';
    const rows = [];
    const add = (step, e, end = e.ts + (e.dur ?? 0)) => rows.push({ step, start: ms(e.ts), end: ms(end), thread: thread(e) });
    const inside = (outer, e) => e.ts >= outer.ts && e.ts < outer.ts + outer.dur && e.pid === outer.pid && e.tid === outer.tid;

    // The files on the critical path: asked for → last byte.
    const asked = new Map();
    for (const e of events) {
        const data = e.args?.data;
        if (e.name === 'ResourceSendRequest') asked.set(data.requestId, e);
        if (e.name === 'ResourceFinish' && asked.has(data.requestId)) {
            const from = asked.get(data.requestId);
            const url = short(from.args.data.url);
            if (/^(index\.html|analysis\/(start|engine|worker|offthread)\.js|app\.js|pkg\/.*|sample\.txt)$/.test(url)) {
                add(`fetch ${url}`, from, data.finishTime ? data.finishTime * 1e6 : e.ts);
            }
        }
    }
    const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask');
    const lazy = events.filter((e) => e.ph === 'X' && e.name === 'wasm.CompileLazy');
    for (const e of events) {
        if (e.ph !== 'X') continue;
        const where = thread(e);
        const url = short(e.args?.data?.url ?? e.args?.fileName ?? '');
        if (e.name === 'ParseHTML' && e.dur >= 1000) add('parse HTML', e);
        else if (e.name === 'v8.evaluateModule' && e.dur >= 1000) add(`evaluate module ${url}`, e);
        else if (/^wasm\.(StartStreamingCompilation|SyncCompile|AsyncCompile|FinishStreaming|CompileConsume|Deserialize.*|SyncInstantiate)$/.test(e.name)) add(e.name, e);
        else if (e.name === 'v8.wasm.compileConsume') add('wasm streaming compile (consume)', e);
        else if (e.name === 'RunTask' && where === 'CrRendererMain' && e.dur >= 50_000) add('long task (main thread)', e);
        else if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && where === 'CrRendererMain' && e.dur >= 5_000) add(e.name === 'Layout' ? 'layout' : 'style', e);
        else if (e.name === 'RunTask' && where.startsWith('DedicatedWorker') && e.dur >= 5_000) {
            const compiled = lazy.filter((x) => inside(e, x)).reduce((sum, x) => sum + x.dur, 0);
            add(`worker task (of which lazy wasm compilation ${(compiled / 1000).toFixed(1)} ms)`, e);
        } else if (e.name === 'Paint' && where === 'CrRendererMain' && tasks.some((t) => inside(t, e))) add('paint', e);
    }
    // Top-tier (TurboFan) compilation in the background: its span.
    const top = events.filter((e) => e.ph === 'X' && e.name === 'wasm.TopTierCompilation');
    if (top.length) rows.push({ step: `top-tier wasm compilation, ${top.length} batches`, start: ms(Math.min(...top.map((e) => e.ts))), end: ms(Math.max(...top.map((e) => e.ts + e.dur))), thread: 'background' });
    for (const e of events) {
        if (['I', 'i', 'R', 'n', 'b'].includes(e.ph) && (e.name.startsWith('quotelens:') || e.name === 'domContentLoadedEventEnd' || e.name === 'firstContentfulPaint')) {
            if (e.name !== 'domContentLoadedEventEnd' || e.args?.data?.isLoadingMainFrame !== false) add(`mark ${e.name}`, e);
        }
    }
    // The page's and the worker's own measures (worker.js: its warm-up and each analysis).
    const begun = new Map();
    for (const e of events) {
        if (!e.name.startsWith('quotelens:') || (e.ph !== 'b' && e.ph !== 'e')) continue;
        const key = `${e.pid}:${e.tid}:${e.id ?? e.id2?.local}:${e.name}`;
        if (e.ph === 'b') begun.set(key, e);
        else if (begun.has(key)) add(`measure ${e.name}`, begun.get(key), e.ts);
    }
    rows.sort((a, b) => a.start - b.start);
    // Paints after the first highlight are not the start-up's.
    const last = rows.find((r) => r.step === 'mark quotelens:first-highlight')?.start ?? Infinity;
    return rows.filter((r) => r.start <= last + 30);
}

/**
 * The main thread's synchronous font requests to the browser process up to the first highlight:
 * {kind: [count, ms]} (Linux: FontDataManager and WebSandboxSupportLinux; other platforms ask
 * differently, and these counts are 0 there).
 */
function fontRequests(events) {
    const names = threadNames(events);
    const end = events.find((e) => e.name === 'quotelens:first-highlight')?.ts ?? Infinity;
    const kinds = {
        'family lookups': 'FontDataManager::onMatchFamilyStyle',
        strikes: 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike',
        fallbacks: 'WebSandboxSupportLinux::GetFallbackFontForCharacter',
    };
    const out = {};
    for (const [kind, name] of Object.entries(kinds)) {
        const found = events.filter((e) => e.name === name && e.ts <= end && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
        out[kind] = [found.length, found.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000];
    }
    return out;
}

/** Each file's request: when the page asked for it, when it went out (a connection was free),
 * its response's headers and its last byte, from the renderer's side (ms from navigation start). */
function printNetwork(events) {
    const names = threadNames(events);
    const t0 = events.find((e) => e.name === 'navigationStart').ts;
    const requests = new Map();
    for (const e of events) {
        const data = e.args?.data;
        const id = data?.requestId;
        if (!id) continue;
        if (e.name === 'ResourceSendRequest') requests.set(id, { url: data.url.replace(/^https?:\/\/[^/]+\//, '') || 'index.html', asked: (e.ts - t0) / 1000, thread: names.get(`${e.pid}:${e.tid}`) ?? '' });
        const r = requests.get(id);
        if (!r) continue;
        if (e.name === 'ResourceReceiveResponse' && data.timing) {
            const base = data.timing.requestTime * 1000 - t0 / 1000;
            r.sent = base + data.timing.sendStart;
            r.headers = base + data.timing.receiveHeadersEnd;
        }
        if (e.name === 'ResourceFinish') r.done = data.finishTime ? data.finishTime * 1000 - t0 / 1000 : (e.ts - t0) / 1000;
    }
    console.log('\nRequests (ms from navigation start): asked, sent, headers, last byte');
    const f = (x) => (x === undefined ? '' : x.toFixed(1)).padStart(7);
    for (const r of [...requests.values()].sort((a, b) => a.asked - b.asked)) console.log(`  ${f(r.asked)} ${f(r.sent)} ${f(r.headers)} ${f(r.done)}  ${r.url}  [${r.thread}]`);
}

function printEvents(events) {
    const names = threadNames(events);
    const nav = events.find((e) => e.name === 'navigationStart');
    const byThread = new Map();
    for (const e of events) {
        if (e.ph !== 'X' || (e.dur ?? 0) < 2000) continue;
        const t = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
        if (!byThread.has(t)) byThread.set(t, []);
        byThread.get(t).push(e);
    }
    for (const [t, list] of byThread) {
        console.log(`\n== ${t}`);
        for (const e of list.sort((a, b) => a.ts - b.ts)) {
            const u = e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName ?? '';
            console.log(`  ${((e.ts - nav.ts) / 1000).toFixed(1).padStart(8)} +${(e.dur / 1000).toFixed(1).padStart(7)}  ${e.cat.padEnd(40).slice(0, 40)} ${e.name} ${String(u).replace(/^https?:\/\/[^/]+\//, '')}`);
        }
    }
}

async function main() {
    const server = await startServer(WWW);
    try {
        const rounds = [];
        let last;
        for (let r = 0; r < ROUNDS; r++) {
            last = await tracedVisit(server.origin);
            rounds.push({ rows: steps(last.events), firstHighlight: last.firstHighlight, fonts: fontRequests(last.events) });
        }
        if (args.out) await writeFile(args.out, JSON.stringify({ traceEvents: last.events }));
        if (args.events) printEvents(last.events);
        if (args.network) printNetwork(last.events);
        console.log(`\nSteps of the last round (ms from navigation start; ${WWW}):`);
        for (const row of rounds.at(-1).rows) {
            console.log(`  ${row.start.toFixed(1).padStart(7)} → ${row.end.toFixed(1).padStart(7)}  (${(row.end - row.start).toFixed(1).padStart(6)})  ${row.step}  [${row.thread}]`);
        }
        if (ROUNDS > 1) {
            console.log(`\nMedians over ${ROUNDS} rounds (first occurrence of each step; start → end):`);
            const keys = [...new Set(rounds.flatMap((r) => r.rows.map((x) => x.step)))];
            for (const key of keys) {
                const found = rounds.map((r) => r.rows.find((x) => x.step === key)).filter(Boolean);
                if (found.length < ROUNDS) continue;
                console.log(`  ${median(found.map((x) => x.start)).toFixed(1).padStart(7)} → ${median(found.map((x) => x.end)).toFixed(1).padStart(7)}  ${key}`);
            }
        }
        console.log('\nFont requests of the main thread to the browser process before the first highlight, each round (count, ms waited):');
        for (const kind of Object.keys(rounds[0].fonts)) {
            console.log(`  ${kind}: ${rounds.map((r) => `${r.fonts[kind][0]} (${r.fonts[kind][1].toFixed(0)})`).join(', ')}`);
        }
        console.log(`\nfirst highlight (the page's mark): ${rounds.map((r) => r.firstHighlight.toFixed(0)).join(', ')} ms; median ${median(rounds.map((r) => r.firstHighlight)).toFixed(0)} ms`);
    } finally {
        await server.close();
    }
}

await main();
