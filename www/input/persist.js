// Keeping the article across reloads, on this device only: the text goes to IndexedDB (which
// holds far more than localStorage's ~5 MB), written a moment after the last change and when
// the page is hidden. The reader can opt out ("Remember my text on this device"): opting out
// deletes what was stored, and nothing is stored until they opt in again. The choice itself is
// one small flag in localStorage, read synchronously at start.
//
// A write started while the page unloads may never finish, so when the page is hidden with
// unsaved changes the text also goes, synchronously, to localStorage (when it fits): the next
// load prefers that copy, moves it to IndexedDB and clears it (as does a later write that
// completes: the copy is older than what IndexedDB then holds).
//
// Nothing is written before the first read (loadTextAtStart) has settled: the page may show a
// text before it knows whether one was saved (app.js shows the sample early on a first visit),
// and a write then could replace the saved text the read is about to return. A write asked for
// meanwhile waits for the read, and writes what is pending once the page has seen its result.
// The one exception is a page hidden during the read: the reader's own text (not the empty box,
// not the page's sample: shownBeforeRead) is kept as it would be after the read.
//
// Nothing here ever leaves the browser. Every failure (storage disabled, quota, a private
// window) is silent: the text is still in the page, it just will not survive a reload.
//
// For the tests, <html data-persisted> says what happened last: "saved", "deleted" or "off".

import { keyValueStore } from '../model/store.js';

// One database per store (model/storage.js keeps the corrections in its own). Its calls reject
// on failure (model/store.js); every one is caught here.
const store = keyValueStore('quotelens-text', 'texts');
const KEY = 'article';
/** The choice to opt out; absent means the default, remember. */
const OPT_OUT_KEY = 'quotelens.remember';
/** The copy written when the page is hidden (older versions kept the text there too); it is
 * newer than IndexedDB's, and moved there on the next load. */
const JOURNAL_KEY = 'quotelens.article';
/** Set (before the first write of a text to IndexedDB) while a text may be stored, so that a
 * page can tell synchronously that none is (`mayHoldText`): a first visit need not wait for
 * IndexedDB's set-up to show its first text. Texts stored by versions of the page before it have
 * no record: read as usual, they replace what was shown meanwhile. */
const STORED_KEY = 'quotelens.stored';
/** Longer texts are not journalled: localStorage holds about 5 MB (UTF-16: 2.5 M units). */
const JOURNAL_MAX_LENGTH = 1_000_000;
/** Text encoded per task when writing (UTF-16 units). */
const PIECE_LENGTH = 500_000;
/** A write waits for this pause in typing… */
const DEBOUNCE_MS = 400;
/** …but never longer than this after the first unsaved change. */
const MAX_WAIT_MS = 3000;

let timer = 0;
let pendingSince = 0;
/** @type {(() => string) | null} reads the text to save when a write is due */
let pendingText = null;
/** The text last written (or read), so a page hide rewrites only a changed text. */
let lastSaved = null;
/** The journal this page wrote last, and how many it has written: a write to IndexedDB that
 * began after it makes it stale (see writeNow). */
let journalled = null;
let journalWrites = 0;

/** Whether the reader lets the page remember their text (the default). */
export function remembering() {
    try {
        return localStorage.getItem(OPT_OUT_KEY) !== 'no';
    } catch {
        return true; // no localStorage: IndexedDB may still work
    }
}

function mark(state) {
    document.documentElement.dataset.persisted = state;
}

/** @type {Promise<string | null> | null} */
let firstRead = null;
/** Whether `firstRead` has settled (a write before then waits for it). */
let firstReadDone = false;

/** Whether the first read has begun and not yet settled: a text written now might replace the
 * one it is about to return. */
const readPending = () => firstRead !== null && !firstReadDone;

/**
 * `loadText`, once per page: app.js starts it first thing, before wiring the page, and its first
 * text waits for the same read. A new profile's first IndexedDB call takes tens to hundreds of
 * milliseconds (the browser sets up its storage); a first visit does not wait for it
 * (`mayHoldText`), a visit with a stored text does (issue 17).
 */
export function loadTextAtStart() {
    firstRead ??= loadText().then((text) => {
        firstReadDone = true;
        return text;
    });
    return firstRead;
}

/** @type {string | null} the text the page showed on its own before the first read settled */
let pageText = null;

/**
 * Names the text the page shows on its own before the first read has settled (app.js: the sample,
 * on a first visit). It is not the reader's: a page hidden during the read does not keep it over
 * the text the read may return; anything else the box holds then is the reader's, and is kept.
 * @param {string} text
 */
export function shownBeforeRead(text) {
    pageText = text;
}

/**
 * Whether a text may be stored for this page, known at once (localStorage, no IndexedDB): false
 * when the reader opted out, or when no text has been written here by this version of the page
 * (STORED_KEY) and none is journalled. A false answer is a hint, not the read: a text stored by
 * an older version still comes back from `loadTextAtStart`.
 */
export function mayHoldText() {
    if (!remembering()) return false;
    try {
        return localStorage.getItem(STORED_KEY) !== null || localStorage.getItem(JOURNAL_KEY) !== null;
    } catch {
        return true; // no localStorage: only the read can tell
    }
}

/** The stored text, or null when there is none (or the reader opted out). */
export async function loadText() {
    if (!remembering()) return null;
    try {
        const journal = readJournal();
        if (journal !== null) {
            await writeNow(journal);
            localStorage.removeItem(JOURNAL_KEY);
            return journal;
        }
        const stored = await store.get(KEY);
        const text = stored instanceof Blob ? await stored.text() : stored;
        if (typeof text === 'string') {
            lastSaved = text;
            return text;
        }
        return null;
    } catch {
        return readJournal();
    }
}

/** Saves `text` soon (debounced); a no-op when the reader opted out. */
export function saveText(text) {
    if (!remembering()) return;
    pendingText = () => text;
    if (!pendingSince) pendingSince = performance.now();
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, pendingSince + MAX_WAIT_MS - performance.now()));
    timer = setTimeout(flush, wait);
}

/** Writes the pending text now, if there is one (once the first read has settled, and the page
 * has had a task to act on what it returned). */
export function flush() {
    clearTimeout(timer);
    if (readPending()) {
        return /** @type {Promise<unknown>} */ (firstRead)
            .then(() => new Promise((done) => setTimeout(done, 0)))
            .then(flush);
    }
    const read = pendingText;
    pendingText = null;
    pendingSince = 0;
    if (read && remembering()) return writeNow(read());
    return Promise.resolve();
}

/**
 * `text` as a Blob, encoded a piece per task: IndexedDB would clone a string on this thread in
 * one go, and so would one Blob of it (50–100 ms for 10 MB).
 */
async function toBlob(text) {
    const parts = [];
    for (let from = 0; from < text.length; ) {
        let to = Math.min(text.length, from + PIECE_LENGTH);
        // Never split a surrogate pair: each piece is encoded to UTF-8 on its own.
        if (to < text.length && /[\uD800-\uDBFF]/.test(text[to - 1])) to -= 1;
        parts.push(new Blob([text.slice(from, to)]));
        from = to;
        if (from < text.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return new Blob(parts, { type: 'text/plain;charset=utf-8' });
}

function forgetJournal() {
    try {
        localStorage.removeItem(JOURNAL_KEY);
    } catch {}
}

function readJournal() {
    try {
        return localStorage.getItem(JOURNAL_KEY);
    } catch {
        return null;
    }
}

async function writeNow(text) {
    try {
        // The record first: a text that may be stored is always recorded (mayHoldText).
        localStorage.setItem(STORED_KEY, '1');
    } catch {}
    const journalsBefore = journalWrites;
    try {
        const blob = await toBlob(text);
        await store.set(KEY, blob);
        lastSaved = text;
        // A journal this page wrote before this write began is older than what IndexedDB now
        // holds: left in place, the next load would prefer it and lose the edits saved since.
        // (A journal written meanwhile, or by another tab, stays.)
        if (journalWrites === journalsBefore && journalled !== null) {
            if (readJournal() === journalled) forgetJournal();
            journalled = null;
        }
        mark('saved');
    } catch {
        // Quota, a private window, storage disabled: the text stays in the page.
    }
}

/** Deletes the stored text (and any left by older versions of the page). */
export async function forget() {
    clearTimeout(timer);
    pendingText = null;
    pendingSince = 0;
    try {
        localStorage.removeItem(JOURNAL_KEY);
    } catch {}
    try {
        await store.delete(KEY);
        localStorage.removeItem(STORED_KEY);
    } catch {}
    lastSaved = null;
    mark('deleted');
}

/**
 * Wires the opt-out checkbox: checked means remember. Unchecking deletes the stored text at once;
 * checking again stores the current text (`currentText()`).
 * @param {HTMLInputElement} checkbox
 * @param {() => string} currentText
 */
export function bindRememberCheckbox(checkbox, currentText) {
    checkbox.checked = remembering();
    checkbox.addEventListener('change', async () => {
        try {
            if (checkbox.checked) localStorage.removeItem(OPT_OUT_KEY);
            else localStorage.setItem(OPT_OUT_KEY, 'no');
        } catch {}
        if (checkbox.checked) {
            await writeNow(currentText());
        } else {
            await forget();
            mark('off');
        }
    });
    // A reload or a closed tab must not lose the last keystrokes, typed before the page even
    // analysed them: when the page is hidden, the text as it is now is written if it changed.
    const saveOnHide = () => {
        // Before the saved text is known, only the reader's own text is written (typed, pasted or
        // opened meanwhile: it stands, app.js), never the empty box or the page's own sample: a
        // journal of those would be preferred to the saved text on the next load. What is
        // pending otherwise is written after the read (flush).
        if (readPending()) {
            const text = currentText();
            if (text === '' || text === pageText) return;
        }
        clearTimeout(timer);
        pendingText = null;
        pendingSince = 0;
        const text = currentText();
        if (!remembering() || text === lastSaved) return;
        if (text.length <= JOURNAL_MAX_LENGTH) {
            try {
                localStorage.setItem(JOURNAL_KEY, text);
                journalled = text;
                journalWrites += 1;
            } catch {}
        }
        writeNow(text);
    };
    addEventListener('pagehide', saveOnHide);
    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') saveOnHide();
    });
}
