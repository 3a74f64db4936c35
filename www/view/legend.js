// The legends above the article: one chip per quote kind and per entity label, with its count.
// Each chip is a toggle button (aria-pressed) that shows or hides that kind in the view; the
// caller applies it (app.js sets the view's data-hide). Data from labels.js, colours from CSS.

import { ENTITY_LABELS, QUOTE_KINDS } from '../core/labels.js';

/**
 * Fills `quoteList` and `entityList` (<ul>s) with toggle chips; `onToggle(key, shown)` is
 * called on each press with the kind or label.
 */
export function buildLegends(quoteList, entityList, onToggle) {
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
    quoteList.replaceChildren(
        ...QUOTE_KINDS.map(({ kind, name, description }) => {
            const swatch = document.createElement('mark');
            swatch.className = 'quote legend__swatch';
            swatch.dataset.kind = kind;
            swatch.setAttribute('aria-hidden', 'true');
            swatch.textContent = 'Aa';
            const label = document.createElement('span');
            label.className = 'legend__name';
            label.textContent = name;
            return chip(kind, description, swatch, label);
        }),
    );
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
export function updateCounts(list, counts) {
    for (const element of list.querySelectorAll('[data-count]')) {
        element.textContent = counts ? String(counts.get(element.dataset.count) ?? 0) : '–';
    }
}
