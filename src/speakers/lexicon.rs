//! The word lists attribution consults, read once from src/data/ (see src/data/speakers/ and
//! src/data/first_name_genders.txt) with `text::data`'s one line parser; the lists other stages
//! read too (function words, places, demonyms) come already parsed from `text::data`. It knows
//! nothing of quotes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::text::data::{demonym_countries, lines, DEMONYM, FEMALE, FUNCTION_WORDS, MALE, PLACE, WORD_LISTS};
use crate::text::hashing::{FnvBuild, FnvSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// What a nominal's head noun says about its referent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadClass {
    /// One person ("the spokesman"), perhaps with a gender.
    Person(Option<Gender>),
    /// Several people ("officials").
    People,
    /// An organisation or a document speaking for one ("the campaign", "the statement").
    Org,
}

/// The lexicon's tables are keyed by FNV (`FnvBuild`): they are filled on the first analysis,
/// where std's SipHash would cost several times more per key.
pub(crate) struct Lexicon {
    /// Title and honorific words ("president", "mr"), with the gender some of them imply.
    pub titles: HashMap<&'static str, Option<Gender>, FnvBuild>,
    pub heads: HashMap<&'static str, HeadClass, FnvBuild>,
    pub function_words: &'static FnvSet<&'static str>,
    pub linking_words: HashSet<&'static str, FnvBuild>,
    pub first_names: HashMap<&'static str, Gender, FnvBuild>,
    /// Places and nationality adjectives, lower case: a capitalised word found here is not a person.
    /// Borrowed from `WORD_LISTS` where the entry is lower case already (nearly all).
    pub places: HashSet<Cow<'static, str>, FnvBuild>,
    /// Nationality adjective → its country ("hungarian" → "hungary"), both lower case, for
    /// matching "the Hungarian leader" with a person described by "Prime Minister of Hungary".
    pub demonym_country: HashMap<String, String, FnvBuild>,
}

fn gender(tag: Option<&str>) -> Option<Gender> {
    match tag {
        Some("m") => Some(Gender::Male),
        Some("f") => Some(Gender::Female),
        _ => None,
    }
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let titles = lines(include_str!(concat!(env!("OUT_DIR"), "/speakers_titles.txt")))
        .map(|l| {
            let mut parts = l.split(' ');
            (parts.next().unwrap_or(l), gender(parts.next()))
        })
        .collect();
    let heads = lines(include_str!(concat!(env!("OUT_DIR"), "/speakers_nominal_heads.txt")))
        .filter_map(|l| {
            let mut parts = l.split(' ');
            let word = parts.next()?;
            let class = match parts.next()? {
                "p" => HeadClass::Person(gender(parts.next())),
                "ps" => HeadClass::People,
                _ => HeadClass::Org,
            };
            Some((word, class))
        })
        .collect();
    // The tables are sized before they are filled (growing a table as it fills rehashes it
    // several times over): they are built on the first analysis, where every millisecond shows.
    // First names, places and nationalities come compiled by build.rs (`text::data::WORD_LISTS`).
    let mut first_names = HashMap::with_capacity_and_hasher(WORD_LISTS.count(MALE | FEMALE), FnvBuild::default());
    let mut places = HashSet::with_capacity_and_hasher(WORD_LISTS.count(PLACE | DEMONYM), FnvBuild::default());
    for (entry, mask) in WORD_LISTS.iter() {
        if mask & MALE != 0 {
            first_names.insert(entry, Gender::Male);
        } else if mask & FEMALE != 0 {
            first_names.insert(entry, Gender::Female);
        }
        if mask & (PLACE | DEMONYM) != 0 {
            let lower = entry.chars().all(|c| c.to_lowercase().eq([c]));
            places.insert(if lower { Cow::Borrowed(entry) } else { Cow::Owned(entry.to_lowercase()) });
        }
    }
    let demonym_country = demonym_countries().map(|(d, c)| (d.to_string(), c.to_string())).collect();
    Lexicon {
        titles,
        heads,
        function_words: &FUNCTION_WORDS,
        linking_words: lines(include_str!(concat!(env!("OUT_DIR"), "/speakers_linking_words.txt"))).collect(),
        first_names,
        places,
        demonym_country,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_load_and_say_what_they_should() {
        let lex = &*LEXICON;
        assert_eq!(lex.first_names.get("vladimir"), Some(&Gender::Male));
        assert_eq!(lex.first_names.get("hillary"), Some(&Gender::Female));
        assert_eq!(lex.first_names.get(crate::text::fold::fold_lower("Víktor").as_str()), Some(&Gender::Male));
        assert_eq!(lex.titles.get("mrs"), Some(&Some(Gender::Female)));
        assert_eq!(lex.heads.get("campaign"), Some(&HeadClass::Org));
        assert_eq!(lex.heads.get("spokeswoman"), Some(&HeadClass::Person(Some(Gender::Female))));
        assert!(lex.places.contains("ukraine") && lex.places.contains("hungarian"));
        assert_eq!(lex.demonym_country.get("hungarian").map(String::as_str), Some("hungary"));
        assert!(lex.function_words.contains("during") && lex.linking_words.contains("has"));
    }

    /// The tables built from the compiled word lists are the ones the list files make (the
    /// demonyms' countries: the first place in places.txt's order sharing five bytes).
    #[test]
    fn the_compiled_lists_make_the_files_tables() {
        let places_file: Vec<String> = lines(include_str!("../data/gazetteers/places.txt")).map(str::to_lowercase).collect();
        let demonyms_file: Vec<String> = lines(include_str!("../data/gazetteers/demonyms.txt")).map(str::to_lowercase).collect();
        let names: HashMap<&str, Gender, FnvBuild> = lines(include_str!("../data/first_name_genders.txt"))
            .filter_map(|l| {
                let (name, sex) = l.split_once(' ')?;
                Some((name, gender(Some(sex))?))
            })
            .collect();
        assert_eq!(LEXICON.first_names, names);
        let places: HashSet<Cow<str>, FnvBuild> = places_file.iter().chain(&demonyms_file).map(|p| Cow::Owned(p.clone())).collect();
        assert_eq!(LEXICON.places, places);
        let mut by_prefix: HashMap<&str, &str> = HashMap::new();
        for c in &places_file {
            if let Some(prefix) = c.get(..5) {
                by_prefix.entry(prefix).or_insert(c);
            }
        }
        let pairs: HashMap<String, String, FnvBuild> =
            demonyms_file.iter().filter_map(|d| Some((d.clone(), by_prefix.get(d.get(..5)?)?.to_string()))).collect();
        assert_eq!(LEXICON.demonym_country, pairs);
        assert!(pairs.len() > 150);
    }
}
