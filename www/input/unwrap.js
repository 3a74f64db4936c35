// "Join wrapped lines": text copied from a PDF or an e-mail arrives hard-wrapped, one line break
// every seventy-odd characters, and every break would otherwise end a paragraph. This joins a
// line to the next with one space when the line does not end a sentence and the next starts in
// lower case, which is how a wrap inside a sentence looks. Blank lines stay paragraph breaks,
// and nothing else changes: a line ending in a full stop, or followed by a capital, a digit or a
// list marker, keeps its break (a short list or an address survives). Pure; no DOM.

/** Ends a sentence: . ! ? … : ; possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;][\p{Pe}\p{Pf}"'’”»›]*$/u;
/** Starts in lower case, possibly after opening quotes or brackets. */
const LOWERCASE_START = /^[\p{Ps}\p{Pi}"'‘“«‹„‚]*\p{Ll}/u;

/**
 * Joins hard-wrapped lines of `text` (see the file's comment). Line breaks may be \n or \r\n.
 * @param {string} text
 * @returns {string}
 */
export function joinWrappedLines(text) {
    const lines = text.split(/(\r?\n)/); // odd entries are the breaks themselves
    let out = lines[0];
    let current = lines[0];
    for (let i = 2; i < lines.length; i += 2) {
        const next = lines[i];
        const line = current.trimEnd();
        const nextStart = next.trimStart();
        if (line !== '' && nextStart !== '' && !SENTENCE_END.test(line) && LOWERCASE_START.test(nextStart)) {
            out = out.slice(0, out.length - (current.length - line.length)) + ' ' + nextStart;
            current = line + ' ' + nextStart;
        } else {
            out += lines[i - 1] + next;
            current = next;
        }
    }
    return out;
}
