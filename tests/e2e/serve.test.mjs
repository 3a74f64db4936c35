// scripts/serve.py, the server of scripts/serve.sh and of the browser benchmarks: its caching
// headers (a browser keeps each file but revalidates it: a 304 when unchanged, never a stale
// file) and its kept-alive connections (one socket answers several requests, each answer
// whole: no body held back).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function startServe(dir) {
    const child = spawn('python3', [join(ROOT, 'scripts/serve.py'), '0', dir], { env: { ...process.env, SERVE_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((done, fail) => {
        child.once('exit', (code) => fail(new Error(`serve.py exited (${code})`)));
        child.stdout.on('data', (chunk) => {
            const found = /serving on (\d+)/.exec(String(chunk));
            if (found) done(Number(found[1]));
        });
    });
    return { port, stop: () => child.kill() };
}

/** A temporary folder holding a.txt with `content`, served by serve.py until the test ends. */
async function serveFile(t, content) {
    const dir = await mkdtemp(join(tmpdir(), 'serve-test-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'a.txt'), content);
    const server = await startServe(dir);
    t.after(server.stop);
    return { dir, server };
}

function get(port, path, agent, headers = {}) {
    return new Promise((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => done({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), socket: req.socket }));
        });
        req.on('error', fail);
        req.end();
    });
}

test('serve.py: no-cache with an ETag, 304 when unchanged, the new file when changed, over one kept-alive connection', async (t) => {
    const { dir, server } = await serveFile(t, 'first');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());

    const first = await get(server.port, '/a.txt', agent);
    assert.equal(first.status, 200);
    assert.equal(first.body, 'first');
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.ok(first.headers.etag, 'an ETag');

    const again = await get(server.port, '/a.txt', agent, { 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    assert.equal(again.socket, first.socket, 'the connection was kept alive');

    await writeFile(join(dir, 'a.txt'), 'second!');
    const later = new Date(Date.now() + 5000);
    await utimes(join(dir, 'a.txt'), later, later);
    const changed = await get(server.port, '/a.txt', agent, { 'If-None-Match': first.headers.etag });
    assert.equal(changed.status, 200);
    assert.equal(changed.body, 'second!');
    assert.notEqual(changed.headers.etag, first.headers.etag);

    // http.server closes the connection after an error (Connection: close); the next request
    // gets a new one.
    const missing = await get(server.port, '/missing.txt', agent);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.connection, 'close');
    const nul = await get(server.port, '/a%00b', agent);
    assert.equal(nul.status, 404, 'a NUL in the path is a 404, not a dropped connection');
    const after = await get(server.port, '/a.txt', agent);
    assert.equal(after.body, 'second!');
});

test('serve.py: only the bundle\'s content-named chunks are kept without revalidation', async (t) => {
    const { dir, server } = await serveFile(t, 'plain');
    await mkdir(join(dir, 'analysis'));
    await writeFile(join(dir, 'analysis', 'chunk-AB12CD34.js'), 'export const x = 1;');
    await writeFile(join(dir, 'analysis', 'chunk-ab12cd34.js'), 'export const x = 2;');
    await writeFile(join(dir, 'analysis', 'engine.js'), 'export const y = 1;');
    const chunk = await get(server.port, '/analysis/chunk-AB12CD34.js');
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers['cache-control'], 'max-age=31536000, immutable');
    const asked = await get(server.port, '/analysis/chunk-AB12CD34.js?v=1');
    assert.equal(asked.headers['cache-control'], 'max-age=31536000, immutable', 'the query is not the name');
    for (const path of ['/analysis/chunk-ab12cd34.js', '/analysis/engine.js', '/a.txt', '/chunk-AB12CD34.js']) {
        assert.equal((await get(server.port, path)).headers['cache-control'], 'no-cache', path);
    }
    const missing = await get(server.port, '/analysis/chunk-ZZZZZZZZ.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['cache-control'], 'no-cache', 'a missing chunk is not kept');
    // A directory with a chunk's name is answered with a redirect, which must not be kept either.
    await mkdir(join(dir, 'analysis', 'chunk-EF56GH78.js'));
    await writeFile(join(dir, 'analysis', 'chunk-EF56GH78.js', 'index.html'), 'a page');
    const folder = await get(server.port, '/analysis/chunk-EF56GH78.js');
    assert.equal(folder.status, 301);
    assert.equal(folder.headers['cache-control'], 'no-cache', 'a redirect is not kept');
});

test('serve.py: the ETag is the bytes\' (a file rewritten with the same bytes keeps it)', async (t) => {
    const { dir, server } = await serveFile(t, 'same');
    const first = await get(server.port, '/a.txt');
    await writeFile(join(dir, 'a.txt'), 'same');
    const later = new Date(Date.now() + 5000);
    await utimes(join(dir, 'a.txt'), later, later);
    const again = await get(server.port, '/a.txt', undefined, { 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304);
});
