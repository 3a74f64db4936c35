// A user's app: imports the package by name, highlights an article, and registers <quote-lens>.
// `tsc --noEmit` checks it against the package's hand-written types.
import { analyze, highlight, init, type Analysis, type HighlightResult, type Label, type Quote } from 'quotelens';
import 'quotelens/element';

const labels: Label[] = ['direct', 'partial', 'PERSON'];

init().then(() => {
    const article = document.querySelector<HTMLElement>('#story')!;
    const result: HighlightResult = highlight(article, { labels, theme: 'light', palette: { PERSON: 'teal' } });
    const quotes: Quote[] = result.analysis.quotes;
    const direct: Analysis = analyze('“Typed,” she said.', { labels: 'direct' });
    document.documentElement.dataset.marks = String(result.marks);
    document.documentElement.dataset.quotes = String(quotes.length + direct.quotes.length);
});

document.querySelector('quote-lens')!.addEventListener('quotelens:analyzed', (event) => {
    document.documentElement.dataset.lens = String(event.detail.analysis.quotes.length);
});
