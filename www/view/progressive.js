// Drawing a long article without freezing the page: the text is cut into chunks at line breaks
// that no highlight crosses, and the chunks are drawn a few at a time, yielding to the browser
// between batches, with the progress shown. A short article is drawn in one go, exactly as
// before (no chunk elements), so small pages behave as they always did.
//
// It is independent of what is drawn: `render(text, analysis)` is the page's own renderer
// (render.js), called once per chunk with the chunk's text and the part of the analysis inside
// it, its offsets made relative to the chunk. Every top-level array of the analysis whose
// entries carry `start`/`end` (or `outer_start`/`outer_end`) is cut that way; other fields are
// passed as they are. Indices into the analysis (`parent`, `paragraph`) keep pointing into the
// whole analysis.
//
// Each chunk is a block element with `content-visibility: auto` (page.css), so the browser lays
// out only the chunks near the viewport: a 10 MB article costs little more than a short one once
// drawn. The chunks' text nodes together hold exactly the article's text.

/** Texts longer than this (UTF-16 units) are drawn in chunks, with progress shown. */
export const CHUNKED_LENGTH = 60_000;
/** Roughly how much text one chunk holds (it ends at the next line break no highlight crosses). */
const CHUNK_LENGTH = 8_000;
/** Work per task before yielding to the browser, well under the 50 ms of a long task. */
const BUDGET_MS = 8;

const OFFSET_KEYS = ['start', 'end', 'outer_start', 'outer_end'];

/** The latest drawing started in each view: an older one still running stops at its next batch. */
const latestRun = new WeakMap();

/**
 * Draws `text` into `view`, highlighted from `analysis` by `render`, or as plain text when
 * `analysis` is null. Resolves to true once everything is drawn, or to false as soon as
 * another drawing starts in the same view or `isCurrent()` says a newer text has taken over.
 *
 * @param {Element} view
 * @param {string} text
 * @param {object | null} analysis
 * @param {((text: string, analysis: object) => Node) | null} render (null: the text alone)
 * @param {{isCurrent?: () => boolean, onProgress?: (fraction: number) => void}} [options]
 */
export async function renderProgressively(view, text, analysis, render, { isCurrent = () => true, onProgress } = {}) {
    const draw = (from, to) => {
        const part = text.slice(from, to);
        return analysis && render ? render(part, sliceAnalysis(analysis, from, to)) : view.ownerDocument.createTextNode(part);
    };
    const run = (latestRun.get(view) ?? 0) + 1;
    latestRun.set(view, run);
    if (text.length <= CHUNKED_LENGTH) {
        view.replaceChildren(analysis && render ? render(text, analysis) : view.ownerDocument.createTextNode(text));
        onProgress?.(1);
        return true;
    }
    // In a task of its own: the caller may have spent its budget already (a worker's message).
    await yieldToBrowser();
    if (latestRun.get(view) !== run || !isCurrent()) return false;
    const cutter = new Cutter(text, analysis);
    view.replaceChildren();
    let from = 0;
    while (from < text.length) {
        const started = performance.now();
        const batch = view.ownerDocument.createDocumentFragment();
        do {
            const to = cutter.next(from);
            const chunk = view.ownerDocument.createElement('div');
            chunk.className = 'article-chunk';
            chunk.append(draw(from, to));
            batch.append(chunk);
            from = to;
        } while (from < text.length && performance.now() - started < BUDGET_MS);
        view.append(batch);
        onProgress?.(from / text.length);
        if (from < text.length) {
            await yieldToBrowser();
            if (latestRun.get(view) !== run || !isCurrent()) return false;
        }
    }
    return true;
}

/** Lets the browser paint and handle input: `scheduler.yield` where there is one. */
function yieldToBrowser() {
    const scheduler = /** @type {any} */ (globalThis).scheduler;
    if (typeof scheduler?.yield === 'function') return scheduler.yield();
    return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Finds chunk ends: just after a line break, at least CHUNK_LENGTH on, and outside every span.
 * The analysis's arrays are in text order, so one pointer per array moves forward with the cuts
 * and the whole pass is linear.
 */
class Cutter {
    constructor(text, analysis) {
        this.text = text;
        this.lists = analysis ? spanLists(analysis) : [];
    }

    /** The end of the chunk starting at `from`. */
    next(from) {
        let cut = from + CHUNK_LENGTH;
        for (;;) {
            const newline = this.text.indexOf('\n', cut - 1);
            if (newline < 0) return this.text.length;
            cut = newline + 1;
            const coveredTo = this.coveredTo(cut);
            if (coveredTo <= cut) return cut;
            cut = coveredTo;
        }
    }

    /** The furthest end of the spans that start before `offset` (≤ offset when none covers it). */
    coveredTo(offset) {
        let furthest = 0;
        for (const list of this.lists) {
            while (list.next < list.items.length && spanStart(list.items[list.next]) < offset) {
                list.furthest = Math.max(list.furthest, spanEnd(list.items[list.next]));
                list.next += 1;
            }
            furthest = Math.max(furthest, list.furthest);
        }
        return furthest;
    }
}

/** The analysis's top-level arrays of spans, each in order of start. */
function spanLists(analysis) {
    const lists = [];
    for (const items of Object.values(analysis)) {
        if (!Array.isArray(items) || items.length === 0 || !hasOffsets(items[0])) continue;
        const ordered = items.every((item, i) => i === 0 || spanStart(items[i - 1]) <= spanStart(item))
            ? items
            : [...items].sort((a, b) => spanStart(a) - spanStart(b));
        lists.push({ items: ordered, next: 0, furthest: 0 });
    }
    return lists;
}

/** Whether `item` is a span: `start` and `end` of its own, or an attribution's `content`. */
function hasOffsets(item) {
    if (item === null || typeof item !== 'object') return false;
    const span = item.content ?? item;
    return typeof span.start === 'number' && typeof span.end === 'number';
}

function spanStart(item) {
    if (item.content) return item.content.start;
    return Math.min(item.start, item.outer_start ?? item.start);
}

function spanEnd(item) {
    if (item.content) return item.content.end;
    return Math.max(item.end, item.outer_end ?? item.end);
}

/**
 * The part of `analysis` inside [from, to): each array of spans keeps the entries that start
 * there, with every offset in them (nested ones too: a quote's speaker) made relative to `from`.
 */
export function sliceAnalysis(analysis, from, to) {
    const part = {};
    for (const [key, value] of Object.entries(analysis)) {
        if (Array.isArray(value) && value.length > 0 && hasOffsets(value[0])) {
            part[key] = value
                .slice(lowerBound(value, from), lowerBound(value, to))
                .filter((item) => spanStart(item) >= from && spanStart(item) < to)
                .map((item) => shift(item, from));
        } else {
            part[key] = value;
        }
    }
    return part;
}

/** The first index whose span starts at or after `offset`, for arrays in order of start. */
function lowerBound(items, offset) {
    let low = 0;
    let high = items.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (spanStart(items[middle]) < offset) low = middle + 1;
        else high = middle;
    }
    return low;
}

function shift(value, by) {
    if (Array.isArray(value)) return value.map((entry) => shift(entry, by));
    if (value === null || typeof value !== 'object') return value;
    const copy = {};
    for (const [key, entry] of Object.entries(value)) {
        copy[key] = OFFSET_KEYS.includes(key) && typeof entry === 'number' ? entry - by : shift(entry, by);
    }
    return copy;
}

/**
 * The progress of a long analysis, shown in the status line and a <progress> bar next to it
 * (created here, hidden when idle). Short texts show nothing.
 */
export class Progress {
    /** @param {HTMLElement} statusLine */
    constructor(statusLine) {
        this.statusLine = statusLine;
        this.bar = statusLine.ownerDocument.createElement('progress');
        this.bar.className = 'progress';
        this.bar.max = 1;
        this.bar.hidden = true;
        this.bar.setAttribute('aria-label', 'Progress');
        statusLine.after(this.bar);
    }

    /** Shown while a long text is analysed: how much, and a bar with no value yet. */
    analysing(text) {
        if (text.length <= CHUNKED_LENGTH) return;
        this.bar.removeAttribute('value');
        this.bar.hidden = false;
        this.statusLine.textContent = `Analysing ${size(text)}…`;
        document.documentElement.dataset.progress = 'analysing';
    }

    /** Called by renderProgressively as chunks are drawn. */
    rendering = (fraction) => {
        if (fraction >= 1) {
            this.done();
            return;
        }
        this.bar.hidden = false;
        this.bar.value = fraction;
        this.statusLine.textContent = `Highlighting… ${Math.floor(fraction * 100)}%`;
        document.documentElement.dataset.progress = 'rendering';
    };

    done() {
        this.bar.hidden = true;
        delete document.documentElement.dataset.progress;
    }

    /**
     * What the view shows, once drawn: the counts and the module's time; or, for `model` null,
     * that the text is not analysed.
     * @param {{quotes: Array<{unclosed: boolean}>, entities: unknown[]} | null} model
     * @param {number} [elapsedMs]
     */
    shown(model, elapsedMs = 0) {
        if (!model) {
            this.statusLine.textContent = 'Not analysed';
            return;
        }
        const n = model.quotes.length;
        const unclosed = model.quotes.filter((q) => q.unclosed).length;
        const parts = [n === 1 ? '1 quotation' : `${n} quotations`];
        if (unclosed > 0) parts.push(`${unclosed} without a closing mark`);
        parts.push(model.entities.length === 1 ? '1 entity' : `${model.entities.length} entities`);
        parts.push(`${elapsedMs < 1 ? '<1' : Math.round(elapsedMs)} ms`);
        this.statusLine.textContent = parts.join(' · ');
    }
}

function size(text) {
    const words = text.length / 6; // an estimate that costs nothing: counting would take a while
    if (text.length >= 1_000_000) return `${(text.length / 1_000_000).toFixed(1)} million characters`;
    return `about ${Math.round(words / 1000)} thousand words`;
}
