// The embed demo (www/embed/demo.html): highlight() on the page's own article, driven by the
// checkboxes, and a <quote-lens> element. It uses the package's API exactly as an app would.

import { highlight, init, unhighlight } from './index.js';
import './element.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const article = byId('demo-article');
const toggle = byId('toggle');
const status = byId('inplace-status');
/** @type {HTMLInputElement[]} */
const boxes = [...document.querySelectorAll('.toolbar input')].map((box) => /** @type {HTMLInputElement} */ (box));
let on = true;

function chosenLabels() {
    return boxes.filter((box) => box.name === 'labels' && box.checked).flatMap((box) => box.value.split(' '));
}

function draw() {
    if (!on) {
        unhighlight(article);
        status.textContent = 'Highlights removed: the article is exactly as it was.';
        return;
    }
    const speakers = boxes.some((box) => box.name === 'speakers' && box.checked);
    const { analysis, marks } = highlight(article, { labels: chosenLabels(), speakers, theme: 'auto' });
    // The speakers as the marks name them (data-speaker: the name the quotelens page gives).
    const people = new Set([...article.querySelectorAll('mark[data-quotelens="quote"][data-speaker]')].map((m) => /** @type {HTMLElement} */ (m).dataset.speaker));
    status.textContent = `${analysis.quotes.length} quotes from ${people.size} speakers · ${marks} marks`;
    document.documentElement.dataset.highlighted = String(marks);
}

byId('demo-lens').addEventListener('quotelens:analyzed', (event) => {
    const { analysis } = /** @type {CustomEvent} */ (event).detail;
    byId('element-status').textContent = `quotelens:analyzed — ${analysis.quotes.length} quotes, ${analysis.entities.length} names`;
});

try {
    await init();
    draw();
} catch (error) {
    status.textContent = `The analyser could not be loaded: ${error.message}`;
}
for (const box of boxes) box.addEventListener('change', draw);
toggle.addEventListener('click', () => {
    on = !on;
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? 'Remove highlights' : 'Highlight';
    draw();
});
