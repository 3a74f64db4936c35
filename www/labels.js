// The display names and legend order of what the analysis reports. Data only: no colours (those
// are in palette.css, keyed by the same names), no DOM.
//
// The keys are the wire format's `kind` and `label` values (src/export.rs); the order here is
// the order of the legend.

/** Quote kinds, in legend order. */
export const QUOTE_KINDS = [
    { kind: 'direct', name: 'Direct', description: 'Speech standing on its own: “…,” she said.' },
    { kind: 'partial', name: 'Partial', description: 'Quoted words inside the reporter’s own sentence.' },
    { kind: 'term', name: 'Term', description: 'Scare quotes, titles and nicknames: not speech.' },
    { kind: 'nested', name: 'Nested', description: 'A quote inside another quote.' },
];

/** Entity labels, in legend order (drawn once the page shows entities; colours are ready). */
export const ENTITY_LABELS = [
    { label: 'PERSON', name: 'Person' },
    { label: 'ORG', name: 'Organisation' },
    { label: 'PLACE', name: 'Place' },
    { label: 'GROUP', name: 'Group' },
    { label: 'MISC', name: 'Other name' },
    { label: 'DATE', name: 'Date' },
    { label: 'MONEY', name: 'Money' },
    { label: 'PERCENT', name: 'Percentage' },
    { label: 'NUMBER', name: 'Number' },
];

const KIND_BY_NAME = new Map(QUOTE_KINDS.map((k) => [k.kind, k]));

/** The legend entry of a quote kind; an unknown kind (a newer module) gets a neutral entry. */
export function quoteKind(kind) {
    return KIND_BY_NAME.get(kind) ?? { kind, name: kind, description: '' };
}
