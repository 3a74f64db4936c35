// The panel tabs ("Who said what", "Entities"): a click or the arrow keys select a tab and show
// its panel (WAI-ARIA tabs: the selected tab is the one in the tab order).

/** Wires every `[role="tab"]` of `doc` to the panel named by its aria-controls. */
export function wireTabs(doc = document) {
    /** @type {HTMLElement[]} */
    const tabs = [...doc.querySelectorAll('[role="tab"]')].map((tab) => /** @type {HTMLElement} */ (tab));
    /** @param {HTMLElement} tab @param {boolean} focus */
    const select = (tab, focus) => {
        for (const other of tabs) {
            const selected = other === tab;
            other.setAttribute('aria-selected', String(selected));
            other.tabIndex = selected ? 0 : -1;
            const panel = doc.getElementById(other.getAttribute('aria-controls') ?? '');
            if (panel) panel.hidden = !selected;
        }
        if (focus) tab.focus();
    };
    for (const tab of tabs) {
        tab.addEventListener('click', () => select(tab, false));
        tab.addEventListener('keydown', (event) => {
            const step = /** @type {Record<string, number>} */ ({ ArrowRight: 1, ArrowLeft: -1 })[event.key];
            if (!step) return;
            event.preventDefault();
            select(tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length], true);
        });
    }
}
