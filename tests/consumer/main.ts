// A user's app: imports the package by name, highlights an article, and registers <quote-lens>.
// `tsc --noEmit` checks it against the package's types (the wire types generated from Rust).
import {
    analyze, highlight, init, type Analysis, type DocumentOut, type HighlightResult, type Label, type QuoteOut, type ReferentOut,
} from 'quotelens';
import 'quotelens/element';

const labels: Label[] = ['direct', 'partial', 'PERSON'];

init().then(() => {
    const article = document.querySelector<HTMLElement>('#story')!;
    const result: HighlightResult = highlight(article, { labels, theme: 'light', palette: { PERSON: 'teal' } });
    const quotes: QuoteOut[] = result.analysis.quotes;
    const direct: DocumentOut = analyze('“Typed,” she said.', { labels: 'direct' });
    // Type checks only: the deprecated name still types the same document; refers_to has its own type.
    const before: Analysis = direct;
    const referent: ReferentOut | null | undefined = before.quotes[0]?.speaker?.refers_to;
    document.documentElement.dataset.marks = String(result.marks);
    document.documentElement.dataset.quotes = String(quotes.length + direct.quotes.length);
});

document.querySelector('quote-lens')!.addEventListener('quotelens:analyzed', (event) => {
    document.documentElement.dataset.lens = String(event.detail.analysis.quotes.length);
});
