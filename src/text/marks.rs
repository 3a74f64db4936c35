//! THE quote-mark table: every mark quotelens recognises, which marks close which, and which
//! marks belong to the same style. Every other module asks this one (quotes pair marks with it;
//! sentences, words and the tagger's tokens ask [`lean_of`], [`may_open`], [`is_apostrophe`]); no mark is listed
//! elsewhere. It lives in `text` because it is the lowest layer: every stage reads marks.

/// A quotation mark as it appears in text (some marks are two characters long).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `"`
    Straight,
    /// `“`
    LeftDouble,
    /// `”`
    RightDouble,
    /// `„`
    LowDouble,
    /// `‘`
    LeftSingle,
    /// `’`, also the apostrophe.
    RightSingle,
    /// `‚`
    LowSingle,
    /// `«`
    LeftGuillemet,
    /// `»`
    RightGuillemet,
    /// `‹`
    LeftSingleGuillemet,
    /// `›`
    RightSingleGuillemet,
    /// `「`
    LeftCorner,
    /// `」`
    RightCorner,
    /// `『`
    LeftWhiteCorner,
    /// `』`
    RightWhiteCorner,
    /// ` `` `: typewriter opening double (TeX and old wire style).
    Backticks,
    /// `''`: two apostrophes standing for a double mark, opening or closing.
    TwoApostrophes,
    /// `'`: the straight single quote, also the ASCII apostrophe. A quotation mark only where
    /// its surroundings say so (British and plain-text copy: `'No,' she said.`).
    StraightSingle,
}

/// Marks that look alike to a reader: a quote of one style may nest inside another style, and
/// a new opener of the open quote's own style ends that quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Straight,
    CurlyDouble,
    CurlySingle,
    Guillemet,
    SingleGuillemet,
    Corner,
    WhiteCorner,
    Typewriter,
    StraightSingle,
}

/// Which way a mark points when its surroundings do not tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lean {
    Open,
    Close,
    Either,
}

impl Mark {
    pub(crate) fn style(self) -> Style {
        use Mark::*;
        match self {
            Straight => Style::Straight,
            LeftDouble | RightDouble | LowDouble => Style::CurlyDouble,
            LeftSingle | RightSingle | LowSingle => Style::CurlySingle,
            LeftGuillemet | RightGuillemet => Style::Guillemet,
            LeftSingleGuillemet | RightSingleGuillemet => Style::SingleGuillemet,
            LeftCorner | RightCorner => Style::Corner,
            LeftWhiteCorner | RightWhiteCorner => Style::WhiteCorner,
            Backticks | TwoApostrophes => Style::Typewriter,
            StraightSingle => Style::StraightSingle,
        }
    }

    pub(crate) fn lean(self) -> Lean {
        use Mark::*;
        match self {
            Straight | TwoApostrophes | StraightSingle => Lean::Either,
            LeftDouble | LowDouble | LeftSingle | LowSingle | LeftGuillemet | LeftSingleGuillemet | LeftCorner | LeftWhiteCorner
            | Backticks => Lean::Open,
            RightDouble | RightSingle | RightGuillemet | RightSingleGuillemet | RightCorner | RightWhiteCorner => Lean::Close,
        }
    }

    /// Single marks double as apostrophes, so they open or close only where context is clear.
    pub(crate) fn is_single(self) -> bool {
        matches!(self.style(), Style::CurlySingle | Style::StraightSingle)
    }

    /// True when a quote opened by `self` may be closed by `closer`. Covers English (“…”, and the
    /// mixed `"…”` and `“…"` of texts edited in more than one program, and the wrong-way closer
    /// `“…“` / `‘…‘` that a word processor types for a straight mark after a space or a word it
    /// misread: the scanner lets it close only where its surroundings say it closes),
    /// German („…“ and »…«), Polish („…”), Swedish (”…” and »…»), French («…») and CJK.
    pub(crate) fn is_closed_by(self, closer: Mark) -> bool {
        use Mark::*;
        matches!(
            (self, closer),
            (Straight, Straight | RightDouble)
                | (LeftDouble, RightDouble | Straight | LeftDouble)
                | (RightDouble, RightDouble)
                | (LowDouble, LeftDouble | RightDouble)
                | (LeftSingle, RightSingle | LeftSingle)
                | (LowSingle, LeftSingle | RightSingle)
                | (LeftGuillemet, RightGuillemet)
                | (RightGuillemet, LeftGuillemet | RightGuillemet)
                | (LeftSingleGuillemet, RightSingleGuillemet)
                | (RightSingleGuillemet, LeftSingleGuillemet | RightSingleGuillemet)
                | (LeftCorner, RightCorner)
                | (LeftWhiteCorner, RightWhiteCorner)
                | (Backticks | TwoApostrophes, TwoApostrophes)
                | (StraightSingle, StraightSingle)
                | (LeftSingle, StraightSingle)
        )
    }

    /// True when `self` may open a quote at all (every mark but the CJK closers may: ” opens
    /// in Swedish, » in German).
    pub(crate) fn can_open(self) -> bool {
        !matches!(self, Mark::RightSingle | Mark::RightCorner | Mark::RightWhiteCorner)
    }
}

/// The mark starting at byte `i` of `s`, with its length in bytes.
pub(crate) fn mark_at(s: &str, i: usize) -> Option<(Mark, usize)> {
    let bytes = s.as_bytes();
    let c = s[i..].chars().next()?;
    let mark = match c {
        '"' => Mark::Straight,
        '“' => Mark::LeftDouble,
        '”' => Mark::RightDouble,
        '„' => Mark::LowDouble,
        '‘' => Mark::LeftSingle,
        '’' => Mark::RightSingle,
        '‚' => Mark::LowSingle,
        '«' => Mark::LeftGuillemet,
        '»' => Mark::RightGuillemet,
        '‹' => Mark::LeftSingleGuillemet,
        '›' => Mark::RightSingleGuillemet,
        '「' => Mark::LeftCorner,
        '」' => Mark::RightCorner,
        '『' => Mark::LeftWhiteCorner,
        '』' => Mark::RightWhiteCorner,
        '`' if bytes.get(i + 1) == Some(&b'`') => return Some((Mark::Backticks, 2)),
        // In `'''` after a word the first apostrophe is the word's own (`the players'''`).
        '\'' if bytes.get(i + 1) == Some(&b'\'') => {
            let after_word = i > 0 && s[..i].chars().next_back().is_some_and(char::is_alphanumeric);
            if after_word && bytes.get(i + 2) == Some(&b'\'') {
                return None;
            }
            return Some((Mark::TwoApostrophes, 2));
        }
        '\'' => Mark::StraightSingle,
        _ => return None,
    };
    Some((mark, c.len_utf8()))
}

/// Which way the one-character mark `c` leans, or None when `c` is no mark by itself (letters,
/// a lone backtick, and the straight single quote `'`: it is an apostrophe unless the quote
/// scanner's context says otherwise, so words, sentences and the tagger's frozen tokens take it
/// as one).
pub(crate) fn lean_of(c: char) -> Option<Lean> {
    let mut buf = [0u8; 4];
    mark_at(c.encode_utf8(&mut buf), 0).filter(|&(m, _)| m != Mark::StraightSingle).map(|(m, _)| m.lean())
}

/// Short words written with a leading apostrophe for a dropped syllable (`'em`, `'til`, `'cause`);
/// a mark before one of them opens no quote.
const ELIDED_STARTS: &[&str] = &["em", "tis", "twas", "til", "cause", "bout", "cept", "n"];

/// Words whose last letter is dropped for an apostrophe, besides the `-in'` of a dropped g
/// (`goin'`, `nothin'`): `ol'`, `an'`, `o'`, `th'`.
const ELIDED_ENDS: &[&str] = &["ol", "an", "o", "th"];

/// True when `before` (the text up to a single mark) ends with a word that the mark clips
/// (`goin'`, `good ol'`): the mark is the word's own apostrophe, not a closing quotation mark.
pub(crate) fn clips_word_before(before: &str) -> bool {
    let lower = last_word(before).to_lowercase();
    (lower.len() > 3 && lower.ends_with("in")) || ELIDED_ENDS.contains(&lower.as_str())
}

/// True when `before` ends with a word whose `-in` can only be an `-ing` with its g dropped
/// (`lyin'`, `winnin'`, `nothin'`, `keepin'`), so that a single mark after it is the word's own
/// even before a capital (`'Lyin' Ted'`). Most words and names ending in `-in` are no such
/// thing (Spain, Britain, Captain, Berlin, Putin, Austin), and a clipped `-in'` of a verb with a
/// silent e (`makin'`, `comin'`) looks like a name (Putin, Kevin), so only the shapes an `-ing`
/// stem has and a name or noun rarely has count: a doubled consonant (`winn-`, `gett-`; not f
/// nor s, for griffin, muffin, assassin), a y (`ly-`, `say-`), a vowel and th (`noth-`,
/// `someth-`; not `with-`), two vowels and a consonant (`keep-`, `look-`, `speak-`), or a
/// consonant and o alone (`go-`, `do-`).
pub(crate) fn clips_ing_before(before: &str) -> bool {
    let lower = last_word(before).to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix("in").filter(|s| s.is_ascii()).map(str::as_bytes) else {
        return false;
    };
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let consonant = |b: u8| b.is_ascii_lowercase() && !vowel(b);
    match *stem {
        [.., a, b] if a == b && consonant(b) => !matches!(b, b'f' | b's'),
        [.., b'y'] if stem.len() >= 2 => true,
        [.., v, b't', b'h'] => matches!(v, b'a' | b'e' | b'o' | b'u' | b'y'),
        [.., v, w, c] => vowel(v) && vowel(w) && consonant(c),
        [c, b'o'] => consonant(c),
        _ => false,
    }
}

/// The letters at the end of `before` (empty when it ends with anything else).
fn last_word(before: &str) -> &str {
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    &before[word_start..]
}

/// True when the single mark (`'` ‘ ’) at byte `i` of `s`, `len` bytes long, is an apostrophe
/// whatever its neighbours: a year (`'90s`), `rock 'n' roll`, an elision (`'em`, `'til`).
pub(crate) fn is_elision_at(s: &str, i: usize, len: usize) -> bool {
    let after = &s[i + len..];
    let mut chars = after.chars();
    let first = chars.next();
    let second = chars.next();
    // A year: two digits, perhaps a plural `s`, then no more letters ('90s, '08; not ‘13th’).
    if first.is_some_and(|c| c.is_ascii_digit()) && second.is_some_and(|c| c.is_ascii_digit()) {
        let rest = &after[2..];
        let rest = rest.strip_prefix(['s', 'S']).unwrap_or(rest);
        return !rest.starts_with(char::is_alphanumeric);
    }
    let word_len = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
    let word = &after[..word_len];
    let end = after[word_len..].chars().next();
    // `'n'` needs its second mark; the others end at a space or punctuation.
    if word.eq_ignore_ascii_case("n") {
        return end.is_some_and(|c| is_apostrophe(c) || c == '‘');
    }
    ELIDED_STARTS.iter().any(|w| w.eq_ignore_ascii_case(word)) && !end.is_some_and(is_apostrophe)
}

/// True when `c` is a mark that may open a quote where its context does not tell: `"` “ „ ‘ ‚ « ‹ 「 『.
/// A sentence may start with one.
pub(crate) fn may_open(c: char) -> bool {
    matches!(lean_of(c), Some(Lean::Open | Lean::Either))
}

/// Every mark, for the predicates below that ask the pairing table about one of them.
const ALL: [Mark; 18] = {
    use Mark::*;
    [
        Straight,
        LeftDouble,
        RightDouble,
        LowDouble,
        LeftSingle,
        RightSingle,
        LowSingle,
        LeftGuillemet,
        RightGuillemet,
        LeftSingleGuillemet,
        RightSingleGuillemet,
        LeftCorner,
        RightCorner,
        LeftWhiteCorner,
        RightWhiteCorner,
        Backticks,
        TwoApostrophes,
        StraightSingle,
    ]
};

/// True when `c` is a one-character mark that closes some quote by the pairing table
/// ([`Mark::is_closed_by`]): the English `"` ” ’ `'`, and the German “ ‘ « ‹, French » ›, CJK 」 』.
/// Not „ ‚ 「 『, which only open.
pub(crate) fn may_close(c: char) -> bool {
    let mut buf = [0u8; 4];
    mark_at(c.encode_utf8(&mut buf), 0).is_some_and(|(m, _)| ALL.iter().any(|o| o.is_closed_by(m)))
}

/// The apostrophes: `'` and `’` (which is also the right single quote). Words keep one inside
/// (O’Brien, don't); the possessive `’s` is told apart by what follows.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Quick filter: can a mark start with this byte?
pub(crate) fn may_start_mark(b: u8) -> bool {
    // Every non-ASCII mark is a multi-byte char whose first byte is >= 0xC2.
    matches!(b, b'"' | b'`' | b'\'') || b >= 0xC2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_read_with_their_length() {
        assert_eq!(mark_at("“a", 0), Some((Mark::LeftDouble, 3)));
        assert_eq!(mark_at("``a", 0), Some((Mark::Backticks, 2)));
        assert_eq!(mark_at("''a", 0), Some((Mark::TwoApostrophes, 2)));
        assert_eq!(mark_at("'a", 0), Some((Mark::StraightSingle, 1)), "context decides whether it quotes");
        assert_eq!(lean_of('\''), None, "by itself it is an apostrophe");
        assert_eq!(mark_at("players'''", 7), None, "the word's own apostrophe comes first");
        assert_eq!(mark_at("players'''", 8), Some((Mark::TwoApostrophes, 2)));
        assert_eq!(mark_at("`a", 0), None);
        assert_eq!(mark_at("é", 0), None);
    }

    #[test]
    fn pairs_follow_the_languages_that_use_them() {
        assert!(Mark::LowDouble.is_closed_by(Mark::LeftDouble), "German „…“");
        assert!(Mark::RightGuillemet.is_closed_by(Mark::LeftGuillemet), "German »…«");
        assert!(Mark::LeftGuillemet.is_closed_by(Mark::RightGuillemet), "French «…»");
        assert!(Mark::LeftDouble.is_closed_by(Mark::Straight), "mixed editing: “…\"");
        assert!(!Mark::LeftDouble.is_closed_by(Mark::RightGuillemet));
        assert!(Mark::Backticks.is_closed_by(Mark::TwoApostrophes));
        assert!(!Mark::RightSingle.can_open());
        assert!(Mark::StraightSingle.is_closed_by(Mark::StraightSingle));
        assert!(!Mark::StraightSingle.is_closed_by(Mark::Straight));
        assert!(Mark::LeftDouble.is_closed_by(Mark::LeftDouble), "a wrong-way closer: “…“");
    }

    #[test]
    fn elisions_are_apostrophes() {
        for s in ["'90s", "'n' roll", "'em off", "'til then", "’cause", "'Tis true", "‘08 race", "'16,"] {
            assert!(is_elision_at(s, 0, s.chars().next().unwrap().len_utf8()), "{s}");
        }
        for s in ["'no'", "'Nobody", "'emergency", "'9 lives", "'n roll", "'til'", "‘13th’", "'22nd'", "'747s'"] {
            assert!(!is_elision_at(s, 0, s.chars().next().unwrap().len_utf8()), "{s}");
        }
    }

    #[test]
    fn clipped_word_ends_are_told_from_closing_marks() {
        for s in ["I was goin", "a good ol", "nothin", "rock an"] {
            assert!(clips_word_before(s), "{s}");
        }
        for s in ["we can't", "the Smiths", "in", "said 'no", "a dog", ""] {
            assert!(!clips_word_before(s), "{s}");
        }
    }

    #[test]
    fn only_ing_stems_clip_before_a_capital() {
        for s in ["Lyin", "winnin", "Keepin", "nothin", "Somethin", "sayin", "gettin", "lookin", "goin", "doin", "I was runnin"] {
            assert!(clips_ing_before(s), "{s}");
        }
        let names = ["Spain", "Britain", "Captain", "Berlin", "Putin", "Austin", "Martin", "Kremlin", "Dublin", "Latin", "Kevin"];
        let nouns = ["Stein", "Klein", "within", "Bitcoin", "Wisconsin", "Darwin", "Franklin", "Griffin", "muffin", "assassin", "Bahrain"];
        for s in names.iter().chain(&nouns).chain(&["in", "yin", "", "the Smiths", "Göttin"]) {
            assert!(!clips_ing_before(s), "{s}");
        }
    }

    #[test]
    fn one_character_predicates_come_from_the_table() {
        for c in ['"', '“', '„', '‘', '‚', '«', '‹', '「', '『'] {
            assert!(may_open(c), "{c} opens");
        }
        for c in ['”', '’', '»', '›', '」', '』'] {
            assert!(!may_open(c), "{c} opens only where its context says so");
            assert!(lean_of(c).is_some());
        }
        for c in ['"', '”', '’', '\'', '“', '‘', '«', '»', '‹', '›', '」', '』'] {
            assert!(may_close(c), "{c} closes");
        }
        for c in ['„', '‚', '「', '『', '`', 'a', '.', ')'] {
            assert!(!may_close(c), "{c:?} never closes");
        }
        for c in ['\'', '`', 'a', '.', '(', '-'] {
            assert_eq!(lean_of(c), None, "{c:?} is no mark by itself");
        }
    }
}
