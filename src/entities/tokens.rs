//! Word tokens for the entity tagger: byte spans over the text, with line and sentence marks.
//!
//! The tokenizer must give the same tokens for CoNLL-style pre-tokenised text (`U.S. 's`,
//! `$ 5 million`), on which the tagger is trained, and for ordinary prose, on which it runs:
//! punctuation is split off words, while abbreviations (`U.S.`, `Mr.`), names with inner
//! apostrophes or hyphens (`O'Neill`, `Jean-Pierre`) and numbers (`1,000.5`, `1996-08-22`)
//! stay whole, and English clitics (`'s`, `n't`) become tokens of their own, as in CoNLL.
//! It does not decide what a sentence is beyond what the tagger needs: a token is
//! sentence-initial when it opens a paragraph or follows sentence-final punctuation.
//!
//! Its lines (the units both taggers decode) are the text's paragraphs (`text::segment`): a
//! non-blank line each, except that a hard-wrapped paragraph (`text::wrap`, the one rule) is one
//! line whatever its line breaks, so a name, a sentence or a claim that runs over a wrap is read
//! as running text, as the quotes are.
//!
//! This is the one documented exception to `text`'s single word splitter: src/data/ner/model.bin
//! was trained on these tokens, so their rules stay as they were. What it shares, it takes from
//! `text`: line breaks, blanks, quote marks, and the abbreviation table (whose `conll` flags are
//! this tokenizer's only differences from the other readers).
//!
//! Cost is linear in the text: every byte is looked at a bounded number of times.

use crate::analysis::Span;
use crate::text::abbreviations::is_conll_abbreviation;
use crate::text::marks::{is_apostrophe, lean_of};
use crate::text::{is_blank, is_line_break};

/// A word or punctuation token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    /// Index into the `lines` of `tokenize` of the line the token is on (blank lines have none).
    pub line: u32,
    /// First token of its line, or first after `.`, `!`, `?` (and any closing quotes).
    pub sentence_start: bool,
}

/// The tokens of one paragraph (a non-blank line, or the lines of a hard-wrapped paragraph):
/// the unit the taggers decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Token index range `first..end`.
    pub first: usize,
    pub end: usize,
    /// Capitals dominate the line (headlines, datelines): capitalisation says little there.
    pub all_caps: bool,
    /// A headline in title case ("Mayor Warns Of Flood Risk As River Rises"): every word but
    /// the function words capitalised, and no capital says a name there either. Set here by
    /// the line's shape; the entity finder keeps it only where `recase::confirm_titles` finds
    /// the article writing the line's words in lower case elsewhere.
    pub title_case: bool,
}

impl Line {
    /// Whether the case of the line's letters says nothing of names: all caps or title case.
    /// (The tagger's features see `all_caps` alone: it was trained with that flag.)
    pub fn caseless(&self) -> bool {
        self.all_caps || self.title_case
    }
}

/// Most words a title-case line may hold: a headline, not a paragraph.
const TITLE_MAX_WORDS: usize = 25;
/// Fewest capitalised words other than function words that make a title-case line.
const TITLE_MIN_CAPITALISED: usize = 4;

/// What `tokenize` returns: tokens and lines. Both taggers read the same, so `analyze` splits a
/// text once and hands each tagger its copy.
pub(crate) type Tokenized = (Vec<Token>, Vec<Line>);

/// Splits `text` into tokens and lines, its paragraphs found by `text::segment::paragraphs`.
pub(crate) fn tokenize(text: &str) -> Tokenized {
    tokenize_paragraphs(text, &crate::text::segment::paragraphs(text))
}

/// Splits `text` into tokens and lines, given its `paragraphs` (`text::segment::paragraphs`, in
/// order): a line break inside a paragraph (a hard wrap) is a blank; every other one ends a line.
pub(crate) fn tokenize_paragraphs(text: &str, paragraphs: &[Span]) -> Tokenized {
    let mut tokens = Vec::new();
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut line_first = 0;
    let mut pos = 0;
    let mut at_sentence_start = true;
    // The paragraph at or after `pos`: paragraphs are in order, so one pass over both.
    let mut paragraph = 0;
    while pos < text.len() {
        let c = char_at(text, pos);
        if is_line_break(c) {
            while paragraphs.get(paragraph).is_some_and(|p| p.end <= pos) {
                paragraph += 1;
            }
            if paragraphs.get(paragraph).is_some_and(|p| p.start < pos) {
                // A wrap: the paragraph goes on, and so does its sentence.
                pos += c.len_utf8();
                continue;
            }
            close_line(text, &tokens, &mut lines, line_first);
            line_first = tokens.len();
            at_sentence_start = true;
            // CRLF is one break, not two lines.
            pos += if c == '\r' && bytes.get(pos + 1) == Some(&b'\n') { 2 } else { c.len_utf8() };
            continue;
        }
        if is_blank(c) {
            pos += c.len_utf8();
            continue;
        }
        let end = chunk_end(text, pos);
        split_chunk(text, pos, end, &mut |span| {
            let word = span.slice(text);
            tokens.push(Token {
                span,
                // Blank lines close no line, so the token's line is the next one to be pushed.
                line: lines.len() as u32,
                sentence_start: at_sentence_start,
            });
            if is_sentence_final(word) {
                at_sentence_start = true;
            } else if !(at_sentence_start && is_closing_or_opening_mark(word)) {
                at_sentence_start = false;
            }
        });
        pos = end;
    }
    close_line(text, &tokens, &mut lines, line_first);
    (tokens, lines)
}

fn close_line(text: &str, tokens: &[Token], lines: &mut Vec<Line>, first: usize) {
    let end = tokens.len();
    if first == end {
        return;
    }
    let (mut upper, mut lower) = (0usize, 0usize);
    for t in &tokens[first..end] {
        for c in t.span.slice(text).chars().take(64) {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let all_caps = upper >= 2 && lower * 10 < upper;
    let title_case = !all_caps && is_title_case(text, &tokens[first..end]);
    lines.push(Line { first, end, all_caps, title_case });
}

/// Whether a line's words are in title case: at most `TITLE_MAX_WORDS` tokens, at least one
/// function word (a headline has one; a list of results or names in a table has none), and
/// every other word of letters capitalised, `TITLE_MIN_CAPITALISED` of them at least
/// ("Mayor Warns of Flood Risk as River Rises"; not "Anna Keller met the mayor").
fn is_title_case(text: &str, tokens: &[Token]) -> bool {
    if tokens.len() > TITLE_MAX_WORDS {
        return false;
    }
    let (mut capitalised, mut function_words) = (0usize, 0usize);
    for t in tokens {
        let word = t.span.slice(text);
        let Some(first) = word.chars().next().filter(|c| c.is_alphabetic()) else { continue };
        // Lower-cased only when it has a capital: most lines of running text stop at their first
        // lower-case word that is no function word, with no allocation.
        let function_word = if word.chars().any(char::is_uppercase) {
            crate::text::data::FUNCTION_WORDS.contains(word.to_lowercase().as_str())
        } else {
            crate::text::data::FUNCTION_WORDS.contains(word)
        };
        if function_word {
            function_words += 1;
        } else if first.is_uppercase() {
            capitalised += 1;
        } else {
            return false;
        }
    }
    function_words > 0 && capitalised >= TITLE_MIN_CAPITALISED
}

fn char_at(text: &str, pos: usize) -> char {
    text[pos..].chars().next().unwrap_or(' ')
}

/// End of the maximal run of non-space characters starting at `start`.
fn chunk_end(text: &str, start: usize) -> usize {
    text[start..].char_indices().find(|&(_, c)| is_blank(c)).map_or(text.len(), |(i, _)| start + i)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_sentence_final(word: &str) -> bool {
    matches!(word, "." | "!" | "?" | "..." | "…") || (word.len() > 1 && word.bytes().all(|b| b == b'!' || b == b'?'))
}

/// A token of quote marks and brackets only: it does not move a sentence start along.
fn is_closing_or_opening_mark(word: &str) -> bool {
    word.chars().all(|c| lean_of(c).is_some() || matches!(c, '\'' | '(' | ')' | '[' | ']'))
}

/// Splits one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, emit: &mut dyn FnMut(Span)) {
    let mut pos = start;
    while pos < end {
        let c = char_at(text, pos);
        if is_word_char(c) {
            let word_end = word_end(text, pos, end);
            emit_word(text, pos, word_end, emit);
            pos = word_end;
        } else if is_apostrophe(c) {
            // A clitic standing alone, as in CoNLL's `'s`, or a quote mark.
            let clitic = clitic_len(&text[pos..end]);
            if clitic > 0 {
                emit(Span::new(pos, pos + clitic));
                pos += clitic;
            } else {
                emit(Span::new(pos, pos + c.len_utf8()));
                pos += c.len_utf8();
            }
        } else if c == '$' || c == '€' || c == '£' || c == '¥' {
            emit(Span::new(pos, pos + c.len_utf8()));
            pos += c.len_utf8();
        } else {
            // A run of the same mark (`...`, `--`, `!!`) is one token.
            let mut run_end = pos + c.len_utf8();
            while run_end < end && char_at(text, run_end) == c {
                run_end += c.len_utf8();
            }
            emit(Span::new(pos, run_end));
            pos = run_end;
        }
    }
}

/// End of the word starting at `start`: letters and digits, joined by inner connectors.
fn word_end(text: &str, start: usize, end: usize) -> usize {
    let mut pos = start;
    let mut prev: char = ' ';
    loop {
        while pos < end {
            let c = char_at(text, pos);
            if !is_word_char(c) {
                break;
            }
            prev = c;
            pos += c.len_utf8();
        }
        if pos >= end {
            return pos;
        }
        let connector = char_at(text, pos);
        let after = pos + connector.len_utf8();
        let next = if after < end { char_at(text, after) } else { ' ' };
        let joins = match connector {
            '-' | '\u{2010}' | '\u{2011}' | '.' | '\'' | '\u{2019}' => is_word_char(next),
            '&' => prev.is_uppercase() && next.is_uppercase(),
            ',' | ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
            _ => false,
        };
        if !joins {
            break;
        }
        pos = after;
    }
    // A final period belongs to abbreviations and initials; elsewhere it ends a sentence.
    let word = &text[start..pos];
    if pos < end && text.as_bytes()[pos] == b'.' && is_conll_abbreviation(word) {
        return pos + 1;
    }
    // `C$`, `US$`: CoNLL's currency tokens.
    if pos < end && text.as_bytes()[pos] == b'$' && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return pos + 1;
    }
    pos
}

/// Length of an English clitic at the start of `s` (`'s`, `'re`, `n't`...), if it ends the word.
fn clitic_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else { return 0 };
    if !is_apostrophe(first) {
        return 0;
    }
    let rest = &s[first.len_utf8()..];
    let letters = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let word = &rest[..letters];
    if ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| c.eq_ignore_ascii_case(word)) {
        first.len_utf8() + letters
    } else {
        0
    }
}

/// Emits a word, split before a trailing clitic: `don't` → `do n't`, `Merkel's` → `Merkel 's`.
fn emit_word(text: &str, start: usize, end: usize, emit: &mut dyn FnMut(Span)) {
    let word = &text[start..end];
    let n = word.len();
    if n > 3 && word.is_char_boundary(n - 3) && word[n - 3..].eq_ignore_ascii_case("n't") {
        emit(Span::new(start, end - 3));
        emit(Span::new(end - 3, end));
        return;
    }
    if let Some(apos) = word.rfind(is_apostrophe) {
        if apos > 0 && clitic_len(&word[apos..]) == n - apos {
            emit(Span::new(start, start + apos));
            emit(Span::new(start + apos, end));
            return;
        }
    }
    emit(Span::new(start, end));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens joined by `|`, lines by ` / `, sentence starts marked with `^`.
    fn render(text: &str) -> String {
        let (tokens, lines) = tokenize(text);
        lines
            .iter()
            .map(|l| {
                tokens[l.first..l.end]
                    .iter()
                    .map(|t| format!("{}{}", if t.sentence_start { "^" } else { "" }, t.span.slice(text)))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join(" / ")
    }

    fn check(text: &str, expected: &str) {
        assert_eq!(render(text), expected, "text: {text:?}");
    }

    #[test]
    fn conll_pre_tokenised_text() {
        check("The U.S. 's plan cost $ 5 million .", "^The|U.S.|'s|plan|cost|$|5|million|.");
        check("C$ 1,000.5 on 1996-08-22 ( 3-1 )", "^C$|1,000.5|on|1996-08-22|(|3-1|)");
        check("SOCCER - JAPAN GET LUCKY WIN .\nPeter Blackburn", "^SOCCER|-|JAPAN|GET|LUCKY|WIN|. / ^Peter|Blackburn");
        check("AT&T and n't", "^AT&T|and|n't");
    }

    #[test]
    fn prose() {
        check("Mr. O'Neill, Jean-Pierre's friend, didn't go.", "^Mr.|O'Neill|,|Jean-Pierre|'s|friend|,|did|n't|go|.");
        check("\"Yes!\" she said. Then...", "^\"|^Yes|!|^\"|^she|said|.|^Then|...");
        check("It cost US$5, about 4.5%.", "^It|cost|US$|5|,|about|4.5|%|.");
        check("He works at Acme Inc. in Paris.", "^He|works|at|Acme|Inc.|in|Paris|.");
        // The abbreviation table is text's: "Capt." is one word here as in every stage.
        check("Capt. Smith met Sens. Jones.", "^Capt.|Smith|met|Sens|.|^Jones|.");
        check("end.Next line", "^end.Next|line");
    }

    #[test]
    fn lines_and_caps() {
        let text = "RUGBY UNION - ITALY WIN\r\n\r\nItaly won in Rome.";
        let (_, lines) = tokenize(text);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].all_caps);
        assert!(!lines[1].all_caps);
        check(text, "^RUGBY|UNION|-|ITALY|WIN / ^Italy|won|in|Rome|.");
    }

    #[test]
    fn title_case_headlines() {
        let title = |text: &str| tokenize(text).1.iter().map(|l| l.title_case).collect::<Vec<_>>();
        assert_eq!(title("Mayor Warns Of Flood Risk As River Rises\n\nThe river rose."), [true, false]);
        assert_eq!(title("Mayor Warns of Flood Risk as River Rises"), [true], "function words in lower case");
        assert_eq!(title("Anna Keller Met the Mayor in Tolva"), [true]);
        for text in [
            "Anna Keller met the mayor in Tolva.",      // a lower-case word
            "Ajax Amsterdam 3 Feyenoord 1 Utrecht 0",   // no function word: a table's line
            "Keller Quits As Mayor",                    // three capitalised words
            "MAYOR WARNS OF FLOOD RISK AS RIVER RISES", // capitals, which all_caps marks
        ] {
            assert_eq!(title(text), [false], "{text}");
        }
        let long = "Mayor Warns Of Flood ".repeat(7);
        assert_eq!(title(&long), [false], "a paragraph, not a headline");
    }

    #[test]
    fn a_hard_wrapped_paragraph_is_one_line() {
        // Our own e-mail, wrapped at 60 columns: one paragraph, its sentence going on across
        // each break (no sentence start after a wrap); the blank line still ends it.
        let text = "The ferry board met on Tuesday and its chair, Marta\r\nLindqvist, said the new timetable would start in April\nwhatever the islanders thought of it.\n\nThanks, Ola";
        check(
            text,
            "^The|ferry|board|met|on|Tuesday|and|its|chair|,|Marta|Lindqvist|,|said|the|new|timetable|would|start|in|April|whatever|the|islanders|thought|of|it|. / ^Thanks|,|Ola",
        );
        // Lines that are not wrapped (one paragraph each) stay lines.
        check("Mayor Backs Ferry Plan\nIslanders Not Convinced", "^Mayor|Backs|Ferry|Plan / ^Islanders|Not|Convinced");
    }

    #[test]
    fn odd_input() {
        check("", "");
        check("  \n\n ", "");
        // Regression: blank lines once left tokens pointing past the end of `lines`.
        let (tokens, lines) = tokenize("One.\n\n\r\nTwo three.\n\n");
        assert!(tokens.iter().all(|t| (t.line as usize) < lines.len()));
        assert_eq!(tokens.last().map(|t| t.line), Some(1));
        check("Путин и 習近平 قال", "^Путин|и|習近平|قال");
        check("1234567890", "^1234567890");
        check("'''", "^'|^'|^'");
        let long = "a".repeat(1 << 20);
        let (tokens, _) = tokenize(&long);
        assert_eq!(tokens.len(), 1);
        let dots = "a.".repeat(1 << 18);
        let (tokens, _) = tokenize(&dots);
        assert!(tokens.iter().all(|t| t.span.end <= dots.len()));
    }

    #[test]
    fn spans_are_on_char_boundaries() {
        let text = "Zoë’s café—déjà vu’d… ’tis ٢٠٢٤";
        let (tokens, _) = tokenize(text);
        for t in tokens {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(!t.span.is_empty());
        }
    }
}
