// The embed's stylesheet: one CSS text, generated for a class prefix, used three ways — adopted
// by the host document for `highlight()`, adopted by each `<quote-lens>` shadow root, and
// written to `quotelens-embed.css` by scripts/build-package.sh for pages that link it instead.
//
// Colours: the defaults below are palette.css's values, copied because the embed runs on pages
// that do not load palette.css; tests/e2e/embed/static.test.mjs checks that every one still
// equals its palette.css original, in both schemes. A page overrides them with the custom
// properties `--<prefix>-<key>-line | -tint | -ink` (for example `--quotelens-person-tint`), or
// with the `palette` option of `highlight()`. No colour is written anywhere else in www/embed/.
//
// Nothing here touches the DOM until `adoptStyles()` is called, so the module loads under Node.

/** Quote kinds and entity labels, with palette.css's light and dark defaults. */
export const DEFAULT_COLOURS = {
    light: {
        'direct-line': '#0072b2', 'direct-tint': '#e0edf7',
        'partial-line': '#007a5c', 'partial-tint': '#ddf1e9',
        'term-line': '#a8407e', 'term-tint': '#f7e5ef',
        'nested-line': '#b54e00', 'nested-tint': '#fbe5d3',
        'person-line': '#0072b2', 'person-tint': '#e0edf7', 'person-ink': '#004a75',
        'org-line': '#b54e00', 'org-tint': '#fbe5d3', 'org-ink': '#7a3400',
        'place-line': '#007a5c', 'place-tint': '#ddf1e9', 'place-ink': '#00513d',
        'group-line': '#a8407e', 'group-tint': '#f7e5ef', 'group-ink': '#732a56',
        'misc-line': '#6b6f76', 'misc-tint': '#ecebe8', 'misc-ink': '#3d4046',
        'date-line': '#9a6a00', 'date-tint': '#fbefcf', 'date-ink': '#5f4100',
        'money-line': '#2a7fb0', 'money-tint': '#e3f2fb', 'money-ink': '#1a5478',
        'percent-line': '#857b00', 'percent-tint': '#f8f4c4', 'percent-ink': '#4f4900',
        'number-line': '#76706a', 'number-tint': '#efebe6', 'number-ink': '#47433f',
        // The speaker underline is the text colour (quotes have the coloured lines); the
        // element's own surface and text.
        'speaker-line': '#1b1d21',
        surface: '#ffffff', ink: '#1b1d21', 'ink-muted': '#545a63', rule: '#e2dfd8',
    },
    dark: {
        'direct-line': '#56b4e9', 'direct-tint': '#17344a',
        'partial-line': '#3fcfa2', 'partial-tint': '#12392f',
        'term-line': '#e69cc6', 'term-tint': '#3e2435',
        'nested-line': '#ff9a52', 'nested-tint': '#44291a',
        'person-line': '#56b4e9', 'person-tint': '#17344a', 'person-ink': '#b5defa',
        'org-line': '#ff9a52', 'org-tint': '#44291a', 'org-ink': '#ffd2b0',
        'place-line': '#3fcfa2', 'place-tint': '#12392f', 'place-ink': '#aeeed9',
        'group-line': '#e69cc6', 'group-tint': '#3e2435', 'group-ink': '#f6cfe4',
        'misc-line': '#a0a5ad', 'misc-tint': '#2c2f34', 'misc-ink': '#dcdfe3',
        'date-line': '#e6b23c', 'date-tint': '#3d3117', 'date-ink': '#f6dd9c',
        'money-line': '#7cc7f0', 'money-tint': '#1a3242', 'money-ink': '#c6e8fb',
        'percent-line': '#e8dc55', 'percent-tint': '#38361a', 'percent-ink': '#f4eeaa',
        'number-line': '#b0a89e', 'number-tint': '#302d29', 'number-ink': '#e3ddd5',
        'speaker-line': '#e9e7e2',
        surface: '#1a1d21', ink: '#e9e7e2', 'ink-muted': '#a7adb5', rule: '#30353c',
    },
};

/** Which palette.css property each default copies (checked by the static test). */
export function paletteName(key) {
    if (key === 'speaker-line') return 'ink';
    const head = key.split('-')[0];
    if (['direct', 'partial', 'term', 'nested'].includes(head)) return `quote-${key}`;
    if (['surface', 'ink', 'ink-muted', 'rule'].includes(key)) return key;
    return `entity-${key}`;
}

const QUOTE_STYLES = { direct: 'solid', partial: 'dashed', term: 'dotted', nested: 'double' };
const ENTITY_KEYS = ['person', 'org', 'place', 'group', 'misc', 'date', 'money', 'percent', 'number'];

/**
 * The stylesheet for class prefix `p`. Scopes: `[data-quotelens-root]` is an element that
 * `highlight()` has marked (its theme in `data-quotelens-theme`), `:host` a `<quote-lens>`.
 * Marks change no metrics of the text (no padding, margin or font change), so the host page's
 * layout stays as it was.
 * @param {string} p the class prefix
 */
export function embedCss(p = 'quotelens') {
    const vars = (colours) =>
        Object.entries(colours)
            .map(([key, value]) => `--${p}-${key}: ${value};`)
            .join(' ');
    const light = vars(DEFAULT_COLOURS.light);
    const dark = vars(DEFAULT_COLOURS.dark);
    const mark = `mark.${p}-mark`;
    const rules = [
        // 'inherit' (the custom element's body): the colours come from the :host.
        `[data-quotelens-root]:not([data-quotelens-theme="inherit"]), :host { ${light} }`,
        `[data-quotelens-root][data-quotelens-theme="dark"], :host([theme="dark"]) { ${dark} }`,
        `@media (prefers-color-scheme: dark) { [data-quotelens-root][data-quotelens-theme="auto"], :host(:not([theme="light"]):not([theme="dark"])) { ${dark} } }`,
        // Marks undo whatever the host page says about <mark>, and add nothing that moves text.
        `${mark} { all: unset; display: inline; color: inherit; font: inherit; line-height: inherit; ` +
            `letter-spacing: inherit; word-spacing: inherit; text-transform: inherit; white-space: inherit; ` +
            `-webkit-box-decoration-break: clone; box-decoration-break: clone; border-radius: 2px; }`,
        `${mark}.${p}-quote { --${p}-line: var(--${p}-direct-line); background: var(--${p}-tint, transparent); ` +
            `border-bottom: 2px solid var(--${p}-line); }`,
        ...Object.entries(QUOTE_STYLES).map(
            ([kind, style]) =>
                `${mark}.${p}-quote[data-kind="${kind}"] { --${p}-line: var(--${p}-${kind}-line); ` +
                `--${p}-tint: var(--${p}-${kind}-tint); border-bottom-style: ${style};` +
                (kind === 'term' || kind === 'nested' ? ' border-bottom-width: 3px;' : '') +
                ' }',
        ),
        // An entity inside a quote keeps the quote's line below it and shows its own tint.
        `${mark}.${p}-entity { background: var(--${p}-tint); color: var(--${p}-ink); }`,
        ...ENTITY_KEYS.map(
            (key) =>
                `${mark}.${p}-entity[data-label="${key.toUpperCase()}"] { --${p}-tint: var(--${p}-${key}-tint); ` +
                `--${p}-ink: var(--${p}-${key}-ink); }`,
        ),
        `${mark}.${p}-speaker { text-decoration: underline 1.5px var(--${p}-speaker-line); ` +
            `text-underline-offset: 0.25em; text-decoration-skip-ink: none; }`,
        `${mark}.${p}-quote[data-unclosed].${p}-last::after { content: " …"; color: var(--${p}-ink-muted); }`,
        // The custom element: its own box, nothing inherited from the host page but custom properties.
        // The custom element: its own box. The host page may style the <quote-lens> element itself
        // (a rule there beats :host), so the inner boxes reset again: nothing is inherited from the
        // host page but custom properties, which is how a page themes it.
        `:host { all: initial; display: block; contain: content; background: var(--${p}-surface); }`,
        `:host([hidden]) { display: none; }`,
        `.${p}-body, .${p}-legend { all: initial; display: block; color: var(--${p}-ink); }`,
        `.${p}-body { font: var(--${p}-font-size, 1.05rem)/var(--${p}-line-height, 1.7) var(--${p}-font, Charter, "Bitstream Charter", ` +
            `"Sitka Text", Cambria, Georgia, "Liberation Serif", "DejaVu Serif", serif); }`,
        `.${p}-body p { display: block; margin: 0 0 0.9em; }`,
        `.${p}-body p:last-child { margin-bottom: 0; }`,
        `.${p}-legend { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0 0 0.9rem; padding: 0 0 0.75rem; ` +
            `list-style: none; border-bottom: 1px solid var(--${p}-rule); ` +
            `font: 0.8rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; }`,
        `.${p}-legend[hidden] { display: none; }`,
        `.${p}-legend li { display: inline-flex; align-items: center; gap: 0.35rem; padding: 0.15rem 0.5rem 0.15rem 0.2rem; ` +
            `border: 1px solid var(--${p}-rule); border-radius: 999px; color: var(--${p}-ink-muted); }`,
        `.${p}-legend mark.${p}-mark { padding: 0 0.3rem; font-weight: 600; }`,
        `.${p}-legend b { color: var(--${p}-ink); font-variant-numeric: tabular-nums; }`,
    ];
    return rules.join('\n') + '\n';
}

/** One constructed sheet per (document, prefix); adopting twice is a no-op. */
const sheets = new WeakMap();

/**
 * Adds the stylesheet for `prefix` to `target` (a Document or a ShadowRoot) through
 * `adoptedStyleSheets`: no <style> element, so a Content-Security-Policy without
 * 'unsafe-inline' allows it.
 * @param {Document | ShadowRoot} target
 */
export function adoptStyles(target, prefix = 'quotelens') {
    const doc = target.ownerDocument ?? target;
    const view = doc.defaultView;
    if (!view || !('adoptedStyleSheets' in target)) return;
    let byPrefix = sheets.get(doc);
    if (!byPrefix) sheets.set(doc, (byPrefix = new Map()));
    let sheet = byPrefix.get(prefix);
    if (!sheet) {
        sheet = new view.CSSStyleSheet();
        sheet.replaceSync(embedCss(prefix));
        byPrefix.set(prefix, sheet);
    }
    if (!target.adoptedStyleSheets.includes(sheet)) {
        target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    }
}
