// A strict RFC 4180 reader for the tests: it is not the page's code, so the page's CSV is
// checked by an independent parser. Fields may be quoted ("…", with "" for a quote mark) and
// then hold commas, quote marks and line breaks; records end in CRLF (a bare LF is accepted
// too, as most readers do). Anything else malformed throws.

/** The records of `text`, each an array of fields. A final line break ends the last record. */
export function parseCsv(text) {
    const records = [];
    let record = [];
    let field = '';
    let i = 0;
    let atFieldStart = true;
    const endField = () => {
        record.push(field);
        field = '';
        atFieldStart = true;
    };
    const endRecord = () => {
        endField();
        records.push(record);
        record = [];
    };
    while (i < text.length) {
        const c = text[i];
        if (atFieldStart && c === '"') {
            // A quoted field: up to the closing quote that is not doubled.
            i += 1;
            for (;;) {
                if (i >= text.length) throw new Error('CSV: unterminated quoted field');
                if (text[i] === '"') {
                    if (text[i + 1] === '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                field += text[i];
                i += 1;
            }
            if (i < text.length && !/^(,|\r\n|\n)/.test(text.slice(i, i + 2))) {
                throw new Error(`CSV: text after a closing quote at ${i}`);
            }
            atFieldStart = false;
            continue;
        }
        if (c === ',') {
            endField();
            i += 1;
        } else if (c === '\r' && text[i + 1] === '\n') {
            endRecord();
            i += 2;
        } else if (c === '\n') {
            endRecord();
            i += 1;
        } else if (c === '"' || c === '\r') {
            throw new Error(`CSV: a bare ${JSON.stringify(c)} in an unquoted field at ${i}`);
        } else {
            field += c;
            atFieldStart = false;
            i += 1;
        }
    }
    if (!atFieldStart || field !== '' || record.length > 0) endRecord();
    return records;
}
