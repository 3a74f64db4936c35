// A small element builder for the panels: every string becomes a text node, attributes are set
// one by one. Nothing is ever parsed as HTML.

/**
 * `el('li', {className: 'row', dataset: {quote: 3}, 'aria-label': '…'}, 'text', child)`.
 * Keys `className`, `dataset`, `hidden`, `type`, `disabled`, `value`, `selected` and `on*`
 * (event listeners) are handled; any other key is set as an attribute.
 */
export function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'className') element.className = value;
        else if (key === 'dataset') Object.assign(element.dataset, value);
        else if (['hidden', 'type', 'disabled', 'value', 'selected'].includes(key)) element[key] = value;
        else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
        else element.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) continue;
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
}

/** `text` cut to about `max` characters at a word boundary, with an ellipsis. */
export function excerpt(text, max = 140) {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= max) return flat;
    const cut = flat.slice(0, max);
    const space = cut.lastIndexOf(' ');
    return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * The list of applied corrections of the types in `types`, each with an Undo button calling
 * `onUndo(type, index)`, or null when there are none.
 */
export function correctionList(applied, types, onUndo) {
    const items = applied
        .filter((a) => types.includes(a.type))
        .map((a) =>
            el(
                'li',
                { className: 'correction' },
                el('span', { className: 'correction__text' }, describeCorrection(a)),
                el('button', { type: 'button', className: 'link-button', onclick: () => onUndo(a.type, a.index) }, 'Undo'),
            ),
        );
    return items.length === 0 ? null : el('ul', { className: 'corrections__list' }, items);
}

export function describeCorrection(applied) {
    switch (applied.type) {
        case 'speakers':
            return applied.name === null
                ? `“${excerpt(applied.text, 48)}” has no speaker`
                : `“${excerpt(applied.text, 48)}” is by ${applied.name}`;
        case 'notQuotes':
            return `“${excerpt(applied.text, 48)}” is not a quotation`;
        case 'merges':
            return `${applied.fromName} is the same as ${applied.intoName}`;
        default:
            return applied.type;
    }
}
