// Keyboard access to the highlights: the view is one tab stop (a roving tabindex), the arrow
// keys move between highlights, Home and End go to the first and last, and Enter or Space acts
// as a click (which selects the quotation in the article). Each highlight is announced with its
// label: the `title` render.js gives it, exposed as the accessible description, which leaves the
// text that users copy unchanged.
//
// Only the highlight that holds the tab stop has tabindex 0. It works on any <mark> in the view,
// whatever draws it, and keeps a stop the page gave (the current quote).

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * Makes the highlights in `view` reachable by keyboard. Call once; it follows every redraw.
 * @param {HTMLElement} view
 */
export function enableMarkNavigation(view) {
    /** @type {HTMLElement | null} the highlight holding the tab stop */
    let stop = null;
    let named = 0;

    const firstMark = () => view.querySelector('mark');
    const isMark = (node) => node instanceof HTMLElement && node.localName === 'mark' && view.contains(node);

    /** Gives `mark` the tab stop (and, when `focus`, the focus). */
    const moveStop = (mark, focus) => {
        if (!mark) return;
        // One tab stop in the view, whoever set the last one (app.js gives it to the current
        // quote). The others stay focusable by script (-1): the panels move focus to them.
        for (const other of view.querySelectorAll('[tabindex="0"]')) if (other !== mark) /** @type {HTMLElement} */ (other).tabIndex = -1;
        stop = mark;
        mark.tabIndex = 0;
        // Named by its own text (a <mark> is not named from its content otherwise, so focus
        // would announce only the label), described by its label.
        if (!mark.id) mark.id = `highlight-${++named}`;
        mark.setAttribute('aria-labelledby', mark.id);
        if (mark.title) mark.setAttribute('aria-description', mark.title);
        if (focus) mark.focus();
    };

    /** The next (or previous) <mark> after `from` in document order, inside the view. */
    const step = (from, forward) => {
        const walker = view.ownerDocument.createTreeWalker(view, NodeFilter.SHOW_ELEMENT, {
            acceptNode: (node) => (node.nodeName === 'MARK' ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
        });
        walker.currentNode = from;
        return /** @type {HTMLElement | null} */ (forward ? walker.nextNode() : walker.previousNode());
    };

    const lastMark = () => {
        const marks = view.getElementsByTagName('mark');
        return /** @type {HTMLElement | null} */ (marks[marks.length - 1] ?? null);
    };

    // After every redraw, the first highlight takes the tab stop (the old one is gone).
    const refresh = () => {
        if (stop && view.contains(stop) && stop.tabIndex === 0) return;
        // The page may already have given the stop to a highlight (the current quote): keep it.
        const given = /** @type {HTMLElement | null} */ (view.querySelector('mark[tabindex="0"]'));
        stop = null;
        moveStop(given ?? firstMark(), false);
    };
    new MutationObserver(refresh).observe(view, { childList: true });

    view.addEventListener('keydown', (event) => {
        const current = event.target;
        if (!isMark(current) || event.altKey || event.ctrlKey || event.metaKey) return;
        let target = null;
        if (NEXT_KEYS.has(event.key)) target = step(current, true);
        else if (PREVIOUS_KEYS.has(event.key)) target = step(current, false);
        else if (event.key === 'Home') target = firstMark();
        else if (event.key === 'End') target = lastMark();
        else if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            /** @type {HTMLElement} */ (current).click();
            return;
        } else return;
        event.preventDefault();
        if (target) moveStop(target, true);
    });
    // A click on a highlight moves the tab stop there, so Tab comes back to it.
    view.addEventListener('focusin', (event) => {
        if (isMark(event.target)) moveStop(event.target, false);
    });
    view.addEventListener('pointerdown', (event) => {
        const mark = event.target instanceof Element ? event.target.closest('mark') : null;
        if (mark && view.contains(mark)) moveStop(/** @type {HTMLElement} */ (mark), false);
    });
    refresh();
}
