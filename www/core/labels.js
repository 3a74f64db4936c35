// The display names, legend order and line styles of what the analysis reports. Data only: no
// colours (those are in palette.css, keyed by the same names), no DOM. Shared by the page and the
// embed package.
//
// The keys are the wire format's `kind`, `label` and `basis` values (src/export.rs); the order
// here is the order of the legends.

/**
 * Quote kinds, in legend order. `line` is the style of the line under the kind's marks (CSS
 * border style), so that colour is never the only cue (core/marks.js draws it).
 */
export const QUOTE_KINDS = [
    { kind: 'direct', name: 'Direct', line: 'solid', description: 'Speech standing on its own: “…,” she said.' },
    { kind: 'partial', name: 'Partial', line: 'dashed', description: 'Quoted words inside the reporter’s own sentence.' },
    { kind: 'term', name: 'Term', line: 'dotted', description: 'Scare quotes, titles and nicknames: not speech.' },
    { kind: 'nested', name: 'Nested', line: 'double', description: 'A quote inside another quote.' },
];

/**
 * Reported speech (the wire format's attributions of kind `indirect` and `mixed`: "X said that
 * …", "according to X, …"), drawn after the quote kinds in the legend. Its key `claim` is also
 * its label in the embed's `labels`. `line` is a dotted underline with no tint: quieter than any
 * quote, and told apart from a term's dotted border by the quotes' tinted box.
 */
export const CLAIM = { kind: 'claim', name: 'Reported', line: 'dotted', description: 'Reported speech: X said that …, according to X …' };

/** Entity labels, in legend order. `label` is also the tag drawn after each mention. */
export const ENTITY_LABELS = [
    { label: 'PERSON', name: 'Person', description: 'People, by name.' },
    { label: 'ORG', name: 'Organisation', description: 'Companies, parties, agencies, alliances, teams.' },
    { label: 'PLACE', name: 'Place', description: 'Countries, cities, regions and other places.' },
    { label: 'GROUP', name: 'Group', description: 'Nationalities and other groups of people (Russian, Hungarian).' },
    { label: 'MISC', name: 'Other name', description: 'Other names: events, products, works.' },
    { label: 'DATE', name: 'Date', description: 'Dates, days and periods of time.' },
    { label: 'MONEY', name: 'Money', description: 'Amounts of money.' },
    { label: 'PERCENT', name: 'Percentage', description: 'Percentages.' },
    { label: 'NUMBER', name: 'Number', description: 'Other numbers and quantities.' },
];

/**
 * How an attribution was reached (`speaker.basis`), with the reason the page gives for an
 * inferred one. Only `explicit` has a cue and a speaker in the quote's own sentence.
 */
export const BASES = [
    { basis: 'explicit', name: 'Stated', reason: 'The speaker is named with a speech verb in the quote’s own sentence.' },
    { basis: 'pronoun', name: 'Inferred', reason: 'The sentence names the speaker only by a pronoun or a description, resolved to an earlier name.' },
    { basis: 'continuation', name: 'Inferred', reason: 'No speech verb of its own: it continues the previous quote by the same speaker.' },
    { basis: 'nearest', name: 'Inferred', reason: 'No speech verb ties them: the speaker is the nearest plausible name.' },
];

/** The people and organisations a quote can be credited to. */
export const SPEAKER_LABELS = new Set(['PERSON', 'ORG']);

const KIND_BY_NAME = new Map(QUOTE_KINDS.map((k) => [k.kind, k]));
const LABEL_BY_NAME = new Map(ENTITY_LABELS.map((l) => [l.label, l]));
const BASIS_BY_NAME = new Map(BASES.map((b) => [b.basis, b]));

/** The legend entry of a quote kind; an unknown kind (a newer module) gets a neutral entry. */
export function quoteKind(kind) {
    return KIND_BY_NAME.get(kind) ?? { kind, name: kind, line: 'solid', description: '' };
}

/** The legend entry of an entity label; an unknown label gets a neutral entry. */
export function entityLabel(label) {
    return LABEL_BY_NAME.get(label) ?? { label, name: label, description: '' };
}

/** The entry of an attribution basis; an unknown basis counts as inferred. */
export function attributionBasis(basis) {
    return BASIS_BY_NAME.get(basis) ?? { basis, name: 'Inferred', reason: `Attributed by rule “${basis}”.` };
}
