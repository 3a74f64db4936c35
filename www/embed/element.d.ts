// Types of 'quotelens/element' (element.js). Importing the module registers <quote-lens>.

import type { DocumentOut } from './index.js';

export interface QuoteLensAnalyzedDetail {
    /** The text shown, one line per paragraph; the analysis's offsets index it. */
    text: string;
    analysis: DocumentOut;
}

/** `<quote-lens for="id" labels="direct partial PERSON" theme="light|dark|auto" speakers="off" legend>` */
export class QuoteLensElement extends HTMLElement {
    static readonly observedAttributes: string[];
    /** The last analysis shown, or null before the first. */
    readonly result: QuoteLensAnalyzedDetail | null;
    /** Re-reads the source text and redraws. */
    refresh(): void;
}

declare global {
    interface HTMLElementTagNameMap {
        'quote-lens': QuoteLensElement;
    }
    interface HTMLElementEventMap {
        'quotelens:analyzed': CustomEvent<QuoteLensAnalyzedDetail>;
        'quotelens:error': CustomEvent<{ error: unknown }>;
    }
}
