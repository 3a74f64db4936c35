// Linking in the article view: hovering or focusing a quote or a claim (reported speech) lights
// its speaker mention (a claim's source) and its cue; hovering or focusing a speaker mention (or
// any other mention of a quoted person or organisation, outside quotes) lights every quote and
// claim of that speaker; and either shows the tooltip (kind, speaker, why an attribution is
// inferred or doubtful; an entity's label and the name of its cluster). Lighting is a class (`is-lit`), styled in page.css.

import { inferredReason, isInferred, speakerName } from '../core/attribution.js';
import { CLAIM, entityLabel, quoteKind } from '../core/labels.js';

/** The ids in a mark's `data-quotes` / `data-claims` (absent or empty: none). */
function ids(list) {
    return list ? list.split(' ').map(Number) : [];
}

/** @typedef {import('./tooltip.js').TooltipLine} TooltipLine */

export class Linking {
    /**
     * @param {HTMLElement} view the article view
     * @param {import('./tooltip.js').Tooltip} tooltip
     */
    constructor(view, tooltip) {
        this.view = view;
        this.tooltip = tooltip;
        /** @type {import('../core/types.js').ShownAnalysis | null} null until the first update() */
        this.analysis = null;
        this.lit = [];
        this.index = emptyIndex();
        this.hovered = null;
        /** @type {Map<number, import('../core/types.js').ClusterOut>} */
        this.clustersById = new Map();
        /** @type {Map<number, number>} mentions per cluster */
        this.mentionCount = new Map();
        view.addEventListener('mouseover', (event) => this.enter(event.target, 'hover'));
        view.addEventListener('mouseleave', () => this.leave('hover'));
        view.addEventListener('focusin', (event) => this.enter(event.target, 'focus'));
        view.addEventListener('focusout', (event) => {
            if (!(event.relatedTarget instanceof Node && view.contains(event.relatedTarget))) this.leave('focus');
        });
    }

    /** Call after each render: indexes the view's marks for `analysis` (the corrected one).
     * @param {import('../core/types.js').ShownAnalysis} analysis
     */
    update(analysis) {
        this.analysis = analysis;
        this.clear();
        this.tooltip.hide();
        this.index = indexMarks(this.view);
        this.clustersById = new Map(analysis.clusters.map((c) => [c.id, c]));
        this.mentionCount = new Map();
        for (const entity of analysis.entities) this.mentionCount.set(entity.cluster, (this.mentionCount.get(entity.cluster) ?? 0) + 1);
    }

    /** The quote mark of quote `id`, if shown. */
    quoteMark(id) {
        return this.index.quotes.get(id) ?? null;
    }

    /** The pieces of entity `id`'s mark, in text order. */
    entityPieces(id) {
        return this.index.entities.get(id) ?? [];
    }

    enter(target, how) {
        if (!(target instanceof Element) || !this.analysis) return;
        const mark = target.closest('mark');
        if (!mark || !this.view.contains(mark)) {
            if (how === 'hover' && this.hovered) this.leave('hover');
            return;
        }
        if (how === 'hover') {
            if (mark === this.hovered) return;
            this.hovered = mark;
        }
        this.clear();
        const quoteMark = mark.closest('mark.quote');
        const claimMark = mark.closest('mark.claim');
        const speaker = mark.closest('mark.speaker');
        if (speaker) this.lightSpeakerMark(speaker);
        else if (quoteMark) this.lightQuote(Number(/** @type {HTMLElement} */ (quoteMark).dataset.quote));
        else if (claimMark) this.lightClaim(Number(/** @type {HTMLElement} */ (claimMark).dataset.claim));
        // Any mention of someone quoted, outside quotes, is their speaker too.
        else if (mark.matches('mark.entity')) this.lightSpeaker(`entity:${mark.dataset.cluster}`);
        this.tooltip.show(mark, this.describe(mark), this.lit);
    }

    leave(how) {
        if (how === 'hover') this.hovered = null;
        this.clear();
        const focused = document.activeElement;
        if (how === 'hover' && focused instanceof Element && this.view.contains(focused) && focused.matches('mark')) {
            this.enter(focused, 'focus');
        } else {
            this.tooltip.hide();
        }
    }

    /** Lights quote `id`, its speaker mention and its cue. */
    lightQuote(id) {
        const quote = this.index.quotes.get(id);
        if (quote) this.light([quote]);
        this.light(this.index.mentionsOf.get(id) ?? []);
    }

    /** Lights claim `id` (every piece of it), its source mention and its cue. */
    lightClaim(id) {
        this.light(this.index.claims.get(id) ?? []);
        this.light(this.index.mentionsOfClaim.get(id) ?? []);
    }

    /** The pieces of claim `id`'s mark, in text order. */
    claimPieces(id) {
        return this.index.claims.get(id) ?? [];
    }

    /** Lights every quote and claim of the speaker group `key` (and the mentions credited with them). */
    lightSpeaker(key) {
        const marks = this.index.bySpeaker.get(key) ?? [];
        this.light(marks);
        for (const mark of marks) {
            if (mark.dataset.claim !== undefined) this.light(this.index.mentionsOfClaim.get(Number(mark.dataset.claim)) ?? []);
            else this.light(this.index.mentionsOf.get(Number(mark.dataset.quote)) ?? []);
        }
    }

    lightSpeakerMark(mark) {
        const keys = new Set();
        for (const id of ids(mark.dataset.quotes)) keys.add(this.index.quotes.get(id)?.dataset.speakerKey);
        for (const id of ids(mark.dataset.claims)) keys.add(this.index.claims.get(id)?.[0]?.dataset.speakerKey);
        for (const key of keys) if (key) this.lightSpeaker(key);
        this.light(this.index.speakerPieces.get(`${mark.dataset.quotes}|${mark.dataset.claims}`) ?? [mark]);
    }

    light(marks) {
        for (const mark of marks) {
            mark.classList.add('is-lit');
            this.lit.push(mark);
        }
    }

    clear() {
        for (const mark of this.lit) mark.classList.remove('is-lit');
        this.lit = [];
    }

    /** The tooltip's sections for `mark`: the innermost mark first, then its enclosing quote. */
    describe(mark) {
        /** @type {TooltipLine[][]} */
        const sections = [];
        if (mark.matches('mark.entity')) sections.push(this.describeEntity(mark));
        if (mark.matches('mark.speaker')) sections.push(this.describeSpeaker(mark));
        const quoteMark = mark.closest('mark.quote');
        if (quoteMark) sections.push(this.describeQuote(Number(quoteMark.dataset.quote)));
        const claimMark = mark.closest('mark.claim');
        if (claimMark) sections.push(this.describeClaim(Number(claimMark.dataset.claim)));
        if (mark.matches('mark.cue')) sections.push([{ text: 'Cue (reporting words)', kind: 'title' }]);
        return sections.filter((s) => s.length > 0);
    }

    describeEntity(mark) {
        const entity = this.analysis?.entities[Number(mark.dataset.entity)];
        if (!entity) return [];
        const cluster = this.clustersById.get(entity.cluster);
        /** @type {TooltipLine[]} */
        const lines = [{ text: `${entityLabel(entity.label).name} · ${cluster?.name ?? entity.text}`, kind: 'title' }];
        const count = this.mentionCount.get(entity.cluster) ?? 1;
        if (count > 1) lines.push({ text: `Mentioned ${count} times` });
        return lines;
    }

    describeSpeaker(mark) {
        const quoteIds = ids(mark.dataset.quotes);
        const claimIds = ids(mark.dataset.claims);
        const claims = this.analysis?.attributions ?? [];
        const first = quoteIds.length > 0 ? this.analysis?.quotes[quoteIds[0]] : claims[claimIds[0]];
        if (!first) return [];
        const name = speakerName(first, this.clustersById);
        /** @type {TooltipLine[]} */
        const lines = [{ text: `Speaker: ${name}`, kind: 'title' }];
        const counted = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
        const credited = [quoteIds.length > 0 ? counted(quoteIds.length, 'quote') : '', claimIds.length > 0 ? counted(claimIds.length, 'claim') : ''];
        lines.push({ text: `Credited with ${credited.filter(Boolean).join(' and ')} here` });
        if (isInferred(first)) lines.push({ text: `Inferred: ${inferredReason(first)}`, kind: 'note' });
        return lines;
    }

    describeClaim(id) {
        const claim = this.analysis?.attributions?.[id];
        if (!claim) return [];
        /** @type {TooltipLine[]} */
        const lines = [{ text: `${CLAIM.name} speech${claim.kind === 'mixed' ? ' · with quoted words' : ''}`, kind: 'title' }];
        if (claim.source) {
            const name = speakerName(claim, this.clustersById);
            const mention = name === claim.source.text ? '' : ` (“${claim.source.text}”)`;
            lines.push({ text: `Source: ${name}${mention}` });
        } else {
            lines.push({ text: 'No source found' });
        }
        if (claim.cue) lines.push({ text: `Cue: ${claim.cue.text}` });
        if (claim.corrected) lines.push({ text: 'Source set by you', kind: 'note' });
        else if (isInferred(claim)) lines.push({ text: `Inferred: ${inferredReason(claim)}`, kind: 'note' });
        return lines;
    }

    describeQuote(id) {
        const quote = this.analysis?.quotes[id];
        if (!quote) return [];
        const kind = quoteKind(quote.kind);
        /** @type {TooltipLine[]} */
        const lines = [{ text: `${kind.name} quote${quote.unclosed ? ' · no closing mark' : ''}`, kind: 'title' }];
        if (quote.speaker) {
            const name = speakerName(quote, this.clustersById);
            const mention = name === quote.speaker.text ? '' : ` (“${quote.speaker.text}”)`;
            lines.push({ text: `Speaker: ${name}${mention}` });
        } else if (quote.kind !== 'term') {
            lines.push({ text: 'No speaker found' });
        }
        if (quote.cue) lines.push({ text: `Cue: ${quote.cue.text}` });
        if (quote.corrected) lines.push({ text: 'Speaker set by you', kind: 'note' });
        else if (isInferred(quote)) lines.push({ text: `Inferred: ${inferredReason(quote)}`, kind: 'note' });
        return lines;
    }
}

function emptyIndex() {
    return {
        quotes: new Map(),
        claims: new Map(),
        mentionsOf: new Map(),
        mentionsOfClaim: new Map(),
        bySpeaker: new Map(),
        entities: new Map(),
        speakerPieces: new Map(),
    };
}

/** One pass over the view's marks: quote id → mark, quote id → its speaker/cue marks, etc. */
function indexMarks(view) {
    const index = emptyIndex();
    const push = (map, key, value) => {
        const list = map.get(key);
        if (list) list.push(value);
        else map.set(key, [value]);
    };
    for (const mark of view.querySelectorAll('mark')) {
        const kind = mark.className;
        if (kind === 'quote' || kind.startsWith('quote ')) {
            const id = Number(mark.dataset.quote);
            index.quotes.set(id, mark);
            if (mark.dataset.speakerKey) push(index.bySpeaker, mark.dataset.speakerKey, mark);
        } else if (mark.classList.contains('claim')) {
            const id = Number(mark.dataset.claim);
            push(index.claims, id, mark);
            if (mark.dataset.speakerKey) push(index.bySpeaker, mark.dataset.speakerKey, mark);
        } else if (mark.classList.contains('speaker') || mark.classList.contains('cue')) {
            for (const id of ids(mark.dataset.quotes)) push(index.mentionsOf, id, mark);
            for (const id of ids(mark.dataset.claims)) push(index.mentionsOfClaim, id, mark);
            if (mark.classList.contains('speaker')) push(index.speakerPieces, `${mark.dataset.quotes}|${mark.dataset.claims}`, mark);
        } else if (mark.classList.contains('entity')) {
            push(index.entities, Number(mark.dataset.entity), mark);
        }
    }
    return index;
}
