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
//!   lists; addresses and most verse fail the width or the continuation test (short lines, each
//!   ending its own unit), and verse with long lines is told by lines that open with a
//!   capitalised function word ("And", "Who", "But") where the line before ends no sentence (a
//!   block of four lines or more, half of its later lines so): prose never capitalises "and"
//!   mid-sentence, in English or in German, whose nouns open lines with capitals;
//! - inside a wrapped block a break still ends a paragraph after a short line that ends a
//!   sentence, or before an indented line (the paragraph breaks of a wrapped text without blank
//!   lines);
//! - and never after a headline at the top of a block (a line of at least three words, the first
//!   and two thirds of them capitalised, as the attribution tagger's headline feature counts
//!   them) unless the next line opens in lower case, nor in a block of two lines, the first
//!   ending in a semicolon and the second opening with a capital: a stack of headlines, a
//!   headline over its standfirst, and a headline with its deck ("Port plan stalls; \nCouncil
//!   wants a new survey.", as news archives export them) keep their lines. Lower in a block, a
//!   line full of names ("Minister Ola Nordmann, Mayor Ida Brandt and Chief Constable") is body
//!   text, and so is a block of three lines or more set in capitals (wire copy).
//!
//! Offsets never change: a joined paragraph is one span of the original text that holds the line
//! breaks it joined; every later stage reads a line break as a blank.

use super::data::FUNCTION_WORDS;
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
/// two thirds of them opening with a capital, the last no lower-case function word ("Ferry Plan
/// Wins Backing Of Council", "PORT PLAN STALLS"; not "Marta Lindqvist, Tomas Berg and Ola
/// Nordmann met at the", nor "Manchester United beat Real Madrid 2-1 at Old Trafford on").
fn is_headline(line: &str) -> bool {
    let words: Vec<char> = line.split_whitespace().filter_map(|w| w.chars().find(|c| c.is_alphabetic())).collect();
    let capitalised = words.iter().filter(|c| c.is_uppercase()).count();
    let last = line.split_whitespace().last().unwrap_or("");
    let trailing_function_word = last.chars().all(char::is_lowercase) && FUNCTION_WORDS.contains(last);
    words.len() >= 3 && words[0].is_uppercase() && capitalised * 3 >= words.len() * 2 && !trailing_function_word
}

/// The first letter of `line`, if it has one.
fn first_letter(line: &str) -> Option<char> {
    line.chars().find(|c| c.is_alphabetic())
}

/// True when `line` opens with a capitalised function word ("And", "Who"; `text::data`'s list)
/// although `before` ends no sentence: a line of verse, not a wrap.
fn verse_line(before: &str, line: &str) -> bool {
    // The cheap tests first: most lines of prose open in lower case, and this runs on every line
    // of every block.
    if !line.trim_start().starts_with(char::is_uppercase) || ends_unit(before) {
        return false;
    }
    let word: String = line.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    word.chars().skip(1).all(char::is_lowercase) && FUNCTION_WORDS.contains(word.to_lowercase().as_str())
}

/// True for verse: four lines or more, half of those after the first verse lines.
fn is_verse(lines: &[&str]) -> bool {
    let verse = lines.windows(2).filter(|pair| verse_line(pair[0], pair[1])).count();
    lines.len() >= 4 && verse * 2 >= lines.len() - 1
}

/// True for a block of two lines that is a headline and its deck: the first ends a clause with a
/// semicolon and the second opens with a capital.
fn headline_and_deck(lines: &[&str]) -> bool {
    lines.len() == 2 && lines[0].trim_end().ends_with(';') && first_letter(lines[1]).is_some_and(char::is_uppercase)
}

/// For a block of consecutive non-blank lines (each without its line break), whether each
/// break between line `i` and line `i + 1` is a wrap: `result[i]` is true when the two lines
/// belong to one paragraph. Empty for fewer than two lines.
pub(crate) fn joins(lines: &[&str]) -> Vec<bool> {
    let n = lines.len();
    if n < 2 || lines.iter().any(|l| is_list_item(l)) || is_verse(lines) || headline_and_deck(lines) {
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
    // The headlines the block opens with; a block of three lines or more set in capitals is
    // body text (wire copy), not a stack of headlines.
    let in_capitals = n >= 3 && lines.iter().all(|l| !l.chars().any(char::is_lowercase));
    let top = if in_capitals { 0 } else { lines.iter().take_while(|l| is_headline(l)).count() };
    (0..n - 1)
        .map(|i| {
            let short_end = ends_unit(lines[i]) && (len(lines[i]) as f32) < FULL_LINE * width as f32;
            // Any whitespace indents: a pasted page indents with no-break spaces as often as spaces.
            let indented = lines[i + 1].starts_with(char::is_whitespace) && !lines[i].starts_with(char::is_whitespace);
            let after_headline = i < top && !first_letter(lines[i + 1]).is_some_and(char::is_lowercase);
            !short_end && !indented && !after_headline
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
        check(
            "Harbour Board Approves New Breakwater For Granvik\n\
             Fishermen Say Work Must Start Before Winter Storms\n\
             County To Pay A Third Of The Cost",
            &[false, false],
        );
        check("PORT PLAN STALLS AS COUNCIL ASKS FOR A SECOND SURVEY OF THE PIER\nThe vote was close.", &[false]);
        check(
            "The meeting was chaired by the harbour trust's new secretary and by\n\
             Marta Lindqvist, Tomas Berg and Ola Nordmann, who spoke for the\n\
             islanders; they asked for a vote before the summer.",
            &[true, true],
        );
    }

    /// Lines that read like headlines inside wrapped body text are body text: a line of names
    /// and titles, a short last line that is a name, a headline-like first line whose sentence
    /// goes on in lower case, wire copy set in capitals; and a semicolon before "I" or a name.
    #[test]
    fn headline_like_lines_inside_wrapped_text_are_wraps() {
        check(
            "The delegation that arrived on Monday included several senior officials.\n\
             Minister Ola Nordmann, Mayor Ida Brandt and Chief Constable Per Hansen\n\
             said in a joint statement that the harbour would reopen in a week.",
            &[true, true],
        );
        check(
            "\"There is no money left for the pool, and there will be none next\n\
             year either,\" the council's treasurer told the meeting, Mayor\n\
             Ida Marie Brandt said.",
            &[true, true],
        );
        check(
            "Harbour United beat Granvik Rovers 2-1 at Port Averly Park on\n\
             Tuesday, and their manager said the side had deserved it for the\n\
             whole ninety minutes.",
            &[true, true],
        );
        check(
            "Judge Sarah Whitfield QC told Southwark Crown Court on Monday that\n\
             the defendants had betrayed the trust of every pensioner who had\n\
             invested with them.",
            &[true, true],
        );
        check(
            "WASHINGTON - THE PRESIDENT SAID TODAY THAT THE BRIDGE WOULD REOPEN\n\
             BEFORE THE WINTER AND THAT THE STATE WOULD PAY FOR THE REPAIRS TO\n\
             THE PIER.",
            &[true, true],
        );
        check(
            "\"We waited at the pier for two hours and nobody came to tell us;\n\
             I do not think the company cares about the people on the island,\"\n\
             said Tomas Berg, who runs the bakery by the ferry terminal.",
            &[true, true],
        );
    }

    /// Verse whose lines are long enough to pass for a wrapped text keeps its lines: they open
    /// with "Who", "And", "But" mid-sentence. German prose, whose nouns open lines with
    /// capitals, is still wrapped prose.
    #[test]
    fn long_lined_verse_keeps_its_lines() {
        check(
            "Der Hafenmeister der Stadt Granvik, Jon Eriksen, sagte am Dienstag vor\n\
             Journalisten im Rathaus, die Stadt werde die Gebühren für Fähren und\n\
             Boote im kommenden Jahr senken. \"Die Preise sind für viele\n\
             Familien zu hoch\", sagte Eriksen.",
            &[true, true, true],
        );
        check(
            "I walked along the harbour wall with Margaret and her brother\n\
             Who told me that the boats would never come back to the pier,\n\
             And old John Bakke mending nets beside the chapel at Granvik\n\
             Said nothing, only watched the sky go black above the water.",
            &[false, false, false],
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
