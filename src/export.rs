//! The wire format: the only `Serialize` types in the crate, shared by the CLI (code points) and
//! the wasm boundary (UTF-16 code units). Field names are a contract with our evaluations and
//! with embedders: fields may be added, never renamed or removed.

use serde::Serialize;

use crate::analysis::{Analysis, Cluster, Entity, Quote, Span, Speaker};
use crate::text::offsets::{OffsetMap, OffsetUnit};

/// Bumped only if a field changes meaning; new fields do not bump it.
pub const SCHEMA_VERSION: u32 = 1;

/// One analysed text, offsets in the unit it was exported with.
#[derive(Serialize, Debug)]
pub struct Document<'t> {
    pub schema: u32,
    pub unit: &'static str,
    pub quotes: Vec<QuoteOut<'t>>,
    pub entities: Vec<EntityOut<'t>>,
    /// One per entity cluster: its display name and how often it is mentioned.
    pub clusters: Vec<ClusterOut<'t>>,
    pub paragraphs: Vec<Range>,
}

#[derive(Serialize, Debug)]
pub struct ClusterOut<'t> {
    /// The id entities carry in `cluster`.
    pub id: usize,
    pub label: &'static str,
    pub name: &'t str,
    pub mentions: usize,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug)]
pub struct QuoteOut<'t> {
    pub id: usize,
    pub start: usize,
    pub end: usize,
    pub outer_start: usize,
    pub outer_end: usize,
    pub text: &'t str,
    pub kind: &'static str,
    pub paragraph: usize,
    pub unclosed: bool,
    pub parent: Option<usize>,
    pub speaker: Option<SpeakerOut<'t>>,
    pub cue: Option<CueOut<'t>>,
}

#[derive(Serialize, Debug)]
pub struct SpeakerOut<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    pub kind: &'static str,
    pub entity: Option<usize>,
    pub basis: &'static str,
    /// The name the speaker mention refers to (`{start, end, text}`), or null.
    pub refers_to: Option<CueOut<'t>>,
}

#[derive(Serialize, Debug)]
pub struct CueOut<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

#[derive(Serialize, Debug)]
pub struct EntityOut<'t> {
    pub id: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    pub label: &'static str,
    pub cluster: usize,
}

fn unit_name(unit: OffsetUnit) -> &'static str {
    match unit {
        OffsetUnit::Byte => "byte",
        OffsetUnit::Utf16 => "utf16",
        OffsetUnit::CodePoint => "codepoint",
    }
}

/// Converts `analysis` of `text` to the wire format with offsets in `unit`.
pub fn export<'t>(text: &'t str, analysis: &Analysis, unit: OffsetUnit) -> Document<'t> {
    let map = OffsetMap::new(text, unit);
    let range = |span: Span| Range { start: map.convert(span.start), end: map.convert(span.end) };
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
                CueOut { start: range.start, end: range.end, text: r.slice(text) }
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
    Document {
        schema: SCHEMA_VERSION,
        unit: unit_name(unit),
        quotes: analysis.quotes.iter().enumerate().map(quote).collect(),
        entities: analysis.entities.iter().enumerate().map(entity).collect(),
        clusters: analysis.clusters.iter().map(|c: &Cluster| ClusterOut { id: c.id, label: c.label.as_str(), name: c.name.slice(text), mentions: c.mentions }).collect(),
        paragraphs: analysis.paragraphs.iter().map(|&p| range(p)).collect(),
    }
}
