// www/input/unwrap.js, the "Join wrapped lines" rule, under plain Node (it touches no DOM).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinWrappedLines } from '../../www/input/unwrap.js';

/** [input, expected]: one rule, one case each. */
const CASES = [
    // A wrap inside a sentence: joined with one space.
    ['The council voted on\nthe harbour plan.', 'The council voted on the harbour plan.'],
    // Several wraps in one paragraph.
    ['One two\nthree four\nfive six.', 'One two three four five six.'],
    // Blanks around the break collapse into the one space.
    ['The council voted on   \n   the plan.', 'The council voted on the plan.'],
    // A comma does not end a sentence.
    ['“We will rebuild,\nthe mayor said.', '“We will rebuild, the mayor said.'],
    // Blank lines stay paragraph breaks.
    ['First paragraph\nwraps here.\n\nSecond paragraph\nwraps too.', 'First paragraph wraps here.\n\nSecond paragraph wraps too.'],
    // A line ending a sentence keeps its break, even before lower case.
    ['It ended.\nthen it began.', 'It ended.\nthen it began.'],
    ['Really?\nyes.', 'Really?\nyes.'],
    ['She said: “Done.”\nand left.', 'She said: “Done.”\nand left.'],
    ['A list:\nbread', 'A list:\nbread'],
    // The next line starting with a capital, a digit or a list marker keeps the break.
    ['Harbour Road\nKingsport', 'Harbour Road\nKingsport'],
    ['Chapter one\n2 May 2024', 'Chapter one\n2 May 2024'],
    ['Items\n- bread', 'Items\n- bread'],
    // An opening quote before the lower-case letter still reads as a continuation.
    ['critics called it a\n“vanity project”.', 'critics called it a “vanity project”.'],
    // Lower case beyond ASCII.
    ['Die Kanzlerin sagte\nüberraschend nichts.', 'Die Kanzlerin sagte überraschend nichts.'],
    // CRLF breaks are joined the same way, and kept where they stay.
    ['The council voted on\r\nthe plan.\r\n\r\nNext.', 'The council voted on the plan.\r\n\r\nNext.'],
    // Nothing to do.
    ['', ''],
    ['One line.', 'One line.'],
    ['\n\n', '\n\n'],
];

test('joinWrappedLines: joins wraps inside sentences, keeps every other break', () => {
    for (const [input, expected] of CASES) {
        assert.equal(joinWrappedLines(input), expected, JSON.stringify(input));
    }
});

test('joinWrappedLines: a hard-wrapped PDF article becomes one line per paragraph', () => {
    const wrapped = [
        'The harbour authority said on Tuesday that the',
        'new sea wall would be finished by the end of the',
        'year, despite the storms.',
        '',
        '“We are not asking for',
        'miracles,” the mayor said.',
    ].join('\n');
    assert.equal(
        joinWrappedLines(wrapped),
        'The harbour authority said on Tuesday that the new sea wall would be finished by the end of the year, despite the storms.\n\n' +
            '“We are not asking for miracles,” the mayor said.',
    );
});

test('joinWrappedLines: idempotent, and only ever replaces a break and its blanks by one space', () => {
    const text = 'a b\nc d.\nE f\n\n g h\ni\n';
    const once = joinWrappedLines(text);
    assert.equal(joinWrappedLines(once), once);
    assert.equal(once.replace(/\s+/g, ''), text.replace(/\s+/g, ''));
});
