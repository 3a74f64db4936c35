//! Text units, the lowest layer: every other stage reads these and decides none of them again.
//!
//! | unit | home |
//! |---|---|
//! | paragraphs, sentences | [`segment`] (sentences by index: `Sentence::paragraph`, byte spans); hard wraps: [`wrap`] |
//! | words | [`words`] (the one splitter; the tagger's CoNLL tokenizer in `entities::tokens` is the documented exception) |
//! | abbreviations | [`abbreviations`] (src/data/abbreviations.txt) |
//! | quote marks | [`marks`] (the one mark table and its one-character predicates) |
//! | line breaks, blanks | here: [`is_line_break`], [`is_blank`]; the spaces between words: [`spaces`] (also read by the figure rules) |
//! | accent folding | [`fold`] |
//! | hashes, hash maps | [`hashing`] (the feature hashes both taggers' weights are keyed by; the one FNV hasher of our maps) |
//! | data-file lines | [`data`] (one parser; each file parsed once) |
//! | offsets | [`offsets`] (byte → UTF-16 / code point, for `export` only) |

pub(crate) mod abbreviations;
pub(crate) mod data;
pub(crate) mod fold;
pub(crate) mod hashing;
pub(crate) mod marks;
pub mod offsets;
pub(crate) mod segment;
#[macro_use]
pub(crate) mod spaces;
pub(crate) mod words;
pub(crate) mod wrap;

/// Characters that take no room and carry no meaning for segmentation (zero-width space and
/// joiners, word joiner, BOM); trimmed like whitespace around quotes and paragraphs.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whitespace or an invisible character.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Every line-break kind: `\n`, `\r` (`\r\n` is one break to whoever reads it), vertical tab, form
/// feed, NEL, and the Unicode line and paragraph separators. A paragraph ends at each; so does a
/// line of the entity tagger.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}')
}

/// `word.to_lowercase()`, borrowed when `word` is ASCII without a capital, as most words of a
/// text are: the same string without an allocation (issue 17: `to_lowercase` and its frees were
/// about 4% of `analyze`'s instructions natively).
pub(crate) fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::is_blank;
    use super::spaces::is_space;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn the_spaces_are_unicode_space_separators() {
        // Zs is what the standard library calls whitespace less the control characters (tab,
        // line feed, …) and the line and paragraph separators.
        for c in every_char() {
            let zs = c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}');
            assert_eq!(is_space(c), zs, "{:?}", c);
        }
    }

    #[test]
    fn the_regex_class_and_the_predicate_agree() {
        let class = regex::Regex::new(concat!("^[", space_chars!(), "]$")).expect("compiles");
        let mut buf = [0u8; 4];
        for c in every_char() {
            assert_eq!(class.is_match(c.encode_utf8(&mut buf)), is_space(c), "{:?}", c);
        }
    }

    #[test]
    fn every_space_is_blank() {
        for c in every_char().filter(|&c| is_space(c)) {
            assert!(is_blank(c), "{:?}", c);
        }
    }

    #[test]
    fn lower_is_to_lowercase() {
        for w in ["said", "Said", "U.S.", "o’brien", "ÖZİL", "ΟΔΥΣΣΕΑΣ", "3-d", "", "’s"] {
            assert_eq!(super::lower(w), w.to_lowercase(), "{w}");
        }
        assert!(matches!(super::lower("said"), std::borrow::Cow::Borrowed(_)));
    }
}
