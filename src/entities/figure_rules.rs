// The date and figure rules: one regex each, with an example it must match and one it must not.
// Included by src/entities/patterns.rs (which matches them) and by build.rs (which compiles each
// into a DFA at build time), so it stands alone: no `use` of the crate.
//
// The patterns use ASCII classes, `(?i-u)` groups and classes of listed characters only, so no
// Unicode tables are needed.

/// A word boundary between ASCII word characters and anything else.
const B: &str = r"(?-u:\b)";
// The characters that stand for a space between two words (`space_chars`): their one home is
// src/text/spaces.rs. Every rule spells "a space" with `SP` or `SP_OR_HYPHEN`, never a literal
// space or `\x20`.
include!("../text/spaces.rs");
/// A space between words, in any of its forms (`space_chars`). Wrapped in `(?u-i:…)` so it may
/// stand inside the `(?i-u)` groups too: those take ASCII only, and a class without `i` needs
/// no Unicode case tables. A macro, for the constants built with `concat!`; `SP` for `format!`.
macro_rules! sp {
    () => {
        concat!("(?u-i:[", space_chars!(), "])")
    };
}
const SP: &str = sp!();
/// `space_chars` for a `format!`ed class.
const SPACE_CHARS: &str = space_chars!();
/// A space or a hyphen between the parts of a compound ("thirty-one", "late eighties").
macro_rules! sp_or_hyphen {
    () => {
        concat!("(?u-i:[-", space_chars!(), "])")
    };
}
const SP_OR_HYPHEN: &str = sp_or_hyphen!();
/// The typographic thousands separators, which stand inside a number ("10 000" with narrow
/// no-break U+202F, thin U+2009 or figure U+2007, the space as wide as a digit). A plain or
/// no-break space does not join digits: "in 2019 3 people" is a year and a number, and a no-break
/// space is what a page pastes for a typed space (the two must read alike).
macro_rules! thousands_space {
    () => {
        r"(?u-i:[\u{202F}\u{2009}\u{2007}])"
    };
}
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
/// Month names that are not also common words ("May", "March" stay out when standing alone).
const MONTH_ALONE: &str = r"(?:January|February|April|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:1[5-9][0-9]{2}|20[0-9]{2})";
const NUMBER_WORD: &str = r"(?i-u:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)";
/// A number in words, compounds included ("thirty-one", "two hundred").
const NUMBER_WORDS: &str = concat!(r"(?:(?i-u:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)(?:", sp_or_hyphen!(), r"(?i-u:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*)");
/// Digits, with separators: `,` or `.` between groups, or `thousands_space` between groups of three.
const DIGITS: &str = concat!(r"(?:[0-9]{1,3}(?:", thousands_space!(), r"[0-9]{3})+(?:[,.][0-9]+)?|[0-9]+(?:[,.][0-9]+)*)");
const SCALE: &str = r"(?i-u:million|billion|trillion|thousand|hundred)";
/// Scales written short after an amount ("$5bn", "€1.1tn", "£1.5mn"); `m`, `b` and `k` only
/// right after the digits.
const SCALE_SHORT: &str = r"(?i-u:bn|bln|mn|mln|tn|trn|m|b|k)";
/// Nationality words that come between an amount and its currency ("2 million Swiss francs").
const CURRENCY_NATION: &str = concat!(r"(?:US|U\.S\.|Canadian|Australian|Hong", sp!(), r"Kong|New", sp!(), r"Zealand|Singapore|Swiss|Danish|Swedish|Norwegian|Czech|Mexican|Argentine|Chilean|Colombian|Philippine|Indian|Pakistani|Japanese|Chinese|South", sp!(), r"African|Turkish|Russian|Egyptian|Saudi|Brazilian|Kenyan|Nigerian|Taiwan|Taiwanese|Israeli|Polish|Hungarian|Thai)");
/// The ordinal plurals of fractions ("two-thirds", "three quarters").
const FRACTION: &str = r"(?i-u:halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)";
const DECADE_WORD: &str = r"(?i-u:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)";
const CURRENCY_WORD: &str = r"(?i-u:dollars|dollar|euros|euro|pounds|sterling|rubles|roubles|yen|yuan|renminbi|pesos|francs|forints|cents|pence|rupees|lira|zlotys|kronor|krona|crowns|shekels|dinars|riyals|won)";

/// What a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Figure {
    Date,
    Money,
    Number,
    Percent,
}

/// Which part of a rule's match is the figure (the rest is context the rule needs to see). The
/// patterns mark that part with their group 1, which the tests hold these to; the compiled rules
/// (DFAs) report whole matches only, so the part is found from the match by its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The whole match.
    Whole,
    /// The year that ends the match (four ASCII digits).
    TrailingYear,
    /// The decade that ends the match, from its apostrophe (`'` or `’`) on.
    TrailingDecade,
    /// The first "May" or "March" in the match (no time word holds either, in any case).
    MayOrMarch,
}

// The name and examples are documentation the tests check; the matcher needs only the rest.
#[allow(dead_code)]
pub(crate) struct Rule {
    pub label: Figure,
    pub name: &'static str,
    pub pattern: String,
    pub part: Part,
    /// An example the rule must match whole.
    pub matches: &'static str,
    /// An example in which the rule must find nothing.
    pub rejects: &'static str,
}

/// Every rule, in rank order (where two overlap and are as long, the earlier wins).
pub(crate) fn rules() -> Vec<Rule> {
    use Figure::*;
    let r = |label, name, pattern: String, matches, rejects| Rule { label, name, pattern, part: Part::Whole, matches, rejects };
    let part = |rule: Rule, part| Rule { part, ..rule };
    vec![
        r(Date, "weekday, with a date after it", format!("{B}{WEEKDAY}(?:,?{SP}{MONTH}{SP}{DAY}(?:,?{SP}{YEAR})?)?{B}"), "Tuesday, February 27", "tuesday"),
        r(Date, "weekdays in the plural: a recurring day", format!("{B}{WEEKDAY}s{B}"), "Sundays", "Sundaysky"),
        r(Date, "month and day, with a year", format!("{B}{MONTH}{SP}{DAY}(?:,?{SP}{YEAR})?{B}"), "January 26, 1997", "May I come"),
        r(Date, "day and month", format!("{B}{DAY}{SP}{MONTH}(?:{SP}{YEAR})?{B}"), "26 January 1997", "26 Jane"),
        r(Date, "month and year", format!("{B}{MONTH}{SP}{YEAR}{B}"), "September 2016", "May 15000"),
        r(Date, "a month alone", format!("{B}{MONTH_ALONE}{B}"), "January", "Junebug"),
        // "May" and "March" are also a name and a verb: a date only after a word that sets a
        // time ("in May", "since March", "early May") and not before a capitalised word, which
        // would make them part of a name. "of" and "to" stay out: "the resignation of May".
        part(r(Date, "May or March after a time word", format!("{B}(?i-u:in|since|until|till|before|after|from|during|through|early|late|mid|last|next|this|by{SP}late|by{SP}early|end{SP}of|start{SP}of|beginning{SP}of|middle{SP}of){SP_OR_HYPHEN}(May|March)(?:$|[^A-Za-z0-9\\t\\r\\n{SPACE_CHARS}]|{SP}+(?:[^A-Z{SPACE_CHARS}]|$))"), "in May", "Theresa May"), Part::MayOrMarch),
        r(Date, "a decade in digits", format!("{B}(?:{YEAR}|1[5-9][0-9]0['’]|20[0-9]0['’]|[2-9]0)s{B}"), "1970's", "1990ss"),
        // The apostrophe of "'90s" has no word boundary before it, so the rule asks for a
        // non-word character (or the start) there and marks the decade with its group.
        part(r(Date, "a decade with an apostrophe", format!("(?:^|[^0-9A-Za-z_'’])(['’][0-9]0s){B}"), "'90s", "1'90s"), Part::TrailingDecade),
        r(Date, "a decade in words", format!("{B}(?:(?i-u:early|mid|late){SP_OR_HYPHEN})?{DECADE_WORD}{B}"), "late eighties", "eightieses"),
        // "born" too: a lead sentence's "(born 1961)"; and a fiscal year and "end-2026". Not after
        // a possessive: "its 2000 staff" is a count.
        part(r(Date, "a year after a preposition", format!("(?i-u:{B}(?:in|since|by|until|till|before|after|from|of|during|to|through|between|and|the|early|late|mid|born|fiscal|end){SP_OR_HYPHEN})({YEAR}){B}"), "born 1961", "3000 troops"), Part::TrailingYear),
        r(Date, "today and its neighbours", format!("{B}(?i-u:today|yesterday|tomorrow|tonight|overnight){B}"), "yesterday", "todays"),
        r(Date, "last week and kin", format!("{B}(?i-u:last|next|this|past|coming|previous|recent|earlier{SP}this|later{SP}this)(?:{SP}(?i-u:few|two|three|several))?{SP}(?:(?i-u:weeks?|months?|years?|weekend|decades?|century|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|days|quarter)|{WEEKDAY}){B}"), "last week", "last weak"),
        r(Date, "a duration or a time ago", format!("{B}(?:(?i-u:almost|nearly|about|around|roughly|more{SP}than|less{SP}than|over|some|at{SP}least|up{SP}to){SP})?(?:{NUMBER_WORDS}|[0-9]+(?:[.,][0-9]+)*|(?i-u:a|an|one)){SP}(?i-u:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)(?:{SP}(?i-u:ago|later|earlier|old))?{B}"), "almost five hours", "five hourglasses"),
        r(Date, "a time of day", format!("{B}(?:[01]?[0-9](?::[0-5][0-9])?{SP}?(?:(?i-u:a\\.m\\.|p\\.m\\.)|(?i-u:am|pm){B})|(?i-u:noon|midnight){B})"), "9:30 a.m.", "9:30"),
        r(Money, "currency sign and amount", format!("(?:{B}(?:US|A|AU|C|CA|NZ|HK|NT|S|R))?[$€£¥₽₹]{SP}?{DIGITS}(?:{SP}?(?:{SCALE}|{SCALE_SHORT}){B})?"), "US$4.7 billion", "$ or €"),
        r(Money, "amount and currency name", format!("{B}(?:{DIGITS}|{NUMBER_WORD})(?:{SP}{SCALE})?{SP}(?:{CURRENCY_NATION}{SP})?{CURRENCY_WORD}{B}"), "2 million Swiss francs", "300 rubble"),
        r(Number, "a fraction in words", format!("{B}(?i-u:one|two|three|four|five|six|seven|eight|nine){SP_OR_HYPHEN}{FRACTION}{B}"), "Two-thirds", "two thirdsies"),
        r(Percent, "percentages", format!("{B}(?:{DIGITS}|{NUMBER_WORD}){SP}?(?:%|(?i-u:percent|per{SP}cent|pct|percentage{SP}points?){B})"), "12 per cent", "12 percentile"),
        r(Number, "digits, with a scale", format!("{B}{DIGITS}(?:{SP}{SCALE}{B})?{B}"), "150,000", "G7"),
        r(Number, "number words", format!("{B}(?:{NUMBER_WORDS}|(?i-u:a{SP}dozen|dozens|hundreds|thousands|millions|billions|one{SP}hundred|one{SP}thousand|one{SP}million)){B}"), "a dozen", "someone"),
    ]
}
