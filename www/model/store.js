// The page's one IndexedDB helper: a key-value store per database (idb-keyval, vendored by
// scripts/vendor-js.mjs). Its error policy, the same for every caller: every call returns a
// promise that rejects when the browser will not store (no IndexedDB, a private window, quota,
// a blocked upgrade); the caller keeps the data in memory and carries on. Nothing here ever
// leaves the browser.

import { createStore, del, get, set } from '../vendor/idb-keyval.js';

/**
 * A key-value store in database `db` (object store `store`), opened on first use.
 * @param {string} db
 * @param {string} store
 */
export function keyValueStore(db, store) {
    /** @type {import('../vendor/idb-keyval.js').UseStore | null} */
    let handle = null;
    const use = () => (handle ??= createStore(db, store));
    // A synchronous throw (no `indexedDB` at all) becomes a rejection like any other failure.
    /** @template T @param {() => Promise<T>} call @returns {Promise<T>} */
    const attempt = (call) => {
        try {
            return call();
        } catch (error) {
            return Promise.reject(error);
        }
    };
    return {
        /** @param {IDBValidKey} key @returns {Promise<any>} undefined when absent */
        get: (key) => attempt(() => get(key, use())),
        /** @param {IDBValidKey} key @param {any} value @returns {Promise<void>} */
        set: (key, value) => attempt(() => set(key, value, use())),
        /** @param {IDBValidKey} key @returns {Promise<void>} */
        delete: (key) => attempt(() => del(key, use())),
    };
}
