//! Dates, money, percentages and numbers, by rule: each rule is one regex with an example it must
//! match and one it must not, kept side by side in `RULES` and checked by the tests below.
//!
//! The patterns use ASCII classes and `(?i-u)` groups only, so the regex crate needs none of its
//! Unicode tables (about 1 MB of wasm). Names win over figures: a year inside "Euro 96" stays
//! part of the name (see `entities::merge`).

use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::{Label, Span};

/// A word boundary between ASCII word characters and anything else.
const B: &str = r"(?-u:\b)";
/// A space or a no-break space (outside `(?i-u)` groups, which take ASCII only: `\x20` there).
const SP: &str = "[\\x20\\u{A0}]";
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
/// Month names that are not also common words ("May", "March" stay out when standing alone).
const MONTH_ALONE: &str = r"(?:January|February|April|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:1[5-9][0-9]{2}|20[0-9]{2})";
const NUMBER_WORD: &str = r"(?i-u:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)";
/// A number in words, compounds included ("thirty-one", "two hundred").
const NUMBER_WORDS: &str = r"(?:(?i-u:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)(?:[\x20-](?i-u:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*)";
const DIGITS: &str = r"[0-9]+(?:[,.][0-9]+)*";
const SCALE: &str = r"(?i-u:million|billion|trillion|thousand|hundred)";
/// Scales written short after an amount ("$5bn", "€1.1tn", "£1.5mn"); `m`, `b` and `k` only
/// right after the digits.
const SCALE_SHORT: &str = r"(?i-u:bn|bln|mn|mln|tn|trn|m|b|k)";
/// Nationality words that come between an amount and its currency ("2 million Swiss francs").
const CURRENCY_NATION: &str = r"(?:US|U\.S\.|Canadian|Australian|Hong\x20Kong|New\x20Zealand|Singapore|Swiss|Danish|Swedish|Norwegian|Czech|Mexican|Argentine|Chilean|Colombian|Philippine|Indian|Pakistani|Japanese|Chinese|South\x20African|Turkish|Russian|Egyptian|Saudi|Brazilian|Kenyan|Nigerian|Taiwan|Taiwanese|Israeli|Polish|Hungarian|Thai)";
/// The ordinal plurals of fractions ("two-thirds", "three quarters").
const FRACTION: &str = r"(?i-u:halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)";
const DECADE_WORD: &str = r"(?i-u:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)";
const CURRENCY_WORD: &str = r"(?i-u:dollars|dollar|euros|euro|pounds|sterling|rubles|roubles|yen|yuan|renminbi|pesos|francs|forints|cents|pence|rupees|lira|zlotys|kronor|krona|crowns|shekels|dinars|riyals|won)";

// The name and examples are documentation the tests check; the matcher needs only the rest.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Rule {
    pub label: Label,
    pub name: &'static str,
    pub pattern: String,
    /// An example the rule must match whole.
    pub matches: &'static str,
    /// An example in which the rule must find nothing.
    pub rejects: &'static str,
}

fn rules() -> Vec<Rule> {
    let r = |label, name, pattern: String, matches, rejects| Rule { label, name, pattern, matches, rejects };
    vec![
        r(Label::Date, "weekday, with a date after it", format!("{B}{WEEKDAY}(?:,?{SP}{MONTH}{SP}{DAY}(?:,?{SP}{YEAR})?)?{B}"), "Tuesday, February 27", "tuesday"),
        r(Label::Date, "month and day, with a year", format!("{B}{MONTH}{SP}{DAY}(?:,?{SP}{YEAR})?{B}"), "January 26, 1997", "May I come"),
        r(Label::Date, "day and month", format!("{B}{DAY}{SP}{MONTH}(?:{SP}{YEAR})?{B}"), "26 January 1997", "26 Jane"),
        r(Label::Date, "month and year", format!("{B}{MONTH}{SP}{YEAR}{B}"), "September 2016", "May 15000"),
        r(Label::Date, "a month alone", format!("{B}{MONTH_ALONE}{B}"), "January", "Junebug"),
        // "May" and "March" are also a name and a verb: a date only after a word that sets a
        // time ("in May", "since March", "early May") and not before a capitalised word, which
        // would make them part of a name. "of" and "to" stay out: "the resignation of May".
        r(Label::Date, "May or March after a time word", format!("{B}(?i-u:in|since|until|till|before|after|from|during|through|early|late|mid|last|next|this|by\\x20late|by\\x20early|end\\x20of|start\\x20of|beginning\\x20of|middle\\x20of)[\\x20-](May|March)(?:$|[^A-Za-z0-9\\x20\\t\\r\\n]|\\x20+(?:[^A-Z\\x20]|$))"), "in May", "Theresa May"),
        r(Label::Date, "a decade in digits", format!("{B}(?:{YEAR}|1[5-9][0-9]0['’]|20[0-9]0['’]|[2-9]0)s{B}"), "1970's", "1990ss"),
        // The apostrophe of "'90s" has no word boundary before it, so the rule asks for a
        // non-word character (or the start) there and marks the decade with its group.
        r(Label::Date, "a decade with an apostrophe", format!("(?:^|[^0-9A-Za-z_'’])(['’][0-9]0s){B}"), "'90s", "1'90s"),
        r(Label::Date, "a decade in words", format!("{B}(?:(?i-u:early|mid|late)[\\x20-])?{DECADE_WORD}{B}"), "late eighties", "eightieses"),
        r(Label::Date, "a year after a preposition", format!("(?i-u:{B}(?:in|since|by|until|till|before|after|from|of|during|to|through|between|and|the|early|late|mid)[\\x20-])({YEAR}){B}"), "since 1997", "3000 troops"),
        r(Label::Date, "today and its neighbours", format!("{B}(?i-u:today|yesterday|tomorrow|tonight|overnight){B}"), "yesterday", "todays"),
        r(Label::Date, "last week and kin", format!("{B}(?i-u:last|next|this|past|coming|previous|recent|earlier this|later this)(?:{SP}(?i-u:few|two|three|several))?{SP}(?:(?i-u:weeks?|months?|years?|weekend|decades?|century|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|days|quarter)|{WEEKDAY}){B}"), "last week", "last weak"),
        r(Label::Date, "a duration or a time ago", format!("{B}(?:(?i-u:almost|nearly|about|around|roughly|more\\x20than|less\\x20than|over|some|at\\x20least|up\\x20to){SP})?(?:{NUMBER_WORDS}|[0-9]+|(?i-u:a|an|one)){SP}(?i-u:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)(?:{SP}(?i-u:ago|later|earlier|old))?{B}"), "almost five hours", "five hourglasses"),
        r(Label::Date, "a time of day", format!("{B}(?:[01]?[0-9](?::[0-5][0-9])?{SP}?(?:(?i-u:a\\.m\\.|p\\.m\\.)|(?i-u:am|pm){B})|(?i-u:noon|midnight){B})"), "9:30 a.m.", "9:30"),
        r(Label::Money, "currency sign and amount", format!("(?:{B}(?:US|A|AU|C|CA|NZ|HK|S|R))?[$€£¥₽₹]{SP}?{DIGITS}(?:{SP}?(?:{SCALE}|{SCALE_SHORT}){B})?"), "US$4.7 billion", "$ or €"),
        r(Label::Money, "amount and currency name", format!("{B}(?:{DIGITS}|{NUMBER_WORD})(?:{SP}{SCALE})?{SP}(?:{CURRENCY_NATION}{SP})?{CURRENCY_WORD}{B}"), "2 million Swiss francs", "300 rubble"),
        r(Label::Number, "a fraction in words", format!("{B}(?i-u:one|two|three|four|five|six|seven|eight|nine)[\\x20-]{FRACTION}{B}"), "Two-thirds", "two thirdsies"),
        r(Label::Percent, "percentages", format!("{B}(?:{DIGITS}|{NUMBER_WORD}){SP}?(?:%|(?i-u:percent|per\\x20cent|pct|percentage\\x20points?){B})"), "12 per cent", "12 percentile"),
        r(Label::Number, "digits, with a scale", format!("{B}{DIGITS}(?:{SP}{SCALE}{B})?{B}"), "150,000", "G7"),
        r(Label::Number, "number words", format!("{B}(?:{NUMBER_WORDS}|(?i-u:a\\x20dozen|dozens|hundreds|thousands|millions|billions|one\\x20hundred|one\\x20thousand|one\\x20million)){B}"), "a dozen", "someone"),
    ]
}

struct Compiled {
    label: Label,
    regex: Regex,
}

/// The rules, compiled once. A rule that fails to compile is a bug caught by the tests; at run
/// time it is skipped rather than taking the analysis down.
static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    rules().into_iter().filter_map(|r| Regex::new(&r.pattern).ok().map(|regex| Compiled { label: r.label, regex })).collect()
});

/// The dates and figures of `text`, non-overlapping, in text order: where rules overlap, the
/// longer span wins, then the earlier rule.
pub(crate) fn find(text: &str) -> Vec<(Span, Label)> {
    let mut found: Vec<(Span, usize)> = Vec::new();
    for (rank, rule) in COMPILED.iter().enumerate() {
        for caps in rule.regex.captures_iter(text) {
            // A rule with a group marks its figure with it; the rest of the match is context.
            let m = caps.get(1).or_else(|| caps.get(0));
            if let Some(m) = m {
                found.push((Span::new(m.start(), m.end()), rank));
            }
        }
    }
    found.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())).then(a.1.cmp(&b.1)));
    let mut out: Vec<(Span, Label)> = Vec::new();
    for (span, rank) in found {
        match out.last_mut() {
            Some(last) if last.0.end > span.start => {
                // Overlap: keep the longer one (the earlier one is at least as long when they start together).
                if span.len() > last.0.len() && span.end > last.0.end {
                    *last = (span, COMPILED[rank].label);
                }
            }
            _ => out.push((span, COMPILED[rank].label)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_matches_its_example_and_rejects_its_counterexample() {
        for rule in rules() {
            let regex = Regex::new(&rule.pattern).unwrap_or_else(|e| panic!("rule {:?} does not compile: {e}", rule.name));
            let m = regex.find(rule.matches);
            assert_eq!(m.map(|m| m.as_str()), Some(rule.matches), "rule {:?} must match {:?} whole", rule.name, rule.matches);
            assert!(!regex.is_match(rule.rejects), "rule {:?} must not match {:?}", rule.name, rule.rejects);
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
    fn may_and_march_are_dates_only_with_a_time_word() {
        use Label::*;
        check("Talks resume in May, and the plant has been shut since March.", &[("May", Date), ("March", Date)]);
        check("A ruling is expected by late May or early March.", &[("May", Date), ("March", Date)]);
        check("Theresa May spoke. Unions march in Leeds; in May Street a crowd met Ms May.", &[]);
        // Known limit: "confidence in May" (the person) reads as the month.
        check("Nobody may march.", &[]);
    }

    #[test]
    fn nothing_in_plain_words() {
        check("May I say that someone marched in?", &[]);
        check("", &[]);
    }
}
