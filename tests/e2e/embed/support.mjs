// Shared by the embed tests: a static server over several folders, and a page that records
// every request, console message, uncaught error and Content-Security-Policy violation.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { ROOT, WWW } from '../support.mjs';

export { ROOT, WWW };
export const FIXTURES = join(ROOT, 'tests', 'e2e', 'fixtures');

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml',
    '.txt': 'text/plain; charset=utf-8',
    '.json': 'application/json',
};

/**
 * Serves `mounts` ({'/fixtures/': dir, '/': dir}; the longest matching prefix wins) on
 * 127.0.0.1 at a free port.
 */
export async function serveFolders(mounts) {
    const table = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
    const requests = [];
    const server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
        requests.push(path);
        const [prefix, dir] = table.find(([p]) => path.startsWith(p)) ?? [];
        const file = dir && normalize(join(dir, path.slice(prefix.length) || 'index.html'));
        if (!file || (file !== dir && !file.startsWith(dir + sep))) {
            response.writeHead(403).end();
            return;
        }
        try {
            const body = await readFile(file.endsWith(sep) ? join(file, 'index.html') : file);
            response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
            response.end(body);
        } catch {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
    });
    await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
    const origin = `http://127.0.0.1:${server.address().port}`;
    return { origin, requests, close: () => new Promise((done) => server.close(done)) };
}

/** Runs in every page before its own scripts: collects CSP violations into window.cspViolations. */
function recordViolations() {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
        window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
}

/** A fresh context and page that records requests, console messages, errors and CSP violations. */
export async function newPage(browser, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, offline = false } = {}) {
    const context = await browser.newContext({ colorScheme, viewport, deviceScaleFactor: 1 });
    if (offline) await context.setOffline(true);
    await context.addInitScript(recordViolations);
    const page = await context.newPage();
    const log = { requests: [], console: [], errors: [] };
    context.on('request', (request) => log.requests.push(request.url()));
    page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => log.errors.push(String(error)));
    return { context, page, log };
}

/** The CSP violations the page saw, from the event and from the console. */
export async function cspViolations(page, log) {
    const events = await page.evaluate(() => window.cspViolations ?? []);
    const messages = log.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text)).map((m) => m.text);
    return [...events, ...messages];
}
