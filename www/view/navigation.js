// Where the reader is in the article: the current quote (keyboard j / k / s / S, a click, a
// panel entry) and the entity mention being stepped through from the entities panel. Moves
// focus and scrolls; the marks are found through the view's linking index.

/**
 * @typedef {{quotes: Array<{id: number, kind: string}>, entities: Array<{id: number, cluster: number}>}} Model
 */

export class Navigation {
    /**
     * @param {HTMLElement} view the article view
     * @param {import('./linking.js').Linking} linking
     * @param {import('../panels/speakers.js').SpeakersPanel} speakersPanel
     * @param {() => Model | null} model the corrected analysis shown
     * @param {Set<string>} hidden the quote kinds the legend hides
     */
    constructor(view, linking, speakersPanel, model, hidden) {
        this.view = view;
        this.linking = linking;
        this.speakersPanel = speakersPanel;
        this.model = model;
        this.hidden = hidden;
        /** @type {number | null} the current quote (an id of the corrected analysis) */
        this.currentQuote = null;
        /** @type {{cluster: number | null, index: number, pieces: Element[]}} */
        this.cycle = { cluster: null, index: -1, pieces: [] };
    }

    /** Forgets the place: a new text. */
    reset() {
        this.currentQuote = null;
        this.cycle = { cluster: null, index: -1, pieces: [] };
    }

    /** After a redraw: the current quote again (or the first visible one) is the one Tab reaches. */
    redrawn() {
        const model = this.model();
        if (this.currentQuote !== null && model && this.currentQuote >= model.quotes.length) this.currentQuote = null;
        this.markCurrent(this.currentQuote ?? this.visibleQuotes()[0]?.id ?? null);
        this.cycle.pieces = [];
    }

    /** The quotes j / k step through: those of kinds not hidden, in text order. */
    visibleQuotes() {
        return this.model()?.quotes.filter((q) => !this.hidden.has(q.kind)) ?? [];
    }

    /**
     * Makes quote `id` the one Tab reaches in the view, without moving focus.
     * @param {number | null} id
     */
    markCurrent(id) {
        for (const mark of this.view.querySelectorAll('mark.quote.is-current, [tabindex="0"]')) {
            mark.classList.remove('is-current');
            /** @type {HTMLElement} */ (mark).tabIndex = -1;
        }
        const mark = id === null ? null : this.linking.quoteMark(id);
        if (!mark) return;
        mark.tabIndex = 0;
        if (id === this.currentQuote) mark.classList.add('is-current');
        this.speakersPanel.setCurrent(this.currentQuote, { scroll: false });
    }

    /**
     * Moves to quote `id`: focuses it (and scrolls to it) in the view, marks its panel entry.
     * @param {number} id
     */
    goToQuote(id, { scroll = true } = {}) {
        const mark = this.linking.quoteMark(id);
        if (!mark) return;
        this.currentQuote = id;
        this.markCurrent(id);
        mark.focus({ preventScroll: true });
        if (scroll) mark.scrollIntoView({ block: 'center', behavior: motion() });
        this.speakersPanel.setCurrent(id);
    }

    /** @param {1 | -1} step */
    nextQuote(step) {
        const quotes = this.visibleQuotes();
        if (quotes.length === 0) return;
        const at = quotes.findIndex((q) => q.id === this.currentQuote);
        const next = at < 0 ? (step > 0 ? 0 : quotes.length - 1) : Math.min(quotes.length - 1, Math.max(0, at + step));
        this.goToQuote(quotes[next].id);
    }

    /** @param {1 | -1} step */
    nextSpeaker(step) {
        const groups = this.speakersPanel.groups;
        if (groups.length === 0) return;
        const at = this.currentQuote === null ? -1 : this.speakersPanel.groupOf(this.currentQuote);
        const next = at < 0 ? (step > 0 ? 0 : groups.length - 1) : (at + step + groups.length) % groups.length;
        const group = groups[next];
        if (group.quotes.length > 0) this.goToQuote(group.quotes[0].id);
        else if (group.claims.length > 0) this.goToClaim(group.claims[0].id);
    }

    /**
     * Moves to claim `id` (reported speech): focuses its first piece and scrolls to it.
     * @param {number} id
     */
    goToClaim(id) {
        const mark = /** @type {HTMLElement | undefined} */ (this.linking.claimPieces(id)[0]);
        if (!mark) return;
        mark.focus({ preventScroll: true });
        mark.scrollIntoView({ block: 'center', behavior: motion() });
    }

    /**
     * Shows the next mention of entity cluster `cluster`; returns which one it is.
     * @param {number} cluster
     */
    nextMention(cluster) {
        const mentions = this.model()?.entities.filter((e) => e.cluster === cluster) ?? [];
        if (mentions.length === 0) return null;
        const index = this.cycle.cluster === cluster ? (this.cycle.index + 1) % mentions.length : 0;
        for (const piece of this.cycle.pieces) piece.classList.remove('is-current');
        const pieces = this.linking.entityPieces(mentions[index].id);
        for (const piece of pieces) piece.classList.add('is-current');
        this.cycle = { cluster, index, pieces };
        if (pieces[0]) {
            pieces[0].scrollIntoView({ block: 'center', behavior: motion() });
            /** @type {HTMLElement} */ (pieces[0]).focus({ preventScroll: true });
        }
        return { index, total: mentions.length };
    }
}

function motion() {
    return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
