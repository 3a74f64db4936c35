//! Pairing quotation marks into quoted spans, paragraph by paragraph.
//!
//! A mark's direction comes from its surroundings first (space before and a word after: it
//! opens; a word before and space or punctuation after: it closes) and from its own shape only
//! when those do not tell. Nesting needs a different style inside (‘…’ in “…”, “…” in "…"); a new
//! opener of the open quote's own style means the open quote was never closed. A quote still open
//! at the end of its paragraph continues only by the news convention (the next paragraph reopens
//! with the same style); otherwise it ends there, flagged unclosed, so one stray mark never
//! swallows the rest of an article.
//!
//! Cost is linear: each mark is looked at once, and a closer searches at most
//! `MAX_CROSSING_DEPTH` open quotes below the innermost one.

use crate::analysis::Span;
use crate::text::is_blank;
use crate::text::marks::{
    clips_ing_before, clips_word_before, is_apostrophe, is_elision_at, lean_of, mark_at, may_start_mark, Lean, Mark, Style,
};
use crate::text::spaces::is_space;

/// How far below the innermost open quote a closing mark may reach (`“a ‘b” c`).
const MAX_CROSSING_DEPTH: usize = 4;

/// A quoted span before classification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawQuote {
    pub mark: Mark,
    /// From the opening mark to the closing mark inclusive, or to where the quote was cut off.
    pub outer: Span,
    /// Between the marks.
    pub body: Span,
    pub paragraph: usize,
    pub unclosed: bool,
    pub parent: Option<usize>,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    at: usize,
    len: usize,
    mark: Mark,
    open_like: bool,
    close_like: bool,
    /// For a single mark: another closing single mark follows in this paragraph before the
    /// next opening one (so a possessive `Smiths’` is not the closer).
    later_single_closer: bool,
}

fn is_opening_context(c: char) -> bool {
    is_blank(c) || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '<' | ':' | ';') || lean_of(c) == Some(Lean::Open)
}

/// The marks of one paragraph, with what their surroundings say about their direction.
fn tokens(text: &str, para: Span) -> Vec<Token> {
    let body = para.slice(text);
    let bytes = body.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' {
            // Marks inside markup (`<tweet id="…">`) are not quotation marks.
            if let Some(skip) = markup_len(&body[i..]) {
                i += skip;
                continue;
            }
        }
        if !may_start_mark(b) || !body.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let Some((mark, len)) = mark_at(body, i) else {
            i += 1;
            continue;
        };
        let prev = body[..i].chars().next_back();
        let next = body[i + len..].chars().next();
        let open_like = prev.map_or(true, is_opening_context) && next.is_some_and(|c| !is_blank(c));
        let close_like = prev.is_some_and(|c| !is_blank(c)) && next.map_or(true, |c| !c.is_alphanumeric());
        out.push(Token { at: para.start + i, len, mark, open_like, close_like, later_single_closer: false });
        i += len;
    }
    // Right to left: remember whether a closing single mark lies ahead before an opening one.
    let mut closer_ahead = false;
    for t in out.iter_mut().rev() {
        if t.mark.is_single() {
            t.later_single_closer = closer_ahead;
            if t.close_like && matches!(t.mark, Mark::RightSingle | Mark::StraightSingle) {
                closer_ahead = true;
            } else if t.open_like && t.mark.can_open() {
                closer_ahead = false;
            }
        }
    }
    out
}

/// Length of an HTML-like tag at the start of `s`, if it is one.
fn markup_len(s: &str) -> Option<usize> {
    let second = s.as_bytes().get(1)?;
    if !(second.is_ascii_alphabetic() || *second == b'/') {
        return None;
    }
    // Stop at the next `<` too, so a run of unmatched `<` costs linear time.
    let end = s[1..].find(['<', '>'])? + 1;
    (s.as_bytes()[end] == b'>').then_some(end + 1)
}

fn closes(t: &Token, text: &str) -> bool {
    if t.mark.is_single() {
        // With another closer ahead, a mark after a word and before a space is the word's own
        // when it makes a plural possessive (the Smiths’ album) or clips the word while the
        // sentence goes on in lower case (I was goin’ home; but 'we can't' to them closes). Before
        // a capital only an `-ing` with its g dropped is clipped (a nickname 'Lyin' Ted'; but
        // ‘Made in Britain’ Christmas, ‘Captain’ Jones close).
        let after = &text[t.at + t.len..];
        let spaced = after.starts_with(is_space);
        let lower_next = after.trim_start_matches(is_space).starts_with(char::is_lowercase);
        let prev_letter = text[..t.at].chars().next_back().is_some_and(char::is_alphabetic);
        let clipped = clips_word_before(&text[..t.at]) && (lower_next || clips_ing_before(&text[..t.at]));
        let possessive = t.later_single_closer && spaced && prev_letter && (text[..t.at].ends_with(['s', 'S']) || clipped);
        // The second mark of rock ’n’ roll.
        let mut back = text[..t.at].chars().rev();
        let n_contraction = matches!(back.next(), Some('n' | 'N'))
            && back.next().is_some_and(|c| is_apostrophe(c) || c == '‘')
            && back.next().map_or(true, is_blank);
        return t.close_like && !possessive && !n_contraction;
    }
    // A mark that only looks like an opener does not close; anything else may.
    t.mark.lean() == Lean::Close || !t.open_like || t.close_like
}

fn opens(t: &Token, text: &str) -> bool {
    if !t.mark.can_open() {
        return false;
    }
    if t.mark.is_single() {
        return t.open_like && !is_elision_at(text, t.at, t.len);
    }
    match (t.open_like, t.close_like) {
        (true, false) => true,
        (false, true) => false,
        _ => t.mark.lean() != Lean::Close,
    }
}

struct Scanner<'t> {
    text: &'t str,
    quotes: Vec<RawQuote>,
    /// Indices into `quotes` of the open quotes, outermost first.
    open: Vec<usize>,
}

impl Scanner<'_> {
    fn close(&mut self, depth: usize, t: &Token) {
        // Quotes opened inside the one closing now never closed.
        while self.open.len() > depth + 1 {
            let inner = self.open.pop().unwrap_or_default();
            self.cut_off(inner, t.at);
        }
        if let Some(index) = self.open.pop() {
            let q = &mut self.quotes[index];
            q.body.end = t.at;
            q.outer.end = t.at + t.len;
        }
    }

    /// Ends quote `index` without a closing mark just before byte `at`.
    fn cut_off(&mut self, index: usize, at: usize) {
        let q = &mut self.quotes[index];
        let end = q.body.start + self.text[q.body.start..at].trim_end_matches(is_blank).len();
        q.body.end = end;
        q.outer.end = end;
        q.unclosed = true;
    }

    fn open(&mut self, t: &Token, paragraph: usize) {
        let body_start = t.at + t.len;
        self.quotes.push(RawQuote {
            mark: t.mark,
            outer: Span::new(t.at, body_start),
            body: Span::new(body_start, body_start),
            paragraph,
            unclosed: false,
            parent: self.open.last().copied(),
        });
        self.open.push(self.quotes.len() - 1);
    }

    fn step(&mut self, t: &Token, paragraph: usize) {
        let text = self.text;
        if let Some(&top) = self.open.last() {
            if self.quotes[top].mark.is_closed_by(t.mark) && closes(t, text) {
                return self.close(self.open.len() - 1, t);
            }
        }
        // A double mark closing a quote further out: the quotes inside it never closed.
        if !t.mark.is_single() && t.close_like && !t.open_like {
            let n = self.open.len();
            let lowest = n.saturating_sub(1 + MAX_CROSSING_DEPTH);
            for depth in (lowest..n.saturating_sub(1)).rev() {
                if self.quotes[self.open[depth]].mark.is_closed_by(t.mark) {
                    return self.close(depth, t);
                }
            }
        }
        if opens(t, text) {
            if let Some(&top) = self.open.last() {
                if self.quotes[top].mark.style() == t.mark.style() {
                    self.open.pop();
                    self.cut_off(top, t.at);
                }
            }
            self.open(t, paragraph);
        }
        // Anything else is a stray mark: an inch sign, a typo, an apostrophe.
    }

    /// At the end of paragraph `index`: continue the outermost quote into `next` by the
    /// news convention, or cut every open quote off here.
    fn end_paragraph(&mut self, para: Span, next: Option<&Token>) -> bool {
        let Some(&outermost) = self.open.first() else { return false };
        while self.open.len() > 1 {
            let inner = self.open.pop().unwrap_or_default();
            self.cut_off(inner, para.end);
        }
        let style = self.quotes[outermost].mark.style();
        let continues = next.is_some_and(|t| t.mark.style() == style && opens(t, self.text) && t.open_like);
        if continues {
            self.quotes[outermost].body.end = para.end;
            self.quotes[outermost].outer.end = para.end;
        } else {
            self.open.clear();
            self.cut_off(outermost, para.end);
        }
        continues
    }
}

/// Every quoted span of `text`, in order of their opening marks.
pub(crate) fn scan(text: &str, paragraphs: &[Span]) -> Vec<RawQuote> {
    let mut scanner = Scanner { text, quotes: Vec::new(), open: Vec::new() };
    scanner_run(&mut scanner, text, paragraphs);
    drop_unclosed_straight_singles(scanner.quotes)
}

/// A straight single mark that never closes was an apostrophe (`tell 'em`, a clipped word): the
/// quote it opened is dropped and its children handed to its parent. Curly and double marks keep
/// their unclosed quotes (a news quote cut off by an editor is still a quote).
fn drop_unclosed_straight_singles(quotes: Vec<RawQuote>) -> Vec<RawQuote> {
    let keep: Vec<bool> = quotes.iter().map(|q| !(q.unclosed && q.mark.style() == Style::StraightSingle)).collect();
    if keep.iter().all(|&k| k) {
        return quotes;
    }
    let mut new_index = vec![None; quotes.len()];
    let mut resolved: Vec<Option<usize>> = vec![None; quotes.len()];
    let mut n = 0;
    for i in 0..quotes.len() {
        resolved[i] = quotes[i].parent.and_then(|p| if keep[p] { new_index[p] } else { resolved[p] });
        if keep[i] {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    quotes
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| keep[i])
        .map(|(i, mut q)| {
            q.parent = resolved[i];
            q
        })
        .collect()
}

fn scanner_run(scanner: &mut Scanner<'_>, text: &str, paragraphs: &[Span]) {
    let mut next_tokens = paragraphs.first().map(|&p| tokens(text, p)).unwrap_or_default();
    let mut reopened = false;
    for (index, &para) in paragraphs.iter().enumerate() {
        let tokens = std::mem::take(&mut next_tokens);
        // The reopening mark of a continued quote belongs to that quote, not to a new one.
        let skip = usize::from(reopened);
        for t in &tokens[skip.min(tokens.len())..] {
            scanner.step(t, index);
        }
        if let Some(&next) = paragraphs.get(index + 1) {
            next_tokens = tokens_in(text, next);
        }
        let first_of_next = next_tokens.first().filter(|t| t.at == paragraphs[index + 1].start);
        reopened = scanner.end_paragraph(para, first_of_next);
    }
}

fn tokens_in(text: &str, para: Span) -> Vec<Token> {
    tokens(text, para)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::paragraphs;

    /// Quotes as `(outer text, unclosed, parent)`.
    fn check(text: &str, expected: &[(&str, bool, Option<usize>)]) {
        let paras = paragraphs(text);
        let got: Vec<(&str, bool, Option<usize>)> =
            scan(text, &paras).iter().map(|q| (q.outer.slice(text), q.unclosed, q.parent)).collect();
        assert_eq!(got, expected, "quotes of {text:?}");
    }

    #[test]
    fn straight_curly_and_typewriter_marks_pair() {
        check(r#"He said "yes" and “no”."#, &[(r#""yes""#, false, None), ("“no”", false, None)]);
        check("``Go home,'' he said. ''Now.''", &[("``Go home,''", false, None), ("''Now.''", false, None)]);
        check("''Ask the players''' she said.", &[("''Ask the players'''", false, None)]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        check("don’t, ’90s, Orbán’s, rock ’n’ roll, the Smiths’ album", &[]);
        check("‘I loved the Smiths’ album,’ she said.", &[("‘I loved the Smiths’ album,’", false, None)]);
        check("He said ‘rock ’n’ roll’ twice.", &[("‘rock ’n’ roll’", false, None)]);
        check("Back in the ‘90s we said ‘no’.", &[("‘no’", false, None)]);
    }

    #[test]
    fn straight_single_marks_quote_where_context_says_so() {
        check("'We can't keep it,' said Ann Lee.", &[("'We can't keep it,'", false, None)]);
        check("He said 'no' twice.", &[("'no'", false, None)]);
        check(r#""He said 'no' twice," she said."#, &[(r#""He said 'no' twice,""#, false, None), ("'no'", false, Some(0))]);
        check("'I was goin' home to the Smiths' place,' he said.", &[("'I was goin' home to the Smiths' place,'", false, None)]);
        check("'Play rock 'n' roll at two o'clock,' he said.", &[("'Play rock 'n' roll at two o'clock,'", false, None)]);
        check("'Back in the '90s we won,' he said.", &[("'Back in the '90s we won,'", false, None)]);
        // A clipped word before a capital: the closer ahead says the quote goes on.
        check("Fans were chanting 'Winnin' Wes' at the gate.", &[("'Winnin' Wes'", false, None)]);
        check("'Nothin' I can do,' said the coach.", &[("'Nothin' I can do,'", false, None)]);
        check("They called it the 'Keepin' It Real' tour.", &[("'Keepin' It Real'", false, None)]);
        // A word that only ends in -in before a capital: the mark closes, the later one is a
        // plural possessive.
        check("Fans booed ‘Captain’ Jones and the Browns’ coach.", &[("‘Captain’", false, None)]);
        check("The ‘Made in Britain’ Christmas fair drew the Joneses’ neighbours.", &[("‘Made in Britain’", false, None)]);
        check("‘We will not go back to Spain’ Ana Ruiz said at her parents’ house.", &[("‘We will not go back to Spain’", false, None)]);
        check("'Goodbye Berlin' Friday was the night of the Smiths' farm party.", &[("'Goodbye Berlin'", false, None)]);
        check("'Putin' Jones, they call him at the Browns' office.", &[("'Putin'", false, None)]);
        // Before lower case any -in word may be clipped, as before.
        check("'I was comin' home to the Smiths' place,' he said.", &[("'I was comin' home to the Smiths' place,'", false, None)]);
    }

    #[test]
    fn apostrophes_inside_double_quotes_open_no_nested_quote() {
        let text = r#""We can't play rock 'n' roll at the Smiths' place like in the '90s," he said."#;
        check(text, &[(r#""We can't play rock 'n' roll at the Smiths' place like in the '90s,""#, false, None)]);
        let text = "“Tell ’em the players’ union won’t sign,” she said.";
        check(text, &[("“Tell ’em the players’ union won’t sign,”", false, None)]);
        // A quotation inside still nests, among the apostrophes.
        let text = r#""Don't say 'we can't' to the Joneses' lawyer," he said."#;
        check(text, &[(r#""Don't say 'we can't' to the Joneses' lawyer,""#, false, None), ("'we can't'", false, Some(0))]);
    }

    #[test]
    fn straight_single_apostrophes_are_not_quotes() {
        check("can't, the Smiths' album, '90s, rock 'n' roll, o'clock, goin' home, tell 'em", &[]);
        check("The players' union said the owners' offer was low.", &[]);
        check("Tell 'em I said so.", &[]);
    }

    #[test]
    fn other_languages_pair_their_own_marks() {
        check("Er sagte: „Nein.“ Dann ‚ja‘.", &[("„Nein.“", false, None), ("‚ja‘", false, None)]);
        check("Il a dit : « Non. » Puis ‹ oui ›.", &[("« Non. »", false, None), ("‹ oui ›", false, None)]);
        check("Er sagte: »Nein.« Gut.", &[("»Nein.«", false, None)]);
        check("彼は「はい」と『言った』。", &[("「はい」", false, None), ("『言った』", false, None)]);
    }

    #[test]
    fn quotes_nest_only_in_another_style() {
        check("“He called it ‘fake’ today,” she said.", &[("“He called it ‘fake’ today,”", false, None), ("‘fake’", false, Some(0))]);
        check(r#""He read “Ulysses” twice," she said."#, &[(r#""He read “Ulysses” twice,""#, false, None), ("“Ulysses”", false, Some(0))]);
    }

    #[test]
    fn a_quote_continues_into_a_paragraph_that_reopens_it() {
        let text = "“First part.\n\n“Second part,” he said.\nNext.";
        check(text, &[("“First part.\n\n“Second part,”", false, None)]);
    }

    #[test]
    fn a_wrong_way_closer_closes_where_its_surroundings_say_so() {
        check("The board called it “a fair deal“ on Monday.", &[("“a fair deal“", false, None)]);
        check("“We are not moving,“ said Ada Kerr. “Not yet.”", &[("“We are not moving,“", false, None), ("“Not yet.”", false, None)]);
        check("She said ‘enough‘, and left.", &[("‘enough‘", false, None)]);
        // An opener stays one: a second “ before a word opens a new quote.
        check("A “b “c” d.", &[("“b", true, None), ("“c”", false, None)]);
    }

    #[test]
    fn numbers_in_single_marks_are_quotes_unless_they_are_years() {
        check("The film ‘13th’ opens today.", &[("‘13th’", false, None)]);
        check("Back in '08 and the '90s, 'Room 22' was 'No. 1'.", &[("'Room 22'", false, None), ("'No. 1'", false, None)]);
    }

    #[test]
    fn a_stray_opener_ends_at_its_paragraph() {
        check("He said “this never closes.\nNext “one” here.", &[("“this never closes.", true, None), ("“one”", false, None)]);
        check("A “b “c” d.", &[("“b", true, None), ("“c”", false, None)]);
    }

    #[test]
    fn stray_closers_and_inch_marks_are_not_quotes() {
        check(r#"a 6" pipe and a 12" record."#, &[]);
        check("oops” and ” again", &[]);
    }

    #[test]
    fn marks_inside_markup_are_ignored() {
        check(r#"<tweet id="12"> She said "hi"."#, &[(r#""hi""#, false, None)]);
    }
}
