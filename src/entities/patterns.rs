//! Dates, money, percentages and numbers, by rule: each rule is one regex with an example it must
//! match and one it must not, kept side by side in src/entities/figure_rules.rs and checked by
//! the tests below.
//!
//! The rules are compiled at build time (build.rs) into anchored DFAs, laid out as plain tables
//! this module walks: no regex is parsed, compiled or even deserialised at run time, and no regex
//! library is in the module (issue 17: its code, messages and tables were about 20 KB gzipped).
//! The text is read once for all rules: at each byte, build.rs's table of first bytes says which
//! rules a match could start with it, and only those are tried there. Names win over figures: a
//! year inside "Euro 96" stays part of the name (see `entities::merge`).

use crate::analysis::{Label, Span};

#[cfg_attr(not(test), allow(dead_code))] // the patterns and examples are build.rs's and the tests'
mod table {
    include!("figure_rules.rs");
}
#[cfg(test)]
use table::rules;
use table::{Figure, Part};

/// A rule's anchored DFA, as build.rs writes it from regex-automata's: states numbered from 0,
/// bytes in classes, and what the library's search does on entering each state.
struct Dfa {
    /// Each byte's class (bytes no state tells apart share one).
    classes: [u8; 256],
    /// Classes per state: the stride of `next`.
    width: usize,
    /// `state × width + class` → the next state.
    next: Next,
    /// Per state: `MATCH`, `DEAD`, `QUIT`, `EOI_MATCH`.
    flags: &'static [u8],
    /// The start state for each kind of byte before (`byte_before`).
    starts: [u16; 5],
}

/// Transitions, one byte each for DFAs of up to 256 states.
enum Next {
    U8(&'static [u8]),
    U16(&'static [u16]),
}

/// Entering the state ends a match at the byte before (regex-automata reports matches one byte late).
const MATCH: u8 = 1;
/// No match can continue from the state.
const DEAD: u8 = 2;
/// The byte is one the DFA gives up on (the library's search errs; we find nothing).
const QUIT: u8 = 4;
/// The end of the text after the state completes a match.
const EOI_MATCH: u8 = 8;

impl Dfa {
    /// The state after `state` reads `byte`. The tables are build.rs's, every entry a state of
    /// the same table; an index out of range would be a build bug and reads as the dead end.
    #[inline]
    fn step(&self, state: usize, byte: u8) -> (usize, u8) {
        let i = state * self.width + self.classes[byte as usize] as usize;
        let next = match self.next {
            Next::U8(t) => t.get(i).map(|&s| s as usize),
            Next::U16(t) => t.get(i).map(|&s| s as usize),
        };
        match next {
            Some(s) => (s, self.flags.get(s).copied().unwrap_or(DEAD)),
            None => (state, DEAD),
        }
    }
}

// FIGURE_DFAS (each rule's DFA), RULES (its label and part) and FIRST_BYTES, in rank order.
include!(concat!(env!("OUT_DIR"), "/figure_dfas.rs"));

fn label(figure: Figure) -> Label {
    match figure {
        Figure::Date => Label::Date,
        Figure::Money => Label::Money,
        Figure::Number => Label::Number,
        Figure::Percent => Label::Percent,
    }
}

/// The kind of byte before offset `i`, as build.rs's FIRST_BYTES is indexed (the kinds a DFA's
/// start state depends on): the start of the text, `\n`, `\r`, an ASCII word byte, any other.
fn byte_before(bytes: &[u8], i: usize) -> usize {
    match i.checked_sub(1).map(|p| bytes[p]) {
        None => 0,
        Some(b'\n') => 1,
        Some(b'\r') => 2,
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => 3,
        Some(_) => 4,
    }
}

/// The longest text a rule's match may span, in bytes: far beyond any date or figure (the
/// longest example is under 40 bytes), and what keeps `scan` linear. Look-arounds at the window's
/// end still see the byte after it.
const MAX_MATCH: usize = 256;

/// Every match of the rules in `rules` (a bit mask of ranks) in `text`, as `(start, end, rank)`,
/// by start: for each rule, what its regex's leftmost-first, non-overlapping search finds. A
/// match of a rule starts at the first offset, at or after the end of its previous match, where
/// its anchored DFA matches; offsets where its first-byte table rules a match out are skipped.
fn scan(text: &str, rules: u32, mut emit: impl FnMut(usize, usize, usize)) {
    let bytes = text.as_bytes();
    // Where each rule's next match may start (its matches do not overlap).
    let mut free = [0usize; FIGURE_DFAS.len()];
    for i in 0..bytes.len() {
        let before = byte_before(bytes, i);
        let mut candidates = FIRST_BYTES[before][bytes[i] as usize] & rules;
        while candidates != 0 {
            let rank = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if i < free[rank] {
                continue;
            }
            let dfa = &FIGURE_DFAS[rank];
            // The search reads at most MAX_MATCH bytes: a rule that fails only at the end of a long
            // run ("1,1,1,…" with no currency after it) would otherwise read the run again from
            // every start in it, quadratic in the run (a fuzzing seed took 3 s for 60 KB).
            if let Some(end) = anchored_match(dfa, bytes, i, before, bytes.len().min(i + MAX_MATCH)) {
                free[rank] = end.max(i + 1);
                emit(i, end, rank);
            }
        }
    }
}

/// The end of what regex-automata's `try_search_fwd` finds with the rule's DFA anchored at
/// `start` in `bytes[start..end]` (the byte at `end`, if any, still seen as look-ahead), `None`
/// for no match or a quit byte (where the library's search errs); `before` is
/// `byte_before(bytes, start)`, which the caller has at hand. The library's search loop
/// (`dfa::search::find_fwd`, version 0.4) less what an anchored search of ours never needs; its
/// accelerated states only skip bytes that keep the state where it is, so they are not kept.
fn anchored_match(dfa: &Dfa, bytes: &[u8], start: usize, before: usize, end: usize) -> Option<usize> {
    let mut state = dfa.starts[before] as usize;
    let mut found = None;
    for (at, &b) in bytes.iter().enumerate().take(end).skip(start) {
        let (next, flags) = dfa.step(state, b);
        state = next;
        if flags & MATCH != 0 {
            found = Some(at);
        } else if flags & DEAD != 0 {
            return found;
        } else if flags & QUIT != 0 {
            return None;
        }
    }
    match bytes.get(end) {
        Some(&b) => {
            let (_, flags) = dfa.step(state, b);
            if flags & MATCH != 0 {
                found = Some(end);
            } else if flags & QUIT != 0 {
                return None;
            }
        }
        None => {
            if dfa.flags.get(state).is_some_and(|f| f & EOI_MATCH != 0) {
                found = Some(bytes.len());
            }
        }
    }
    found
}

/// The figure inside a match `m` of `text` (what the rule's group 1 marks).
fn part_of(text: &str, m: Span, part: Part) -> Span {
    let matched = &text[m.start..m.end];
    match part {
        Part::Whole => m,
        Part::TrailingYear => Span::new(m.end - 4, m.end),
        Part::TrailingDecade => {
            let from = matched.rfind(['\'', '’']).map_or(m.start, |i| m.start + i);
            Span::new(from, m.end)
        }
        Part::MayOrMarch => {
            let at = matched.find("Ma").map_or(m.start, |i| m.start + i);
            let len = if text[at..].starts_with("March") { 5 } else { 3 };
            Span::new(at, (at + len).min(m.end))
        }
    }
}

/// The dates and figures of `text`, non-overlapping, in text order: where rules overlap, the
/// longer span wins, then the earlier rule.
pub(crate) fn find(text: &str) -> Vec<(Span, Label)> {
    let mut found: Vec<(Span, usize)> = Vec::new();
    scan(text, u32::MAX, |start, end, rank| found.push((part_of(text, Span::new(start, end), RULES[rank].1), rank)));
    // By start, the longer first, then by rank: `scan` emits each offset's matches by rank, and
    // the sort is stable.
    crate::order::sort_by_key(&mut found, |(span, _)| (span.start, usize::MAX - span.len()));
    let mut out: Vec<(Span, Label)> = Vec::new();
    for (span, rank) in found {
        match out.last_mut() {
            Some(last) if last.0.end > span.start => {
                // Overlap: keep the longer one (the earlier one is at least as long when they start together).
                if span.len() > last.0.len() && span.end > last.0.end {
                    *last = (span, label(RULES[rank].0));
                }
            }
            _ => out.push((span, label(RULES[rank].0))),
        }
    }
    // "a week", "an hour" right after an amount is its rate ("$30 an hour", "£5 million a
    // week"), no date; "a year earlier" is one.
    let mut previous_figure_end = usize::MAX;
    out.retain(|&(span, label)| {
        let words = span.slice(text);
        let (article, unit) = words.split_at(words.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(0));
        let rate = label == Label::Date
            && previous_figure_end < span.start
            && text[previous_figure_end..span.start].trim().is_empty()
            && (article.eq_ignore_ascii_case("a") || article.eq_ignore_ascii_case("an"))
            && unit.trim_start().bytes().all(|b| b.is_ascii_alphabetic());
        previous_figure_end = if matches!(label, Label::Money | Label::Number) { span.end } else { usize::MAX };
        !rate
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_matches_its_example_and_rejects_its_counterexample() {
        for (rank, rule) in rules().iter().enumerate() {
            let regex = regex::Regex::new(&rule.pattern).unwrap_or_else(|e| panic!("rule {:?} does not compile: {e}", rule.name));
            let m = regex.find(rule.matches);
            assert_eq!(m.map(|m| m.as_str()), Some(rule.matches), "rule {:?} must match {:?} whole", rule.name, rule.matches);
            assert!(!regex.is_match(rule.rejects), "rule {:?} must not match {:?}", rule.name, rule.rejects);
            // …and so does its build-time DFA.
            let m = matches(rule.matches, rank).first().map(|&(s, e)| &rule.matches[s..e]);
            assert_eq!(m, Some(rule.matches), "the DFA of rule {:?} must match {:?} whole", rule.name, rule.matches);
            assert_eq!(matches(rule.rejects, rank), [], "the DFA of rule {:?} must not match {:?}", rule.name, rule.rejects);
        }
    }

    /// Each rule's examples with their spaces turned into each space character (`text::spaces`):
    /// the same whole match, and still nothing in the counterexample ("Theresa\u{A0}May" stays a
    /// name).
    #[test]
    fn every_rule_reads_every_space_character_as_a_space() {
        let spaces: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| crate::text::spaces::is_space(c)).collect();
        assert_eq!(spaces.len(), 17, "Unicode's space separators");
        for (rank, rule) in rules().iter().enumerate() {
            let regex = regex::Regex::new(&rule.pattern).expect("compiles");
            for &space in &spaces {
                let example = rule.matches.replace(' ', &space.to_string());
                let m = matches(&example, rank).first().map(|&(s, e)| &example[s..e]);
                assert_eq!(m, Some(example.as_str()), "rule {:?} on {example:?}", rule.name);
                assert_eq!(regex.find(&example).map(|m| m.as_str()), Some(example.as_str()), "rule {:?}", rule.name);
                let counter = rule.rejects.replace(' ', &space.to_string());
                assert_eq!(matches(&counter, rank), [], "rule {:?} on {counter:?}", rule.name);
                assert!(!regex.is_match(&counter), "rule {:?} on {counter:?}", rule.name);
            }
        }
    }

    /// Rule `rank`'s whole matches in `text`, through the DFA.
    fn matches(text: &str, rank: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        scan(text, 1 << rank, |start, end, _| out.push((start, end)));
        out
    }

    #[test]
    fn a_long_run_of_digits_is_read_in_windows_and_every_example_fits_one() {
        for rule in rules() {
            assert!(rule.matches.len() < MAX_MATCH / 4, "{:?}", rule.name);
        }
        // "1,1,1,…": numbers, the same as a shorter run gives at its start, and no panic.
        let run = "1,".repeat(5_000);
        let found = find(&run);
        assert!(!found.is_empty());
        assert!(found.iter().all(|(span, label)| *label == Label::Number && span.len() <= MAX_MATCH));
    }

    #[test]
    fn the_table_of_labels_and_parts_is_the_rules_own() {
        let rules = rules();
        assert_eq!(rules.len(), FIGURE_DFAS.len());
        assert!(rules.len() <= 32, "a set of rules is a u32");
        for (rule, &(figure, part)) in rules.iter().zip(&RULES) {
            assert_eq!((rule.label, rule.part), (figure, part), "rule {:?}", rule.name);
        }
    }

    /// Every rule finds, through its DFAs and `part_of`, exactly what its regex finds with the
    /// regex crate (group 1 where the pattern has one), on texts written for it and on every
    /// case file of tests/cases/.
    #[test]
    fn the_dfas_find_what_the_regexes_find() {
        let mut texts: Vec<String> = vec![
            "In May 2019, 3.5 per cent; since March, ’90s and '80s, the band's 70s tour, 1'90s. By late May? Early March".into(),
            "Theresa May, in May Street, in May.\nMarch in  March   x, from May\tX, until March  ".into(),
            "between 1997 and 2001, the 1990s; in 2000-2004 to 1998 ’60s’70s ''90s a'90s _'90s".into(),
            "On Tuesday, February 27, 2018 at 9:30 a.m. US$4.7 billion, €1.2bn, 2 million Swiss francs, two-thirds, 12% of 150,000.".into(),
            "\u{a0}May 5\u{a0}2020, 5\u{a0}%, in\u{a0}May, thirty-one years ago, a dozen, early nineties".into(),
            "in\u{202F}May\u{2009}Street, Theresa\u{a0}May, by\u{a0}late\u{202F}March. 10\u{202F}000 and 1\u{2009}250\u{2009}000,5; 12\u{a0}000 2019\u{202F}3 1\u{202F}00".into(),
            "more\u{a0}than\u{2009}two\u{202F}weeks, twenty\u{a0}one, $\u{202F}5\u{a0}bn, 3\u{a0}per\u{202F}cent, since\u{2009}1997, a\u{a0}dozen, 2\u{a0}million Hong\u{a0}Kong dollars".into(),
        ];
        let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
        for entry in std::fs::read_dir(&cases).expect("tests/cases") {
            let path = entry.expect("a case file").path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(&path).expect("a case file"));
            }
        }
        texts.push(std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/sample.txt")).expect("the sample"));
        for (rank, rule) in rules().iter().enumerate() {
            let regex = regex::Regex::new(&rule.pattern).expect("compiles");
            for text in &texts {
                let want: Vec<(usize, usize)> =
                    regex.captures_iter(text).filter_map(|c| c.get(1).or_else(|| c.get(0))).map(|m| (m.start(), m.end())).collect();
                let got: Vec<(usize, usize)> = matches(text, rank)
                    .into_iter()
                    .map(|(start, end)| part_of(text, Span::new(start, end), rule.part))
                    .map(|s| (s.start, s.end))
                    .collect();
                assert_eq!(got, want, "rule {:?} on {:?}", rule.name, &text[..text.len().min(80)]);
            }
        }
    }

    /// The search loop over build.rs's tables finds what regex-automata's search finds with the
    /// DFA build.rs compiles (same settings), at every offset of texts with figures, at every
    /// window end (the look-ahead byte after it, the end of the text).
    #[test]
    fn anchored_match_is_the_librarys_search() {
        use regex_automata::dfa::{dense, Automaton, StartKind};
        use regex_automata::{Anchored, Input};
        let texts = [
            "On Tuesday, February 27, 2018 at 9:30 a.m. US$4.7 billion, €1.2bn, 2 million Swiss francs, 12% of 150,000.",
            "In May 2019, 3.5 per cent; since March, ’90s and '80s, between 1997 and 2001\r\nthirty-one years, a dozen 1,1,1,1,1",
            "5\u{a0}%, in\u{a0}May, ünd 2020 Ünd 7\n\rMay 5_ 1990s",
            "in\u{202F}May\u{2009}Street, 10\u{202F}000\u{2009}000 1\u{202F}00, Theresa\u{a0}May. Until\u{a0}March\u{a0}",
        ];
        for (rank, rule) in rules().iter().enumerate() {
            let dfa = dense::Builder::new()
                .configure(dense::Config::new().minimize(true).start_kind(StartKind::Anchored))
                .build(&rule.pattern)
                .expect("compiles");
            for text in texts {
                let bytes = text.as_bytes();
                for start in 0..bytes.len() {
                    for end in [start + 1, (start + 7).min(bytes.len()), bytes.len()] {
                        let input = Input::new(bytes).range(start..end).anchored(Anchored::Yes);
                        let want = dfa.try_search_fwd(&input).ok().flatten().map(|m| m.offset());
                        assert_eq!(
                            anchored_match(&FIGURE_DFAS[rank], bytes, start, byte_before(bytes, start), end),
                            want,
                            "rule {rank} at {start}..{end} of {text:?}"
                        );
                    }
                }
            }
        }
    }

    fn check(text: &str, expected: &[(&str, Label)]) {
        let got: Vec<(&str, Label)> = find(text).into_iter().map(|(s, l)| (s.slice(text), l)).collect();
        assert_eq!(got, expected, "figures in {text:?}");
    }

    #[test]
    fn figures_in_running_text() {
        use Label::*;
        check(
            "On Tuesday, February 27 they met for almost five hours; 150,000 people paid $5 million, up 12%.",
            &[("Tuesday, February 27", Date), ("almost five hours", Date), ("150,000", Number), ("$5 million", Money), ("12%", Percent)],
        );
        check(
            "Prices rose 3.5 per cent since 1997, to 300 rubles, and fell 12 times last week.",
            &[("3.5 per cent", Percent), ("1997", Date), ("300 rubles", Money), ("12", Number), ("last week", Date)],
        );
        check(
            "It cost € 1.2bn in the 1990s, and a dozen went at 9 p.m. yesterday.",
            &[("€ 1.2bn", Money), ("1990s", Date), ("a dozen", Number), ("9 p.m.", Date), ("yesterday", Date)],
        );
        check("CoNLL style: $ 5 million and 5.5 pct .", &[("$ 5 million", Money), ("5.5 pct", Percent)]);
        check("I have spent thirty-one years here.", &[("thirty-one years", Date)]);
    }

    #[test]
    fn money_in_every_spelling() {
        use Label::*;
        check(
            "The ferry firm, a C$1.9 billion group, bid A$300m, HK$12bn and NZ$ 40 million.",
            &[("C$1.9 billion", Money), ("A$300m", Money), ("HK$12bn", Money), ("NZ$ 40 million", Money)],
        );
        check(
            "Debts of €2.6tn, £0.4mn and ¥9bn dwarf the 3 million Danish crowns it raised.",
            &[("€2.6tn", Money), ("£0.4mn", Money), ("¥9bn", Money), ("3 million Danish crowns", Money)],
        );
    }

    #[test]
    fn fractions_and_decades() {
        use Label::*;
        check("Three-quarters of the pupils and one third of staff left.", &[("Three-quarters", Number), ("one third", Number)]);
        check(
            "Jazz of the 1920's, rock of the ’60s, punk of the late seventies and the 2010s.",
            &[("1920's", Date), ("’60s", Date), ("late seventies", Date), ("2010s", Date)],
        );
        check("'80s music", &[("'80s", Date)]);
        // An apostrophe after a letter is a possessive, not a decade's.
        check("the band's 70s tour", &[("70s", Date)]);
    }

    #[test]
    fn a_rate_after_an_amount_is_no_date() {
        use Label::*;
        check("Cleaners earn $30 an hour and the club pays £5 million a week.", &[("$30", Money), ("£5 million", Money)]);
        check("It paid $5bn, up from £3bn a year earlier.", &[("$5bn", Money), ("£3bn", Money), ("a year earlier", Date)]);
        check("It took an hour, and 40 a week later.", &[("an hour", Date), ("40", Number), ("a week later", Date)]);
        // A decimal duration is whole; so is a Taiwan dollar amount.
        check("She won by 1.4 seconds; sales hit NT$398.3 billion.", &[("1.4 seconds", Date), ("NT$398.3 billion", Money)]);
    }

    #[test]
    fn a_year_after_a_time_word_is_a_date_and_a_count_is_a_number() {
        use Label::*;
        check(
            "Sales in fiscal 2026 beat the end-2025 goal, and the deal runs until 2030.",
            &[("2026", Date), ("2025", Date), ("2030", Date)],
        );
        check("Its 2000 staff met 1500 guests.", &[("2000", Number), ("1500", Number)]);
    }

    #[test]
    fn may_and_march_are_dates_only_with_a_time_word() {
        use Label::*;
        check("Talks resume in May, and the plant has been shut since March.", &[("May", Date), ("March", Date)]);
        check("A ruling is expected by late May or early March.", &[("May", Date), ("March", Date)]);
        check("Theresa May spoke. Unions march in Leeds; in May Street a crowd met Ms May.", &[]);
        // Known limit: "confidence in May" (the person) reads as the month.
        check("Nobody may march.", &[]);
    }

    #[test]
    fn dates_and_figures_between_no_break_narrow_and_thin_spaces() {
        use Label::*;
        check(
            "Talks resume in\u{a0}May, a ruling comes by\u{202F}late\u{2009}March and Theresa\u{a0}May waits.",
            &[("May", Date), ("March", Date)],
        );
        check("in\u{a0}May\u{a0}Street", &[]);
        // The typographic spaces of Unicode's separators too (en, em, ideographic).
        check("Talks resume in\u{2002}May and end in\u{2003}March; Theresa\u{3000}May waits.", &[("May", Date), ("March", Date)]);
        check(
            "It raised 2\u{a0}million Hong\u{202F}Kong dollars, up 3\u{a0}per\u{a0}cent, more\u{a0}than\u{a0}two weeks ago.",
            &[
                ("2\u{a0}million Hong\u{202F}Kong dollars", Money),
                ("3\u{a0}per\u{a0}cent", Percent),
                ("more\u{a0}than\u{a0}two weeks ago", Date),
            ],
        );
    }

    /// A narrow no-break, thin or figure space between groups of three digits is inside the number (the
    /// SI style "10 000"); a space or a no-break space is not, as in "in 2019 3 people".
    #[test]
    fn thousands_separated_by_narrow_thin_or_figure_spaces_are_one_number() {
        use Label::*;
        check(
            "10\u{202F}000 people paid €1\u{2009}250\u{2009}000,50.",
            &[("10\u{202F}000", Number), ("€1\u{2009}250\u{2009}000,50", Money)],
        );
        check("It cost 10\u{2007}000 euros.", &[("10\u{2007}000 euros", Money)]);
        check("Some 12\u{a0}000 and 12 000.", &[("12", Number), ("000", Number), ("12", Number), ("000", Number)]);
        check("in 2019\u{202F}3 and 1\u{202F}00", &[("2019", Date), ("3", Number), ("1", Number), ("00", Number)]);
    }

    #[test]
    fn nothing_in_plain_words() {
        check("May I say that someone marched in?", &[]);
        check("", &[]);
    }
}
