// The legends above the article: one chip per quote kind, one for reported speech (claims) and
// one per entity label, with its count.
// Each chip is a toggle button (aria-pressed) that shows or hides that kind in the view (the
// view's data-hide; marks.css draws a hidden kind as plain text). Data from core/labels.js,
// colours from CSS.

import { claimsOf } from '../core/attribution.js';
import { CLAIM, ENTITY_LABELS, QUOTE_KINDS } from '../core/labels.js';

/**
 * Fills `quoteList` and `entityList` (<ul>s) with toggle chips; `onToggle(key, shown)` is
 * called on each press with the kind or label.
 */
function buildLegends(quoteList, entityList, onToggle) {
    const chip = (key, description, swatch, name) => {
        const count = document.createElement('span');
        count.className = 'legend__count';
        count.dataset.count = key;
        count.textContent = '–';
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'legend__toggle';
        button.dataset.toggle = key;
        button.setAttribute('aria-pressed', 'true');
        button.title = `${description} Press to hide or show.`;
        button.append(swatch, name, count);
        button.addEventListener('click', () => {
            const shown = button.getAttribute('aria-pressed') !== 'true';
            button.setAttribute('aria-pressed', String(shown));
            onToggle(key, shown);
        });
        const item = document.createElement('li');
        item.className = 'legend__item';
        item.dataset.kind = key;
        item.append(button);
        return item;
    };
    const swatched = (className, { kind, name, description }) => {
        const swatch = document.createElement('mark');
        swatch.className = `${className} legend__swatch`;
        swatch.dataset.kind = kind;
        swatch.setAttribute('aria-hidden', 'true');
        swatch.textContent = 'Aa';
        const label = document.createElement('span');
        label.className = 'legend__name';
        label.textContent = name;
        return chip(kind, description, swatch, label);
    };
    quoteList.replaceChildren(...QUOTE_KINDS.map((kind) => swatched('quote', kind)), swatched('claim', CLAIM));
    entityList.replaceChildren(
        ...ENTITY_LABELS.map(({ label, name, description }) => {
            const tag = document.createElement('span');
            tag.className = 'tag';
            tag.dataset.label = label;
            tag.textContent = label;
            const hidden = document.createElement('span');
            hidden.className = 'visually-hidden';
            hidden.textContent = ` ${name}`;
            return chip(label, `${name}: ${description}`, tag, hidden);
        }),
    );
}

/** Writes the counts: `counts` maps a kind or label to a number; null shows dashes. */
function updateCounts(list, counts) {
    for (const element of list.querySelectorAll('[data-count]')) {
        element.textContent = counts ? String(counts.get(/** @type {HTMLElement} */ (element).dataset.count ?? '') ?? 0) : '–';
    }
}

/**
 * Both legends of the view: builds their chips, applies the toggles to `view` (and reports the
 * hidden kinds in `hidden`, which keyboard navigation skips), and counts what `model` holds.
 */
export class Legends {
    /**
     * @param {HTMLElement} quoteList
     * @param {HTMLElement} entityList
     * @param {HTMLElement} view the article view
     * @param {Set<string>} hidden the hidden quote kinds and entity labels (kept up to date here)
     */
    constructor(quoteList, entityList, view, hidden) {
        this.quoteList = quoteList;
        this.entityList = entityList;
        buildLegends(quoteList, entityList, (key, shown) => {
            if (shown) hidden.delete(key);
            else hidden.add(key);
            if (hidden.size === 0) delete view.dataset.hide;
            else view.dataset.hide = [...hidden].join(' ');
        });
    }

    /**
     * The counts of `model` (quotes per kind, claims, mentions per label); null shows dashes.
     * @param {{quotes: Array<{kind: string}>, entities: Array<{label: string}>, attributions?: Array<{kind: string}>} | null} model
     */
    update(model) {
        const count = (keys, values) => {
            const counts = new Map(keys.map((key) => [key, 0]));
            for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
            return counts;
        };
        const kinds = [...QUOTE_KINDS.map((k) => k.kind), CLAIM.kind];
        const claims = model ? claimsOf(/** @type {any} */ (model)).map(() => CLAIM.kind) : [];
        updateCounts(this.quoteList, model ? count(kinds, [...model.quotes.map((q) => q.kind), ...claims]) : null);
        updateCounts(this.entityList, model ? count(ENTITY_LABELS.map((l) => l.label), model.entities.map((e) => e.label)) : null);
    }
}
