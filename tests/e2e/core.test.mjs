// The front-end core the page and the embed share (www/core/), in real Chromium: the one DOM →
// text walker (what is skipped, where paragraphs, lines and table cells break) as both readers
// use it, the one layering algorithm (the page's fresh view and the embed's in-place marks nest
// and split alike), and the one speaker name. Texts are our own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePage } from './support.mjs';

const suite = usePage();

/** HTML exercising every rule of core/domtext.js. */
const ARTICLE = `
<article>
  <h1>Harbour vote</h1>
  <p>“We will build it,” said the <em>mayor</em>, Ana Ruiz.<br>A second line.</p>
  <script>window.__ran = 1</script><style>p { color: red }</style>
  <div contenteditable="true">Draft text, not the article.</div>
  <button>Share</button><textarea>Comment box</textarea>
  <table>
    <caption>Votes</caption>
    <tr><th>Party</th> <th>For</th></tr>
    <tr><td>Harbour List</td> <td>7</td></tr>
  </table>
  <p>Before a break.<br><br>After two breaks.</p>
  <pre>line one
  line two</pre>
  <ul><li>First point</li><li>Second point</li></ul>
</article>`;

test('the walker: pasted HTML → text (page), a table row per line with tab-separated cells', async (t) => {
    const { page } = await suite.open(t);
    const text = await page.evaluate(async (html) => (await import('./input/plaintext.js')).htmlToText(html), ARTICLE);
    assert.equal(
        text,
        [
            'Harbour vote',
            '“We will build it,” said the mayor, Ana Ruiz.\nA second line.',
            'Votes\nParty\tFor\nHarbour List\t7',
            'Before a break.\n\nAfter two breaks.',
            'line one\nline two', // blanks around a line break are layout, even in <pre>
            'First point',
            'Second point',
        ].join('\n\n'),
    );
});

test('the walker: an element in place → text (embed), same breaks, every offset in its node', async (t) => {
    const { page } = await suite.open(t);
    const result = await page.evaluate(async (html) => {
        const { collectText } = await import('./embed/highlight.js');
        const { htmlToText } = await import('./input/plaintext.js');
        const root = document.createElement('div');
        root.innerHTML = html; // test-owned HTML, in a detached element
        const { text, segments } = collectText(root);
        // Every segment's node holds exactly the text at its offsets (whitespace one for one).
        const mapped = segments.every(({ node, start, end }) => text.slice(start, end) === node.data.replace(/[\n\t\r\f]/g, (c) => (node.parentElement.closest('pre') && c === '\n' ? c : ' ')));
        return { text, mapped, page: htmlToText(html) };
    }, ARTICLE);
    assert.equal(result.mapped, true);
    // The same lines as the page's reader: one line break per break (offsets must not move),
    // and layout whitespace kept as spaces.
    const lines = (s) => s.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
    assert.deepEqual(lines(result.text), lines(result.page));
    assert.match(result.text, /Party *\t *For\s*\nHarbour List *\t *7/, "a table row per line, its cells tab-separated");
    assert.doesNotMatch(result.text, /Draft text|Share|Comment box|color: red|__ran/);
});

test('one layering: the page and the embed nest and split crossing spans alike', async (t) => {
    const { page } = await suite.open(t);
    // An entity that crosses a quote's edge, a speaker inside, a nested quote.
    const text = 'Said the Port Averly “Council of Port Averly” today, and Ana Ruiz said: “It is ‘final’.”';
    const shapes = await page.evaluate(async (text) => {
        const engine = await import('./analysis/engine.js');
        const { renderArticle } = await import('./view/render.js');
        const { highlightElement } = await import('./embed/highlight.js');
        const result = await engine.analyze(text);
        if (!result.ok) throw new Error(result.error);
        // Each text piece with the stack of layers around it, outermost first.
        const role = (mark) => (/\bquote\b|-quote\b/.test(mark.className) ? 'quote' : /\bclaim\b|-claim\b/.test(mark.className) ? 'claim' : /entity/.test(mark.className) ? 'entity' : /speaker/.test(mark.className) ? 'speaker' : /cue/.test(mark.className) ? 'cue' : '?');
        const shape = (root) => {
            const out = [];
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const stack = [];
                for (let at = node.parentElement; at && at !== root; at = at.parentElement) if (at.tagName === 'MARK') stack.unshift(role(at));
                out.push([node.data, stack.join('>')]);
            }
            return out;
        };
        const view = document.createElement('div');
        view.append(renderArticle(text, result.analysis));
        const host = document.createElement('p');
        host.append(text);
        document.body.append(host);
        highlightElement(host, () => result.analysis, { injectStyles: false });
        // The page draws cues; the embed does not: compare without them.
        const withoutCues = (pieces) => {
            const merged = [];
            for (const [data, stack] of pieces) {
                const s = stack.split('>').filter((r) => r !== 'cue' && r !== '').join('>');
                if (merged.length > 0 && merged[merged.length - 1][1] === s) merged[merged.length - 1][0] += data;
                else merged.push([data, s]);
            }
            return merged;
        };
        const out = { page: withoutCues(shape(view)), embed: withoutCues(shape(host)) };
        host.remove();
        return out;
    }, text);
    assert.deepEqual(shapes.embed, shapes.page);
    // A claim (reported speech) may hold the quotes: it is an outer layer too.
    const inner = (stack) => stack.replace(/^claim>?/, '');
    assert.ok(shapes.page.some(([, stack]) => inner(stack) === 'quote>entity'), 'an entity inside a quote');
    assert.ok(shapes.page.some(([, stack]) => inner(stack) === 'quote>quote'), 'a nested quote inside its parent');
    assert.equal(shapes.page.map(([data]) => data).join(''), text, 'no text dropped or repeated');
});

test('one speaker name: the embed names a quote’s speaker as the page’s panel does', async (t) => {
    const { page } = await suite.open(t);
    const text = 'Ana Ruiz chairs the harbour board. “We will vote again,” she said.';
    const names = await page.evaluate(async (text) => {
        const engine = await import('./analysis/engine.js');
        const { speakerGroups } = await import('./core/attribution.js');
        const { spansOf } = await import('./embed/highlight.js');
        const result = await engine.analyze(text);
        if (!result.ok) throw new Error(result.error);
        return {
            page: speakerGroups(result.analysis).filter((g) => g.key !== null).map((g) => g.name),
            embed: spansOf(result.analysis).filter((s) => s.type === 'quote').map((s) => s.data.speaker),
            mention: result.analysis.quotes[0]?.speaker?.text,
        };
    }, text);
    assert.equal(names.mention, 'she');
    assert.deepEqual(names.embed, names.page);
    assert.deepEqual(names.page, ['Ana Ruiz']);
});
