//! Telling direct speech from partial quotes and scare quotes, by what stands outside the marks.
//!
//! A quotation is `direct` when it stands as speech of its own: nothing but a reporting clause
//! around it in its sentence (“…,” X said / X said: “…” / X said that “…” / a quote opening its
//! sentence). One embedded in the reporter's own words is `partial` when its sentence reports
//! speech (a cue such as "accused" or "called"), and `term` (scare quotes, titles, nicknames)
//! when nothing in its sentence does and it is short.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::scan::RawQuote;
use crate::analysis::{QuoteKind, Sentence, Span};
use crate::text::data::lines;
use crate::text::is_blank;
use crate::text::segment::is_closing_punct;
use crate::text::words::Words;

/// Cue words and phrases, from `src/data/speech_verbs.txt`.
pub(crate) struct Cues {
    words: HashSet<&'static str>,
    /// Multi-word cues, as word lists ("according to").
    phrases: Vec<Vec<&'static str>>,
}

pub(crate) static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut words = HashSet::new();
    let mut phrases = Vec::new();
    for line in lines(include_str!("../data/speech_verbs.txt")) {
        if line.contains(' ') {
            phrases.push(line.split(' ').collect());
        } else {
            words.insert(line);
        }
    }
    Cues { words, phrases }
});

impl Cues {
    /// True when the word at `i` of `words` (lower-cased) starts a cue.
    pub(crate) fn is_cue_at(&self, words: &[String], i: usize) -> bool {
        if self.words.contains(words[i].as_str()) {
            return true;
        }
        self.phrases.iter().any(|p| words.len() >= i + p.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b))
    }

    /// True when `word` (lower case) is a one-word cue.
    pub(crate) fn is_cue_word(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The number of words of the cue starting at `i` of `words`, if one does.
    pub(crate) fn cue_len_at(&self, words: &[String], i: usize) -> Option<usize> {
        if self.words.contains(words[i].as_str()) {
            return Some(1);
        }
        self.phrases
            .iter()
            .find(|p| words.len() >= i + p.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b))
            .map(Vec::len)
    }

    fn any_cue(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| self.is_cue_at(words, i))
    }
}

/// The lower-case words within bytes `from..to`, from the text's one word splitter, each with
/// its possessive ending ("state’s", "that’s"): neither is the cue "state" nor the "that" of
/// "X said that “…”".
fn words_in(words: &Words, from: usize, to: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last_end = None;
    for t in words.tokens_in(from, to) {
        if t.is_word {
            out.push(t.lower.clone());
            last_end = Some(t.span.end);
        } else if t.lower == "’s" && last_end == Some(t.span.start) {
            if let Some(w) = out.last_mut() {
                w.push_str("’s");
            }
        }
    }
    out
}

/// The sentence holding byte `at` (the segmenter's, by binary search), or None when there are none.
fn sentence_at(sentences: &[Sentence], at: usize) -> Option<Span> {
    let i = sentences.partition_point(|s| s.span.end <= at);
    sentences.get(i.min(sentences.len().checked_sub(1)?)).map(|s| s.span)
}

/// What stands before the opening mark, within the sentence and after any earlier quote.
#[derive(Debug, PartialEq, Eq)]
enum Before {
    Nothing,
    Colon,
    /// A cue ends the text before, perhaps with "that", a comma or an addressee after it.
    Cue,
    Words,
}

/// What follows the closing mark, within the sentence and before any later quote.
#[derive(Debug, PartialEq, Eq)]
enum After {
    Nothing,
    /// A reporting clause: `words_before` words stand between the closing mark and the cue, and
    /// `comma_first` tells whether a comma or dash comes first ("…," he said / "…" — Smith said).
    Cue { words_before: usize, comma_first: bool },
    Words,
}

/// Verbs that name rather than report ("what she calls “a war of words”", "described as “an
/// intentional act”"): the quote after them is the reporter's object, not speech of its own.
fn is_naming_verb(word: &str) -> bool {
    matches!(
        word,
        "call" | "calls" | "called" | "calling" | "describe" | "describes" | "described" | "describing" | "dubbed" | "labeled"
            | "labelled" | "branded" | "termed"
    )
}

/// The words just before a quote introduce a name for someone or something: "nicknamed",
/// "alias", "known as", "by the name", "a nickname".
fn introduces_a_name(before: &[String]) -> bool {
    let last = |k: usize| before.len().checked_sub(k).map(|i| before[i].as_str());
    matches!(last(1), Some("nicknamed" | "alias" | "aka" | "a.k.a" | "name" | "nickname" | "moniker" | "codenamed" | "dubbed"))
        || matches!((last(2), last(1)), (Some("known" | "go" | "goes" | "went"), Some("as" | "by")))
}

/// How many words may stand between a cue and a quote introduced by "that" ("The commission
/// says on its website that “…”").
const MAX_WORDS_BEFORE_THAT: usize = 6;

/// `starts_lower`: the quoted text opens with a lower-case letter, as a fragment of the
/// reporter's sentence does ("X said he was “surprised”"); on PolNeAR train such a quote right
/// after "X said" with no comma or "that" is a partial quote about three times in four.
/// `sentence_start`: where the sentence holding the opening mark starts.
fn before(text: &str, w: &Words, from: usize, to: usize, sentence_start: usize, starts_lower: bool) -> Before {
    let from = from.max(sentence_start).min(to);
    let trimmed = text[from..to].trim_end_matches(is_blank);
    let words = words_in(w, from, to);
    if words.is_empty() {
        return Before::Nothing;
    }
    if trimmed.ends_with(':') {
        return Before::Colon;
    }
    let cues = &*CUES;
    let n = words.len();
    let comma = trimmed.ends_with(',');
    let ends_with_that = words.last().is_some_and(|w| w == "that");
    // X said "…" / X said that "…" / X told reporters "…" / X said, "…"
    let window = n.saturating_sub(if ends_with_that { MAX_WORDS_BEFORE_THAT + 2 } else { 3 });
    for i in (window..n).rev() {
        if cues.is_cue_at(&words, i) {
            if is_naming_verb(&words[i]) {
                return Before::Words;
            }
            let rest = &words[i + 1..];
            let ok = match rest.len() {
                _ if ends_with_that => true,
                0 => !starts_lower || comma,
                1 => !starts_lower && !rest[0].ends_with("’s") && rest[0] != "and",
                _ => comma && !starts_lower,
            };
            if ok {
                return Before::Cue;
            }
        }
    }
    // "…," X added, "…" : a reporting clause between two parts of one quote.
    if comma && n <= 6 && cues.any_cue(&words) {
        return Before::Cue;
    }
    Before::Words
}

/// `sentence_end`: where the sentence holding the closing mark ends.
fn after(text: &str, w: &Words, from: usize, to: usize, sentence_end: usize) -> After {
    let to = to.min(sentence_end).max(from);
    let s = &text[from..to];
    let words = words_in(w, from, to);
    if words.is_empty() {
        return After::Nothing;
    }
    let cues = &*CUES;
    // "…," he said / "…," said Trump / "…," the senator from Ohio told reporters
    if let Some(i) = (0..words.len().min(7)).find(|&i| cues.is_cue_at(&words, i)) {
        let comma_first = s.trim_start_matches(is_blank).starts_with([',', '—', '–', '-', '―']);
        return After::Cue { words_before: i, comma_first };
    }
    After::Words
}

/// How far either side of a quote `decide` looks for the rest of its sentence, in bytes: about
/// 40 words, more than nearly every news sentence holds on one side of a quote. Unbounded, every
/// quote of a paragraph without full stops scanned back to the paragraph start and on to its
/// end, O(n²) in all (a fuzz finding, see tests/regression.rs
/// `fuzz_many_quotes_in_one_sentence_classify_in_linear_time`). The bound is also the constant
/// of the linear cost on a line packed with quotes, so it is kept short.
const SENTENCE_REACH: usize = 250;

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Kinds for every quote of `quotes`, reading each quote's sentence from `sentences`.
/// `words`: the text's words (`text::words::split`), read by index.
pub(crate) fn classify(text: &str, paragraphs: &[Span], sentences: &[Sentence], words: &Words, quotes: &[RawQuote]) -> Vec<QuoteKind> {
    let top_level: Vec<usize> = (0..quotes.len()).filter(|&i| quotes[i].parent.is_none()).collect();
    let mut kinds = vec![QuoteKind::Nested; quotes.len()];
    for (k, &i) in top_level.iter().enumerate() {
        let q = &quotes[i];
        let para = paragraphs[q.paragraph];
        let prev_end = k.checked_sub(1).map(|p| quotes[top_level[p]].outer.end).filter(|&e| e >= para.start && e <= q.outer.start);
        let next_start = top_level.get(k + 1).map(|&n| quotes[n].outer.start).filter(|&s| s >= q.outer.end);
        // The quote's own paragraph for a continued quote is where it ends: the last paragraph
        // starting at or before its end, found by binary search (a linear scan per quote made
        // this stage quadratic in the text's length).
        let end_para = paragraphs[..paragraphs.partition_point(|p| p.start <= q.outer.end)].last().copied().unwrap_or(para);
        let right_limit = next_start.map_or(end_para.end, |s| s.min(end_para.end)).max(q.outer.end);
        let starts_lower = q.body.slice(text).chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase);
        // The sentences holding the opening and the closing mark (the same one for most quotes).
        let first = sentence_at(sentences, q.outer.start).unwrap_or(para);
        let last = sentence_at(sentences, q.outer.end.saturating_sub(1)).unwrap_or(end_para);
        let left = before(text, words, prev_end.unwrap_or(para.start), q.outer.start, first.start, starts_lower);
        let right = after(text, words, q.outer.end, right_limit, last.end);
        kinds[i] = decide(text, words, q, left, right, Span::new(first.start, last.end), para, end_para);
    }
    kinds
}

/// `sentence`: from the start of the sentence holding the opening mark to the end of the one
/// holding the closing mark.
#[allow(clippy::too_many_arguments)]
fn decide(text: &str, words: &Words, q: &RawQuote, left: Before, right: After, sentence: Span, para: Span, end_para: Span) -> QuoteKind {
    let inner = q.body.slice(text).trim_matches(is_blank);
    let inner_words = words_in(words, q.body.start, q.body.end).len();
    let first_letter = inner.chars().find(|c| c.is_alphanumeric());
    let starts_upper = first_letter.is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let ends_like_speech = inner.trim_end_matches(is_closing_punct).ends_with([',', '.', '?', '!', '…', '—', ':', ';']);
    let direct = match (&left, &right) {
        (Before::Colon, _) => true,
        // X said “a bomb” had gone off: the sentence goes on in the reporter's words.
        (Before::Cue, After::Words) => ends_like_speech,
        (Before::Cue, _) => true,
        (Before::Nothing, After::Nothing) => inner_words >= 2 || ends_like_speech || starts_upper,
        // "…" for criminal behavior, she said: unquoted words of the content come before the cue.
        (Before::Nothing, After::Cue { words_before, comma_first }) => {
            (inner_words >= 2 || ends_like_speech || starts_upper) && (ends_like_speech || *comma_first || *words_before <= 3)
        }
        (Before::Nothing, After::Words) => ends_like_speech && starts_upper && inner_words >= 3,
        (Before::Words, _) => false,
    };
    if direct {
        return QuoteKind::Direct;
    }
    // Partial or term: does the quote's sentence report speech? Looked for within
    // `SENTENCE_REACH` bytes either side of the quote.
    let reach_from = floor_char_boundary(text, q.outer.start.saturating_sub(SENTENCE_REACH).max(para.start));
    let sentence_from = reach_from.max(sentence.start).min(q.outer.start);
    let reach_to = ceil_char_boundary(text, (q.outer.end + SENTENCE_REACH).min(end_para.end).max(q.outer.end));
    let sentence_to = reach_to.min(sentence.end).max(q.outer.end);
    let words_before = words_in(words, sentence_from, q.outer.start);
    // A nickname or alias ("goes by the name “Sparrow”", "known as “the Professor”") is a
    // name, whatever reporting verb shares its sentence.
    if inner_words <= 3 && introduces_a_name(&words_before) {
        return QuoteKind::Term;
    }
    let sentence_words = words_before.into_iter().chain(words_in(words, q.outer.end, sentence_to)).collect::<Vec<_>>();
    if CUES.any_cue(&sentence_words) || inner_words >= 4 {
        QuoteKind::Partial
    } else {
        QuoteKind::Term
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::QuoteKind::*;

    fn check(text: &str, expected: &[(&str, QuoteKind)]) {
        let analysis = crate::analyze(text);
        let got: Vec<(&str, QuoteKind)> = analysis.quotes.iter().map(|q| (q.inner.slice(text), q.kind)).collect();
        assert_eq!(got, expected, "kinds in {text:?}");
    }

    #[test]
    fn speech_with_a_reporting_clause_is_direct() {
        check("“We are ready,” Putin said.", &[("We are ready,", Direct)]);
        check("Putin said: “We are ready.”", &[("We are ready.", Direct)]);
        check("Putin said that “we are ready.”", &[("we are ready.", Direct)]);
        check("Putin told reporters “We are ready.”", &[("We are ready.", Direct)]);
        check("“We are ready,” said Putin, the president.", &[("We are ready,", Direct)]);
        check("“We are ready,” he added, “and willing.”", &[("We are ready,", Direct), ("and willing.", Direct)]);
        check("Orbán: “There is not a single leader who wants conflict”", &[("There is not a single leader who wants conflict", Direct)]);
    }

    #[test]
    fn fragments_in_the_reporters_sentence_are_partial() {
        check(
            "Putin accused the US of “ignoring” Russia’s main security “concerns”, he said.",
            &[("ignoring", Partial), ("concerns", Partial)],
        );
        check("He said he was “surprised and troubled” by it.", &[("surprised and troubled", Partial)]);
        check("Clinton says Trump’s “latest meltdown is unhinged.”", &[("latest meltdown is unhinged.", Partial)]);
        check("It is what she calls a “war of unpleasant words.”", &[("war of unpleasant words.", Partial)]);
        check("The mayor said “we were floored” by it.", &[("we were floored", Partial)]);
        check("Trump said at an event that “a bomb” had gone off.", &[("a bomb", Partial)]);
        check("“Jail time is the only way” for banks to change, she said.", &[("Jail time is the only way", Partial)]);
        check("The commission says on its website that “there were issues.”", &[("there were issues.", Direct)]);
    }

    #[test]
    fn scare_quotes_and_titles_are_terms() {
        check("The eternal war in the “ghost” city of Donbas.", &[("ghost", Term)]);
        check("They watched “Casablanca” again.", &[("Casablanca", Term)]);
    }

    #[test]
    fn nicknames_are_terms_even_beside_a_reporting_verb() {
        check("“Keep out,” said a fisherman everyone knows by the name “Captain.”", &[("Keep out,", Direct), ("Captain.", Term)]);
        check("The striker, known as “the Wall,” said little.", &[("the Wall,", Term)]);
        check("A hacker nicknamed “Moth” told reporters it was easy.", &[("Moth", Term)]);
    }

    #[test]
    fn quotes_inside_quotes_are_nested() {
        check("“He called it ‘fake’ today,” she said.", &[("He called it ‘fake’ today,", Direct), ("fake", Nested)]);
    }
}
