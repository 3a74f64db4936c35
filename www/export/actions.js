// The export buttons: JSON or CSV of the corrected analysis (export/export.js), saved as a file
// or copied to the clipboard, with a line of status for the reader.

import { copyText, download, toCsv, toJson } from './export.js';

/**
 * The file name of an export: the start of the text's key (model/storage.js), so two articles'
 * exports do not overwrite each other.
 * @param {string} key
 * @param {string} extension
 */
function exportName(key, extension) {
    const id = key.replace(/^[^:]*:/, '').replace(/^\d+:/, '').slice(0, 8) || 'article';
    return `quotelens-${id}.${extension}`;
}

/**
 * Exports what the page shows as `format` ('json' | 'csv'), `how` ('download' | 'copy'), and
 * says how it went in `status`.
 * @param {string} format
 * @param {string} how
 * @param {{text: string, key: string, model: any}} shown
 * @param {HTMLElement} status
 */
export async function exportAs(format, how, shown, status) {
    if (!shown.model) {
        status.textContent = 'Nothing to export yet.';
        return;
    }
    const content = format === 'json' ? toJson(shown.text, shown.model) : toCsv(shown.model);
    if (how === 'copy') {
        const copied = await copyText(content);
        status.textContent = copied ? `${format.toUpperCase()} copied to the clipboard.` : 'The browser did not allow copying.';
    } else {
        // A byte-order mark tells spreadsheets the CSV is UTF-8; JSON needs none.
        const body = format === 'json' ? content : `\uFEFF${content}`;
        download(exportName(shown.key, format), body, format === 'json' ? 'application/json' : 'text/csv;charset=utf-8');
        status.textContent = `${format.toUpperCase()} file saved.`;
    }
}
