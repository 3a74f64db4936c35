// The case files (tests/cases, format in tests/cases/README.md) in real Chromium: every case and
// its twins through the page's own engine (the wasm module as the page runs it, UTF-16 offsets),
// and every case as the page draws it after a paste: its quote and entity highlights. The same
// cases and checks as the native, CLI and wasm runners (tests/common/mod.rs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paste, analyzeInPage, usePage } from './support.mjs';
import { readCaseFiles, caseTwins, observeAnalysis, caseProblems } from './cases.mjs';

const CASES = readCaseFiles();
const suite = usePage();

test('the case files are read: cases for every layer', () => {
    for (const layer of ['quotes', 'speakers', 'entities']) {
        assert.ok(CASES.filter((c) => c.checks[layer]).length >= 2, `cases checking ${layer}`);
    }
});

test('every case and its twins through the page engine', async (t) => {
    const { page } = await suite.open(t);
    const failures = [];
    for (const c of CASES.flatMap(caseTwins)) {
        const problems = caseProblems(c, observeAnalysis(c.text, await analyzeInPage(page, c.text)));
        if (problems.length) failures.push({ case: c.name, problems });
    }
    assert.deepEqual(failures, []);
});

/** The view's highlights: quotes [{kind, text with its marks}] and entities [{label, text, cluster}] by id. */
async function drawn(page) {
    return page.evaluate(() => {
        const byId = (selector, key, make) => {
            const found = new Map();
            for (const mark of document.querySelectorAll(selector)) {
                const id = mark.dataset[key];
                // A mark split where it crosses another is one highlight: its pieces in order.
                if (found.has(id)) found.get(id).text += mark.textContent;
                else found.set(id, { ...make(mark), text: mark.textContent });
            }
            return [...found.values()];
        };
        return {
            quotes: byId('#view mark.quote', 'quote', (m) => ({ kind: m.dataset.kind })),
            entities: byId('#view mark.entity', 'entity', (m) => ({ label: m.dataset.label, cluster: m.dataset.cluster })),
        };
    });
}

test('every case as the page draws it: its quote and entity highlights', async (t) => {
    const { page } = await suite.open(t);
    const failures = [];
    for (const c of CASES) {
        await paste(page, { 'text/plain': c.text });
        const shown = await drawn(page);
        const problems = [];
        if (c.checks.quotes) {
            // A highlight holds the quote with its marks; the case gives the text inside them.
            const ok =
                shown.quotes.length === c.quotes.length &&
                shown.quotes.every((q, i) => q.kind === c.quotes[i].kind && q.text.includes(c.quotes[i].text));
            if (!ok) problems.push({ layer: 'quotes', expected: c.quotes, shown: shown.quotes });
        }
        if (c.checks.entities) {
            problems.push(...caseProblems({ ...c, checks: { entities: true } }, { quotes: [], entities: shown.entities }));
        }
        if (problems.length) failures.push({ case: c.name, problems });
    }
    assert.deepEqual(failures, []);
});
