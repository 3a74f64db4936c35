//! Words: THE word splitter of the text, run once per `analyze` (`split`); quotes and speakers
//! read its tokens by index (`Words::at`), so a word is the same word to both. The entity
//! tagger's CoNLL tokenizer (`entities::tokens`) is the one documented exception: its tokens are
//! what src/data/ner/model.bin was trained on.
//!
//! A word is a run of letters and digits joined by inner apostrophes, hyphens and full stops
//! (O’Brien, Holtz-Eakin, U.S); an abbreviation keeps its full stop (`super::abbreviations`); the
//! possessive ’s is a token of its own; every other non-blank character is a token by itself.
//! One pass over the text: the cost is linear.

use super::abbreviations::is_abbreviation;
use super::is_blank;
use super::marks::is_apostrophe;
use crate::analysis::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    /// Lower case; punctuation as itself.
    pub lower: String,
    pub is_word: bool,
    /// The first letter is upper case.
    pub capitalised: bool,
}

/// The tokens of every paragraph of a text, in order, with the paragraph of each.
pub(crate) struct Words {
    pub tokens: Vec<Token>,
    /// `paragraph[i]`: index of the paragraph holding `tokens[i]`.
    pub paragraph: Vec<usize>,
}

impl Words {
    /// Index of the first token starting at or after byte `at` (`tokens.len()` when none does).
    pub fn at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    /// The tokens lying wholly within bytes `from..to`.
    pub fn tokens_in(&self, from: usize, to: usize) -> &[Token] {
        let first = self.at(from);
        let end = first + self.tokens[first..].partition_point(|t| t.span.end <= to);
        &self.tokens[first..end]
    }
}

/// The words of `text`, paragraph by paragraph.
pub(crate) fn split(text: &str, paragraphs: &[Span]) -> Words {
    let mut tokens = Vec::new();
    let mut paragraph = Vec::new();
    for (index, &p) in paragraphs.iter().enumerate() {
        tokenize(text, p, &mut tokens);
        paragraph.resize(tokens.len(), index);
    }
    Words { tokens, paragraph }
}

/// Punctuation inside a word: O’Brien, Holtz-Eakin, U.S.
fn is_word_joiner(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '.' | '‑')
}

/// Words and punctuation marks of `text[span]`, in order; blanks are skipped.
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let start = out.len();
    let s = span.slice(text);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_blank(c) {
            continue;
        }
        if !c.is_alphanumeric() {
            let end = i + c.len_utf8();
            out.push(Token { span: Span::new(span.start + i, span.start + end), lower: c.to_string(), is_word: false, capitalised: false });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // A joiner continues the word only when a letter or digit follows it; the
            // possessive ’s is left as a token of its own.
            let after = &s[j + d.len_utf8()..];
            let next = after.chars().next();
            let possessive = is_apostrophe(d) && after.starts_with(['s', 'S']) && !after[1..].starts_with(char::is_alphanumeric);
            if is_word_joiner(d) && next.is_some_and(char::is_alphanumeric) && !possessive {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            break;
        }
        if s[end..].starts_with('.') && is_abbreviation(&s[i..end]) {
            end += 1;
            chars.next();
        }
        let word = &s[i..end];
        out.push(Token {
            span: Span::new(span.start + i, span.start + end),
            lower: word.to_lowercase(),
            is_word: true,
            capitalised: c.is_uppercase(),
        });
    }
    // Re-glue the possessive: `’` + `s` become one token "’s" (in place, one pass: a text full
    // of possessives must not cost a shift of the whole vector each).
    let mut write = start;
    let mut read = start;
    while read < out.len() {
        let glue = read + 1 < out.len()
            && matches!(out[read].lower.as_str(), "'" | "’")
            && out[read + 1].lower == "s"
            && out[read].span.end == out[read + 1].span.start
            && write > start
            && out[write - 1].span.end == out[read].span.start;
        if glue {
            out[write] = Token {
                span: Span::new(out[read].span.start, out[read + 1].span.end),
                lower: "’s".into(),
                is_word: false,
                capitalised: false,
            };
            read += 2;
        } else {
            out.swap(write, read);
            read += 1;
        }
        write += 1;
    }
    out.truncate(write);
}

/// `word` without a trailing possessive (`Obama’s` → `Obama`, `Jones'` → `Jones`), apostrophes as
/// the one mark table defines them; `word` itself when it has none.
pub(crate) fn strip_possessive(word: &str) -> &str {
    fn strip_apostrophe(w: &str) -> Option<&str> {
        let c = w.chars().last().filter(|&c| is_apostrophe(c))?;
        Some(&w[..w.len() - c.len_utf8()])
    }
    word.strip_suffix('s').and_then(strip_apostrophe).or_else(|| strip_apostrophe(word)).unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_possessive_is_stripped_by_the_mark_table() {
        assert_eq!(strip_possessive("Obama’s"), "Obama");
        assert_eq!(strip_possessive("Obama's"), "Obama");
        assert_eq!(strip_possessive("Jones’"), "Jones");
        assert_eq!(strip_possessive("James"), "James");
    }

    #[test]
    fn possessives_are_their_own_token() {
        let text = "Putin’s spokesman";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["Putin", "’s", "spokesman"]);
    }

    #[test]
    fn abbreviations_keep_their_full_stop_as_in_every_stage() {
        let text = "Capt. Smith met Sen. Jones at 3 p.m. in the U.S. today.";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["Capt.", "Smith", "met", "Sen.", "Jones", "at", "3", "p.m.", "in", "the", "U.S.", "today", "."]);
    }

    #[test]
    fn words_are_found_by_offset() {
        let text = "One two.\nThree";
        let paragraphs = crate::text::segment::paragraphs(text);
        let words = split(text, &paragraphs);
        assert_eq!(words.paragraph, [0, 0, 0, 1]);
        assert_eq!(words.at(4), 1);
        let lower = |from, to| words.tokens_in(from, to).iter().map(|t| t.lower.as_str()).collect::<Vec<_>>();
        assert_eq!(lower(0, text.len()), ["one", "two", ".", "three"]);
        assert_eq!(lower(4, 7), ["two"]);
        assert_eq!(lower(5, 7), [] as [&str; 0], "a word cut by the range is not in it");
    }
}
