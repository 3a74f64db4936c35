// Where the article comes from besides typing: a paste (plain text, or rich text read by
// input/plaintext.js), a dropped file and an opened file (.txt or .html). Reports the text, or
// why a file was refused, through callbacks; knows nothing of the analysis.

import { htmlToText } from './plaintext.js';

/** Larger files are refused: the page is meant for articles, not archives. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Replaces the selection of `input` with `text`. Not through `execCommand('insertText')`, which
 * would keep the browser's undo but takes seconds for a long article (quadratic in Chromium); a
 * paste the browser can do itself is left to it (see wirePaste), and wholesale replacements can
 * be undone with the page's Undo button.
 * @param {HTMLTextAreaElement} input
 * @param {string} text
 */
function insertText(input, text) {
    input.focus();
    if (input.selectionStart === 0 && input.selectionEnd === input.value.length) {
        // Replacing it all: the value setter takes milliseconds where setRangeText takes seconds.
        // The caret goes to the start, as for a file (a caret at the end of megabytes of text
        // costs Chromium tens of milliseconds every frame).
        input.value = text;
        input.setSelectionRange(0, 0);
        return;
    }
    input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
}

/**
 * Handles pastes into `input`: a real paste with a plain-text flavour is the browser's (fast,
 * undoable; the input event that follows reports it); any other is inserted here, and
 * `onPasted()` called.
 * @param {HTMLTextAreaElement} input
 * @param {() => void} onPasted
 */
export function wirePaste(input, onPasted) {
    input.addEventListener('paste', (event) => {
        const data = event.clipboardData;
        if (!data) return; // let the browser paste; the input event will follow
        // A textarea never takes HTML from a paste. (The flavour is not read to check it:
        // reading megabytes of clipboard blocks the page.)
        if (event.isTrusted && data.types.includes('text/plain')) return;
        const plain = data.getData('text/plain');
        // Otherwise (rich text alone, or a scripted paste, which browsers do not carry out) the
        // text is ours to insert: the plain flavour when there is one, else the HTML's text.
        const html = data.getData('text/html');
        const text = plain.trim() !== '' ? plain : html !== '' ? htmlToText(html) : plain;
        event.preventDefault();
        insertText(input, text.replace(/\r\n?/g, '\n'));
        onPasted();
    });
}

/**
 * The text of an opened or dropped file: `{text}`, or `{error}` saying why it was refused.
 * @param {File} file
 * @returns {Promise<{text: string, error?: undefined} | {error: string, text?: undefined}>}
 */
export async function readFile(file) {
    const name = file.name.toLowerCase();
    const isHtml = /\.html?$/.test(name) || file.type === 'text/html';
    const isText = /\.(txt|text)$/.test(name) || file.type.startsWith('text/');
    if (!isHtml && !isText) return { error: `“${file.name}” is not a .txt or .html file.` };
    if (file.size > MAX_FILE_BYTES) return { error: `“${file.name}” is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
    const content = await file.text();
    return { text: isHtml ? htmlToText(content) : content.replace(/\r\n?/g, '\n') };
}

/** @param {DragEvent} event */
function hasFiles(event) {
    return Boolean(event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files'));
}

/**
 * Shows `dropZone` while files are dragged over the page and calls `onFile(file)` for a drop.
 * Dropped text (not a file) goes into the textarea as usual.
 * @param {HTMLElement} dropZone
 * @param {(file: File) => void} onFile
 */
export function wireDropZone(dropZone, onFile, doc = document) {
    let depth = 0; // dragenter/leave fire for every child element crossed
    doc.addEventListener('dragenter', (event) => {
        if (!hasFiles(event)) return;
        depth += 1;
        dropZone.hidden = false;
    });
    doc.addEventListener('dragleave', (event) => {
        if (!hasFiles(event)) return;
        depth = Math.max(0, depth - 1);
        if (depth === 0) dropZone.hidden = true;
    });
    doc.addEventListener('dragover', (event) => {
        if (hasFiles(event)) event.preventDefault();
    });
    doc.addEventListener('drop', (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth = 0;
        dropZone.hidden = true;
        const file = event.dataTransfer?.files[0];
        if (file) onFile(file);
    });
}
