// The "Who said what" panel: one entry per speaker (display name, number of quotes and claims),
// their quotes in text order with the cue, then their claims (reported speech, which a checkbox
// hides), the unattributed ones last; a click jumps to a quote or claim. Each quote or claim can
// be corrected here: another speaker (any person or organisation of the article), or "not a
// quotation" / "not reported speech". The panel reports what the user asks for through callbacks;
// it keeps no corrections itself.

import { creditOf, inferredReason, isDoubtful, isInferred, speakerGroups } from '../core/attribution.js';
import { clusterKey, quoteKey } from '../model/corrections.js';
import { CLAIM, SPEAKER_LABELS, entityLabel, quoteKind } from '../core/labels.js';
import { correctionList, el, excerpt } from './dom.js';

/** @type {import('../core/types.js').ShownAnalysis} */
const NOTHING = { schema: 0, unit: 'utf16', quotes: [], entities: [], clusters: [], paragraphs: [] };

export class SpeakersPanel {
    /**
     * @param {HTMLElement} root the panel's container
     * @param {{
     *   onJump: (quoteId: number) => void,
     *   onJumpClaim: (claimId: number) => void,
     *   onHoverSpeaker: (key: string | null) => void,
     *   onCorrect: (change: {type: 'speaker', quote: string, entity: string | null}
     *                     | {type: 'notQuote', quote: string}
     *                     | {type: 'undo', list: string, index: number}
     *                     | {type: 'reset'}) => void,
     * }} callbacks
     */
    constructor(root, callbacks) {
        this.root = root;
        this.callbacks = callbacks;
        this.groups = [];
        this.current = null;
        /** @type {import('../core/types.js').ShownAnalysis} the analysis shown (update() sets it) */
        this.analysis = NOTHING;
        /** @type {import('../core/types.js').ClusterOut[]} who a quote can be credited to */
        this.candidates = [];
        this.list = el('div', { className: 'speaker-list' });
        /** Whether claims (reported speech) are listed. */
        this.showClaims = true;
        const claimsToggle = el('input', {
            type: 'checkbox',
            className: 'claims-toggle',
            checked: true,
            onchange: () => {
                this.showClaims = claimsToggle.checked;
                this.update(this.analysis);
            },
        });
        this.correctionsBox = el('section', { className: 'corrections', 'aria-label': 'Your corrections', hidden: true });
        root.replaceChildren(
            el('label', { className: 'panel__note panel__option' }, claimsToggle, ' List reported speech (she said that …) under each speaker'),
            keyHelp(),
            this.list,
            this.correctionsBox,
        );
        this.list.addEventListener('keydown', (event) => this.onArrow(event));
        this.list.addEventListener('mouseleave', () => callbacks.onHoverSpeaker(null));
    }

    /** Redraws the panel for the corrected `analysis` (from corrections.js).
     * @param {import('../core/types.js').ShownAnalysis} analysis
     */
    update(analysis) {
        this.analysis = analysis;
        this.groups = speakerGroups(analysis, { claims: this.showClaims });
        const candidates = analysis.clusters
            .filter((c) => SPEAKER_LABELS.has(c.label))
            .sort((a, b) => a.name.localeCompare(b.name));
        this.candidates = candidates;
        if (this.groups.length === 0) {
            this.list.replaceChildren(el('p', { className: 'panel__empty' }, this.showClaims ? 'No quotations or reported speech found.' : 'No quotations found.'));
        } else {
            this.list.replaceChildren(...this.groups.map((group, i) => this.renderGroup(group, i)));
        }
        const corrections = correctionList(analysis.applied ?? [], ['speakers', 'notQuotes', 'merges'], (type, index) =>
            this.callbacks.onCorrect({ type: 'undo', list: type, index }),
        );
        this.correctionsBox.hidden = corrections === null;
        if (corrections) {
            this.correctionsBox.replaceChildren(
                el(
                    'div',
                    { className: 'corrections__head' },
                    el('h3', { className: 'panel__subtitle' }, 'Your corrections'),
                    el('button', { type: 'button', className: 'link-button', onclick: () => this.callbacks.onCorrect({ type: 'reset' }) }, 'Undo all'),
                ),
                el('p', { className: 'panel__hint' }, 'Saved in this browser for this text. They are part of the exports.'),
                corrections,
            );
        }
        if (this.current !== null) this.setCurrent(this.current, { scroll: false });
    }

    renderGroup(group, index) {
        const cluster = group.entity === null ? null : this.analysis.clusters.find((c) => c.id === group.entity);
        const unattributed = group.key === null;
        const headingId = `speaker-${index}`;
        return el(
            'section',
            {
                className: `speaker${unattributed ? ' speaker--none' : ''}`,
                dataset: { speakerKey: group.key ?? '', group: String(index) },
                'aria-labelledby': headingId,
                onmouseenter: () => this.callbacks.onHoverSpeaker(group.key),
            },
            el(
                'h3',
                { className: 'speaker__head', id: headingId },
                el('span', { className: 'speaker__name' }, group.name),
                cluster ? el('span', { className: 'tag', dataset: { label: cluster.label }, title: entityLabel(cluster.label).name }, cluster.label) : null,
                el('span', { className: 'count', 'aria-label': countLabel(group) }, String(group.quotes.length + group.claims.length)),
            ),
            el('ol', { className: 'speaker__quotes' }, group.quotes.map((quote) => this.renderQuote(quote)), group.claims.map((claim) => this.renderClaim(claim))),
        );
    }

    renderClaim(claim) {
        const meta = [];
        if (claim.cue) meta.push(el('span', { className: 'entry__cue' }, claim.cue.text));
        meta.push(el('span', {}, CLAIM.name));
        if (claim.corrected) meta.push(el('span', { className: 'flag flag--corrected', title: 'You set this source' }, 'corrected'));
        else if (isInferred(claim)) meta.push(el('span', { className: 'flag flag--inferred', title: inferredReason(claim) }, isDoubtful(claim) ? 'doubtful' : 'inferred'));
        const editor = el('div', { className: 'entry__editor', hidden: true });
        const edit = el(
            'button',
            {
                type: 'button',
                className: 'entry__edit',
                'aria-expanded': 'false',
                'aria-label': `Edit “${excerpt(claim.content.text, 40)}”: its source, or not reported speech`,
                title: 'Correct the source, or mark as not reported speech',
                onclick: () => this.toggleEditor(claim, editor, edit),
            },
            'Edit',
        );
        return el(
            'li',
            { className: 'entry entry--claim', dataset: { claim: String(claim.id) } },
            el(
                'button',
                { type: 'button', className: 'entry__jump', dataset: { claim: String(claim.id) }, onclick: () => this.callbacks.onJumpClaim(claim.id) },
                el('span', { className: 'entry__text' }, excerpt(claim.content.text)),
                el('span', { className: 'entry__meta' }, meta),
            ),
            edit,
            editor,
        );
    }

    renderQuote(quote) {
        const meta = [];
        if (quote.cue) meta.push(el('span', { className: 'entry__cue' }, quote.cue.text));
        meta.push(el('span', {}, quoteKind(quote.kind).name));
        meta.push(el('span', {}, `¶ ${quote.paragraph + 1}`));
        if (quote.corrected) meta.push(el('span', { className: 'flag flag--corrected', title: 'You set this speaker' }, 'corrected'));
        else if (isInferred(quote)) meta.push(el('span', { className: 'flag flag--inferred', title: inferredReason(quote) }, 'inferred'));
        const editor = el('div', { className: 'entry__editor', hidden: true });
        const edit = el(
            'button',
            {
                type: 'button',
                className: 'entry__edit',
                'aria-expanded': 'false',
                // The accessible name starts with the visible word (WCAG 2.5.3, label in name).
                'aria-label': `Edit “${excerpt(quote.text, 40)}”: its speaker, or not a quotation`,
                title: 'Correct the speaker, or mark as not a quotation',
                onclick: () => this.toggleEditor(quote, editor, edit),
            },
            'Edit',
        );
        return el(
            'li',
            { className: 'entry', dataset: { quote: String(quote.id) } },
            el(
                'button',
                {
                    type: 'button',
                    className: 'entry__jump',
                    dataset: { quote: String(quote.id) },
                    onclick: () => this.callbacks.onJump(quote.id),
                },
                el('span', { className: 'entry__text' }, `“${excerpt(quote.text)}”`),
                el('span', { className: 'entry__meta' }, meta),
            ),
            edit,
            editor,
        );
    }

    toggleEditor(quote, editor, button) {
        const open = editor.hidden;
        editor.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        if (!open) return editor.replaceChildren();
        const claim = 'content' in quote;
        const credited = creditOf(quote);
        const current = credited?.entity ?? null;
        const select = el(
            'select',
            { className: 'select', 'aria-label': claim ? 'Source' : 'Speaker' },
            el('option', { value: '', selected: credited === null }, 'Nobody (unattributed)'),
            this.candidates.map((c) =>
                el('option', { value: clusterKey(this.analysis, c.id), selected: c.id === current }, `${c.name} (${entityLabel(c.label).name.toLowerCase()})`),
            ),
        );
        const form = el(
            'form',
            {
                className: 'editor',
                onkeydown: (event) => {
                    if (event.key !== 'Escape') return;
                    event.preventDefault();
                    this.toggleEditor(quote, editor, button);
                    button.focus();
                },
                onsubmit: (event) => {
                    event.preventDefault();
                    this.callbacks.onCorrect({ type: 'speaker', quote: quoteKey(quote), entity: select.value === '' ? null : select.value });
                },
            },
            el('label', { className: 'editor__label' }, 'Said by', select),
            el(
                'div',
                { className: 'editor__actions' },
                el('button', { type: 'submit', className: 'button button--primary' }, claim ? 'Set source' : 'Set speaker'),
                el(
                    'button',
                    { type: 'button', className: 'button', onclick: () => this.callbacks.onCorrect({ type: 'notQuote', quote: quoteKey(quote) }) },
                    claim ? 'Not reported speech' : 'Not a quotation',
                ),
                el('button', { type: 'button', className: 'link-button', onclick: () => this.toggleEditor(quote, editor, button) }, 'Cancel'),
            ),
        );
        editor.replaceChildren(form);
        select.focus();
    }

    /** Marks quote `id` as the current one (aria-current) and scrolls its entry into view. */
    setCurrent(id, { scroll = true } = {}) {
        this.current = id;
        for (const entry of this.list.querySelectorAll('.entry[aria-current]')) entry.removeAttribute('aria-current');
        const entry = this.list.querySelector(`.entry[data-quote="${id}"]`);
        if (!entry) return;
        entry.setAttribute('aria-current', 'true');
        if (scroll) entry.scrollIntoView({ block: 'nearest' });
    }

    /** Moves focus to the entry of quote `id` (after a correction redrew the panel). */
    focusEntry(id) {
        this.list.querySelector(`.entry__jump[data-quote="${id}"]`)?.focus();
    }

    /** The group index holding quote `id` (−1 if none). */
    groupOf(id) {
        return this.groups.findIndex((g) => g.quotes.some((q) => q.id === id));
    }

    /** Arrow keys move between the entries' jump buttons. */
    onArrow(event) {
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
        const buttons = [...this.list.querySelectorAll('.entry__jump')];
        const at = buttons.indexOf(document.activeElement);
        if (at < 0) return;
        event.preventDefault();
        const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
        next.focus();
    }
}

/** The count's spoken form: "3 quotes and 1 claim". */
function countLabel(group) {
    const counted = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
    return group.claims.length === 0 ? counted(group.quotes.length, 'quote') : `${counted(group.quotes.length, 'quote')} and ${counted(group.claims.length, 'claim')}`;
}

function keyHelp() {
    const key = (k) => el('kbd', {}, k);
    return el(
        'p',
        { className: 'panel__keys', id: 'key-help' },
        'Keys: ', key('j'), ' / ', key('k'), ' next / previous quote · ', key('s'), ' / ', key('S'), ' next / previous speaker · ',
        key('↑'), ' ', key('↓'), ' in this list',
    );
}
