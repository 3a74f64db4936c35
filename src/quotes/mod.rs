//! Quotations: pairing the marks (`scan`) and telling what each quoted span is (`classify`).

mod classify;
pub(crate) mod kinds;
mod scan;

// Attribution shares the cue lexicon.
pub(crate) use classify::CUES;

use crate::analysis::{Quote, Sentence, Span};
use crate::text::segment::trim;
use crate::text::words::Words;

/// Every quoted span of `text` holding at least one letter or digit, in order of opening mark.
/// Paragraphs, sentences and words are the text's own (`crate::text`), read by index.
// `analyze` goes through `find_with` (crate::analyze_with_kinds); the stages and trainers call this.
#[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
pub(crate) fn find(text: &str, paragraphs: &[Span], sentences: &[Sentence], words: &Words) -> Vec<Quote> {
    find_with(text, paragraphs, sentences, words, &kinds::MODEL)
}

/// [`find`] with the kinds from `model` (the trainer's cross-validation folds).
pub(crate) fn find_with(text: &str, paragraphs: &[Span], sentences: &[Sentence], words: &Words, model: &kinds::KindModel) -> Vec<Quote> {
    let kept = pair(text, paragraphs);
    let kinds = classify::classify(text, paragraphs, sentences, words, &kept, model);
    build(text, kept, kinds)
}

/// For each top-level quote, its inner span and the kind model's feature names (the trainer's view).
#[cfg_attr(not(feature = "internals"), allow(dead_code))]
pub(crate) fn features(text: &str, paragraphs: &[Span], sentences: &[Sentence], words: &Words) -> Vec<(Span, Vec<String>)> {
    let kept = pair(text, paragraphs);
    let mut sink = classify::FeatureLists::default();
    classify::features(text, paragraphs, sentences, words, &kept, &mut sink);
    sink.lists
        .into_iter()
        .map(|(i, f)| (trim(text, kept[i].body).unwrap_or(Span::new(kept[i].body.start, kept[i].body.start)), f))
        .collect()
}

/// The quoted spans holding something readable, parents re-pointed past the dropped ones.
fn pair(text: &str, paragraphs: &[Span]) -> Vec<scan::RawQuote> {
    let raw = scan::scan(text, paragraphs);
    // Marks around nothing readable (`""`, `“…”`) quote nothing; drop them and re-point parents.
    // Deeply nested quotes share one long tail, so scanning each body would cost O(n²): find the
    // first letter or digit at or after each body's start in one forward sweep over the bodies in
    // order of their starts instead (a list of every letter's offset did the same with 8 bytes of
    // memory per letter).
    let mut by_start: Vec<usize> = (0..raw.len()).collect();
    crate::order::sort_by_key(&mut by_start, |&i| (raw[i].body.start, 0));
    let mut keep = vec![false; raw.len()];
    let mut next_readable: Option<usize> = None; // at or after the previous body's start
    let mut swept_to = 0;
    for i in by_start {
        let start = raw[i].body.start;
        if !matches!(next_readable, Some(r) if r >= start) {
            let from = start.max(swept_to);
            next_readable = text[from..].char_indices().find(|(_, c)| c.is_alphanumeric()).map(|(j, _)| from + j);
            swept_to = next_readable.unwrap_or(text.len());
        }
        keep[i] = next_readable.is_some_and(|r| r < raw[i].body.end);
    }
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
    kept
}

fn build(text: &str, kept: Vec<scan::RawQuote>, kinds: Vec<crate::analysis::QuoteKind>) -> Vec<Quote> {
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

#[cfg(test)]
mod tests {
    /// Quotes as `inner text (parent)`, in order.
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = crate::analyze(text).quotes.iter().map(|q| format!("{} ({:?})", q.inner.slice(text), q.parent)).collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    /// Quotes as `(inner text, kind)`.
    fn kinds(text: &str) -> Vec<(String, crate::analysis::QuoteKind)> {
        crate::analyze(text).quotes.iter().map(|q| (q.inner.slice(text).to_string(), q.kind)).collect()
    }

    #[test]
    fn a_quote_over_the_lines_of_a_hard_wrapped_text_is_one_quote() {
        use crate::analysis::QuoteKind::Direct;
        // An e-mail wrapped at 66 columns: the quote runs over a line break.
        let email = "Dear all, the trustees met last night and, after a long debate,\n\
                     voted to keep the reading room open. \"We will not close a room\n\
                     that three schools use every week,\" said the chair, Ida Marsh,\n\
                     who thanked the volunteers for their letters.";
        assert_eq!(kinds(email), [("We will not close a room\nthat three schools use every week,".to_string(), Direct)]);
        // A PDF extract with straight single marks, wrapped at 70 columns.
        let pdf = "The inspector visited the site twice in March and found the works\n\
                   behind schedule. 'The contractor has not kept to the plan agreed\n\
                   with the council,' she wrote in her report, 'and the delay will\n\
                   cost the town another season.' The council has not yet replied.";
        let got = kinds(pdf);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.starts_with("The contractor") && got[0].0.ends_with("council,"), "{got:?}");
        assert!(got[1].0.starts_with("and the delay") && got[1].0.ends_with("season."), "{got:?}");
    }

    #[test]
    fn verse_and_addresses_keep_their_lines_and_their_quotes() {
        // A poem: each line is its own unit, so a quote never runs from one line into the next.
        let poem = "She said 'wait' by the old mill gate,\nAnd I said \"no\" and I was late;\nThe miller's dog began to bark,\n'Go home,' he cried, 'before the dark.'";
        let got: Vec<String> = kinds(poem).into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, ["wait", "no", "Go home,", "before the dark."]);
        // An address block with an apostrophe and an inch mark: no quote at all.
        let address = "Flat 2, St Mary's Court\n14 O'Neill Road\nShelf 12\" wide\nDunmore DN4 7QT";
        assert_eq!(kinds(address), []);
    }

    #[test]
    fn marks_around_nothing_readable_are_dropped_and_parents_re_pointed() {
        check("He said “” and “…” then “a ‘’ b” and “‘x’”.", &["a ‘’ b (None)", "‘x’ (None)", "x (Some(1))"]);
        check("“‘ ’ “inner” ’”", &["inner (None)"]);
        check("“ ” “”", &[]);
    }
}
