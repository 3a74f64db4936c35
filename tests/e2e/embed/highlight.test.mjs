// highlight(), unhighlight() and <quote-lens> in real Chromium, on a host page with its own
// markup, CSS, strict CSP and link handlers (tests/e2e/fixtures/host.html), and the embed demo.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, SCREENSHOTS } from '../support.mjs';
import { FIXTURES, WWW, cspViolations, newPage, serveFolders } from './support.mjs';

let server;
let browser;

before(async () => {
    server = await serveFolders({ '/fixtures/': FIXTURES, '/': WWW });
    browser = await launchChromium();
});

after(async () => {
    await browser?.close();
    await server?.close();
});

/** The host page, the embed loaded (not yet applied), with its checks at the end of the test. */
async function openHost(t, path = '/fixtures/host.html', options = {}) {
    const opened = await newPage(browser, options);
    t.after(async () => {
        assert.deepEqual(opened.log.errors, [], 'uncaught errors on the page');
        assert.deepEqual(await cspViolations(opened.page, opened.log), [], 'CSP violations');
        const foreign = opened.log.requests.filter((url) => !url.startsWith(server.origin));
        assert.deepEqual(foreign, [], 'requests to another origin');
        await opened.context.close();
    });
    await opened.page.goto(`${server.origin}${path}`);
    await opened.page.evaluate(async () => {
        window.quotelens = await import('/embed/index.js');
        await window.quotelens.init();
    });
    return opened;
}

/** The marks under `selector`: [{type, kind, label, id, speaker, text}] in document order. */
function marksIn(page, selector) {
    return page.$$eval(`${selector} mark[data-quotelens]`, (marks) =>
        marks.map((m) => ({
            type: m.dataset.quotelens,
            kind: m.dataset.kind ?? null,
            label: m.dataset.label ?? null,
            id: m.dataset.quoteId ?? m.dataset.entityId ?? null,
            speaker: m.dataset.speaker ?? null,
            text: m.textContent,
            parent: m.parentElement.closest('p, h2, li, blockquote')?.textContent.slice(0, 12) ?? null,
        })),
    );
}

/** Quote marks grouped by id: id → {kind, text (joined), marks, paragraphs}. */
function quotesOf(marks) {
    const quotes = new Map();
    for (const mark of marks.filter((m) => m.type === 'quote')) {
        const quote = quotes.get(mark.id) ?? { kind: mark.kind, speaker: mark.speaker, parts: [], paragraphs: new Set() };
        quote.parts.push(mark.text);
        quote.paragraphs.add(mark.parent);
        quotes.set(mark.id, quote);
    }
    return [...quotes.values()].map((q) => ({ kind: q.kind, speaker: q.speaker, parts: q.parts, paragraphs: q.paragraphs.size }));
}

test('highlight() marks the quotes, speakers and names, across <em>, <a>, <strong> and paragraphs', async (t) => {
    const { page } = await openHost(t);
    const result = await page.evaluate(() => {
        const r = window.quotelens.highlight(document.getElementById('story'));
        const sources = r.analysis.attributions.flatMap((a) => (a.source ? [a.source.text] : []));
        return { marks: r.marks, text: r.text, quotes: r.analysis.quotes.length, sources };
    });
    const marks = await marksIn(page, '#story');
    assert.equal(result.marks, marks.length);
    assert.deepEqual(quotesOf(marks), [
        {
            kind: 'direct',
            speaker: 'Priya Anand',
            parts: ['“We have waited a long time for this, and ', 'so has everyone', ' who grew up with it,”'],
            paragraphs: 1,
        },
        { kind: 'partial', speaker: 'Priya Anand', parts: ['“almost entirely from ', 'local donors', '”'], paragraphs: 1 },
        // A quote continued over two paragraphs (no closing mark, the next reopens) is one quote.
        {
            kind: 'direct',
            speaker: 'Priya Anand',
            parts: ['“The first lanterns were made by the fishing families of the harbour.', '“We want the children to make them again this year,”'],
            paragraphs: 2,
        },
        // The poster "says" it (an unlisted verb beside a mention right after a quote reports it).
        { kind: 'direct', speaker: 'the festival poster', parts: ['“Bring a jar and a candle,”'], paragraphs: 1 },
        { kind: 'partial', speaker: 'Tomás Reyes', parts: ['“', 'sensible', ' compromise”'], paragraphs: 1 },
    ]);
    const entities = marks.filter((m) => m.type === 'entity');
    for (const [label, text] of [['PERSON', 'Priya Anand'], ['PERSON', 'Tomás Reyes'], ['ORG', 'Kelby Arts Trust']]) {
        assert.ok(entities.some((m) => m.label === label && m.text === text), `${label} ${text} is marked`);
    }
    const speakers = marks.filter((m) => m.type === 'speaker').map((m) => m.text);
    // Speakers of quotes and sources of claims; the poster's mention is two marks, one per text
    // node of the host's markup.
    // Claims (reported speech) are painted across the host's markup: Anand's mixed claim, its
    // unquoted words and its quotation.
    const claims = marks.filter((m) => m.type === 'claim').map((m) => m.text).join(' ');
    assert.match(claims, /the money had come/);
    assert.match(claims, /rather than from the council/);
    // The lede's unquoted claim ("…, the town’s arts trust announced on Monday, after …") is a
    // decision of the learned attribution pair that retrains have flipped both ways (the tenth
    // stop's pair leaves it out; a weakness of the kind "claim, source cue on a day, after a
    // clause", measured in src/data/README.md): its source is painted exactly when the analysis gives it, so the embed is tested here and
    // the model by its own measures (src/data/README.md).
    const lede = result.sources.includes('the town’s arts trust') ? ['the town’s arts trust'] : [];
    // So is "The trust expects about 12,000 visitors." (a stance, which PolNeAR attributes as it
    // does speech; the fourteenth stop's pair credits it, the pairs before did not).
    const stance = result.sources.includes('The trust') ? ['The trust'] : [];
    assert.deepEqual(speakers, [...lede, 'Priya Anand', ...stance, 'Anand', 'she', 'the ', 'festival poster', 'Tomás Reyes']);
    // The text read has a line break per block and nothing from script, textarea or contenteditable.
    assert.ok(!/Not article text|A note in a form|Editable text/.test(result.text));
    assert.match(result.text, /harbour\. *\n/); // layout whitespace stands before the break (core/domtext.js)
    const untouched = await page.evaluate(() =>
        ['data', 'notes', 'editable'].map((id) => document.getElementById(id).querySelectorAll('mark').length),
    );
    assert.deepEqual(untouched, [0, 0, 0]);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-host.png'), fullPage: true });
});

test('the host page’s elements survive: same nodes, links still fire their handlers', async (t) => {
    const { page } = await openHost(t);
    await page.evaluate(() => {
        const story = document.getElementById('story');
        window.before = { elements: [...story.querySelectorAll('*')], texts: [] };
        const walker = document.createTreeWalker(story, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) window.before.texts.push(walker.currentNode);
        window.quotelens.highlight(story);
    });
    const kept = await page.evaluate(() => {
        const story = document.getElementById('story');
        const now = [...story.querySelectorAll(':not(mark[data-quotelens])')];
        return {
            sameElements: window.before.elements.length === now.length && window.before.elements.every((e, i) => e === now[i]),
            textsStillIn: window.before.texts.every((node) => story.contains(node)),
        };
    });
    assert.deepEqual(kept, { sameElements: true, textsStillIn: true });
    // Click the link whose text is now inside a quote mark, and the one inside a speaker mark.
    await page.click('#donors-link mark');
    await page.click('#anand-link');
    assert.deepEqual(await page.evaluate(() => [window.hostClicks, window.lastClicked]), [2, 'anand-link']);
    // One quote mark in the link (the claim around the quote, reported speech, may add its own).
    assert.equal(await page.evaluate(() => document.querySelectorAll('#donors-link mark[data-quotelens="quote"]').length), 1);
});

test('unhighlight() restores the DOM exactly; highlighting twice is idempotent', async (t) => {
    const { page } = await openHost(t);
    const result = await page.evaluate(() => {
        const q = window.quotelens;
        const story = document.getElementById('story');
        const original = story.innerHTML;
        const firstText = story.querySelector('p').firstChild;
        const childCounts = () => [...story.querySelectorAll('*')].map((e) => e.childNodes.length).join(',');
        const counts = childCounts();
        q.highlight(story);
        const once = story.innerHTML;
        const marksOnce = story.querySelectorAll('mark').length;
        q.highlight(story);
        const twice = story.innerHTML;
        const marksTwice = story.querySelectorAll('mark').length;
        const removed = q.unhighlight(story);
        const again = q.unhighlight(story);
        return {
            idempotent: once === twice && marksOnce === marksTwice,
            restored: story.innerHTML === original,
            sameNodeCounts: childCounts() === counts,
            firstTextKept: story.querySelector('p').firstChild === firstText,
            rootClean: !story.hasAttribute('data-quotelens-root') && !story.hasAttribute('style'),
            removed,
            again,
            changed: once !== original,
        };
    });
    assert.deepEqual(result, {
        idempotent: true, restored: true, sameNodeCounts: true, firstTextKept: true, rootClean: true,
        removed: true, again: false, changed: true,
    });
});

test('unhighlight() after the page rewrote a text node it owns (as React does): the page’s new text, once', async (t) => {
    const { page } = await openHost(t);
    const result = await page.evaluate(() => {
        const q = window.quotelens;
        const story = document.getElementById('story');
        const lede = story.querySelector('p.lede');
        const own = lede.firstChild; // the node a framework would keep a reference to
        q.highlight(story);
        const split = lede.querySelectorAll('mark').length > 0 && own.data !== lede.textContent;
        own.data = 'KELBY — The festival is postponed, the trust said on Friday.';
        q.unhighlight(story);
        return { split, html: lede.innerHTML, same: lede.firstChild === own, nodes: lede.childNodes.length };
    });
    assert.deepEqual(result, {
        split: true,
        html: 'KELBY — The festival is postponed, the trust said on Friday.',
        same: true,
        nodes: 1,
    });
});

test('options: labels, speakers, prefix, palette (custom properties on the root only)', async (t) => {
    const { page } = await openHost(t);
    const result = await page.evaluate(() => {
        const q = window.quotelens;
        const story = document.getElementById('story');
        const original = story.innerHTML;
        q.highlight(story, { labels: 'partial PERSON', speakers: false, prefix: 'ql', palette: { PERSON: 'rgb(200, 0, 120)' } });
        const marks = [...story.querySelectorAll('mark')];
        const person = story.querySelector('mark.ql-entity[data-label="PERSON"]');
        const out = {
            kinds: [...new Set(marks.map((m) => m.dataset.kind ?? m.dataset.label))].sort(),
            classes: [...new Set(marks.flatMap((m) => [...m.classList]))].filter((c) => !c.startsWith('ql-')),
            speakers: story.querySelectorAll('[data-quotelens="speaker"]').length,
            rootProperty: story.style.getPropertyValue('--ql-person-line'),
            inlineOnMarks: marks.filter((m) => m.hasAttribute('style')).length,
            personLine: getComputedStyle(person).getPropertyValue('--ql-person-line').trim(),
            personBackground: getComputedStyle(person).backgroundColor,
        };
        q.unhighlight(story);
        out.restored = story.innerHTML === original && !story.hasAttribute('style');
        return out;
    });
    assert.deepEqual(result.kinds, ['PERSON', 'partial']);
    assert.deepEqual(result.classes, []);
    assert.equal(result.speakers, 0);
    assert.equal(result.rootProperty, 'rgb(200, 0, 120)');
    assert.equal(result.inlineOnMarks, 0);
    assert.equal(result.personLine, 'rgb(200, 0, 120)');
    assert.match(result.personBackground, /^(?:color\(srgb|rgba\()/, 'the tint mixes the palette colour');
    assert.equal(result.restored, true);
});

/** Computed styles of the elements matched by each selector, as plain objects. */
const STYLE_PROPS = ['color', 'backgroundColor', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'letterSpacing', 'wordSpacing', 'paddingTop', 'paddingLeft', 'lineHeight', 'textDecorationLine', 'borderBottomStyle'];

async function hostStyles(page) {
    return page.evaluate((props) => {
        const pick = (e) => Object.fromEntries(props.map((p) => [p, getComputedStyle(e)[p]]));
        return Object.fromEntries(['.host-mark', '#home-link', 'footer p', '.lede', 'h2', 'body'].map((s) => [s, pick(document.querySelector(s))]));
    }, STYLE_PROPS);
}

async function shadowStyles(page) {
    await page.waitForFunction(() => document.getElementById('inline-lens')?.result);
    return page.evaluate((props) => {
        const root = document.getElementById('inline-lens').shadowRoot;
        const pick = (e) => Object.fromEntries(props.map((p) => [p, getComputedStyle(e)[p]]));
        return Object.fromEntries(
            ['.quotelens-body', '.quotelens-body p', 'mark.quotelens-quote', 'mark.quotelens-entity', 'mark.quotelens-speaker', '.quotelens-legend li'].map((s) => [s, pick(root.querySelector(s))]),
        );
    }, STYLE_PROPS);
}

test('host CSS does not reach our marks or the element, and ours does not reach the host', async (t) => {
    const { page } = await openHost(t);
    const beforeHost = await hostStyles(page);
    await page.evaluate(async () => {
        await import('/embed/element.js');
        window.quotelens.highlight(document.getElementById('story'));
    });
    assert.deepEqual(await hostStyles(page), beforeHost, 'the embed changed the style of host elements');
    // In place: the host's `mark {background: yellow; padding; bold}` loses to ours.
    const inPlace = await page.evaluate(() => {
        const mark = document.querySelector('#story mark.quotelens-quote[data-kind="direct"]');
        const s = getComputedStyle(mark);
        return { background: s.backgroundColor, padding: s.paddingLeft, weight: s.fontWeight, color: s.color, paragraph: getComputedStyle(mark.closest('p')).color };
    });
    assert.deepEqual(inPlace, { background: 'rgb(224, 237, 247)', padding: '0px', weight: '400', color: inPlace.paragraph, paragraph: 'rgb(51, 51, 51)' });
    // The element: identical computed styles on the hostile page and on a page without CSS.
    const hostile = await shadowStyles(page);
    const clean = await newPage(browser);
    t.after(() => clean.context.close());
    await clean.page.goto(`${server.origin}/fixtures/clean.html`);
    await clean.page.evaluate(() => import('/embed/element.js'));
    assert.deepEqual(hostile, await shadowStyles(clean.page));
    assert.equal(hostile['mark.quotelens-quote'].backgroundColor, 'rgb(224, 237, 247)');
});

test('<quote-lens>: shadow root of text and marks, attributes, quotelens:analyzed, follows its source', async (t) => {
    const { page } = await openHost(t);
    const events = await page.evaluate(async () => {
        const seen = [];
        document.addEventListener('quotelens:analyzed', (e) => seen.push({ id: e.target.id, composed: e.composed, bubbles: e.bubbles, quotes: e.detail.analysis.quotes.length, text: e.detail.text }));
        await import('/embed/element.js');
        await new Promise((resolve) => {
            const check = () => (seen.length >= 2 ? resolve() : setTimeout(check, 20));
            check();
        });
        return seen.sort((a, b) => a.id.localeCompare(b.id));
    });
    assert.deepEqual(events.map(({ id, composed, bubbles, quotes }) => ({ id, composed, bubbles, quotes })), [
        { id: 'inline-lens', composed: true, bubbles: true, quotes: 1 },
        { id: 'story-lens', composed: true, bubbles: true, quotes: 5 },
    ]);
    const inline = await page.evaluate(() => {
        const root = document.getElementById('inline-lens').shadowRoot;
        const kinds = new Set([...root.querySelectorAll('*')].map((e) => e.localName));
        return {
            kinds: [...kinds].sort(),
            marks: [...root.querySelectorAll('.quotelens-body mark')].map((m) => `${m.dataset.quotelens}:${m.textContent}`),
            legend: [...root.querySelectorAll('.quotelens-legend li')].map((li) => li.textContent),
        };
    });
    assert.deepEqual(inline.kinds, ['b', 'div', 'li', 'mark', 'p', 'ul']);
    // The speaker is the whole phrase; the person's name leaves the title out (CoNLL's convention, ours).
    assert.deepEqual(inline.marks, ['quote:“The tide waits for nobody,”', 'speaker:Harbourmaster Ellen Price', 'entity:Ellen Price']);
    assert.deepEqual(inline.legend, ['AaDirect 1', 'AaPerson 1']);
    // labels="direct partial PERSON" on the copy of #story: no ORG, no dates.
    const story = await page.evaluate(() => {
        const root = document.getElementById('story-lens').shadowRoot;
        return [...new Set([...root.querySelectorAll('mark')].map((m) => m.dataset.kind ?? m.dataset.label ?? m.dataset.quotelens))].sort();
    });
    assert.deepEqual(story, ['PERSON', 'direct', 'partial', 'speaker']);
    // Editing the source re-renders; changing an attribute too.
    const after = await page.evaluate(async () => {
        const lens = document.getElementById('inline-lens');
        const next = new Promise((resolve) => lens.addEventListener('quotelens:analyzed', (e) => resolve(e.detail), { once: true }));
        lens.textContent = '“Twice as fast,” said Mina Ortiz. Critics called it a “gimmick”.';
        const detail = await next;
        const again = new Promise((resolve) => lens.addEventListener('quotelens:analyzed', (e) => resolve(e.detail), { once: true }));
        lens.setAttribute('labels', 'partial');
        await again;
        return {
            quotes: detail.analysis.quotes.map((q) => q.kind),
            marks: [...lens.shadowRoot.querySelectorAll('.quotelens-body mark')].map((m) => m.textContent),
        };
    });
    assert.deepEqual(after, { quotes: ['direct', 'partial'], marks: ['Critics', '“gimmick”'] }); // the speaker, then the quote
});

test('<quote-lens theme>: light, dark and auto follow the attribute and the colour scheme', async (t) => {
    const { page } = await openHost(t, '/fixtures/clean.html', { colorScheme: 'dark' });
    const backgrounds = await page.evaluate(async () => {
        await import('/embed/element.js');
        const lens = document.getElementById('inline-lens');
        await new Promise((resolve) => (lens.result ? resolve() : lens.addEventListener('quotelens:analyzed', resolve, { once: true })));
        const quote = () => getComputedStyle(lens.shadowRoot.querySelector('mark.quotelens-quote')).backgroundColor;
        const out = { auto: quote() };
        lens.setAttribute('theme', 'light');
        out.light = quote();
        lens.setAttribute('theme', 'dark');
        out.dark = quote();
        return out;
    });
    assert.deepEqual(backgrounds, { auto: 'rgb(23, 52, 74)', light: 'rgb(224, 237, 247)', dark: 'rgb(23, 52, 74)' });
});

test('the embed demo page: highlights, the element, no CSP violation; screenshot', async (t) => {
    for (const scheme of ['light', 'dark']) {
        const opened = await newPage(browser, { colorScheme: scheme, viewport: { width: 1360, height: 900 } });
        t.after(() => opened.context.close());
        const { page, log } = opened;
        await page.goto(`${server.origin}/embed/demo.html`);
        await page.waitForFunction(() => Number(document.documentElement.dataset.highlighted) > 0, null, { timeout: 20_000 });
        await page.waitForFunction(() => document.getElementById('demo-lens').result);
        assert.ok((await page.$$('#demo-article mark.quotelens-quote')).length >= 5);
        assert.deepEqual(log.errors, []);
        assert.deepEqual(await cspViolations(page, log), []);
        await mkdir(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, scheme === 'light' ? 'embed-demo.png' : 'embed-demo-dark.png') });
        // The toggle removes every mark and brings them back.
        await page.click('#toggle');
        assert.equal((await page.$$('#demo-article mark')).length, 0);
        await page.click('#toggle');
        assert.ok((await page.$$('#demo-article mark')).length > 0);
    }
});
