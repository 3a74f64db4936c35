// Types of the quotelens package's API (index.js), written by hand. The wire format's types are
// not: they are generated from the Rust types (src/export.d.ts) and reach this file through the
// wasm module's own .d.ts. The consumer test (tests/consumer) type-checks an app against this
// file with `tsc --noEmit`.

import type {
    AttributionKind, AttributionOut, Basis, ClusterOut, ContentOut, CueOut, DocumentOut, EntityLabel, EntityOut, MentionKind, OffsetUnit, QuoteKind, QuoteOut,
    RangeOut, ReferentOut, SpeakerOut,
    // Deprecated names of the same types (before they were generated).
    Analysis, Cluster, Cue, Entity, Quote, Speaker, TextRange,
} from '../pkg/quotelens.js';

export type {
    AttributionKind, AttributionOut, Basis, ClusterOut, ContentOut, CueOut, DocumentOut, EntityLabel, EntityOut, MentionKind, OffsetUnit, QuoteKind, QuoteOut,
    RangeOut, ReferentOut, SpeakerOut,
    Analysis, Cluster, Cue, Entity, Quote, Speaker, TextRange,
};

/** A quote kind, `claim` (reported speech: the attributions of kind `indirect` and `mixed`) or an entity label. */
export type Label = QuoteKind | 'claim' | EntityLabel;

/** Where `init()` may load the module from (default: `quotelens_bg.wasm` next to the glue). */
export type InitSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Every label, quote kinds first: the default of `labels`. */
export const ALL_LABELS: readonly Label[];

/** Loads the module in a browser: fetches `quotelens_bg.wasm` next to the module unless given a source. Idempotent. */
export function init(source?: InitSource | Promise<InitSource>): Promise<void>;

/** Loads the module synchronously from its bytes or a compiled module (Node, workers). Idempotent. */
export function initSync(bytes: BufferSource | WebAssembly.Module): void;

/** True once `init()` or `initSync()` has finished. */
export function isReady(): boolean;

export interface AnalyzeOptions {
    /** Keep only quotes of these kinds, entities of these labels and, with `claim`, reported speech (array or space-separated string). */
    labels?: Iterable<Label | string> | string;
}

/**
 * Analyses `text`. Offsets are UTF-16 code units: `text.slice(quote.start, quote.end)`.
 * Throws before `init()`, and after the module has crashed (a Rust panic spends the instance).
 */
export function analyze(text: string, options?: AnalyzeOptions): DocumentOut;

export interface HighlightOptions extends AnalyzeOptions {
    /** Underline each shown quote's speaker (default true). */
    speakers?: boolean;
    /** Class prefix of the marks: `<prefix>-mark`, `<prefix>-quote`, … (default "quotelens"). */
    prefix?: string;
    /**
     * Colours by label, set as custom properties on the element (never inline on the marks):
     * `{direct: "#0a7", PERSON: "rebeccapurple"}`.
     */
    palette?: Partial<Record<Label, string>> & Record<string, string>;
    /** Colour scheme of the marks (default "light"; "inherit" leaves the custom properties to the page). */
    theme?: 'light' | 'dark' | 'auto' | 'inherit';
    /** Adopt the stylesheet into the element's document or shadow root (default true). */
    injectStyles?: boolean;
}

export interface HighlightResult {
    /** The text that was analysed: the element's text, one line break per block element. */
    text: string;
    /** Its analysis (offsets into `text`), unfiltered. */
    analysis: DocumentOut;
    /** How many <mark> elements were inserted. */
    marks: number;
}

/**
 * Highlights the text of `element` in place, wrapping quotes, speakers and entities in
 * `<mark class="<prefix>-mark <prefix>-quote|entity|speaker" data-…>` elements. Highlighting the
 * same element again replaces the previous highlight.
 */
export function highlight(element: Element, options?: HighlightOptions): HighlightResult;

/** Removes the highlight of `element`, restoring its DOM exactly. False if it had none. */
export function unhighlight(element: Element): boolean;

/** True while `element` shows a highlight. */
export function isHighlighted(element: Element): boolean;
