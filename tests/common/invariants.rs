//! The invariants every analysis keeps, whatever the text (ARCHITECTURE.md, "Invariants"), as
//! the one checker, shared by the fuzz target (fuzz/fuzz_targets/analyze.rs), the property tests
//! (tests/properties.rs) and tests/regression.rs: a fuzz finding replays as a test with exactly
//! the same assertions.
//!
//! Each check panics with a message naming the broken invariant. The checks cost O(n) plus the
//! total length of the quotes (their texts are compared), so they stay cheap on fuzz inputs.

#![allow(dead_code)]

use quotelens::export::{export, DocumentOut, RangeOut};
use quotelens::{analyze, Analysis, OffsetUnit, QuoteKind, Span};

/// Analyses `text`, checks the analysis and its exports in every unit, and returns it.
pub fn check(text: &str) -> Analysis {
    let analysis = analyze(text);
    check_analysis(text, &analysis);
    check_exports(text, &analysis);
    analysis
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds (len {})", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} off a char boundary");
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}')
}

/// Byte spans: in bounds, on char boundaries, ordered and nested as `Analysis` documents.
pub fn check_analysis(text: &str, analysis: &Analysis) {
    let paragraphs = &analysis.paragraphs;
    for (i, &p) in paragraphs.iter().enumerate() {
        check_span(text, p, "paragraph");
        assert!(!p.is_empty(), "paragraph {i} is empty");
        // A hard-wrapped paragraph holds the single line breaks it joined, never a blank line.
        let body = p.slice(text).replace("\r\n", "\n");
        assert!(!body.split(is_line_break).any(|line| line.trim().is_empty()), "paragraph {i} holds a blank line");
        if i > 0 {
            assert!(paragraphs[i - 1].end <= p.start, "paragraphs {} and {i} out of order or overlapping", i - 1);
        }
    }
    for (i, s) in analysis.sentences.iter().enumerate() {
        check_span(text, s.span, "sentence");
        assert!(s.paragraph < paragraphs.len(), "sentence {i} in paragraph {} of {}", s.paragraph, paragraphs.len());
        assert!(paragraphs[s.paragraph].contains(s.span), "sentence {i} outside its paragraph");
        if i > 0 {
            assert!(analysis.sentences[i - 1].span.end <= s.span.start, "sentences {} and {i} out of order", i - 1);
        }
    }
    check_quotes(text, analysis);
    check_entities(text, analysis);
    check_attributions(text, analysis);
}

/// Attributions: spans in bounds, pieces inside the content hull and in order, quotes held once
/// and credited to the attribution's source, confidence a probability.
fn check_attributions(text: &str, analysis: &Analysis) {
    let mut held = vec![false; analysis.quotes.len()];
    for (i, a) in analysis.attributions.iter().enumerate() {
        check_span(text, a.content, "attribution content");
        assert!(!a.content_spans.is_empty(), "attribution {i} has no content piece");
        for (k, &p) in a.content_spans.iter().enumerate() {
            check_span(text, p, "attribution content piece");
            assert!(a.content.contains(p), "attribution {i}: piece {p:?} outside {:?}", a.content);
            assert!(k == 0 || a.content_spans[k - 1].end <= p.start, "attribution {i}: pieces out of order");
        }
        if let Some(c) = a.cue {
            check_span(text, c, "attribution cue");
        }
        if let Some(s) = &a.source {
            check_span(text, s.span, "attribution source");
        }
        assert!((0.0..=1.0).contains(&a.confidence), "attribution {i}: confidence {}", a.confidence);
        if i > 0 {
            assert!(analysis.attributions[i - 1].content.start <= a.content.start, "attributions {} and {i} out of order", i - 1);
        }
        for &q in &a.quotes {
            assert!(q < analysis.quotes.len(), "attribution {i} holds quote {q} of {}", analysis.quotes.len());
            assert!(!held[q], "quote {q} held by two attributions");
            held[q] = true;
            let mention = |s: Option<&quotelens::Speaker>| s.map(|s| (s.span, s.entity));
            assert_eq!(
                mention(analysis.quotes[q].speaker.as_ref()),
                mention(a.source.as_ref()),
                "quote {q}'s speaker and attribution {i}'s source disagree"
            );
        }
    }
    for (q, quote) in analysis.quotes.iter().enumerate() {
        let speech = quote.parent.is_none() && matches!(quote.kind, QuoteKind::Direct | QuoteKind::Partial);
        assert!(!speech || held[q], "{:?} quote {q} is in no attribution", quote.kind);
    }
}

fn check_quotes(text: &str, analysis: &Analysis) {
    let quotes = &analysis.quotes;
    let mut last_top_level: Option<usize> = None;
    for (i, q) in quotes.iter().enumerate() {
        check_span(text, q.inner, "quote inner");
        check_span(text, q.outer, "quote outer");
        assert!(q.outer.contains(q.inner), "quote {i}: inner {:?} outside outer {:?}", q.inner, q.outer);
        assert!(q.inner.slice(text).chars().any(char::is_alphanumeric), "quote {i} quotes nothing readable");
        if i > 0 {
            assert!(quotes[i - 1].outer.start < q.outer.start, "quotes {} and {i} not ordered by opening mark", i - 1);
        }
        assert_eq!(q.parent.is_some(), q.kind == QuoteKind::Nested, "quote {i}: kind {:?} with parent {:?}", q.kind, q.parent);
        match q.parent {
            Some(p) => {
                assert!(p < i, "quote {i} has parent {p}, which does not come before it");
                assert!(
                    quotes[p].outer.contains(q.outer),
                    "nested quote {i} {:?} leaks out of its parent {p} {:?}",
                    q.outer,
                    quotes[p].outer
                );
            }
            None => {
                if let Some(prev) = last_top_level {
                    assert!(quotes[prev].outer.end <= q.outer.start, "top-level quotes {prev} and {i} overlap");
                }
                last_top_level = Some(i);
            }
        }
        assert!(q.paragraph < analysis.paragraphs.len(), "quote {i} in paragraph {} of {}", q.paragraph, analysis.paragraphs.len());
        let para = analysis.paragraphs[q.paragraph];
        assert!(para.start <= q.outer.start && q.outer.start < para.end, "quote {i} does not open in its paragraph");
        // A quote runs into a later paragraph only when that paragraph reopens it with a mark.
        for next in analysis.paragraphs[q.paragraph + 1..].iter().take_while(|p| p.start < q.outer.end) {
            let first = next.slice(text).chars().next().unwrap_or(' ');
            assert!(!first.is_alphanumeric(), "quote {i} crosses into a paragraph without a reopening mark");
        }
        if let Some(speaker) = &q.speaker {
            check_span(text, speaker.span, "speaker");
            if let Some(e) = speaker.entity {
                assert!(e < analysis.entities.len(), "quote {i}: speaker entity {e} of {}", analysis.entities.len());
            }
        }
        if let Some(cue) = q.cue {
            check_span(text, cue, "cue");
        }
    }
}

fn check_entities(text: &str, analysis: &Analysis) {
    let entities = &analysis.entities;
    for (i, e) in entities.iter().enumerate() {
        check_span(text, e.span, "entity");
        assert!(!e.span.is_empty(), "entity {i} is empty");
        if i > 0 {
            assert!(entities[i - 1].span.end <= e.span.start, "entities {} and {i} out of order or overlapping", i - 1);
        }
        // A cluster id is the index of the cluster's first mention, which names itself.
        assert!(e.cluster <= i && entities[e.cluster].cluster == e.cluster, "entity {i}: bad cluster id {}", e.cluster);
    }
    let mut mentions = 0;
    for c in &analysis.clusters {
        check_span(text, c.name, "cluster name");
        assert!(c.id < entities.len() && entities[c.id].cluster == c.id, "cluster {} is no entity's cluster", c.id);
        assert!(c.mentions > 0, "cluster {} has no mentions", c.id);
        mentions += c.mentions;
    }
    assert_eq!(mentions, entities.len(), "cluster mentions do not add up to the entities");
}

/// For every char boundary of `text`, its offset in UTF-16 units and in code points, recounted
/// here independently of `OffsetMap`; `u32::MAX` inside a char.
struct Recount {
    utf16: Vec<u32>,
    points: Vec<u32>,
}

impl Recount {
    fn new(text: &str) -> Recount {
        let mut utf16 = vec![u32::MAX; text.len() + 1];
        let mut points = vec![u32::MAX; text.len() + 1];
        let (mut units, mut n) = (0u32, 0u32);
        for (i, c) in text.char_indices() {
            utf16[i] = units;
            points[i] = n;
            units += c.len_utf16() as u32;
            n += 1;
        }
        utf16[text.len()] = units;
        points[text.len()] = n;
        Recount { utf16, points }
    }
}

/// The UTF-16 and code-point exports slice the same text as the byte spans: each exported offset
/// equals the recount at the byte offset it came from (a boundary-preserving map slices alike).
pub fn check_exports(text: &str, analysis: &Analysis) {
    let recount = Recount::new(text);
    for (unit, table) in [(OffsetUnit::Utf16, &recount.utf16), (OffsetUnit::CodePoint, &recount.points)] {
        let doc = export(text, analysis, unit);
        check_document(text, analysis, &doc, table, unit);
    }
}

fn check_document(text: &str, analysis: &Analysis, doc: &DocumentOut, table: &[u32], unit: OffsetUnit) {
    let same = |span: Span, start: usize, end: usize, what: &str| {
        let expected = (table[span.start] as usize, table[span.end] as usize);
        assert_eq!((start, end), expected, "{unit:?} offsets of {what} {span:?} do not slice the same text");
    };
    let range = |span: Span, r: &RangeOut, what: &str| same(span, r.start, r.end, what);
    assert_eq!(doc.quotes.len(), analysis.quotes.len());
    for (q, out) in analysis.quotes.iter().zip(&doc.quotes) {
        same(q.inner, out.start, out.end, "quote");
        same(q.outer, out.outer_start, out.outer_end, "quote outer");
        assert_eq!(out.text, q.inner.slice(text));
        if let (Some(s), Some(o)) = (&q.speaker, &out.speaker) {
            same(s.span, o.start, o.end, "speaker");
            assert_eq!(o.text, s.span.slice(text));
        }
        assert_eq!(q.speaker.is_some(), out.speaker.is_some());
        if let (Some(c), Some(o)) = (q.cue, &out.cue) {
            same(c, o.start, o.end, "cue");
            assert_eq!(o.text, c.slice(text));
        }
        assert_eq!(q.cue.is_some(), out.cue.is_some());
    }
    assert_eq!(doc.entities.len(), analysis.entities.len());
    for (e, out) in analysis.entities.iter().zip(&doc.entities) {
        same(e.span, out.start, out.end, "entity");
        assert_eq!(out.text, e.span.slice(text));
    }
    assert_eq!(doc.paragraphs.len(), analysis.paragraphs.len());
    for (&p, out) in analysis.paragraphs.iter().zip(&doc.paragraphs) {
        range(p, out, "paragraph");
    }
}
