//! Paragraphs and sentences.
//!
//! A paragraph is a non-blank line: it ends at every line break (`\n`, `\r\n`, `\r`, U+2028,
//! U+2029), because pasted articles and the evaluation corpora put one paragraph per line,
//! except inside a hard-wrapped block (`super::wrap`, the one rule), where lines that go on are
//! joined. Sentences are found inside paragraphs only, by terminal punctuation followed by a
//! likely sentence start; abbreviations and initials (`super::abbreviations`) do not end a
//! sentence. Every later stage takes its sentences from here, by index.

use super::abbreviations::is_abbreviation;
use super::marks::{lean_of, mark_at, may_open, Lean};
use super::{is_blank, is_line_break, wrap};
use crate::analysis::{Sentence, Span};

/// The paragraphs of `text`, trimmed of surrounding blanks: its non-blank lines, except that
/// the lines of a hard-wrapped block are joined where `super::wrap` says the line goes on (such
/// a paragraph holds the line breaks it joined; offsets are the text's own).
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut push = |span: Span| {
        if let Some(span) = trim(text, span) {
            out.push(span);
        }
    };
    // Lines, each without its break; `\r\n` is one break.
    let mut lines: Vec<Span> = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_line_break(c) {
            lines.push(Span::new(start, i));
            if c == '\r' && chars.peek().is_some_and(|&(_, d)| d == '\n') {
                chars.next();
                start = i + 2;
            } else {
                start = i + c.len_utf8();
            }
        }
    }
    lines.push(Span::new(start, text.len()));
    // Blocks of non-blank lines; each block's wraps from the one rule.
    let mut i = 0;
    while i < lines.len() {
        if trim(text, lines[i]).is_none() {
            i += 1;
            continue;
        }
        let end = lines[i..].iter().position(|&l| trim(text, l).is_none()).map_or(lines.len(), |k| i + k);
        let block: Vec<&str> = lines[i..end].iter().map(|l| l.slice(text)).collect();
        let joins = wrap::joins(&block);
        let mut from = lines[i].start;
        for k in i..end {
            if !joins.get(k - i).copied().unwrap_or(false) {
                push(Span::new(from, lines[k].end));
                if k + 1 < end {
                    from = lines[k + 1].start;
                }
            }
        }
        i = end;
    }
    out
}

/// `span` without leading and trailing blanks, or None when nothing is left.
pub(crate) fn trim(text: &str, span: Span) -> Option<Span> {
    let s = span.slice(text);
    let trimmed_start = s.len() - s.trim_start_matches(is_blank).len();
    let rest = &s[trimmed_start..];
    let trimmed = rest.trim_end_matches(is_blank);
    if trimmed.is_empty() {
        None
    } else {
        let start = span.start + trimmed_start;
        Some(Span::new(start, start + trimmed.len()))
    }
}

/// Sentence-final punctuation, Latin and CJK.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '？' | '！')
}

/// What may follow sentence-final punctuation and still belong to its sentence: a quote mark
/// (any: “ closes German „…“, « closes »…«; the straight `'` of ASCII text included) or a
/// closing bracket (`?!”)` ends together).
pub(crate) fn is_closing_punct(c: char) -> bool {
    lean_of(c).is_some() || matches!(c, '\'' | ')' | ']')
}

/// True when `s` (what follows the gap after sentence-final punctuation) may open a sentence: a
/// capital, a digit, a bracket, or a mark that may open a quote (two-character marks included:
/// ``…'' and ''…'').
fn may_start_sentence(s: &str) -> bool {
    let Some(c) = s.chars().next() else { return false };
    c.is_uppercase()
        || c.is_numeric()
        || matches!(c, '(' | '[' | '¿' | '¡')
        || mark_at(s, 0).is_some_and(|(mark, _)| mark.lean() != Lean::Close)
}

/// True when the full stop ending `before` belongs to an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let word_start =
        before.char_indices().rev().find(|&(_, c)| c.is_whitespace() || c == '(' || may_open(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    is_abbreviation(word)
}

/// Sentences of each paragraph.
pub(crate) fn sentences(text: &str, paragraphs: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, &paragraph) in paragraphs.iter().enumerate() {
        let mut push = |start: usize, end: usize| {
            if let Some(span) = trim(text, Span::new(start, end)) {
                out.push(Sentence { span, paragraph: index });
            }
        };
        let body = paragraph.slice(text);
        let mut start = 0;
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_terminal(c) {
                continue;
            }
            // Take the whole run of terminal and closing punctuation: `?!”)` ends together.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_terminal(d) || is_closing_punct(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let rest = &body[end..];
            let after = rest.trim_start_matches(is_blank);
            let has_gap = after.len() < rest.len();
            let next = after.chars().next();
            let cjk = matches!(c, '。' | '？' | '！');
            let splits = match next {
                None => false,
                // CJK full stops need no space after them.
                Some(_) => cjk || (has_gap && may_start_sentence(after)),
            };
            if splits && !(c == '.' && ends_with_abbreviation(&body[start..i])) {
                push(paragraph.start + start, paragraph.start + end);
                start = end;
            }
        }
        push(paragraph.start + start, paragraph.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_paragraphs(text: &str, expected: &[&str]) {
        let got: Vec<&str> = paragraphs(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, expected, "paragraphs of {text:?}");
    }

    fn check_sentences(text: &str, expected: &[&str]) {
        let paras = paragraphs(text);
        let got: Vec<&str> = sentences(text, &paras).iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(got, expected, "sentences of {text:?}");
    }

    #[test]
    fn every_line_break_ends_a_paragraph_and_blank_lines_are_none() {
        check_paragraphs("a\nb\r\nc\rd\u{2028}e\u{2029}f", &["a", "b", "c", "d", "e", "f"]);
        check_paragraphs("\n\n  one  \r\n\r\n\t\u{A0}\n two\n", &["one", "two"]);
        check_paragraphs("", &[]);
        check_paragraphs("\u{200B}\n", &[]);
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph_with_the_texts_offsets() {
        let text = "Short title\n\n\"We cannot keep the ward open through the winter,\" said\r\nthe ward manager, Ellen Fisk, who has run it for a decade.\n\nRoses are red,\nViolets are blue.";
        check_paragraphs(
            text,
            &[
                "Short title",
                "\"We cannot keep the ward open through the winter,\" said\r\nthe ward manager, Ellen Fisk, who has run it for a decade.",
                "Roses are red,",
                "Violets are blue.",
            ],
        );
        let quotes = crate::analyze(text).quotes;
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].kind, crate::analysis::QuoteKind::Direct);
    }

    #[test]
    fn every_opening_mark_may_start_a_sentence_two_character_ones_too() {
        check_sentences("He said it. ''We hold.'' Then he left.", &["He said it.", "''We hold.''", "Then he left."]);
        check_sentences("He said it. ``We hold.'' Then he left.", &["He said it.", "``We hold.''", "Then he left."]);
        check_sentences("Er sagte es. „Wir halten.“ Dann ging er.", &["Er sagte es.", "„Wir halten.“", "Dann ging er."]);
        check_sentences("He said it. 'We hold.' Then he left.", &["He said it.", "'We hold.'", "Then he left."]);
    }

    #[test]
    fn sentences_split_at_terminal_punctuation_but_not_after_abbreviations() {
        check_sentences(
            "Mr. Smith went to Washington. He said: “No.” Then he left! Did he? Yes.",
            &["Mr. Smith went to Washington.", "He said: “No.”", "Then he left!", "Did he?", "Yes."],
        );
        check_sentences(
            "John F. Kennedy and the U.S. Army met at 3 p.m. on Monday.",
            &["John F. Kennedy and the U.S. Army met at 3 p.m. on Monday."],
        );
        check_sentences("It rose 3.5 percent. Shares fell.", &["It rose 3.5 percent.", "Shares fell."]);
        check_sentences(
            "Adm. Mike Mullen and Capt. Jones spoke. Sens. Reed agreed.",
            &["Adm. Mike Mullen and Capt. Jones spoke.", "Sens. Reed agreed."],
        );
        // A dotted word with a longer part is no initialism: "R-S.C." ends its sentence.
        check_sentences("said Lindsey Graham, R-S.C. \"I get that.\"", &["said Lindsey Graham, R-S.C.", "\"I get that.\""]);
        check_sentences("“Stop,” she said. “Now.”\nNext paragraph.", &["“Stop,” she said.", "“Now.”", "Next paragraph."]);
    }
}
