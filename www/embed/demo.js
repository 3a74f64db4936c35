// The embed demo (www/embed/demo.html): highlight() on the page's own article, driven by the
// checkboxes, and a <quote-lens> element. It uses the package's API exactly as an app would.

import { highlight, init, unhighlight } from './index.js';
import './element.js';

const article = document.getElementById('demo-article');
const toggle = document.getElementById('toggle');
const status = document.getElementById('inplace-status');
const boxes = [...document.querySelectorAll('.toolbar input')];
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
    const speakers = boxes.find((box) => box.name === 'speakers').checked;
    const { analysis, marks } = highlight(article, { labels: chosenLabels(), speakers, theme: 'auto' });
    const people = new Set(analysis.quotes.map((q) => q.speaker?.refers_to?.text ?? q.speaker?.text).filter(Boolean));
    status.textContent = `${analysis.quotes.length} quotes from ${people.size} speakers · ${marks} marks`;
    document.documentElement.dataset.highlighted = String(marks);
}

document.getElementById('demo-lens').addEventListener('quotelens:analyzed', (event) => {
    const { analysis } = event.detail;
    document.getElementById('element-status').textContent = `quotelens:analyzed — ${analysis.quotes.length} quotes, ${analysis.entities.length} names`;
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
