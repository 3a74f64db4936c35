// What the browser benchmarks share (browser.mjs, trace.mjs): the page's server as
// scripts/serve.sh runs it, Chromium's launch flags, a fresh profile with its warm-up tab, and
// the median of a run's rounds.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Chromium's flags for a quiet headless run (no background traffic, no first-run work). */
export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The median of a list of numbers (the upper middle one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves `dir` with scripts/serve.py, the server of scripts/serve.sh (its caching headers). */
export async function startServer(dir) {
    const child = spawn('python3', [join(ROOT, 'scripts/serve.py'), '0', dir], { env: { ...process.env, SERVE_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((done, fail) => {
        child.once('error', fail);
        child.once('exit', (code) => fail(new Error(`scripts/serve.py exited (${code})`)));
        child.stdout.once('data', (chunk) => done(Number(/serving on (\d+)/.exec(String(chunk))?.[1])));
    });
    return {
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill();
        }),
    };
}

/**
 * Runs `visits(context)` in a fresh Chromium profile (a new temporary directory, removed after)
 * whose browser has already started: a new profile's first tab pays for the browser's own start
 * (hundreds of ms on this machine), which no reader's visit does, so a tab on a missing file of
 * the same origin (nothing cached) takes it and stays open.
 */
export async function withFreshProfile(origin, visits) {
    const dir = await mkdtemp(join(tmpdir(), 'quotelens-bench-'));
    const context = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: LAUNCH_ARGS,
        viewport: { width: 1360, height: 900 },
    });
    try {
        const warm = await context.newPage();
        await warm.goto(`${origin}/warm-up-not-found`);
        return await visits(context);
    } finally {
        await context.close();
        await rm(dir, { recursive: true, force: true });
    }
}
