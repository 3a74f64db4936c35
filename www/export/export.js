// Exports built in the page, from the corrected analysis: JSON in the CLI's wire format (code
// points, byte for byte what `quotelens FILE` prints for an uncorrected text), and CSV (RFC
// 4180, one row per quote and one per claim). Plus the two ways out: the clipboard and a download (a Blob and an
// object URL; nothing goes over the network). Knows no page element ids.

import { claimsOf, isInferred, speakerName } from '../core/attribution.js';

/**
 * UTF-16 offset → code-point offset, for every offset of `text` (0 … length), built once per
 * text. A surrogate pair is one code point; a lone surrogate is one too (the analyser read it
 * as U+FFFD). An offset between the halves of a pair (never produced) maps past the pair.
 */
export function codePointOffsets(text) {
    const map = new Uint32Array(text.length + 1);
    let count = 0;
    for (let i = 0; i < text.length; ) {
        map[i] = count;
        const unit = text.charCodeAt(i);
        const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
        count += 1;
        if (pair) map[i + 1] = count;
        i += pair ? 2 : 1;
    }
    map[text.length] = count;
    return map;
}

function isLowSurrogate(unit) {
    return unit >= 0xdc00 && unit <= 0xdfff;
}

/** @typedef {import('../core/types.js').DocumentOut} DocumentOut the wire document (src/export.d.ts) */

/**
 * Whether the wire field `key` holds an offset. The contract's one rule (src/export.rs,
 * "Offsets"; a Rust test holds every field to it): a field is an offset exactly when its name
 * is `start` or `end` or ends in `_start` or `_end`.
 */
export function isOffsetField(key) {
    return key === 'start' || key === 'end' || key.endsWith('_start') || key.endsWith('_end');
}

/**
 * `value`, any part of a wire document, copied with every offset passed through `convert` and
 * everything else as it is, keys in their order: no field is named here, so a field the Rust
 * types gain is carried over (and converted, if it is an offset) without a change to this file.
 */
export function convertOffsets(value, convert, key = '') {
    if (Array.isArray(value)) return value.map((item) => convertOffsets(item, convert, key));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertOffsets(v, convert, k)]));
    }
    return typeof value === 'number' && isOffsetField(key) ? convert(value) : value;
}

/**
 * The analysis as the CLI prints it (`{"id":null,"schema":…,"unit":"codepoint",…}`): the wire
 * document in the module's field order (the CLI's), offsets in code points. What the page adds
 * to it (corrections.js: `applied` and `stale`, `corrected` on a quote) is left out, except that
 * applied corrections, when there are any, are listed in a `corrections` field at the end (the
 * wire format only ever grows by fields).
 *
 * @param {string} text
 * @param {import('../core/types.js').ShownAnalysis} analysis
 *   UTF-16 offsets into `text`
 */
export function toCliDocument(text, analysis) {
    const cp = codePointOffsets(text);
    const at = (offset) => cp[offset];
    const { applied = [], stale: _stale, ...wire } = analysis;
    wire.quotes = wire.quotes.map(({ corrected: _corrected, ...quote }) => quote);
    if (wire.attributions) wire.attributions = wire.attributions.map(({ corrected: _corrected, ...attribution }) => attribution);
    // `unit` keeps its place: a spread key that is set again is not moved.
    const document = { id: null, ...convertOffsets(wire, at), unit: 'codepoint' };
    if (applied.length > 0) {
        const span = (a) => ({ start: at(a.start), end: at(a.end), text: a.text });
        document.corrections = {
            speakers: applied.filter((a) => a.type === 'speakers').map((a) => ({ quote: span(a), speaker: a.name })),
            not_quotes: applied.filter((a) => a.type === 'notQuotes').map(span),
            merges: applied.filter((a) => a.type === 'merges').map((a) => ({ from: a.fromName, into: a.intoName })),
        };
    }
    return document;
}

/** The JSON file: one line, like the CLI's, ending in a newline. */
export function toJson(text, analysis) {
    return `${JSON.stringify(toCliDocument(text, analysis))}\n`;
}

export const CSV_HEADER = ['speaker', 'quote', 'cue', 'kind', 'paragraph', 'inferred'];

/**
 * One CSV row per quote, in text order: the speaker's display name (empty when unattributed),
 * the quoted words, the cue, the kind, the paragraph index (0-based, as in the JSON) and
 * whether the speaker was inferred (`true`/`false`); then one row per claim (reported speech,
 * the attributions of kind `indirect` or `mixed`, which is its `kind`), its content in the
 * `quote` column, `inferred` also true for a doubtful one. Lines end in CRLF (RFC 4180).
 * @param {import('../core/types.js').ShownAnalysis} analysis
 */
export function toCsv(analysis) {
    const clustersById = new Map(analysis.clusters.map((c) => [c.id, c]));
    /** @type {string[][]} */
    const rows = [CSV_HEADER];
    for (const quote of analysis.quotes) {
        rows.push([
            speakerName(quote, clustersById),
            quote.text,
            quote.cue?.text ?? '',
            quote.kind,
            String(quote.paragraph),
            String(isInferred(quote)),
        ]);
    }
    for (const claim of claimsOf(analysis)) {
        const paragraph = analysis.paragraphs.findIndex((p) => p.end >= claim.content.start);
        rows.push([
            speakerName(claim, clustersById),
            claim.content.text,
            claim.cue?.text ?? '',
            claim.kind,
            String(paragraph),
            String(isInferred(claim)),
        ]);
    }
    return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One CSV field. A text that a spreadsheet would read as a formula (it starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text;
 * a field holding `"`, `,`, CR or LF is quoted, its quotes doubled.
 */
export function csvCell(value) {
    let cell = String(value);
    if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
    return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Offers `content` as a file called `filename`, with no request: a Blob behind an object URL. */
export function download(filename, content, type, doc = document) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    doc.body.append(link);
    link.click();
    link.remove();
    // The download has started from the URL by now; a delay keeps slow browsers safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Puts `text` on the clipboard; resolves to whether it worked. */
export async function copyText(text, doc = document) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        // No clipboard permission (or an old browser): the selection-and-copy route.
        const area = doc.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.className = 'visually-hidden';
        doc.body.append(area);
        area.select();
        const copied = doc.execCommand('copy');
        area.remove();
        return copied;
    }
}
