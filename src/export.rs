//! The wire format: the one contract between the analysis and everything that reads it — the
//! CLI's JSON (offsets in Unicode code points), the wasm module's JS objects (UTF-16 code units),
//! the page's JSON export, our evaluations and embedders. These are the only `Serialize` types in
//! the crate, and this file is the contract's one home:
//!
//! - the field docs below are its reference (shapes, units, where the data comes from);
//! - `src/export.d.ts` is the same contract in TypeScript, generated from these types by ts-rs
//!   (`src/export/typescript.rs`; a test fails when the committed file is stale) and carried into
//!   the wasm module's `.d.ts` by `src/wasm.rs`.
//!
//! Field names never change: fields may be added, never renamed or removed (see
//! [`SCHEMA_VERSION`]). The wire type names end in `Out`, so none is mistaken for the core type
//! of the same concept (`Quote` has byte spans `inner`/`outer`; `QuoteOut` has `start`, `end`,
//! `outer_start`, `outer_end` in the document's unit).
//!
//! # Offsets
//! Every offset is in the unit named by the document's `unit` field and is end-exclusive:
//! `text[start..end]` in that unit is the span. **A field is an offset exactly when its name is
//! `start` or `end` or ends in `_start` or `_end`**; no other field holds one. `www/export.js`
//! converts a document from UTF-16 to code points by this rule alone, so a new offset field must
//! follow it (the test `offset_fields_follow_the_naming_rule` checks every field).
//!
//! # Where the data comes from
//! Paragraphs and sentences: `text::segment`. Quotes: `quotes` (pairing the marks of
//! `quotes/marks.rs`, then classifying). Speakers and cues: `speakers` (cues read from
//! `src/data/speech_verbs.txt`). Entities: `entities` (the tagger trained on CoNLL-2003,
//! `src/data/ner/model.bin`, with the gazetteers of `src/data/`, plus rules for dates and
//! figures); clusters: `entities::clusters`. Attributions (direct and reported speech):
//! `attribution` (the tagger trained on PolNeAR attributions, `src/data/attribution/model.bin`,
//! linked to the speakers' mentions and the entity clusters). Nothing is looked up outside the text and the
//! crate's own data.

use serde::Serialize;

use crate::analysis::{Analysis, Attribution, Cluster, Entity, Quote, Span, Speaker};
use crate::text::offsets::{OffsetMap, OffsetUnit};

#[cfg(test)]
mod typescript;

/// The wire format's version, the document's `schema` field. Bumped whenever the format grows
/// (a field is added); fields are never renamed or removed, so a reader of version N reads any
/// later version. 2: `attributions`. 3: quotes' `ends_mid_clause`.
pub const SCHEMA_VERSION: u32 = 3;

/// One analysed text. The CLI prints it with the caller's `id` as a first field
/// (`{"id": …, "schema": 3, …}`, `null` for a file); the wasm module's `analyze` returns it
/// as a plain object.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocumentOut<'t> {
    /// The wire format's version: 2 (1 had no `attributions`).
    pub schema: u32,
    /// The unit of every offset in this document: `"codepoint"` from the CLI (what Python
    /// strings index), `"utf16"` from the wasm module (what JavaScript strings index), `"byte"`
    /// (UTF-8) only when a Rust caller asks for it.
    #[cfg_attr(test, ts(type = "OffsetUnit"))]
    pub unit: &'static str,
    /// The quotations, in order of their opening mark; a nested quote follows its parent.
    pub quotes: Vec<QuoteOut<'t>>,
    /// The named entities and figures, in text order; they never overlap.
    pub entities: Vec<EntityOut<'t>>,
    /// One per entity cluster (the mentions of one real-world entity), in order of first mention.
    pub clusters: Vec<ClusterOut<'t>>,
    /// The paragraphs: one per non-blank line, in order, line breaks excluded.
    pub paragraphs: Vec<RangeOut>,
    /// Who said what: every claim, direct and reported speech, with its source, in order of
    /// content start (schema 2). Every direct and partial quote with a speaker lies in one.
    pub attributions: Vec<AttributionOut<'t>>,
}

/// A span without text of its own (a paragraph), in the unit named by the document's `unit`.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RangeOut {
    /// First offset of the span, in the unit named by `unit`.
    pub start: usize,
    /// Offset just past the span (exclusive), in the unit named by `unit`.
    pub end: usize,
}

/// One quotation: the words between a pair of quote marks, what kind of quote it is and, for
/// direct and partial quotes, who said it.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct QuoteOut<'t> {
    /// Its index in the document's `quotes`.
    pub id: usize,
    /// Start of the quoted words (marks and the blanks just inside them excluded), in the unit
    /// named by `unit`.
    pub start: usize,
    /// End (exclusive) of the quoted words, in the unit named by `unit`.
    pub end: usize,
    /// Start of the quotation with its opening mark, in the unit named by `unit`.
    pub outer_start: usize,
    /// End (exclusive) of the quotation with its closing mark, in the unit named by `unit`; for an
    /// `unclosed` quote, the end of its paragraph.
    pub outer_end: usize,
    /// The quoted words: the text from `start` to `end`. (A lone UTF-16 surrogate in a JS
    /// caller's text reads as U+FFFD here; it is one code unit either way, so offsets still fit.)
    pub text: &'t str,
    /// `direct`: speech standing on its own (“…,” X said). `partial`: a fragment inside the
    /// reporter's sentence (accused them of “ignoring” it). `term`: scare quotes, titles,
    /// nicknames — not speech. `nested`: a quote inside a quote (`parent` names the outer one).
    #[cfg_attr(test, ts(type = "QuoteKind"))]
    pub kind: &'static str,
    /// Index in the document's `paragraphs` of the paragraph the quote opens in. A quote
    /// continued over several paragraphs (no closing mark, the next paragraph reopens: the news
    /// convention) is one quote spanning the break.
    pub paragraph: usize,
    /// True when no closing mark was found: the quote then ends at its paragraph's end.
    pub unclosed: bool,
    /// True when the quoted words end without punctuation of their own (`, . ! ? ; : …`): the
    /// quotation stops mid-clause. The full analysis makes such a direct quote partial when the
    /// claim holding it runs on past its closing mark, so the quote stage alone (the wasm
    /// module's `analyzeQuotes`) may still call it direct (schema 3).
    pub ends_mid_clause: bool,
    /// Index in the document's `quotes` of the quote this one is nested in; null at top level.
    pub parent: Option<usize>,
    /// Who the quote is credited to; null for terms and nested quotes, and when no speaker was
    /// found near the quote (nothing is guessed from a sentence that does not touch it).
    pub speaker: Option<SpeakerOut<'t>>,
    /// The word or phrase that introduces the speech (“said”, “told”, “according to”, from
    /// `src/data/speech_verbs.txt`); null when the speaker was found without one of its own.
    pub cue: Option<CueOut<'t>>,
}

/// Who a quotation is credited to: the mention of the speaker nearest to the quote.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SpeakerOut<'t> {
    /// Start of the mention naming the speaker, in the unit named by `unit`.
    pub start: usize,
    /// End (exclusive) of the mention, in the unit named by `unit`.
    pub end: usize,
    /// The mention: the shortest words naming the speaker (“Putin”, “he”, “the Hungarian leader”).
    pub text: &'t str,
    /// `name` (a proper name), `pronoun` (“he”, “they”) or `nominal` (“the minister”).
    #[cfg_attr(test, ts(type = "MentionKind"))]
    pub kind: &'static str,
    /// The id (`ClusterOut.id`) of the entity cluster the mention belongs to, when the entity
    /// tagger found it; null otherwise (the speaker is found without the tagger).
    pub entity: Option<usize>,
    /// How the attribution was reached, strongest first, which tells a reader how far to trust
    /// it: `explicit` (a cue and the speaker in the quote's own sentence), `pronoun` (a pronoun or
    /// nominal there, resolved to an earlier mention), `continuation` (no cue; the quote follows
    /// one by the same speaker), `nearest` (the nearest plausible speaker: the weakest).
    #[cfg_attr(test, ts(type = "Basis"))]
    pub basis: &'static str,
    /// The name the mention refers to: the first full name of that person or organisation in
    /// the text (“Vladimir Putin” for a later “he” or “the Russian president”), or, for someone
    /// the text names by no name, the nominal that brought them in (“a docker” for a later “he”
    /// or “the docker”); null when none was found. Found without the entity tagger, so it can be
    /// there when `entity` is null.
    pub refers_to: Option<ReferentOut<'t>>,
}

/// The cue of a quotation: the words that introduce the speech.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CueOut<'t> {
    /// Start of the cue, in the unit named by `unit`.
    pub start: usize,
    /// End (exclusive) of the cue, in the unit named by `unit`.
    pub end: usize,
    /// The cue's words (“said”, “according to”).
    pub text: &'t str,
}

/// The name mention a speaker refers to (`SpeakerOut.refers_to`).
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReferentOut<'t> {
    /// Start of the name, in the unit named by `unit`.
    pub start: usize,
    /// End (exclusive) of the name, in the unit named by `unit`.
    pub end: usize,
    /// The name (“Vladimir Putin”).
    pub text: &'t str,
}

/// One mention of a named entity, or a date or figure.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EntityOut<'t> {
    /// Its index in the document's `entities`.
    pub id: usize,
    /// Start of the mention, in the unit named by `unit`.
    pub start: usize,
    /// End (exclusive) of the mention, in the unit named by `unit`.
    pub end: usize,
    /// The mention's words.
    pub text: &'t str,
    /// `PERSON`, `ORG`, `PLACE`, `GROUP` (nationalities, religions, parties), `MISC` (other
    /// names), from the tagger and gazetteers; `DATE`, `MONEY`, `PERCENT`, `NUMBER`, from rules.
    #[cfg_attr(test, ts(type = "EntityLabel"))]
    pub label: &'static str,
    /// The id (`ClusterOut.id`) of the cluster of mentions of the same real-world entity
    /// (“Vladimir Putin”, “Putin”): the index in `entities` of its first mention.
    pub cluster: usize,
}

/// The mentions of one real-world entity, as the page lists them.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ClusterOut<'t> {
    /// The id its mentions carry in `EntityOut.cluster`: the index in `entities` of its first
    /// mention.
    pub id: usize,
    /// The label of its first mention.
    #[cfg_attr(test, ts(type = "EntityLabel"))]
    pub label: &'static str,
    /// The cluster's name: the text of its longest proper mention (“Vladimir Putin”).
    pub name: &'t str,
    /// How many entries of `entities` belong to it.
    pub mentions: usize,
}

/// One claim and who made it (PolNeAR's conventions: content, source, cue).
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AttributionOut<'t> {
    /// Its index in the document's `attributions`.
    pub id: usize,
    /// `direct` (the content is a quotation), `mixed` (reported speech with quoted fragments) or
    /// `indirect` (reported speech, nothing quoted: "X said that …", "according to X, …").
    #[cfg_attr(test, ts(type = "AttributionKind"))]
    pub kind: &'static str,
    /// What was said: the hull of `content_spans`, with its text.
    pub content: ContentOut<'t>,
    /// The content's pieces in order: one, or several when an interrupting "he said" splits it.
    pub content_spans: Vec<RangeOut>,
    /// Who made the claim, like a quote's `speaker` (the same mention as the `speaker` of the
    /// quotes in `quotes`); null when the text does not say ("it was reported that …").
    pub source: Option<SpeakerOut<'t>>,
    /// The reporting verb or phrase ("said", "denied", "according to", a colon); null when the
    /// claim has none of its own.
    pub cue: Option<CueOut<'t>>,
    /// Ids (`QuoteOut.id`) of the direct and partial quotes inside the content.
    pub quotes: Vec<usize>,
    /// The calibrated probability (0 to 1, two decimals) that content and source are both right,
    /// calibrated by cross-validation over PolNeAR train (`src/data/README.md`). A double, so
    /// that the wasm module's number is the same two-decimal value as the CLI's.
    pub confidence: f64,
}

/// What an attribution reports: its span and words.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ContentOut<'t> {
    /// Start of the content, in the unit named by `unit`.
    pub start: usize,
    /// End (exclusive) of the content, in the unit named by `unit`.
    pub end: usize,
    /// The content's words, from `start` to `end` (any interruption included).
    pub text: &'t str,
}

/// The name of `unit` in the document's `unit` field.
fn unit_name(unit: OffsetUnit) -> &'static str {
    match unit {
        OffsetUnit::Byte => "byte",
        OffsetUnit::Utf16 => "utf16",
        OffsetUnit::CodePoint => "codepoint",
    }
}

/// Converts `analysis` of `text` to the wire format with offsets in `unit`. Never fails: the
/// analysis's spans lie on char boundaries of `text` (it must be the text that was analysed).
pub fn export<'t>(text: &'t str, analysis: &Analysis, unit: OffsetUnit) -> DocumentOut<'t> {
    let map = OffsetMap::new(text, unit);
    let range = |span: Span| RangeOut { start: map.convert(span.start), end: map.convert(span.end) };
    let speaker = |s: &Speaker| {
        let r = range(s.span);
        SpeakerOut {
            start: r.start,
            end: r.end,
            text: s.span.slice(text),
            kind: s.kind.as_str(),
            entity: s.entity,
            basis: s.basis.as_str(),
            refers_to: s.refers_to.map(|r| {
                let range = range(r);
                ReferentOut { start: range.start, end: range.end, text: r.slice(text) }
            }),
        }
    };
    let quote = |(id, q): (usize, &Quote)| {
        let inner = range(q.inner);
        let outer = range(q.outer);
        QuoteOut {
            id,
            start: inner.start,
            end: inner.end,
            outer_start: outer.start,
            outer_end: outer.end,
            text: q.inner.slice(text),
            kind: q.kind.as_str(),
            paragraph: q.paragraph,
            unclosed: q.unclosed,
            ends_mid_clause: q.ends_mid_clause(text),
            parent: q.parent,
            speaker: q.speaker.as_ref().map(speaker),
            cue: q.cue.map(|c| {
                let r = range(c);
                CueOut { start: r.start, end: r.end, text: c.slice(text) }
            }),
        }
    };
    let entity = |(id, e): (usize, &Entity)| {
        let r = range(e.span);
        EntityOut { id, start: r.start, end: r.end, text: e.span.slice(text), label: e.label.as_str(), cluster: e.cluster }
    };
    DocumentOut {
        schema: SCHEMA_VERSION,
        unit: unit_name(unit),
        quotes: analysis.quotes.iter().enumerate().map(quote).collect(),
        entities: analysis.entities.iter().enumerate().map(entity).collect(),
        clusters: analysis
            .clusters
            .iter()
            .map(|c: &Cluster| ClusterOut { id: c.id, label: c.label.as_str(), name: c.name.slice(text), mentions: c.mentions })
            .collect(),
        paragraphs: analysis.paragraphs.iter().map(|&p| range(p)).collect(),
        attributions: analysis.attributions.iter().enumerate().map(|(id, a)| attribution(text, &range, &speaker, id, a)).collect(),
    }
}

fn attribution<'t>(
    text: &'t str,
    range: &impl Fn(Span) -> RangeOut,
    speaker: &impl Fn(&Speaker) -> SpeakerOut<'t>,
    id: usize,
    a: &Attribution,
) -> AttributionOut<'t> {
    let content = range(a.content);
    AttributionOut {
        id,
        kind: a.kind.as_str(),
        content: ContentOut { start: content.start, end: content.end, text: a.content.slice(text) },
        content_spans: a.content_spans.iter().map(|&s| range(s)).collect(),
        source: a.source.as_ref().map(speaker),
        cue: a.cue.map(|c| {
            let r = range(c);
            CueOut { start: r.start, end: r.end, text: c.slice(text) }
        }),
        quotes: a.quotes.clone(),
        // Two decimals: more would claim a precision the calibration does not have.
        confidence: (f64::from(a.confidence) * 100.0).round() / 100.0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};

    use super::*;

    /// Fills every optional field somewhere (a nested quote, a speaker by name and one by
    /// pronoun, both referring to a full name, cues, entities), and puts accents and an emoji
    /// first so that every offset differs between units.
    const TEXT: &str = "Ünïcode 🎌 news: Angela Merkel visited Paris on 3 May 2015.\n\n\
                        “We are ‘ready’ for this,” said Chancellor Merkel. “It is the right day.”\n\n\
                        She told reporters: “Nothing changes.”\n";

    /// The rule `www/export.js` converts by (see the module docs).
    fn is_offset(key: &str) -> bool {
        key == "start" || key == "end" || key.ends_with("_start") || key.ends_with("_end")
    }

    /// `value` with every number under an offset key passed through `convert`.
    fn convert_offsets(value: &Value, key: &str, convert: &impl Fn(usize) -> usize) -> Value {
        match value {
            Value::Number(n) if is_offset(key) => Value::from(convert(n.as_u64().expect("an offset is a count") as usize)),
            Value::Array(items) => Value::Array(items.iter().map(|v| convert_offsets(v, key, convert)).collect()),
            Value::Object(fields) => {
                Value::Object(fields.iter().map(|(k, v)| (k.clone(), convert_offsets(v, k, convert))).collect::<Map<_, _>>())
            }
            other => other.clone(),
        }
    }

    /// Every field path (`quotes.speaker.refers_to.text`), and whether it was ever non-null.
    fn field_paths(value: &Value, path: &str, seen: &mut std::collections::BTreeMap<String, bool>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| field_paths(v, path, seen)),
            Value::Object(fields) => {
                for (k, v) in fields {
                    let path = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    *seen.entry(path.clone()).or_default() |= !v.is_null();
                    field_paths(v, &path, seen);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn offset_fields_follow_the_naming_rule() {
        let analysis = crate::analyze(TEXT);
        let bytes = serde_json::to_value(export(TEXT, &analysis, OffsetUnit::Byte)).unwrap();
        let points = serde_json::to_value(export(TEXT, &analysis, OffsetUnit::CodePoint)).unwrap();
        let map = OffsetMap::new(TEXT, OffsetUnit::CodePoint);
        let mut converted = convert_offsets(&bytes, "", &|byte| map.convert(byte));
        converted["unit"] = Value::from("codepoint");
        assert_eq!(converted, points, "converting the fields named by the rule, and only those, must give the code-point export");

        // The check above says nothing about a field that is always null here.
        let mut seen = std::collections::BTreeMap::new();
        field_paths(&points, "", &mut seen);
        let never: Vec<&String> = seen.iter().filter(|(_, &filled)| !filled).map(|(path, _)| path).collect();
        assert!(never.is_empty(), "TEXT should fill every field; never filled: {never:?}");
    }
}
