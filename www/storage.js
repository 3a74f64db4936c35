// Corrections kept in this browser, one record per text, keyed by a hash of the text (so the
// text itself is never stored twice, and a correction comes back only for the same text).
// IndexedDB when the browser offers it, else a map that lasts as long as the page. Every call
// resolves; a storage failure never breaks the page (the corrections then last for the visit).

import { emptyCorrections, normalizeCorrections } from './corrections.js';

// One database per store, so that neither module's upgrade can miss the other's store.
const DB_NAME = 'quotelens-corrections';
const STORE = 'corrections';

/** @type {Promise<IDBDatabase|null> | null} */
let database = null;
const memory = new Map();

function open() {
    database ??= new Promise((resolve) => {
        try {
            const request = indexedDB.open(DB_NAME, 1);
            request.onupgradeneeded = () => request.result.createObjectStore(STORE);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => resolve(null);
            request.onblocked = () => resolve(null);
        } catch {
            resolve(null);
        }
    });
    return database;
}

function transact(mode, action) {
    return open().then(
        (db) =>
            new Promise((resolve) => {
                if (!db) return resolve(undefined);
                try {
                    const tx = db.transaction(STORE, mode);
                    const request = action(tx.objectStore(STORE));
                    tx.oncomplete = () => resolve(request.result);
                    tx.onerror = () => resolve(undefined);
                    tx.onabort = () => resolve(undefined);
                } catch {
                    resolve(undefined);
                }
            }),
    );
}

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
    const stored = (await transact('readonly', (store) => store.get(key))) ?? memory.get(key);
    return normalizeCorrections(stored ?? emptyCorrections());
}

/** Stores `corrections` for the text with key `key`; empty corrections delete the record. */
export async function saveCorrections(key, corrections) {
    const empty = corrections.speakers.length + corrections.notQuotes.length + corrections.merges.length === 0;
    if (empty) memory.delete(key);
    else memory.set(key, corrections);
    await transact('readwrite', (store) => (empty ? store.delete(key) : store.put(corrections, key)));
}
