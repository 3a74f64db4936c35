// The service worker: the extension's entry points (the toolbar button, its keyboard shortcut —
// the manifest's `_execute_action` command, which Chrome delivers as a click — and the
// context-menu entry all call `toggle`), and the analyser: the embed's `analyze`, with the wasm
// loaded from the extension's own files. The worker runs under the extension's CSP
// ('wasm-unsafe-eval', nothing remote), whatever the page's CSP says; see README.md.
//
// Messages it answers (chrome.runtime):
//   {type: 'analyze', text}   from the content script → {ok, analysis} | {ok: false, error}
//   {type: 'state', tabId}    from the side panel → the tab's state (content.js), or why there is none
//   {type: 'acted', windowId} from the side panel → the tab last toggled in that window
//   {type: 'refresh', tabId}  from the side panel → highlight the article again

import { analyze, init } from '../www/embed/index.js';

const MENU_ID = 'quotelens-toggle';

/** Why the last toggle of a tab could not reach its page (the side panel shows it). */
const failures = new Map();
/** The tab last acted on in each window: the side panel follows it (it may not be the active one). */
const acted = new Map();

/** @type {Promise<void> | null} */
let loading = null;
/** The analyser, loaded once per worker life from the extension's own copy of the module. */
function analyser() {
    loading ??= init(chrome.runtime.getURL('quotelens_bg.wasm')).catch((error) => {
        loading = null;
        throw error;
    });
    return loading;
}

/**
 * Highlights the article of `tab`, or removes the highlight: what a click, the shortcut and the
 * menu entry do. The side panel is opened first, while the click's user gesture still holds.
 * @param {chrome.tabs.Tab} tab
 */
async function toggle(tab) {
    if (tab.id === undefined) return;
    const tabId = tab.id;
    acted.set(tab.windowId, tabId);
    chrome.runtime.sendMessage({ type: 'follow', tabId, windowId: tab.windowId }).catch(() => {}); // an open panel
    chrome.sidePanel.open({ windowId: tab.windowId }).catch(() => {
        // No user gesture (or no window): the panel can still be opened from the browser's menu.
    });
    try {
        await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    } catch (error) {
        failures.set(tabId, `quotelens cannot read this page (${error instanceof Error ? error.message : String(error)}). Browser pages, the extension gallery and other extensions’ pages are closed to extensions.`);
        chrome.runtime.sendMessage({ type: 'changed', tabId }).catch(() => {});
        return;
    }
    failures.delete(tabId);
    const state = await chrome.tabs.sendMessage(tabId, { type: 'toggle' });
    await chrome.action.setBadgeText({ tabId, text: state?.status === 'on' || state?.status === 'stale' ? 'on' : '' });
}

chrome.action.onClicked.addListener((tab) => {
    toggle(tab);
});

chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.create({ id: MENU_ID, title: 'Highlight quotes and speakers', contexts: ['page', 'selection'] });
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab) toggle(tab);
});

chrome.runtime.onMessage.addListener((message, sender, reply) => {
    // Only this extension's own scripts reach here (no externally_connectable); still, a page
    // could post through its content script only what that script sends.
    if (sender.id !== chrome.runtime.id) return false;
    const run = async () => {
        switch (message?.type) {
            case 'analyze':
                try {
                    await analyser();
                    return { ok: true, analysis: analyze(String(message.text)) };
                } catch (error) {
                    return { ok: false, error: error instanceof Error ? error.message : String(error) };
                }
            case 'state': {
                const failure = failures.get(message.tabId);
                if (failure) return { status: 'error', message: failure, title: '', url: '' };
                return chrome.tabs.sendMessage(message.tabId, { type: 'state' }).catch(() => ({
                    status: 'off',
                    message: 'Click the quotelens button (or press Alt+Shift+Q) to highlight the article of this tab.',
                    title: '',
                    url: '',
                }));
            }
            case 'acted':
                return acted.get(message.windowId) ?? null;
            case 'refresh': {
                const state = await chrome.tabs.sendMessage(message.tabId, { type: 'refresh' }).catch(() => null);
                await chrome.action.setBadgeText({ tabId: message.tabId, text: state?.status === 'on' ? 'on' : '' });
                return state;
            }
            default:
                return undefined;
        }
    };
    if (!['analyze', 'state', 'acted', 'refresh'].includes(message?.type)) return false;
    run().then(reply);
    return true;
});

// The tests call the toolbar's code path through the worker as well (tests/e2e/extension/).
Object.assign(globalThis, { quotelensToggle: toggle });
