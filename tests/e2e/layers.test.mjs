// www/core/layers.js, the one layering of the page and the embed, under plain Node (the sweep
// touches no DOM): which spans cover each stretch of a text, outermost first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stretches } from '../../www/core/layers.js';

/** The stretches of `spans` over a text of `length`, as [from, to, 'names outermost first']. */
const layout = (spans, length) => [...stretches(spans, length)].map(({ from, to, stack }) => [from, to, stack.map((s) => s.name).join('>')]);

const quote = (name, start, end) => ({ name, start, end, outer: true, layer: 0 });
const inner = (name, start, end, layer = 2) => ({ name, start, end, outer: false, layer });

test('quotes are outermost, even under an inner span that starts first; a crossing span is split', () => {
    // entity [0, 10) crosses into quote [5, 20): the entity is split at 5, the quote stays whole.
    assert.deepEqual(layout([inner('E', 0, 10), quote('Q', 5, 20)], 25), [
        [0, 5, 'E'],
        [5, 10, 'Q>E'],
        [10, 20, 'Q'],
        [20, 25, ''],
    ]);
});

test('nested quotes nest by containment, inner layers by range then layer', () => {
    const spans = [quote('Q0', 0, 30), quote('Q1', 10, 20), inner('S', 2, 6, 1), inner('E', 2, 6, 2), inner('E2', 12, 14)];
    assert.deepEqual(layout(spans, 30), [
        [0, 2, 'Q0'],
        [2, 6, 'Q0>S>E'],
        [6, 10, 'Q0'],
        [10, 12, 'Q0>Q1'],
        [12, 14, 'Q0>Q1>E2'],
        [14, 20, 'Q0>Q1'],
        [20, 30, 'Q0'],
    ]);
});

test('spans are clamped to the text; empty and reversed ones are dropped; the stretches tile the text', () => {
    const spans = [quote('Q', -5, 4), inner('E', 8, 50), inner('X', 3, 3), inner('R', 6, 2)];
    const stretchesOf = layout(spans, 10);
    assert.deepEqual(stretchesOf, [
        [0, 4, 'Q'],
        [4, 8, ''],
        [8, 10, 'E'],
    ]);
    assert.deepEqual(layout([], 0), []);
});
