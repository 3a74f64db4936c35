//! The wire format: the only `Serialize` types in the crate, shared by the CLI (code points) and
//! the wasm boundary (UTF-16 code units). Field names are a contract with our evaluations and
//! with embedders: fields may be added, never renamed or removed.

use serde::Serialize;

use crate::analysis::{Analysis, Attribution, Cluster, Entity, Quote, Span, Speaker};
use crate::text::offsets::{OffsetMap, OffsetUnit};

/// Bumped when the format grows (2: `attributions`) or a field changes meaning.
pub const SCHEMA_VERSION: u32 = 2;

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
    /// Who said what, direct and reported speech (schema 2); see `AttributionOut`.
    pub attributions: Vec<AttributionOut<'t>>,
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
        attributions: analysis.attributions.iter().enumerate().map(|(id, a)| attribution(text, &range, &speaker, id, a)).collect(),
    }
}

// ---- Attributions (schema 2) -------------------------------------------------------------------

/// One claim and who made it (`crate::Attribution`), offsets in the document's unit.
#[derive(Serialize, Debug)]
pub struct AttributionOut<'t> {
    pub id: usize,
    /// `"direct"`, `"mixed"` or `"indirect"`.
    pub kind: &'static str,
    /// The hull of `content_spans`, with its text.
    pub content: CueOut<'t>,
    pub content_spans: Vec<Range>,
    /// Who made the claim, as a quote's `speaker` (equal to it for the quotes in `quotes`), or null.
    pub source: Option<SpeakerOut<'t>>,
    pub cue: Option<CueOut<'t>>,
    /// Ids of the direct and partial quotes inside the content.
    pub quotes: Vec<usize>,
    /// The calibrated probability that content and source are both right, two decimals (f64, so
    /// that JavaScript reads 0.44, not 0.4399999976).
    pub confidence: f64,
}

fn attribution<'t>(text: &'t str, range: &impl Fn(Span) -> Range, speaker: &impl Fn(&Speaker) -> SpeakerOut<'t>, id: usize, a: &Attribution) -> AttributionOut<'t> {
    let text_range = |s: Span| {
        let r = range(s);
        CueOut { start: r.start, end: r.end, text: s.slice(text) }
    };
    AttributionOut {
        id,
        kind: a.kind.as_str(),
        content: text_range(a.content),
        content_spans: a.content_spans.iter().map(|&s| range(s)).collect(),
        source: a.source.as_ref().map(speaker),
        cue: a.cue.map(text_range),
        quotes: a.quotes.clone(),
        // Two decimals: more would claim a precision the calibration does not have.
        confidence: (a.confidence as f64 * 100.0).round() / 100.0,
    }
}
