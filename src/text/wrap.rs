//! Hard-wrapped text: THE rule for whether a single line break inside a block of lines is a
//! wrap (the line goes on) or the end of a paragraph.
//!
//! News pasted from a page puts one paragraph per line; text from a PDF, an e-mail or a
//! plain-text archive breaks lines at a fixed width, so a quote or a sentence runs over several
//! lines. The decision is made per block (a run of non-blank lines between blank lines), from the
//! block alone:
//!
//! - a block is wrapped when it has at least two lines, its widest line (the wrap width) is
//!   between `MIN_WIDTH` and `MAX_WIDTH` characters, the lines before the last are regular (at
//!   least `REGULAR_SHARE` of them reach `FULL_LINE` of the width) and the sentence goes on across
//!   at least `CONTINUED_SHARE` of its breaks (the line ends without terminal punctuation);
//! - never when a line starts like a list item (`-`, `*`, `•`, `1.`, `2)`, `a)`), so lists stay
//!   lists; verse and addresses fail the width or the continuation test (short lines, each
//!   ending its own unit);
//! - inside a wrapped block a break still ends a paragraph after a short line that ends a
//!   sentence, or before an indented line (the paragraph breaks of a wrapped text without blank
//!   lines);
//! - and never next to a headline (a line of at least three words, the first and two thirds of
//!   them capitalised, as the attribution tagger's headline feature counts them), nor between a
//!   line ending in a semicolon and one opening with a capital: stacked headlines and a headline
//!   with its deck ("Port plan stalls; \nCouncil wants a new survey.", as news archives export
//!   them) are lines of their own, and a wrapped sentence seldom breaks so.
//!
//! Offsets never change: a joined paragraph is one span of the original text that holds the line
//! breaks it joined; every later stage reads a line break as a blank.

use super::segment::is_terminal;

/// Narrower blocks are verse, addresses, tables or headings: their line breaks mean something.
const MIN_WIDTH: usize = 40;
/// Wider lines are paragraphs of their own (news pasted one paragraph per line).
const MAX_WIDTH: usize = 160;
/// A line "reaches the width" when it is at least this share of it.
const FULL_LINE: f32 = 0.7;
/// Share of the lines before the last that must reach the width.
const REGULAR_SHARE: f32 = 0.75;
/// Share of the breaks that must fall inside a sentence.
const CONTINUED_SHARE: f32 = 0.5;

/// True when `line` starts like an item of a list.
fn is_list_item(line: &str) -> bool {
    let l = line.trim_start();
    if l.starts_with(['-', '*', '•', '◦', '▪', '–', '—', '·', '>']) {
        return true;
    }
    let label_len = l.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(l.len());
    let label = &l[..label_len];
    let short_label = (1..=3).contains(&label.len()) && (label.chars().all(|c| c.is_ascii_digit()) || label.len() == 1);
    short_label && (l[label_len..].starts_with(". ") || l[label_len..].starts_with(") "))
}

/// True when the sentence ends with `line` (terminal punctuation, maybe followed by closing
/// marks or brackets, or a colon introducing what follows).
fn ends_unit(line: &str) -> bool {
    let l = line.trim_end();
    let core = l.trim_end_matches(|c: char| super::segment::is_closing_punct(c));
    core.ends_with(is_terminal) || core.ends_with(':')
}

/// True when `line` reads as a headline: at least three words, the first of them and at least
/// two thirds of them opening with a capital ("Ferry Plan Wins Backing Of Council", "PORT PLAN
/// STALLS"; not "Marta Lindqvist, Tomas Berg and Ola Nordmann met at the").
fn is_headline(line: &str) -> bool {
    let words: Vec<char> = line.split_whitespace().filter_map(|w| w.chars().find(|c| c.is_alphabetic())).collect();
    let capitalised = words.iter().filter(|c| c.is_uppercase()).count();
    words.len() >= 3 && words[0].is_uppercase() && capitalised * 3 >= words.len() * 2
}

/// True when `line` ends a clause with a semicolon and `next` opens with a capital: a headline
/// and its deck, not a sentence going on.
fn semicolon_before_capital(line: &str, next: &str) -> bool {
    line.trim_end().ends_with(';') && next.trim_start().chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase)
}

/// For a block of consecutive non-blank lines (each without its line break), whether each
/// break between line `i` and line `i + 1` is a wrap: `result[i]` is true when the two lines
/// belong to one paragraph. Empty for fewer than two lines.
pub(crate) fn joins(lines: &[&str]) -> Vec<bool> {
    let n = lines.len();
    if n < 2 || lines.iter().any(|l| is_list_item(l)) {
        return vec![false; n.saturating_sub(1)];
    }
    let len = |l: &str| l.trim_end().chars().count();
    let width = lines.iter().map(|l| len(l)).max().unwrap_or(0);
    let body = &lines[..n - 1];
    let full = body.iter().filter(|l| len(l) as f32 >= FULL_LINE * width as f32).count();
    let continued = body.iter().filter(|l| !ends_unit(l)).count();
    let wrapped = (MIN_WIDTH..=MAX_WIDTH).contains(&width)
        && full as f32 >= REGULAR_SHARE * body.len() as f32
        && continued as f32 >= CONTINUED_SHARE * body.len() as f32;
    if !wrapped {
        return vec![false; n - 1];
    }
    (0..n - 1)
        .map(|i| {
            let short_end = ends_unit(lines[i]) && (len(lines[i]) as f32) < FULL_LINE * width as f32;
            // Any whitespace indents: a pasted page indents with no-break spaces as often as spaces.
            let indented = lines[i + 1].starts_with(char::is_whitespace) && !lines[i].starts_with(char::is_whitespace);
            let headline = is_headline(lines[i]) || is_headline(lines[i + 1]);
            !short_end && !indented && !headline && !semicolon_before_capital(lines[i], lines[i + 1])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[bool]) {
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(joins(&lines), expected, "{text}");
    }

    #[test]
    fn a_wrapped_email_joins_its_lines() {
        check(
            "Hi all, a quick note about Thursday's meeting with the parish\n\
             council. Their chair, Ruth Okafor, told me \"we will not sign\n\
             anything until the survey is back\" and asked that we wait.\n\
             See you then.",
            // A full line ending a sentence may go on: joining it costs nothing.
            &[true, true, true],
        );
    }

    #[test]
    fn a_pdf_extract_joins_lines_but_keeps_its_paragraph_ends() {
        check(
            "The committee met on 4 March to review the tender. Members noted that\n\
             the lowest bid exceeded the budget by a wide margin and asked the\n\
             officers to report back.\n\
             \x20 A second bid arrived late. \"It was posted in good time,\" the firm\n\
             said in a letter, \"and we expect it to be considered on its merits.\"",
            &[true, true, false, true],
        );
    }

    /// A line indented with a no-break space (as pasted from a page) starts a paragraph too.
    #[test]
    fn an_indent_of_no_break_spaces_is_an_indent() {
        check(
            "The committee met on 4 March to review the tender. Members noted that\n\
             the lowest bid exceeded the budget by a wide margin and asked the\n\
             officers to report back.\n\
             \u{A0}\u{A0}A second bid arrived late. \"It was posted in good time,\" the firm\n\
             said in a letter, \"and we expect it to be considered on its merits.\"",
            &[true, true, false, true],
        );
    }

    #[test]
    fn verse_addresses_and_lists_keep_their_lines() {
        check(
            "The rain comes down on Harrow Hill,\nAnd all the lanes are wet and still;\nI hear the gate,\nI hear the mill.",
            &[false, false, false],
        );
        check("Dr. Ana Brook\n14 Weir Lane\nOldfield OX7 2QT\nUnited Kingdom", &[false, false, false]);
        check(
            "- the library will close at six on weekdays from next month on\n\
             - the cafe stays open until nine, as it does now, every day\n\
             - the car park will be free after five in the evening",
            &[false, false],
        );
        check(
            "1. Read the terms of the new contract before the meeting starts\n\
             2. Bring the signed forms and a copy of your identity papers",
            &[false],
        );
    }

    /// Headlines stacked over a standfirst, and a headline with its deck after a semicolon (our
    /// own, in the shapes news archives export), are lines of their own; a wrapped line that
    /// merely holds names is no headline.
    #[test]
    fn headlines_and_their_decks_keep_their_lines() {
        check(
            "Harbour Trust Wins Backing For New Ferry Terminal At Port Averly\n\
             Islanders Say The Plan Comes Ten Years Too Late For Their Businesses\n\
             The terminal would open in 2029 if the ministry agrees to fund it",
            &[false, false],
        );
        check("Port plan stalls as the council asks for a second survey; \nBusiness Desk.", &[false]);
        check("PORT PLAN STALLS AS COUNCIL ASKS FOR A SECOND SURVEY OF THE PIER\nThe vote was close.", &[false]);
        check(
            "The meeting was chaired by the harbour trust's new secretary and by\n\
             Marta Lindqvist, Tomas Berg and Ola Nordmann, who spoke for the\n\
             islanders; they asked for a vote before the summer.",
            &[true, true],
        );
    }

    #[test]
    fn news_with_one_paragraph_per_line_keeps_its_lines() {
        check(
            "Council backs new bridge\n\
             The council voted on Tuesday to build a second bridge over the river, ending a decade of argument about the crossing.\n\
             \"This is a good day for the town,\" said Mayor Ida Brandt.\n\
             Work is due to start in the spring.",
            &[false, false, false],
        );
    }
}
