// <quote-lens>: a highlighted copy of some text, drawn in its own shadow root, so the host
// page's CSS and ours never meet. Importing this module registers the element (once).
//
//     <quote-lens labels="direct partial PERSON" theme="auto" legend>“We are ready,” she said.</quote-lens>
//     <quote-lens for="article-id"></quote-lens>      (the text of the element with that id)
//
// Attributes: `for` (the id of the element whose text to show; else the element's own content),
// `labels` (space-separated quote kinds and entity labels; default all), `theme` (light, dark or
// auto, the default: follows the reader's colour scheme), `speakers="off"` (no speaker
// underline), `legend` (a key of the labels found, with counts). The text is re-read when the
// source changes. After every analysis the element dispatches `quotelens:analyzed` (bubbles,
// composed) with `detail: {text, analysis}`; a module that fails to load dispatches
// `quotelens:error` with `detail: {error}` and leaves the text plain.
//
// The shadow root holds only text nodes, <p> and <mark> elements made here; the text is read
// with the same walker as highlight() (paragraph breaks at block elements) and marked by it.

import { claimsOf } from '../core/attribution.js';
import { CLAIM, ENTITY_LABELS, QUOTE_KINDS } from '../core/labels.js';
import { analyze, init, isReady } from './index.js';
import { collectText, highlightElement, labelSet } from './highlight.js';
import { adoptStyles } from './styles.js';

const PREFIX = 'quotelens';
const LEGEND = [
    ...QUOTE_KINDS.map(({ kind, name }) => ({ key: kind, name, data: { kind }, className: `${PREFIX}-quote`, count: (a) => a.quotes.filter((q) => q.kind === kind).length })),
    { key: CLAIM.kind, name: CLAIM.name, data: { kind: 'indirect' }, className: `${PREFIX}-claim`, count: (a) => claimsOf(a).length },
    ...ENTITY_LABELS.map(({ label, name }) => ({ key: label, name, data: { label }, className: `${PREFIX}-entity`, count: (a) => a.entities.filter((e) => e.label === label).length })),
];

// Under Node (or any place without custom elements) the module still loads; it defines nothing.
const Base = globalThis.HTMLElement ?? class {};

export class QuoteLensElement extends Base {
    static observedAttributes = ['for', 'labels', 'theme', 'speakers', 'legend'];

    #legend = null;
    #body = null;
    #observer = null;
    #observed = null;
    #pending = false;
    #generation = 0;
    #result = null;

    /** The last analysis shown ({text, analysis}), or null before the first. */
    get result() {
        return this.#result;
    }

    connectedCallback() {
        if (!this.shadowRoot) {
            const root = this.attachShadow({ mode: 'open' });
            adoptStyles(root, PREFIX);
            this.#legend = document.createElement('ul');
            this.#legend.className = `${PREFIX}-legend`;
            this.#legend.setAttribute('part', 'legend');
            this.#legend.setAttribute('aria-label', 'Highlighted kinds');
            this.#body = document.createElement('div');
            this.#body.className = `${PREFIX}-body`;
            this.#body.setAttribute('part', 'body');
            root.append(this.#legend, this.#body);
        }
        this.#observe();
        this.refresh();
    }

    disconnectedCallback() {
        this.#observer?.disconnect();
        this.#observed = null;
    }

    attributeChangedCallback(name) {
        if (!this.isConnected) return;
        if (name === 'for') this.#observe();
        this.refresh();
    }

    /** Re-reads the source and redraws, once per task however often it is called. */
    refresh() {
        if (this.#pending) return;
        this.#pending = true;
        queueMicrotask(() => {
            this.#pending = false;
            this.#render();
        });
    }

    #source() {
        const id = this.getAttribute('for');
        return id ? this.ownerDocument.getElementById(id) : this;
    }

    #observe() {
        const source = this.#source();
        if (source === this.#observed) return;
        this.#observer?.disconnect();
        this.#observer ??= new MutationObserver(() => this.refresh());
        this.#observed = source;
        if (source) this.#observer.observe(source, { childList: true, characterData: true, subtree: true });
    }

    async #render() {
        const generation = ++this.#generation;
        const source = this.#source();
        const { text: sourceText } = source ? collectText(source) : { text: '' };
        const paragraphs = sourceText.split('\n').filter((line) => line.trim() !== '');
        this.#body.replaceChildren(
            ...paragraphs.map((line) => {
                const p = document.createElement('p');
                p.append(document.createTextNode(line));
                return p;
            }),
        );
        this.#legend.hidden = true;
        if (!isReady()) {
            try {
                await init();
            } catch (error) {
                this.dispatchEvent(new CustomEvent('quotelens:error', { bubbles: true, composed: true, detail: { error } }));
                return;
            }
            if (generation !== this.#generation) return; // a newer render is on its way
        }
        const labels = this.getAttribute('labels');
        const speakers = !/^(off|false|no)$/i.test(this.getAttribute('speakers') ?? '');
        // 'inherit': the colours come from :host (theme attribute), not from the body.
        const { text, analysis } = highlightElement(this.#body, (t) => analyze(t), {
            labels: labels ?? undefined,
            speakers,
            prefix: PREFIX,
            theme: 'inherit',
            injectStyles: false,
        });
        this.#drawLegend(analysis, labelSet(labels ?? undefined));
        this.#result = { text, analysis };
        this.dispatchEvent(new CustomEvent('quotelens:analyzed', { bubbles: true, composed: true, detail: { text, analysis } }));
    }

    #drawLegend(analysis, shown) {
        if (!this.hasAttribute('legend')) return;
        const items = LEGEND.filter((entry) => shown.has(entry.key) && entry.count(analysis) > 0).map((entry) => {
            const item = document.createElement('li');
            const swatch = document.createElement('mark');
            swatch.className = `${PREFIX}-mark ${entry.className}`;
            Object.assign(swatch.dataset, entry.data);
            swatch.setAttribute('aria-hidden', 'true');
            swatch.append('Aa');
            const count = document.createElement('b');
            count.append(String(entry.count(analysis)));
            item.append(swatch, `${entry.name} `, count);
            return item;
        });
        this.#legend.replaceChildren(...items);
        this.#legend.hidden = items.length === 0;
    }
}

if (globalThis.customElements && !customElements.get('quote-lens')) {
    customElements.define('quote-lens', QuoteLensElement);
}
