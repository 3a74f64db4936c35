//! The data files under src/data/: the one line parser, and the files that more than one stage
//! reads, each parsed once (one `LazyLock` per table). A file read by one stage only is parsed by
//! that stage, with [`lines`], in a `LazyLock` of its own.

use std::sync::LazyLock;

use super::hashing::FnvSet;

/// The entries of a data file: its lines trimmed, without blank lines and `#` comments.
pub(crate) fn lines(source: &str) -> impl Iterator<Item = &str> {
    source.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// src/data/function_words.txt: capitalised words that never start a name nor are one alone
/// (lower case). Read by the entity rules and by attribution.
pub(crate) static FUNCTION_WORDS: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../data/function_words.txt")).collect());

/// src/data/gazetteers/places.txt: countries, regions and cities, as written. Read by the tagger's
/// gazetteer and by attribution.
pub(crate) static PLACES: LazyLock<Vec<&'static str>> = LazyLock::new(|| lines(include_str!("../data/gazetteers/places.txt")).collect());

/// src/data/gazetteers/demonyms.txt: nationality adjectives and nouns, as written. Read by the
/// tagger's gazetteer and by attribution.
pub(crate) static DEMONYMS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(include_str!("../data/gazetteers/demonyms.txt")).collect());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_no_entries() {
        let got: Vec<&str> = lines("# header\n\n  one \n#two\nthree four\n").collect();
        assert_eq!(got, ["one", "three four"]);
    }

    #[test]
    fn shared_tables_load() {
        assert!(FUNCTION_WORDS.contains("during"));
        assert!(PLACES.contains(&"Ukraine"));
        assert!(DEMONYMS.contains(&"Hungarian"));
    }
}
