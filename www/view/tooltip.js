// One tooltip for the article view, shown on hover and on keyboard focus (a `title` attribute
// shows on hover only). Its content is built from text nodes; it is tied to the focused element
// with aria-describedby. Knows nothing of the analysis: callers hand it lines of text.

/** @typedef {{text: string, kind?: 'title' | 'note'}} TooltipLine a line of the tooltip */

const GAP = 8;
/** Linked marks within this many pixels of the target's first line are kept clear. */
const NEAR = 120;

export class Tooltip {
    /** @param {HTMLElement} element an empty element with role="tooltip" and an id */
    constructor(element) {
        this.element = element;
        this.target = null;
        // The target moves when the view scrolls (a jump scrolls smoothly after focusing): follow
        // it, out of sight while it is scrolled out of its view. Placed in the next animation
        // frame, where the target's position is the one painted: during a smooth scroll, a
        // position read in the scroll event is a step behind and the tooltip covered its mark.
        let frame = 0;
        const follow = () => {
            if (frame) return;
            frame = requestAnimationFrame(() => {
                frame = 0;
                if (!this.target) return;
                if (!this.target.isConnected) return this.hide();
                this.element.hidden = !isInView(this.target);
                if (!this.element.hidden) this.place(this.target);
            });
        };
        window.addEventListener('scroll', follow, { capture: true, passive: true });
        window.addEventListener('resize', follow, { passive: true });
    }

    /**
     * @param {Element} target
     * @param {TooltipLine[][]} sections
     * @param {Element[]} [keepVisible]
     * Shows `sections` (arrays of {text, kind?} lines, kind: 'title' | 'note' | undefined) by
     * `target`, above its first line box (below it when there is no room above), and clear of
     * the `keepVisible` elements near it (the lit speaker and cue the reader wants to see).
     */
    show(target, sections, keepVisible = []) {
        this.keepVisible = keepVisible;
        const doc = this.element.ownerDocument;
        const nodes = [];
        for (const lines of sections) {
            const section = doc.createElement('div');
            section.className = 'tooltip__section';
            for (const line of lines) {
                const row = doc.createElement('div');
                row.className = line.kind ? `tooltip__${line.kind}` : 'tooltip__line';
                row.textContent = line.text;
                section.appendChild(row);
            }
            nodes.push(section);
        }
        this.element.replaceChildren(...nodes);
        this.describe(target);
        // A target still scrolled out of its view (a jump scrolls smoothly to it) shows the tooltip
        // when it comes into view (the scroll listener above), not before.
        this.element.hidden = !isInView(target);
        if (!this.element.hidden) this.place(target);
    }

    hide() {
        this.element.hidden = true;
        this.describe(null);
    }

    describe(target) {
        if (this.target && this.target !== target) this.target.removeAttribute('aria-describedby');
        this.target = target;
        if (target) target.setAttribute('aria-describedby', this.element.id);
    }

    place(target) {
        const box = target.getClientRects()[0] ?? target.getBoundingClientRect();
        let { top: upper, bottom: lower } = box;
        for (const element of this.keepVisible ?? []) {
            const rect = element.getClientRects()[0];
            if (!rect || Math.abs(rect.top - box.top) > NEAR) continue;
            upper = Math.min(upper, rect.top);
            lower = Math.max(lower, rect.bottom);
        }
        const tip = this.element.getBoundingClientRect();
        const viewportWidth = document.documentElement.clientWidth;
        const left = Math.max(GAP, Math.min(box.left, viewportWidth - tip.width - GAP));
        const above = upper - tip.height - GAP;
        const top = above >= GAP ? above : lower + GAP;
        this.element.style.setProperty('--tooltip-x', `${Math.round(left)}px`);
        this.element.style.setProperty('--tooltip-y', `${Math.round(top)}px`);
    }
}

/** Whether `element`'s first line box is inside its scrolling container's visible box. */
function isInView(element) {
    const box = element.getClientRects()[0];
    if (!box) return false;
    let container = element.parentElement;
    while (container && container.scrollHeight <= container.clientHeight) container = container.parentElement;
    const frame = container ? container.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    return box.bottom > frame.top && box.top < frame.bottom;
}
