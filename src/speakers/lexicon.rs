//! The word lists attribution consults, read once from src/data/ (see src/data/speakers/ and
//! src/data/first_name_genders.txt) with `text::data`'s one line parser; the lists other stages
//! read too (function words, places, demonyms) come already parsed from `text::data`. It knows
//! nothing of quotes.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::text::data::{lines, DEMONYMS, FUNCTION_WORDS, PLACES};
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
    pub places: HashSet<String, FnvBuild>,
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
    let titles = lines(include_str!("../data/speakers/titles.txt"))
        .map(|l| {
            let mut parts = l.split(' ');
            (parts.next().unwrap_or(l), gender(parts.next()))
        })
        .collect();
    let heads = lines(include_str!("../data/speakers/nominal_heads.txt"))
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
    // The tables are sized before they are filled (a filtered iterator gives no size hint, and
    // growing a table as it fills rehashes it several times over): they are built on the first
    // analysis, where every millisecond shows.
    let names = include_str!("../data/first_name_genders.txt");
    let mut first_names = HashMap::with_capacity_and_hasher(names.lines().count(), FnvBuild::default());
    first_names.extend(lines(names).filter_map(|l| {
        let (name, sex) = l.split_once(' ')?;
        Some((name, gender(Some(sex))?))
    }));
    let countries: Vec<String> = PLACES.iter().map(|p| p.to_lowercase()).collect();
    let mut places = HashSet::with_capacity_and_hasher(countries.len() + DEMONYMS.len(), FnvBuild::default());
    places.extend(countries.iter().cloned());
    places.extend(DEMONYMS.iter().map(|d| d.to_lowercase()));
    // Pair each demonym with the place it is spelled from ("Hungarian" ↔ "Hungary"): the longest
    // shared prefix of at least five letters is a good enough match for these lists.
    let mut by_prefix: HashMap<&str, &str, FnvBuild> = HashMap::with_capacity_and_hasher(countries.len(), FnvBuild::default());
    for c in &countries {
        if let Some(prefix) = c.get(..5) {
            by_prefix.entry(prefix).or_insert(c);
        }
    }
    let demonym_country = DEMONYMS
        .iter()
        .filter_map(|d| {
            let d = d.to_lowercase();
            let country = by_prefix.get(d.get(..5)?)?.to_string();
            Some((d, country))
        })
        .collect();
    Lexicon {
        titles,
        heads,
        function_words: &FUNCTION_WORDS,
        linking_words: lines(include_str!("../data/speakers/linking_words.txt")).collect(),
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
}
