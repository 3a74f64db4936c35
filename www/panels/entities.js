// The entities panel: the article's entities grouped by label (in legend order), one row per
// cluster with its display name and number of mentions. A click on a row asks for the next
// mention of that cluster (the caller scrolls to it and says which it was); a form merges two
// entities that are one. Reports through callbacks; keeps no corrections itself.

import { clusterKey } from '../model/corrections.js';
import { ENTITY_LABELS, entityLabel } from '../core/labels.js';
import { correctionList, el } from './dom.js';

export class EntitiesPanel {
    /**
     * @param {HTMLElement} root
     * @param {{
     *   onCycle: (clusterId: number) => {index: number, total: number} | null,
     *   onMerge: (from: string, into: string) => void,
     *   onUndo: (list: string, index: number) => void,
     * }} callbacks
     */
    constructor(root, callbacks) {
        this.root = root;
        this.callbacks = callbacks;
        this.list = el('div', { className: 'entity-list' });
        this.mergeBox = el('section', { className: 'merge', 'aria-labelledby': 'merge-heading' });
        root.replaceChildren(
            el('p', { className: 'panel__note' }, 'Click a name to step through its mentions in the article.'),
            this.list,
            this.mergeBox,
        );
    }

    /** @param {import('../core/types.js').ShownAnalysis} analysis */
    update(analysis) {
        this.analysis = analysis;
        const byLabel = new Map();
        for (const cluster of analysis.clusters) {
            const list = byLabel.get(cluster.label) ?? [];
            list.push(cluster);
            byLabel.set(cluster.label, list);
        }
        const labels = [...ENTITY_LABELS.map((l) => l.label), ...[...byLabel.keys()].filter((l) => !ENTITY_LABELS.some((e) => e.label === l))];
        const groups = labels
            .filter((label) => byLabel.has(label))
            .map((label) => this.renderGroup(label, byLabel.get(label).sort((a, b) => b.mentions - a.mentions || a.id - b.id)));
        this.list.replaceChildren(...(groups.length > 0 ? groups : [el('p', { className: 'panel__empty' }, 'No names, places, dates or figures found.')]));
        this.renderMerge(analysis);
    }

    renderGroup(label, clusters) {
        const info = entityLabel(label);
        const mentions = clusters.reduce((n, c) => n + c.mentions, 0);
        const headingId = `entities-${label}`;
        return el(
            'section',
            { className: 'entity-group', dataset: { label }, 'aria-labelledby': headingId },
            el(
                'h3',
                { className: 'entity-group__head', id: headingId },
                el('span', { className: 'tag', dataset: { label } }, label),
                el('span', { className: 'entity-group__name' }, info.name),
                el('span', { className: 'entity-group__total' }, `${mentions} mention${mentions === 1 ? '' : 's'}`),
            ),
            el(
                'ul',
                { className: 'entity-group__rows' },
                clusters.map((cluster) => {
                    const position = el('span', { className: 'entity-row__position', 'aria-live': 'polite' });
                    return el(
                        'li',
                        {},
                        el(
                            'button',
                            {
                                type: 'button',
                                className: 'entity-row',
                                dataset: { cluster: String(cluster.id) },
                                title: `${info.name}: show the next mention`,
                                onclick: () => {
                                    const at = this.callbacks.onCycle(cluster.id);
                                    for (const other of this.list.querySelectorAll('.entity-row__position')) other.textContent = '';
                                    position.textContent = at ? `${at.index + 1} of ${at.total}` : '';
                                },
                            },
                            el('span', { className: 'entity-row__name' }, cluster.name),
                            position,
                            el('span', { className: 'count', 'aria-label': `${cluster.mentions} mentions` }, `×${cluster.mentions}`),
                        ),
                    );
                }),
            ),
        );
    }

    renderMerge(analysis) {
        const options = [...analysis.clusters]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((c) => ({ value: clusterKey(analysis, c.id), text: `${c.name} (${entityLabel(c.label).name.toLowerCase()}, ×${c.mentions})` }));
        const select = (label, id) =>
            el('select', { className: 'select', id, 'aria-label': label }, options.map((o) => el('option', { value: o.value }, o.text)));
        const from = select('Entity to merge', 'merge-from');
        const into = select('Entity it is the same as', 'merge-into');
        if (options.length > 1) into.selectedIndex = 1;
        const undo = correctionList(analysis.applied ?? [], ['merges'], (type, index) => this.callbacks.onUndo(type, index));
        this.mergeBox.replaceChildren(
            el('h3', { className: 'panel__subtitle', id: 'merge-heading' }, 'Merge two entities'),
            el('p', { className: 'panel__hint' }, 'When the analyser took one person or organisation for two.'),
            el(
                'form',
                {
                    className: 'merge__form',
                    onsubmit: (event) => {
                        event.preventDefault();
                        if (from.value !== into.value) this.callbacks.onMerge(from.value, into.value);
                    },
                },
                el('label', { className: 'editor__label' }, 'Merge', from),
                el('label', { className: 'editor__label' }, 'into', into),
                el('button', { type: 'submit', className: 'button', disabled: options.length < 2 }, 'Merge'),
            ),
            // No list without corrections: `replaceChildren` would write a null as the text "null".
            ...(undo ? [undo] : []),
        );
    }
}
