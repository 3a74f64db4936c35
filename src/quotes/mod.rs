//! Quotations: pairing the marks (`scan`) and telling what each quoted span is (`classify`).

mod classify;
mod marks;
mod scan;

#[allow(unused_imports)] // Attribution (issue 6) shares the cue lexicon.
pub(crate) use classify::{words, CUES};

use crate::analysis::{Quote, Sentence, Span};
use crate::text::segment::trim;

/// Every quoted span of `text` holding at least one letter or digit, in order of opening mark.
pub(crate) fn find(text: &str, paragraphs: &[Span], _sentences: &[Sentence]) -> Vec<Quote> {
    let raw = scan::scan(text, paragraphs);
    // Marks around nothing readable (`""`, `“…”`) quote nothing; drop them and re-point parents.
    // Deeply nested quotes share one long tail, so scanning each body would cost O(n²): look the
    // first letter or digit at or after each body's start up in one sorted list instead.
    let readable: Vec<usize> = text.char_indices().filter(|(_, c)| c.is_alphanumeric()).map(|(i, _)| i).collect();
    let keep: Vec<bool> = raw
        .iter()
        .map(|q| readable.get(readable.partition_point(|&i| i < q.body.start)).is_some_and(|&i| i < q.body.end))
        .collect();
    let mut new_index = vec![None; raw.len()];
    let mut n = 0;
    for (i, &k) in keep.iter().enumerate() {
        if k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    // A dropped parent hands its children to its own parent; parents come before children,
    // so each parent is already resolved when its children are.
    let mut resolved: Vec<Option<usize>> = vec![None; raw.len()];
    for i in 0..raw.len() {
        resolved[i] = raw[i].parent.and_then(|p| if keep[p] { new_index[p] } else { resolved[p] });
    }
    let kept: Vec<scan::RawQuote> = raw
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| keep[i])
        .map(|(i, mut q)| {
            q.parent = resolved[i];
            q
        })
        .collect();
    let kinds = classify::classify(text, paragraphs, &kept);
    kept.into_iter()
        .zip(kinds)
        .map(|(q, kind)| Quote {
            inner: trim(text, q.body).unwrap_or(Span::new(q.body.start, q.body.start)),
            outer: q.outer,
            kind,
            paragraph: q.paragraph,
            unclosed: q.unclosed,
            parent: q.parent,
            speaker: None,
            cue: None,
        })
        .collect()
}
