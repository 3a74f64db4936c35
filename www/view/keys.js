// Keyboard shortcuts of the page, documented in the "Who said what" panel: j / k next and
// previous quote, s / S next and previous speaker. They are ignored while typing (in the
// article box, a select or any text field) and with Ctrl, Alt or Meta held.

/** @param {{nextQuote(step: 1|-1): void, nextSpeaker(step: 1|-1): void}} actions */
export function wireKeys(actions, doc = document) {
    doc.addEventListener('keydown', (event) => {
        if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
        const action = {
            j: () => actions.nextQuote(1),
            k: () => actions.nextQuote(-1),
            s: () => actions.nextSpeaker(1),
            S: () => actions.nextSpeaker(-1),
        }[event.key];
        if (!action) return;
        event.preventDefault();
        action();
    });
}

function isTyping(target) {
    if (!(target instanceof Element)) return false;
    return target.matches('textarea, select, input:not([type="button"]):not([type="checkbox"]):not([type="radio"]), [contenteditable]');
}
