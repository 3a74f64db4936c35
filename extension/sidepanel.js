// The side panel: "Who said what" and the entities of the highlighted page, drawn by the page's
// own panels (www/panels/), with the reader's corrections (www/model/: applied to the analysis,
// kept in this extension's IndexedDB per text, as on the page) and the page's exports
// (www/export/: JSON in the CLI's format, CSV; a Blob download or the clipboard, never the
// network). What it shows comes from the tab's content script, through the service worker;
// a click on a quote or a name scrolls the page to it.
//
// The tab it follows: `?tab=<id>` when given (the tests open the panel as an extension page),
// otherwise the tab the button was last used on in its window, then each tab the reader
// switches to or uses the button on.

import { EntitiesPanel } from '../www/panels/entities.js';
import { SpeakersPanel } from '../www/panels/speakers.js';
import { wireTabs } from '../www/panels/tabs.js';
import { exportAs } from '../www/export/actions.js';
import { applyCorrections, emptyCorrections, withChange } from '../www/model/corrections.js';
import { loadCorrections, saveCorrections, textKey } from '../www/model/storage.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const statusLine = byId('status');
const pageTitle = byId('page-title');
const refreshButton = byId('refresh');
const exportStatus = byId('export-status');

/** @type {import('../www/core/types.js').ShownAnalysis} */
const NOTHING = { schema: 0, unit: 'utf16', quotes: [], entities: [], clusters: [], paragraphs: [], applied: [] };

const fixedTab = Number(new URLSearchParams(location.search).get('tab')) || null;
/** @type {number | null} */
let tabId = fixedTab;
/** What the panels and the exports show (the shape www/export/actions.js reads). */
let shown = { text: '', raw: /** @type {any} */ (null), key: '', corrections: emptyCorrections(), model: /** @type {any} */ (null) };
/** Which mention of each cluster the page was last scrolled to. */
const mentionAt = new Map();
/** Increases with every refresh; an answer for an older one is dropped. */
let latest = 0;

const speakers = new SpeakersPanel(byId('panel-speakers'), {
    onJump: (quote) => toTab({ type: 'jump', quote }),
    onHoverSpeaker: () => {},
    onCorrect: (change) => correct(change),
});
const entities = new EntitiesPanel(byId('panel-entities'), {
    onCycle: (cluster) => {
        const total = (shown.model?.entities ?? []).filter((/** @type {any} */ e) => e.cluster === cluster).length;
        if (total === 0) return null;
        const index = ((mentionAt.get(cluster) ?? -1) + 1) % total;
        mentionAt.set(cluster, index);
        toTab({ type: 'mention', cluster, index });
        return { index, total };
    },
    onMerge: (from, into) => correct({ type: 'merge', from, into }),
    onUndo: (list, index) => correct({ type: 'undo', list, index }),
});

/** @param {object} message */
function toTab(message) {
    if (tabId !== null) chrome.tabs.sendMessage(tabId, message).catch(() => {});
}

/** Asks for the tab's state and draws it. */
async function refresh() {
    const request = ++latest;
    if (tabId === null) {
        // The tab the button was last used on in this window (a click opened this panel), else
        // the active one.
        const { id: windowId } = await chrome.windows.getCurrent();
        const last = await chrome.runtime.sendMessage({ type: 'acted', windowId }).catch(() => null);
        const [active] = await chrome.tabs.query({ active: true, windowId });
        tabId = last ?? active?.id ?? null;
    }
    /** @type {{status: string, message: string, title: string, url: string, text?: string, analysis?: any}} */
    const state = (tabId === null ? null : await chrome.runtime.sendMessage({ type: 'state', tabId }).catch(() => null)) ?? {
        status: 'off',
        message: 'Click the quotelens button to highlight the article of this tab.',
        title: '',
        url: '',
    };
    if (request !== latest) return;
    statusLine.dataset.status = state.status;
    statusLine.textContent = state.message;
    pageTitle.textContent = state.title;
    refreshButton.hidden = state.status !== 'stale';
    if ((state.status === 'on' || state.status === 'stale') && state.analysis && state.text !== undefined) {
        if (state.text !== shown.text || shown.raw === null) {
            const key = await textKey(state.text);
            const corrections = await loadCorrections(key);
            if (request !== latest) return;
            mentionAt.clear();
            shown = { text: state.text, raw: state.analysis, key, corrections, model: null };
            display();
            // Corrections stored earlier for this text: the page's marks follow them too.
            if (shown.model.applied.length > 0) toTab({ type: 'show', analysis: shown.model });
        }
    } else if (state.status !== 'working') {
        shown = { text: '', raw: null, key: '', corrections: emptyCorrections(), model: null };
        speakers.update(NOTHING);
        entities.update(NOTHING);
    }
    document.documentElement.dataset.status = state.status; // read by the tests
}

/** Draws the corrected analysis in both panels. */
function display() {
    shown.model = applyCorrections(shown.raw, shown.corrections);
    speakers.update(shown.model);
    entities.update(shown.model);
}

/** A correction from a panel: redrawn here and on the page, then stored for this text. */
async function correct(change) {
    if (!shown.raw) return;
    const after = withChange(shown.corrections, change);
    if (after === shown.corrections) return;
    shown.corrections = after;
    display();
    toTab({ type: 'show', analysis: shown.model });
    await saveCorrections(shown.key, after);
    exportStatus.textContent = 'Correction saved in this browser.';
}

wireTabs();
for (const button of document.querySelectorAll('[data-export]')) {
    const [format, how] = /** @type {HTMLElement} */ (button).dataset.export?.split(' ') ?? [];
    button.addEventListener('click', () => exportAs(format, how, shown, exportStatus));
}
refreshButton.addEventListener('click', async () => {
    if (tabId !== null) await chrome.runtime.sendMessage({ type: 'refresh', tabId });
    refresh();
});
chrome.runtime.onMessage.addListener((message, sender) => {
    if (message?.type === 'follow' && fixedTab === null) {
        // The button was used on a tab of this window: show that one.
        chrome.windows.getCurrent().then(({ id }) => {
            if (id !== message.windowId || message.tabId === tabId) return;
            tabId = message.tabId;
            refresh();
        });
        return;
    }
    if (message?.type !== 'changed') return;
    const from = sender.tab?.id ?? message.tabId;
    if (from === tabId) refresh();
});
chrome.tabs.onActivated.addListener(({ tabId: activated }) => {
    if (fixedTab !== null) return;
    tabId = activated;
    refresh();
});
refresh();
