//! Word classes learned from unlabelled news text (src/data/ner/word_classes.txt, built by
//! scripts/build-word-classes.py): words that occur in the same contexts share a class, so a
//! name the training corpus never saw ("Obama") shares a feature with the names it did see in
//! those contexts ("Clinton"). Looked up by the lowercased word, so a word in capitals has the
//! class of the word as usually written.

use std::sync::OnceLock;

use super::gazetteer::is_personal_name_word;
use super::hashing::{hash_lower, HashKeyed};
use crate::text::data::lines;

/// A word's class (1 + its line number in the file) and its coarse group (1 + the line's
/// group number); 0 stands for "no class" in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordClass {
    pub fine: u16,
    pub coarse: u16,
}

pub(crate) struct WordClasses {
    by_word: HashKeyed<WordClass>,
    /// Per class (`fine` - 1), whether it is a class of people's names: at least
    /// `PEOPLE_SHARE` of its words are in the first-name or surname list.
    of_people: Vec<bool>,
}

/// The share of a class's words in the name lists that makes it a class of people's names: the
/// classes of politicians' surnames hold about half ("clinton", "trump": 0.53; "merkel": 0.48),
/// those of companies and everyday words a third or less ("google": 0.36, "twitter": 0.08).
const PEOPLE_SHARE: f32 = 0.4;

impl WordClasses {
    /// The embedded classes, parsed once.
    pub fn shared() -> &'static WordClasses {
        static SHARED: OnceLock<WordClasses> = OnceLock::new();
        SHARED.get_or_init(|| WordClasses::parse(include_str!(concat!(env!("OUT_DIR"), "/ner_word_classes.txt"))))
    }

    /// Classes from the file's text: one class per line, its coarse group then its words.
    /// A line whose group is not a number is a class with no group.
    pub fn parse(source: &str) -> WordClasses {
        let mut by_word = HashKeyed::default();
        let mut of_people = Vec::new();
        for (n, line) in lines(source).enumerate() {
            let mut fields = line.split(' ');
            let coarse = fields.next().and_then(|g| g.parse::<u16>().ok()).map_or(0, |g| g.saturating_add(1));
            let class = WordClass { fine: (n + 1).min(u16::MAX as usize) as u16, coarse };
            let (mut words, mut names) = (0usize, 0usize);
            for word in fields.filter(|w| !w.is_empty()) {
                by_word.insert(hash_lower(word), class);
                words += 1;
                names += is_personal_name_word(word) as usize;
            }
            of_people.push(words > 0 && names as f32 >= PEOPLE_SHARE * words as f32);
        }
        WordClasses { by_word, of_people }
    }

    /// Whether `class` is a class of people's names (`PEOPLE_SHARE`); no class is not.
    pub fn is_of_people(&self, class: WordClass) -> bool {
        class.fine != 0 && self.of_people.get(class.fine as usize - 1).copied().unwrap_or(false)
    }

    /// The class of `word` (any case); the default when no class holds it.
    #[cfg(test)]
    pub fn of(&self, word: &str) -> WordClass {
        self.of_lower_hash(hash_lower(word))
    }

    /// The class of the word whose lowercase hash (`hashing::hash_lower`) is `lower`.
    pub fn of_lower_hash(&self, lower: u64) -> WordClass {
        self.by_word.get(&lower).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_a_line_share_its_class_in_any_case() {
        let classes = WordClasses::parse("# comment\n3 alpha beta\n0 gamma\nx delta\n");
        let alpha = classes.of("Alpha");
        assert_eq!(alpha, WordClass { fine: 1, coarse: 4 });
        assert_eq!(classes.of("BETA"), alpha);
        assert_eq!(classes.of("gamma"), WordClass { fine: 2, coarse: 1 });
        assert_eq!(classes.of("delta"), WordClass { fine: 3, coarse: 0 });
        assert_eq!(classes.of("epsilon"), WordClass::default());
    }

    #[test]
    fn the_embedded_classes_group_names_seen_in_the_same_contexts() {
        let classes = WordClasses::shared();
        // Built from the training texts: the surnames of politicians share their class.
        let clinton = classes.of("Clinton");
        assert_ne!(clinton, WordClass::default());
        assert_eq!(classes.of("OBAMA"), clinton);
        // Theirs is a class of people's names, and that of "twitter" or "google" is not.
        assert!(classes.is_of_people(clinton));
        assert!(classes.is_of_people(classes.of("Trump")));
        assert!(!classes.is_of_people(classes.of("Twitter")));
        assert!(!classes.is_of_people(classes.of("Google")));
        assert!(!classes.is_of_people(WordClass::default()));
    }
}
