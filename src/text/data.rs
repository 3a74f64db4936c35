//! The data files under src/data/: the one line parser, and the files that more than one stage
//! reads, each parsed once (one `LazyLock` per table). A file read by one stage only is parsed by
//! that stage, with [`lines`], in a `LazyLock` of its own.

use std::sync::LazyLock;

use super::hashing::FnvSet;

/// The entries of a data file: its lines trimmed, without blank lines and `#` comments.
pub(crate) fn lines(source: &str) -> impl Iterator<Item = &str> {
    source.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `word` is in `list`, in any (ASCII) case. The code's short word lists are one string
/// each, words split by spaces: no table of pointers in the module (issue 17: code size).
pub(crate) fn listed(list: &str, word: &str) -> bool {
    list.split(' ').any(|w| w.eq_ignore_ascii_case(word))
}

/// src/data/function_words.txt: capitalised words that never start a name nor are one alone
/// (lower case). Read by the entity rules and by attribution.
pub(crate) static FUNCTION_WORDS: LazyLock<FnvSet<&'static str>> =
    LazyLock::new(|| lines(include_str!(concat!(env!("OUT_DIR"), "/function_words.txt"))).collect());

/// Bits of a [`WordLists`] mask: the gazetteer's six lists, in the order of
/// `entities::gazetteer::List` (first names, surnames, places, demonyms, organisation words,
/// group words), then the sex of a first name from src/data/first_name_genders.txt.
pub(crate) const LISTS: u8 = 0x3f;
pub(crate) const PLACE: u8 = 1 << 2;
pub(crate) const DEMONYM: u8 = 1 << 3;
pub(crate) const MALE: u8 = 1 << 6;
pub(crate) const FEMALE: u8 = 1 << 7;

/// The word lists as build.rs compiles them (`word_lists`): every entry of
/// src/data/gazetteers/*.txt and src/data/first_name_genders.txt once, with the mask of the lists
/// that hold it; plain entries (words of letters and digits) lower-cased, the others as written.
/// Read by the tagger's gazetteer and by attribution.
pub(crate) struct WordLists {
    /// The entries, one after the other.
    text: String,
    /// Each entry's end in `text` and its mask; an entry starts where the one before ends.
    entries: Vec<(u32, u8)>,
}

pub(crate) static WORD_LISTS: LazyLock<WordLists> =
    LazyLock::new(|| WordLists::decode(include_str!(concat!(env!("OUT_DIR"), "/word_lists.txt"))));

impl WordLists {
    /// Reads build.rs's layout: sections `#` + mask in hex, each of front-coded lines (one
    /// digit, the bytes shared with the entry before in the section, then the rest). A line that
    /// does not fit the layout is skipped (build.rs writes none; a test reads every entry back).
    fn decode(source: &str) -> WordLists {
        // The decoded entries are about twice the front-coded text.
        let mut text: Vec<u8> = Vec::with_capacity(source.len() * 2);
        let mut entries = Vec::with_capacity(source.len() / 6);
        let (mut mask, mut previous) = (0u8, 0..0);
        for line in source.split('\n') {
            if let Some(hex) = line.strip_prefix('#') {
                mask = u8::from_str_radix(hex, 16).unwrap_or(0);
                previous = 0..0;
                continue;
            }
            let Some(shared) = line.bytes().next().and_then(|d| d.checked_sub(b'0')).map(usize::from) else { continue };
            if shared > previous.len() {
                continue;
            }
            let start = text.len();
            text.extend_from_within(previous.start..previous.start + shared);
            text.extend_from_slice(&line.as_bytes()[1..]);
            entries.push((text.len() as u32, mask));
            previous = start..text.len();
        }
        // Shared prefixes end on character boundaries, so the bytes are UTF-8 whenever the source is.
        let text = String::from_utf8(text).unwrap_or_default();
        if text.is_empty() {
            entries.clear();
        }
        WordLists { text, entries }
    }

    /// Every entry with its mask.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        let starts = std::iter::once(0).chain(self.entries.iter().map(|&(end, _)| end as usize));
        starts.zip(&self.entries).map(|(start, &(end, mask))| (&self.text[start..end as usize], mask))
    }

    /// How many entries are in any list of `mask`.
    pub fn count(&self, mask: u8) -> usize {
        self.entries.iter().filter(|&&(_, m)| m & mask != 0).count()
    }
}

/// Nationality adjectives paired with the places they are spelled from ("hungarian" →
/// "hungary"), both lower case: `(demonym, place)`, from build.rs (`word_lists`).
pub(crate) fn demonym_countries() -> impl Iterator<Item = (&'static str, &'static str)> {
    include_str!(concat!(env!("OUT_DIR"), "/demonym_countries.txt")).lines().filter_map(|l| l.split_once('\t'))
}

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
        let mask = |word: &str| WORD_LISTS.iter().find(|&(w, _)| w == word).map(|(_, m)| m);
        assert_eq!(mask("ukraine"), Some(PLACE));
        assert_eq!(mask("hungarian"), Some(DEMONYM));
        assert_eq!(mask("vladimir").map(|m| m & (MALE | FEMALE)), Some(MALE));
        assert_eq!(mask("o'brien"), None, "entries with other characters are kept as written");
        assert!(mask("O'Brien").is_some());
        assert!(demonym_countries().any(|pair| pair == ("hungarian", "hungary")));
    }

    /// Every entry of every list file is in the compiled table, in the lists of its file, and
    /// nothing else is.
    #[test]
    fn the_compiled_word_lists_hold_every_file_entry() {
        use std::collections::HashMap;
        let files = [
            include_str!("../data/gazetteers/first_names.txt"),
            include_str!("../data/gazetteers/surnames.txt"),
            include_str!("../data/gazetteers/places.txt"),
            include_str!("../data/gazetteers/demonyms.txt"),
            include_str!("../data/gazetteers/org_suffixes.txt"),
            include_str!("../data/gazetteers/groups.txt"),
        ];
        let plain = |l: &str| !l.is_empty() && l.split(' ').all(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric));
        let mut expected: HashMap<String, u8> = HashMap::new();
        for (bit, file) in files.iter().enumerate() {
            for entry in lines(file) {
                let key = if plain(entry) { entry.chars().flat_map(char::to_lowercase).collect() } else { entry.to_string() };
                *expected.entry(key).or_default() |= 1 << bit;
            }
        }
        for line in lines(include_str!("../data/first_name_genders.txt")) {
            let (name, sex) = line.split_once(' ').unwrap();
            *expected.entry(name.to_string()).or_default() |= if sex == "m" { MALE } else { FEMALE };
        }
        let got: HashMap<String, u8> = WORD_LISTS.iter().map(|(e, m)| (e.to_string(), m)).collect();
        assert_eq!(got.len(), WORD_LISTS.entries.len(), "no entry twice");
        assert_eq!(got, expected);
        assert_eq!(WORD_LISTS.count(PLACE), expected.values().filter(|&&m| m & PLACE != 0).count());
    }

    #[test]
    fn malformed_word_lists_are_skipped_without_a_panic() {
        let lists = WordLists::decode("#4\n0paris\n3is\n9toolong\nx\n\n#zz\n0any\n#1\n0anna\n2n");
        let got: Vec<(&str, u8)> = lists.iter().collect();
        assert_eq!(got, [("paris", 4), ("paris", 4), ("any", 0), ("anna", 1), ("ann", 1)]);
        assert_eq!(WordLists::decode("").iter().count(), 0);
    }
}
