// Corrections kept in this browser, one record per text, keyed by a hash of the text (so the
// text itself is never stored twice, and a correction comes back only for the same text).
// IndexedDB (model/store.js) when the browser offers it, and always a map that lasts as long as
// the page: every call here resolves, as a storage failure must never break the page (the
// corrections then last for the visit).

import { emptyCorrections, normalizeCorrections } from './corrections.js';
import { keyValueStore } from './store.js';

// One database per store, so that neither module's upgrade can miss the other's store.
const store = keyValueStore('quotelens-corrections', 'corrections');
/** The corrections of this visit: what the page shows when IndexedDB cannot keep them. */
const memory = new Map();

/** A hex SHA-256 of `text` (a 53-bit FNV-style hash where Web Crypto is unavailable). */
export async function textKey(text) {
    if (globalThis.crypto?.subtle) {
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
        return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    }
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return `h53:${text.length}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)}`;
}

/** The corrections stored for the text with key `key` (empty ones if none). */
export async function loadCorrections(key) {
    const stored = memory.get(key) ?? (await store.get(key).catch(() => undefined));
    return normalizeCorrections(stored ?? emptyCorrections());
}

/** Stores `corrections` for the text with key `key`; empty corrections delete the record. */
export async function saveCorrections(key, corrections) {
    const empty = corrections.speakers.length + corrections.notQuotes.length + corrections.merges.length === 0;
    if (empty) memory.delete(key);
    else memory.set(key, corrections);
    await (empty ? store.delete(key) : store.set(key, corrections)).catch(() => {});
}
