//! Word lists the tagger consults: first names, surnames, places, nationality adjectives,
//! organisation words and group words (src/data/gazetteers/, built by
//! scripts/build-gazetteers.py from openly licensed packages; see NOTICE).
//!
//! A list only ever adds evidence through features: the trained weights decide how much a match
//! counts, so "Paris" the place and "Paris Hilton" the person both remain possible. Entries are
//! tokenised with the tagger's own tokenizer and stored as hashes of their lowercased tokens,
//! which is all a lookup needs.

use std::sync::OnceLock;

use super::hashing::{combine, hash_lower, Fnv};
use super::tokens::tokenize;
use crate::text::data::{LISTS, WORD_LISTS};

/// The lists, in the order of their bit in a match mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum List {
    FirstName,
    Surname,
    Place,
    Demonym,
    OrgWord,
    GroupWord,
}

impl List {
    pub const ALL: [List; 6] = [List::FirstName, List::Surname, List::Place, List::Demonym, List::OrgWord, List::GroupWord];
    pub const COUNT: usize = List::ALL.len();

    /// The list's file's entries, as written (the analyser reads them compiled, from
    /// `text::data::WORD_LISTS`; the tests compare the two).
    #[cfg(test)]
    fn entries(self) -> Vec<&'static str> {
        use crate::text::data::lines;
        match self {
            List::FirstName => lines(include_str!("../data/gazetteers/first_names.txt")).collect(),
            List::Surname => lines(include_str!("../data/gazetteers/surnames.txt")).collect(),
            List::Place => lines(include_str!("../data/gazetteers/places.txt")).collect(),
            List::Demonym => lines(include_str!("../data/gazetteers/demonyms.txt")).collect(),
            List::OrgWord => lines(include_str!("../data/gazetteers/org_suffixes.txt")).collect(),
            List::GroupWord => lines(include_str!("../data/gazetteers/groups.txt")).collect(),
        }
    }
}

/// Where a token sits in a list match; `None` when no match covers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    None = 0,
    Unit = 1,
    Begin = 2,
    Inside = 3,
    Last = 4,
}

/// Longest entry considered, in tokens.
const MAX_ENTRY_TOKENS: usize = 4;

pub(crate) struct Gazetteer {
    /// Hash of an entry's lowercased tokens → bit mask of the lists holding it.
    entries: MaskTable,
}

/// Entry hash → list mask, by open addressing with linear probing over a power-of-two array of
/// slots, each a key and its mask in one word.
///
/// Why not a `HashMap`: the table is filled on the first analysis, in the browser's baseline
/// (Liftoff) code, where hashbrown's insertion (an entry API over generic groups of control
/// bytes) was a large part of the largest table built at start-up. The keys are `combine` outputs, whose
/// finaliser already spreads every bit, so a key's top bits are its slot; the table is kept at
/// most half full, so a probe ends after one or two slots. A lookup answers what the map did.
struct MaskTable {
    /// Per slot, a key's high 56 bits and its mask in the low 8 (0: an empty slot; a held key's
    /// mask is never 0), so that a probe reads one word.
    slots: Vec<u64>,
    /// Bits of a key below its slot number (the slot is the key's top bits).
    shift: u32,
    /// Number of keys held.
    len: usize,
}

/// A key as held, without its low 8 bits (where the mask goes). Two of the lists' 29,469 entry
/// hashes that agree on their other 56 bits would merge: a test holds the shipped lists free of
/// that.
const KEY_BITS: u64 = !0xff;

impl MaskTable {
    /// An empty table for `n` keys (more are refused, see `add`).
    fn with_capacity(n: usize) -> MaskTable {
        let slots = (2 * n).max(8).next_power_of_two();
        MaskTable { slots: vec![0; slots], shift: 64 - slots.trailing_zeros(), len: 0 }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let last = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        // Ends: at least half the slots are empty (`add`).
        while self.slots[i] != 0 && (self.slots[i] ^ key) & KEY_BITS != 0 {
            i = (i + 1) & last;
        }
        i
    }

    /// Adds `mask` (not 0) to the lists of `key`; `false` (and nothing added) if the table holds
    /// as many keys as it was made for, which keeps half its slots empty.
    fn add(&mut self, key: u64, mask: u8) -> bool {
        let i = self.slot(key);
        if self.slots[i] == 0 {
            if 2 * (self.len + 1) > self.slots.len() {
                return false;
            }
            self.slots[i] = key & KEY_BITS;
            self.len += 1;
        }
        self.slots[i] |= mask as u64;
        true
    }

    /// The lists holding `key` (0: none).
    fn get(&self, key: u64) -> u8 {
        self.slots[self.slot(key)] as u8
    }

    /// Every key (its high 56 bits) with its mask, in slot order.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.slots.iter().filter(|&&v| v != 0).map(|&v| (v & KEY_BITS, v as u8))
    }
}

/// Seed of an entry hash, so that a one-token entry's hash differs from the token's own.
const SEQ_SEED: u64 = 0x5e9;

/// The mask bit of a key that is the first tokens of a longer entry ("new" of "New York"): where
/// a key lacks it, no entry goes on from there, and `matches` probes no longer sequence from
/// that token. Most words start no entry of several tokens, so most tokens take one probe
/// rather than four. Not a list (`LISTS` are the low six bits).
const CONTINUES: u8 = 0x80;

impl Gazetteer {
    /// The embedded lists (`text::data::WORD_LISTS`, compiled by build.rs), hashed once.
    pub fn shared() -> &'static Gazetteer {
        static SHARED: OnceLock<Gazetteer> = OnceLock::new();
        SHARED.get_or_init(|| {
            // Sized once: growing the table as it fills rehashes it several times over. The
            // first tokens of the entries of several tokens (`CONTINUES`) are keys too: fewer
            // than a tenth of the entries are of several tokens.
            let n = WORD_LISTS.count(LISTS);
            let mut entries = MaskTable::with_capacity(n + n / 4);
            for (entry, mask) in WORD_LISTS.iter() {
                if mask & LISTS != 0 {
                    add(&mut entries, entry, mask & LISTS);
                }
            }
            Gazetteer { entries }
        })
    }

    /// The gazetteer of `lists`: each list with its entries (data-file lines, `text::data::lines`).
    #[cfg(test)]
    pub fn from_lists<'a>(lists: impl Iterator<Item = (List, Vec<&'a str>)>) -> Gazetteer {
        let lists: Vec<_> = lists.collect();
        let mut entries = MaskTable::with_capacity(lists.iter().map(|(_, lines)| 2 * lines.len()).sum());
        for (list, lines) in lists {
            for line in lines {
                add(&mut entries, line, 1 << list as u8);
            }
        }
        Gazetteer { entries }
    }

    /// Lists holding the one-token entry whose lowercase hash is `lower`.
    pub fn word(&self, lower: u64) -> u8 {
        self.entries.get(combine(SEQ_SEED, lower)) & LISTS
    }

    /// For each token (given as lowercase hashes of one line), its position in the longest
    /// match of each list starting at or before it.
    pub fn matches(&self, lowers: &[u64], out: &mut Vec<[Position; List::COUNT]>) {
        let start = out.len();
        out.resize(start + lowers.len(), [Position::None; List::COUNT]);
        let out = &mut out[start..];
        for i in 0..lowers.len() {
            let mut hash = SEQ_SEED;
            let mut found = [0usize; List::COUNT];
            for len in 1..=MAX_ENTRY_TOKENS.min(lowers.len() - i) {
                hash = combine(hash, lowers[i + len - 1]);
                let mask = self.entries.get(hash);
                for (l, f) in found.iter_mut().enumerate() {
                    if mask & (1 << l) != 0 {
                        *f = len;
                    }
                }
                if mask & CONTINUES == 0 {
                    break;
                }
            }
            for (l, &len) in found.iter().enumerate() {
                if len == 0 || out[i][l] != Position::None {
                    continue;
                }
                if len == 1 {
                    out[i][l] = Position::Unit;
                    continue;
                }
                for k in 0..len {
                    let pos = if k == 0 {
                        Position::Begin
                    } else if k + 1 == len {
                        Position::Last
                    } else {
                        Position::Inside
                    };
                    if out[i + k][l] == Position::None || k == 0 {
                        out[i + k][l] = pos;
                    }
                }
            }
        }
    }
}

/// Adds `entry` (a list's entry, in any case) to the lists of `mask`, and marks its first tokens
/// `CONTINUES`. The table is sized for the entries and those, so none is refused.
fn add(entries: &mut MaskTable, entry: &str, mask: u8) {
    if let Some(hash) = entry_hash(entry, &mut |prefix| _ = entries.add(prefix, CONTINUES)) {
        entries.add(hash, mask);
    }
}

/// The hash of an entry's lowercased tokens, or `None` when it has more than MAX_ENTRY_TOKENS;
/// `prefix` is given the hash of its first 1, 2, … tokens, up to MAX_ENTRY_TOKENS - 1 of them
/// and fewer than it has.
///
/// Nearly every entry is words of letters and digits between single spaces, which the tagger's
/// tokenizer splits at the spaces and nowhere else (a test holds the shipped lists to this);
/// those are split here, which makes building the table several times cheaper (it is built on
/// the first analysis), and hashed in one pass over their characters without a vector per
/// entry. The rest go through the tokenizer.
fn entry_hash(line: &str, prefix: &mut dyn FnMut(u64)) -> Option<u64> {
    plain_entry_hash(line, prefix).unwrap_or_else(|| any_entry_hash(line, prefix))
}

/// `entry_hash` of any entry.
fn any_entry_hash(line: &str, prefix: &mut dyn FnMut(u64)) -> Option<u64> {
    let lowers: Vec<u64> = if is_plain(line) {
        line.split(' ').map(hash_lower).collect()
    } else {
        tokenize(line).0.iter().map(|t| hash_lower(t.span.slice(line))).collect()
    };
    let mut hash = SEQ_SEED;
    for (n, &lower) in lowers.iter().enumerate() {
        hash = combine(hash, lower);
        if n + 1 < lowers.len().min(MAX_ENTRY_TOKENS) {
            prefix(hash);
        }
    }
    (lowers.len() <= MAX_ENTRY_TOKENS).then_some(hash)
}

/// `entry_hash` of a plain entry (`is_plain`), in one pass over its characters; `None` for any
/// other entry.
fn plain_entry_hash(line: &str, prefix: &mut dyn FnMut(u64)) -> Option<Option<u64>> {
    let (mut hash, mut n) = (SEQ_SEED, 0);
    let mut word = Fnv::new();
    let mut empty = true;
    for c in line.chars() {
        if c == ' ' {
            if empty {
                return None;
            }
            hash = combine(hash, word.finish());
            n += 1;
            if n < MAX_ENTRY_TOKENS {
                prefix(hash);
            }
            (word, empty) = (Fnv::new(), true);
        } else if c.is_ascii_alphanumeric() {
            word = word.byte(c.to_ascii_lowercase() as u8);
            empty = false;
        } else if c.is_alphanumeric() {
            word = c.to_lowercase().fold(word, Fnv::char);
            empty = false;
        } else {
            return None;
        }
    }
    if empty {
        return None;
    }
    hash = combine(hash, word.finish());
    Some((n < MAX_ENTRY_TOKENS).then_some(hash))
}

/// Words of letters and digits only, between single spaces.
fn is_plain(line: &str) -> bool {
    !line.is_empty() && line.split(' ').all(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric))
}

/// Whether a one-word name (any case) is in the list of places.
pub(crate) fn is_place_word(word: &str) -> bool {
    Gazetteer::shared().word(hash_lower(word)) & (1 << List::Place as u8) != 0
}

/// Whether a word (any case) is in the first-name or the surname list.
pub(crate) fn is_personal_name_word(word: &str) -> bool {
    let mask = Gazetteer::shared().word(hash_lower(word));
    mask & (1 << List::FirstName as u8 | 1 << List::Surname as u8) != 0
}

/// Whether a word (any case) is in any list.
pub(crate) fn is_listed_word(word: &str) -> bool {
    Gazetteer::shared().word(hash_lower(word)) != 0
}

/// Whether a word (any case) is in the first-name list.
pub(crate) fn is_first_name(word: &str) -> bool {
    Gazetteer::shared().word(hash_lower(word)) & (1 << List::FirstName as u8) != 0
}

/// Whether a word (any case) is in the list of organisation words ("Authority", "Inc").
pub(crate) fn is_org_word(word: &str) -> bool {
    Gazetteer::shared().word(hash_lower(word)) & (1 << List::OrgWord as u8) != 0
}

/// Whether a word (any case) is in a list that makes it something other than a person's first
/// name: places, nationalities, organisation and group words.
pub(crate) fn is_other_than_a_name_word(word: &str) -> bool {
    is_other_than_a_name([word])
}

/// `is_other_than_a_name_word` of a name of one or more words (its tokens, any case), whole:
/// "Saudi Arabia" and "Los Angeles" are places; "Osk Arabia" is none.
pub(crate) fn is_other_than_a_name<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    let lists = [List::Place, List::Demonym, List::OrgWord, List::GroupWord];
    let hash = words.into_iter().fold(SEQ_SEED, |hash, w| combine(hash, hash_lower(w)));
    let mask = Gazetteer::shared().entries.get(hash) & LISTS;
    lists.iter().any(|&l| mask & (1 << l as u8) != 0)
}

/// Whether a word (any case) is the plural of a nationality's or group's word: "Muslims",
/// "Serbs", "Catholics" (the lists hold the singular); a plural names people, never the
/// adjective a list word can also be ("Democratic", "Liberal").
pub(crate) fn is_plural_of_a_group_word(word: &str) -> bool {
    let group_lists = (1 << List::Demonym as u8) | (1 << List::GroupWord as u8);
    word.strip_suffix('s').is_some_and(|singular| singular.len() > 2 && Gazetteer::shared().word(hash_lower(singular)) & group_lists != 0)
}

/// Whether an entity's text names a nationality, religion or political or ethnic group
/// ("Russian", "Serbs", "Republicans", "Sri Lankan") rather than some other MISC thing.
pub(crate) fn is_group_name(words: &[&str]) -> bool {
    let Some(last) = words.last() else { return false };
    if words.len() > 3 || !last.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let gazetteer = Gazetteer::shared();
    let group_lists = (1 << List::Demonym as u8) | (1 << List::GroupWord as u8);
    let phrase = words.iter().fold(SEQ_SEED, |h, w| combine(h, hash_lower(w)));
    if gazetteer.entries.get(phrase) & group_lists != 0 {
        return true;
    }
    let singular = last.strip_suffix('s').filter(|s| s.len() > 2);
    for word in std::iter::once(*last).chain(singular) {
        if gazetteer.word(hash_lower(word)) & group_lists != 0 {
            return true;
        }
        let lower = word.to_lowercase();
        let demonym_ending = ["ian", "an", "ese", "ish", "i", "ic"].iter().any(|s| lower.ends_with(s));
        // Short words ending so ("Cup", "Open") are names, not demonyms; one-word only.
        if words.len() == 1 && demonym_ending && lower.chars().count() >= 5 && !lower.ends_with("ic") {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Gazetteer {
        Gazetteer::from_lists(
            [
                (List::Place, vec!["New York", "York", "Paris", "Rio de Janeiro", "St. Kitts and Nevis"]),
                (List::FirstName, vec!["Paris", "Angela"]),
            ]
            .into_iter(),
        )
    }

    fn check(text: &str, list: List, expected: &str) {
        let (tokens, _) = tokenize(text);
        let lowers: Vec<u64> = tokens.iter().map(|t| hash_lower(t.span.slice(text))).collect();
        let mut out = Vec::new();
        small().matches(&lowers, &mut out);
        let got: Vec<String> = out.iter().map(|p| format!("{:?}", p[list as usize])).collect();
        assert_eq!(got.join(" "), expected, "{text}");
    }

    #[test]
    fn longest_match_wins() {
        check("to new YORK and Paris", List::Place, "None Begin Last None Unit");
        check("to new YORK and Paris", List::FirstName, "None None None None Unit");
        check("York", List::Place, "Unit");
    }

    /// A probe goes on past first tokens that are no entry themselves ("rio de"), and stops
    /// where no entry goes on: the matches are those of probing every length.
    #[test]
    fn entries_of_several_tokens_are_found_past_their_first_tokens() {
        check("in Rio de Janeiro and rio de la Plata", List::Place, "None Begin Inside Last None None None None None");
        check("to St. Kitts and Nevis", List::Place, "None Begin Inside Inside Last");
        check("to St. Kitts and Paris", List::Place, "None None None None Unit");
        let g = small();
        let lowers: Vec<u64> = ["rio", "de", "janeiro"].iter().map(|w| hash_lower(w)).collect();
        assert_ne!(g.entries.get(combine(combine(SEQ_SEED, lowers[0]), lowers[1])) & CONTINUES, 0);
        assert_eq!(g.entries.get(combine(SEQ_SEED, lowers[1])), 0, "\"de\" starts no entry");
    }

    #[test]
    fn plain_entries_are_split_as_the_tokenizer_splits_them() {
        let mut plain = 0;
        for list in List::ALL {
            for line in list.entries() {
                if is_plain(line) {
                    plain += 1;
                    let tokens: Vec<&str> = tokenize(line).0.iter().map(|t| t.span.slice(line)).collect();
                    assert_eq!(tokens, line.split(' ').collect::<Vec<_>>(), "{list:?}: {line:?}");
                }
            }
        }
        assert!(plain > 20_000, "nearly every entry is plain ({plain})");
        for not_plain in ["O'Brien", "Guinea-Bissau", "St. Louis", "New  York", "AT&T", ""] {
            assert!(!is_plain(not_plain), "{not_plain:?}");
        }
    }

    #[test]
    fn plain_entries_hash_as_any_entry_does() {
        let mut plain = 0;
        for list in List::ALL {
            for line in list.entries().into_iter().chain(["New York", "Mary Ann Lee Smith Jones", "A1 b2", "x  y", "Zürich", "St. Louis"])
            {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                if let Some(hash) = plain_entry_hash(line, &mut |p| a.push(p)) {
                    plain += 1;
                    assert_eq!(hash, any_entry_hash(line, &mut |p| b.push(p)), "{list:?}: {line:?}");
                    assert_eq!(a, b, "the first tokens' hashes: {list:?}: {line:?}");
                }
            }
        }
        assert!(plain > 20_000, "nearly every entry is plain ({plain})");
        let none = &mut |_| {};
        assert_eq!(plain_entry_hash("Mary Ann Lee Smith Jones", none), Some(None), "too many tokens");
        assert_eq!(plain_entry_hash("Zürich", none), Some(any_entry_hash("Zürich", none)));
        for not_plain in ["St. Louis", "x  y", " x", "x ", "", "O'Brien"] {
            assert_eq!(plain_entry_hash(not_plain, none), None, "{not_plain:?}");
        }
    }

    /// The compiled lists (lower-cased, merged across files, `text::data::WORD_LISTS`) make the
    /// table the list files make, entry for entry.
    #[test]
    fn the_compiled_lists_make_the_files_table() {
        assert_eq!(1 << List::Place as u8, crate::text::data::PLACE);
        assert_eq!(1 << List::Demonym as u8, crate::text::data::DEMONYM);
        assert_eq!((1 << List::COUNT) - 1, LISTS);
        let files = Gazetteer::from_lists(List::ALL.iter().map(|&l| (l, l.entries())));
        assert!(files.entries.len > 20_000);
        let sorted = |t: &MaskTable| {
            let mut v: Vec<(u64, u8)> = t.iter().collect();
            v.sort_unstable();
            v
        };
        assert!(sorted(&files.entries) == sorted(&Gazetteer::shared().entries), "the compiled lists differ from the files");
    }

    /// The table answers as the `HashMap` it replaced: keys that share their top bits (probe
    /// chains, wrapping past the last slot), key 0, absent keys; a key past its size is refused.
    #[test]
    fn the_mask_table_answers_as_a_map() {
        use std::collections::HashMap;
        let mut table = MaskTable::with_capacity(6_006);
        let mut map: HashMap<u64, u8> = HashMap::new();
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut keys = vec![0u64, 7 << 56, 7 << 56 | 1 << 8, 7 << 56 | 2 << 8, !0 << 8, u64::MAX >> 8];
        for _ in 0..3_000 {
            x = combine(x, 1);
            keys.push(x & KEY_BITS);
            keys.push(x & 0xff00_0000_0000_0000 | 0x100); // shares its top bits with others
        }
        for (n, &k) in keys.iter().enumerate() {
            let mask = 1 << (n % 6);
            assert!(table.add(k, mask));
            *map.entry(k).or_insert(0) |= mask;
        }
        assert_eq!(table.len, map.len());
        for &k in &keys {
            assert_eq!(table.get(k), map[&k], "{k:#x}");
            assert_eq!(table.get(k | 0x3f), map[&k], "the low 8 bits are not the key's");
        }
        let absent = [1 << 8, 8 << 56 | 5 << 8, 0xff00, combine(x, 2), u64::MAX - (1 << 9)];
        let absent: Vec<u64> = absent.into_iter().filter(|a| !map.contains_key(&(a & KEY_BITS))).collect();
        assert!(absent.len() >= 3, "{absent:?}");
        for a in absent {
            assert_eq!(table.get(a), 0, "{a:#x}");
        }
        assert_eq!(MaskTable::with_capacity(4).get(0), 0);
        let mut small = MaskTable::with_capacity(4);
        assert!((1..=4).all(|k| small.add(k << 60, 1)) && small.add(3 << 60, 2) && !small.add(5 << 60, 1));
        assert_eq!((small.get(3 << 60), small.get(5 << 60)), (3, 0));
    }

    /// The shipped table answers as a `HashMap` of the same entries did, on every entry and on
    /// words and phrases chosen here.
    #[test]
    fn the_shipped_table_answers_as_a_map_of_its_entries() {
        use std::collections::HashMap;
        let mut map: HashMap<u64, u8> = HashMap::new();
        let mut several = 0;
        for (entry, mask) in WORD_LISTS.iter().filter(|&(_, mask)| mask & LISTS != 0) {
            if let Some(hash) = entry_hash(entry, &mut |_| {}) {
                *map.entry(hash).or_insert(0) |= mask & LISTS;
            }
            // Its first tokens (of an entry too long to be held too), each a key that goes on.
            let tokens: Vec<&str> = tokenize(entry).0.iter().map(|t| t.span.slice(entry)).collect();
            several += (tokens.len() > 1) as usize;
            for n in 1..tokens.len().min(MAX_ENTRY_TOKENS) {
                *map.entry(tokens[..n].iter().fold(SEQ_SEED, |h, w| combine(h, hash_lower(w)))).or_insert(0) |= CONTINUES;
            }
        }
        assert!(several > 2_000, "{several} entries of several tokens");
        let g = Gazetteer::shared();
        assert_eq!(g.entries.len, map.len(), "no two entries' hashes agree on their top 56 bits");
        for (&k, &m) in &map {
            assert_eq!(g.entries.get(k), m);
        }
        let phrase = |words: &[&str]| words.iter().fold(SEQ_SEED, |h, w| combine(h, hash_lower(w)));
        for words in [
            &["Angela"][..],
            &["new", "york"],
            &["New", "York", "City"],
            &["the"],
            &["Quotelens"],
            &["Sri", "Lankan"],
            &["x", "y", "z", "w"],
        ] {
            assert_eq!(g.entries.get(phrase(words)), map.get(&phrase(words)).copied().unwrap_or(0), "{words:?}");
        }
        assert_ne!(g.entries.get(phrase(&["new", "york"])) & (1 << List::Place as u8), 0);
        assert_eq!(g.entries.get(phrase(&["Quotelens"])), 0);
        assert_ne!(g.entries.get(phrase(&["new"])) & CONTINUES, 0, "New York goes on from it");
        assert_eq!(g.word(hash_lower("new")) & CONTINUES, 0, "`word` answers lists only");
    }

    #[test]
    fn shipped_lists_load() {
        let g = Gazetteer::shared();
        assert_ne!(g.word(hash_lower("germany")) & (1 << List::Place as u8), 0);
        assert_ne!(g.word(hash_lower("German")) & (1 << List::Demonym as u8), 0);
        assert_eq!(g.word(hash_lower("the")), 0);
    }

    #[test]
    fn group_names() {
        for yes in [&["Russian"][..], &["Serbs"], &["Republicans"], &["Sri", "Lankan"], &["Muslims"], &["Hungarian"]] {
            assert!(is_group_name(yes), "{yes:?}");
        }
        for no in [&["World", "Cup"][..], &["Open"], &["Olympic"], &["Windows"], &["GMT"], &["russian"]] {
            assert!(!is_group_name(no), "{no:?}");
        }
    }
}
