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
use crate::analysis::{QuoteKind, Span};
use crate::text::is_blank;

/// Cue words and phrases, from `src/data/speech_verbs.txt`.
pub(crate) struct Cues {
    words: HashSet<&'static str>,
    /// Multi-word cues, as word lists ("according to").
    phrases: Vec<Vec<&'static str>>,
}

pub(crate) static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut words = HashSet::new();
    let mut phrases = Vec::new();
    for line in include_str!("../data/speech_verbs.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
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

/// Lower-cased words of `s` (letters, digits and inner apostrophes or hyphens).
pub(crate) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '»' | '«' | ')' | ']' | '\'')
}

/// Where the sentence holding byte `end` of `s` starts: after the last terminal punctuation
/// (with its closing marks) followed by a blank.
fn sentence_start(s: &str) -> usize {
    let mut after_blank = false;
    let mut candidate = None;
    for (i, c) in s.char_indices().rev() {
        if is_blank(c) {
            after_blank = true;
            candidate = Some(i + c.len_utf8());
            continue;
        }
        if after_blank && (is_terminal(c) || is_closing(c)) {
            // Skip closing marks back to a terminal: `.”` then space ends a sentence.
            let head = &s[..i + c.len_utf8()];
            let trimmed = head.trim_end_matches(is_closing);
            if trimmed.ends_with(is_terminal) && !ends_with_abbreviation(trimmed) {
                return candidate.unwrap_or(0);
            }
        }
        after_blank = false;
    }
    0
}

fn ends_with_abbreviation(s: &str) -> bool {
    let word = s.rsplit(|c: char| is_blank(c)).next().unwrap_or("");
    let bare = word.trim_end_matches('.');
    matches!(bare, "Mr" | "Mrs" | "Ms" | "Dr" | "Sen" | "Rep" | "Gov" | "Gen" | "St" | "Jr" | "Sr" | "Prof" | "U.S" | "U.N" | "Lt" | "Col")
        || (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase))
}

/// Where the sentence starting at `s` ends: after the first terminal punctuation followed by a blank.
fn sentence_end(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_terminal(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_closing(d) || is_terminal(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if s[end..].starts_with(is_blank) && !ends_with_abbreviation(&s[..i + c.len_utf8()]) {
                return end;
            }
        }
    }
    s.len()
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
fn before(text: &str, from: usize, to: usize, starts_lower: bool) -> Before {
    let s = &text[from..to];
    let s = &s[sentence_start(s)..];
    let trimmed = s.trim_end_matches(is_blank);
    let words = words(trimmed);
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
                1 => !starts_lower && !rest[0].ends_with("'s") && !rest[0].ends_with("’s") && rest[0] != "and",
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

fn after(text: &str, from: usize, to: usize) -> After {
    let s = &text[from..to];
    let s = &s[..sentence_end(s)];
    let words = words(s);
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

/// Kinds for every quote of `quotes`.
pub(crate) fn classify(text: &str, paragraphs: &[Span], quotes: &[RawQuote]) -> Vec<QuoteKind> {
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
        let left = before(text, prev_end.unwrap_or(para.start), q.outer.start, starts_lower);
        let right = after(text, q.outer.end, right_limit);
        kinds[i] = decide(text, q, left, right, para, end_para);
    }
    kinds
}

fn decide(text: &str, q: &RawQuote, left: Before, right: After, para: Span, end_para: Span) -> QuoteKind {
    let inner = q.body.slice(text).trim_matches(is_blank);
    let inner_words = words(inner).len();
    let first_letter = inner.chars().find(|c| c.is_alphanumeric());
    let starts_upper = first_letter.is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let ends_like_speech = inner.trim_end_matches(is_closing).ends_with([',', '.', '?', '!', '…', '—', ':', ';']);
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
    let sentence_from = reach_from + sentence_start(&text[reach_from..q.outer.start]);
    let reach_to = ceil_char_boundary(text, (q.outer.end + SENTENCE_REACH).min(end_para.end).max(q.outer.end));
    let sentence_to = q.outer.end + sentence_end(&text[q.outer.end..reach_to]);
    let sentence_words = words(&text[sentence_from..q.outer.start]).into_iter().chain(words(&text[q.outer.end..sentence_to])).collect::<Vec<_>>();
    // A nickname or alias ("goes by the name “Sparrow”", "known as “the Professor”") is a
    // name, whatever reporting verb shares its sentence.
    if inner_words <= 3 && introduces_a_name(&words(&text[sentence_from..q.outer.start])) {
        return QuoteKind::Term;
    }
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
