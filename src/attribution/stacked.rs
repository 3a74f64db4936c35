//! The attribution tagger's stacked second pass (Krishnan & Manning 2006, as the entity tagger's
//! `entities::stacked`): the tagger reads each line once with its own features, and its tags
//! become features of a second reading. The tagger is first-order: on its own it cannot see that
//! a cue was tagged five words back in the sentence, that the sentence has a content but no cue,
//! or that a source was tagged after the clause. The second reading sees, for every token, the
//! first pass's tags around it, the nearest tagged cue, source and content before and after it in
//! its sentence (how far, and the cue's word), whether a "that" follows the tagged cue before it,
//! which parts its sentence and the line's sentence before it hold.
//!
//! The second reading adds the scores of these features alone, from a small model of their own
//! (src/data/attribution/stacked.bin, `model::load_stacked`), to the first pass's scores, and
//! decodes again with the first model's transitions: the first model (model.bin) is trained and
//! shipped as without the second pass, and the add-on is trained with it frozen, on first-pass
//! tags and scores from a jackknife over the training articles (so the first pass errs on them as
//! on unseen text: `train`). A line where the first pass tagged nothing is not read again.

use super::features::{bucket_distance, Doc};
use super::tags::{OUTSIDE, PARTS};
use crate::text::hashing::{combine, hash_str};

/// Bump on any change to what `FirstPass::features` extracts (the add-on's file says which).
pub(crate) const STACKED_VERSION: u32 = 1;

/// No span of that part on that side in the sentence (a distance bucket value none takes).
const FAR: u8 = 9;

/// The first pass's tags over a `Doc`, and what the second pass reads from them per token.
pub(crate) struct FirstPass {
    tags: Vec<u8>,
    /// Per line: the first pass tagged something in it (the second pass reads it).
    lines: Vec<bool>,
    /// Per token and part (`PARTS` order): the distance bucket to the nearest token of a span of
    /// that part before / after the token's own span in its sentence, `FAR` for none.
    left: Vec<[u8; 3]>,
    right: Vec<[u8; 3]>,
    /// Per token: the parts its sentence holds (bit `part`), and those of the line's sentence
    /// before it (8 for the line's first sentence).
    sentence: Vec<u8>,
    previous: Vec<u8>,
    /// A "that" stands between the nearest tagged cue before the token and the token.
    that_after_cue: Vec<bool>,
    /// The word (lower-case hash) ending the nearest tagged cue before the token and the one
    /// opening the nearest tagged cue after it, 0 for none.
    cue_before: Vec<u64>,
    cue_after: Vec<u64>,
    /// Per token: how sure the first pass was of its tag (its score over the best other tag's,
    /// float weight units, in doubling buckets; `with_margins`), 0 until given.
    margin: Vec<u8>,
}

/// The part a tag is of, `None` for `O`.
fn part_of(tag: u8) -> Option<usize> {
    (tag as usize != OUTSIDE).then(|| (tag as usize - 1) / 2)
}

impl FirstPass {
    /// The first pass's `tags` (one per token of `doc`, from `tags`' set).
    pub fn new(doc: &Doc, tags: &[usize]) -> FirstPass {
        let n = doc.tokens.len();
        assert_eq!(tags.len(), n, "one tag per token");
        let tags: Vec<u8> = tags.iter().map(|&t| t as u8).collect();
        let lines = doc.lines.iter().map(|l| tags[l.first..l.end].iter().any(|&t| t as usize != OUTSIDE)).collect();
        let mut left = vec![[FAR; 3]; n];
        let mut right = vec![[FAR; 3]; n];
        let mut sentence = vec![0u8; n];
        let mut previous = vec![8u8; n];
        let mut that_after_cue = vec![false; n];
        let mut cue_before = vec![0u64; n];
        let mut cue_after = vec![0u64; n];
        let that = hash_str("that");
        for line in &doc.lines {
            let mut s = line.first;
            let mut before = 8u8;
            while s < line.end {
                let mut e = s + 1;
                while e < line.end && !doc.tokens[e].sentence_start {
                    e += 1;
                }
                let mask = (s..e).filter_map(|i| part_of(tags[i])).fold(0u8, |m, p| m | 1 << p);
                // The first token of the span each token is in (itself when outside any).
                let mut start = vec![0usize; e - s];
                for i in s..e {
                    let continues = i > s && part_of(tags[i]).is_some() && tags[i] % 2 == 0 && part_of(tags[i - 1]) == part_of(tags[i]);
                    start[i - s] = if continues { start[i - s - 1] } else { i };
                }
                let end_of = |i: usize| (i + 1..e).find(|&j| start[j - s] != start[i - s]).unwrap_or(e);
                // Forward: the last token of each part seen before the token's span.
                let mut last = [usize::MAX; 3];
                let mut cue_word = 0u64;
                let mut that_seen = false;
                let mut i = s;
                while i < e {
                    let span_end = end_of(i);
                    for k in i..span_end {
                        for (p, &l) in last.iter().enumerate() {
                            if l != usize::MAX {
                                left[k][p] = bucket_distance(k - l) as u8;
                            }
                        }
                        cue_before[k] = cue_word;
                        that_after_cue[k] = that_seen;
                        that_seen |= cue_word != 0 && doc.lower[k] == that;
                    }
                    if let Some(p) = part_of(tags[i]) {
                        last[p] = span_end - 1;
                        if PARTS[p] == super::tags::Part::Cue {
                            cue_word = doc.lower[span_end - 1];
                            that_seen = false;
                        }
                    }
                    i = span_end;
                }
                // Backward: the first token of each part seen after the token's span.
                let mut next = [usize::MAX; 3];
                let mut cue_word = 0u64;
                let mut i = e;
                while i > s {
                    let span_start = start[i - 1 - s];
                    for k in span_start..i {
                        for (p, &x) in next.iter().enumerate() {
                            if x != usize::MAX {
                                right[k][p] = bucket_distance(x - k) as u8;
                            }
                        }
                        cue_after[k] = cue_word;
                    }
                    if let Some(p) = part_of(tags[span_start]) {
                        next[p] = span_start;
                        if PARTS[p] == super::tags::Part::Cue {
                            cue_word = doc.lower[span_start];
                        }
                    }
                    i = span_start;
                }
                for i in s..e {
                    sentence[i] = mask;
                    previous[i] = before;
                }
                before = mask;
                s = e;
            }
        }
        FirstPass { tags, lines, left, right, sentence, previous, that_after_cue, cue_before, cue_after, margin: vec![0; n] }
    }

    /// The first pass's `scores` (`N_TAGS` per token, `scale` float weight units each) give
    /// each token's margin: the add-on can then overturn an unsure tag and leave a sure one.
    pub fn with_margins(mut self, scores: &[f32], scale: f32) -> FirstPass {
        for (k, row) in scores.chunks_exact(super::tags::N_TAGS).enumerate() {
            let t = self.tags[k] as usize;
            let other = row.iter().enumerate().filter(|&(j, _)| j != t).map(|(_, &v)| v).fold(f32::NEG_INFINITY, f32::max);
            let m = ((row[t] - other) * scale).max(0.0);
            self.margin[k] = (1 + (m * 2.0).log2().clamp(-1.0, 8.0) as i32) as u8;
        }
        self
    }

    /// Whether the second pass reads line `n` (the first pass tagged something in it).
    pub fn reads(&self, n: usize) -> bool {
        self.lines[n]
    }

    /// Appends the second-pass feature hashes of token `i` of `doc`'s line `first..end`.
    pub fn features(&self, doc: &Doc, i: usize, first: usize, end: usize, out: &mut Vec<u64>) {
        let at = |k: isize| -> Option<usize> {
            let j = i as isize + k;
            (j >= first as isize && j < end as isize).then_some(j as usize)
        };
        let t = |k: isize| at(k).map_or(15, |j| self.tags[j] as u64);
        let mut f = |template: u64, value: u64| out.push(combine(template, value));
        let [cl, sl, nl] = self.left[i].map(u64::from);
        let [cr, sr, nr] = self.right[i].map(u64::from);
        f(100, t(0));
        f(101, combine(t(-1), t(0)));
        f(102, combine(t(0), t(1)));
        f(103, combine(t(0), combine(cl, cr)));
        f(104, combine(t(0), combine(sl, sr)));
        f(105, combine(t(0), combine(nl, nr)));
        f(106, combine(combine(cl, sl), combine(cr, sr)));
        f(107, combine(self.sentence[i] as u64, combine(t(0), doc.quote_state(i))));
        f(108, combine(self.previous[i] as u64, combine(self.sentence[i] as u64, bucket_distance(doc.in_sentence[i] as usize))));
        f(109, combine(self.that_after_cue[i] as u64, combine(cl, t(0))));
        f(110, combine(self.cue_before[i], cl));
        f(111, combine(self.cue_after[i], cr));
        f(112, combine(t(0), self.margin[i] as u64));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tags::{encode, Part};
    use super::*;

    /// `text` as a `Doc` and the first pass `spans` as tags, each span the words given.
    fn first_pass(text: &str, spans: &[(&str, Part)]) -> (Doc, FirstPass) {
        let doc = Doc::new(text, &[], &[]);
        let token_spans: Vec<(usize, usize, Part)> = spans
            .iter()
            .map(|&(words, part)| {
                let at = text.find(words).expect("words in text");
                let first = doc.tokens.iter().position(|t| t.span.start == at).expect("a token starts there");
                let end = doc.tokens.iter().position(|t| t.span.end == at + words.len()).expect("a token ends there") + 1;
                (first, end, part)
            })
            .collect();
        let stack = FirstPass::new(&doc, &encode(doc.tokens.len(), &token_spans));
        (doc, stack)
    }

    fn at(doc: &Doc, word: &str) -> usize {
        (0..doc.tokens.len()).position(|k| doc.word(k) == word).expect(word)
    }

    #[test]
    fn a_content_far_from_its_cue_sees_the_cue() {
        // The cue is nine tokens before the content's first word: beyond the tagger's own
        // window, within the second pass's.
        let text = "The mayor, speaking to reporters outside the hall on Monday, insisted that the ferry would run. It rained.";
        let (doc, stack) = first_pass(text, &[("The mayor", Part::Source), ("insisted", Part::Cue), ("the ferry would run", Part::Content)]);
        let ferry = at(&doc, "ferry");
        let (cue, source, content) = (Part::Cue as usize, Part::Source as usize, Part::Content as usize);
        assert_eq!(stack.left[ferry][cue] as u64, bucket_distance(ferry - at(&doc, "insisted")));
        assert_eq!(stack.left[ferry][source] as u64, bucket_distance(ferry - at(&doc, "mayor")));
        // Its own span is not "a content before it", and nothing is tagged after it.
        assert_eq!((stack.left[ferry][content], stack.right[ferry][cue]), (FAR, FAR));
        assert!(stack.that_after_cue[ferry] && !stack.that_after_cue[at(&doc, "insisted")]);
        assert_eq!(stack.cue_before[ferry], hash_str("insisted"));
        // The words between source and cue see both; the next sentence sees neither.
        let reporters = at(&doc, "reporters");
        assert_eq!(stack.right[reporters][cue] as u64, bucket_distance(at(&doc, "insisted") - reporters));
        assert_eq!(stack.cue_after[reporters], hash_str("insisted"));
        let rained = at(&doc, "rained");
        assert_eq!((stack.left[rained], stack.right[rained]), ([FAR; 3], [FAR; 3]));
        assert_eq!((stack.sentence[ferry], stack.sentence[rained], stack.previous[rained]), (0b111, 0, 0b111));
        assert!(stack.reads(0));
    }

    #[test]
    fn a_content_without_a_cue_and_an_untagged_line() {
        let text = "Prices will fall next year, the minister.\n\nNothing was said here.";
        let (doc, stack) = first_pass(text, &[("Prices will fall next year", Part::Content)]);
        let fall = at(&doc, "fall");
        assert_eq!(stack.sentence[fall], 1 << Part::Content as usize);
        assert_eq!(stack.previous[fall], 8, "the line's first sentence");
        // The second line has no first-pass tags: the second pass does not read it.
        assert!(stack.reads(0) && !stack.reads(1));
        let line = doc.lines[0];
        let mut second = Vec::new();
        stack.features(&doc, fall, line.first, line.end, &mut second);
        assert_eq!(second.len(), 13, "one hash per template");
    }
}
