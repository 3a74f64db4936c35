// The embed's stylesheet: one CSS text, generated for a class prefix, used three ways — adopted
// by the host document for `highlight()`, adopted by each `<quote-lens>` shadow root, and
// written to `quotelens-embed.css` by scripts/build-package.sh for pages that link it instead.
//
// Colours: the defaults below are palette.css's values (scripts/sync-embed-colours.mjs copies
// them), copied because the embed runs on pages
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
        'person-line': '#b86200', 'person-tint': '#fdecd0', 'person-ink': '#6e3f00',
        'org-line': '#00808a', 'org-tint': '#d5eef0', 'org-ink': '#00525a',
        'place-line': '#3d8a2a', 'place-tint': '#e2f1d9', 'place-ink': '#275a1a',
        'group-line': '#7b52c7', 'group-tint': '#ece6fa', 'group-ink': '#4b2c8c',
        'misc-line': '#687079', 'misc-tint': '#e9ebee', 'misc-ink': '#3b4249',
        'date-line': '#8a7600', 'date-tint': '#f5efc4', 'date-ink': '#544800',
        'money-line': '#c23b62', 'money-tint': '#fbe3ea', 'money-ink': '#80203d',
        'percent-line': '#2a7db5', 'percent-tint': '#dcedf9', 'percent-ink': '#17517a',
        'number-line': '#8c6b52', 'number-tint': '#f0e7de', 'number-ink': '#5a4231',
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
        'person-line': '#f0a742', 'person-tint': '#3f2d12', 'person-ink': '#fbd9a6',
        'org-line': '#4fc6cf', 'org-tint': '#123a3e', 'org-ink': '#b3eef2',
        'place-line': '#7fcf62', 'place-tint': '#1f3a17', 'place-ink': '#c8f0b8',
        'group-line': '#b79af0', 'group-tint': '#30264a', 'group-ink': '#ddd0fa',
        'misc-line': '#a3aab3', 'misc-tint': '#2b2f35', 'misc-ink': '#dde1e6',
        'date-line': '#e0c43c', 'date-tint': '#3a3414', 'date-ink': '#f4e7a3',
        'money-line': '#f08aa6', 'money-tint': '#45202c', 'money-ink': '#fbd0dc',
        'percent-line': '#6ab8ec', 'percent-tint': '#16324a', 'percent-ink': '#c3e5fa',
        'number-line': '#c4a58c', 'number-tint': '#3a2e25', 'number-ink': '#eddccd',
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
