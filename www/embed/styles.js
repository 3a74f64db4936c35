// The embed's stylesheet: one CSS text, generated for a class prefix, used three ways — adopted
// by the host document for `highlight()`, adopted by each `<quote-lens>` shadow root, and
// written to `quotelens-embed.css` by scripts/build-package.sh for pages that link it instead.
//
// Colours: the defaults are palette.css's values (embed/palette.js, generated from it by
// scripts/gen-styles.mjs), and the per-label rules are core/marks.js's, the page's own. A page
// overrides a colour with the custom properties `--<prefix>-<key>-line | -tint | -ink` (for
// example `--quotelens-person-tint`), or with the `palette` option of `highlight()`. No colour
// is written anywhere in www/embed/ but the generated palette.js.
//
// Nothing here touches the DOM until `adoptStyles()` is called, so the module loads under Node.

import { labelRules, paletteProperty } from '../core/marks.js';
import { PALETTE } from './palette.js';

/**
 * The embed's name of a palette.css colour: a kind's or a label's without its `quote-` /
 * `entity-` (`--quotelens-person-tint` is palette.css's `--entity-person-tint`).
 * @param {string} name a palette.css property, without `--`
 */
function embedKey(name) {
    return name.replace(/^(?:quote|entity)-/, '');
}

/**
 * The stylesheet for class prefix `p`. Scopes: `[data-quotelens-root]` is an element that
 * `highlight()` has marked (its theme in `data-quotelens-theme`), `:host` a `<quote-lens>`.
 * Marks change no metrics of the text (no padding, margin or font change), so the host page's
 * layout stays as it was.
 * @param {string} p the class prefix
 */
export function embedCss(p = 'quotelens') {
    /** @param {Record<string, string>} colours */
    const vars = (colours) =>
        Object.entries(colours)
            .map(([name, value]) => `--${p}-${embedKey(name)}: ${value};`)
            .join(' ');
    // The speaker underline is the text colour (quotes have the coloured lines).
    const light = `${vars(PALETTE.light)} --${p}-speaker-line: var(--${p}-ink);`;
    const dark = `${vars(PALETTE.dark)} --${p}-speaker-line: var(--${p}-ink);`;
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
        // An entity inside a quote keeps the quote's line below it and shows its own tint.
        `${mark}.${p}-entity { background: var(--${p}-tint); color: var(--${p}-ink); }`,
        // Each kind's and label's colours (and a kind's line style), as on the page.
        ...labelRules({
            quote: (kind) => `${mark}.${p}-quote[data-kind="${kind}"]`,
            entity: (label) => `${mark}.${p}-entity[data-label="${label}"]`,
            claim: `${mark}.${p}-claim`,
            set: (_what, role) => `--${p}-${role}`,
            colour: (what, key, role) => `var(--${p}-${embedKey(paletteProperty(what, key, role))})`,
        }),
        `${mark}.${p}-speaker { text-decoration: underline 1.5px var(--${p}-speaker-line); ` +
            `text-underline-offset: 0.25em; text-decoration-skip-ink: none; }`,
        `${mark}.${p}-quote[data-unclosed].${p}-last::after { content: " …"; color: var(--${p}-ink-muted); }`,
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
    const doc = /** @type {Document} */ (target.ownerDocument ?? target);
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
