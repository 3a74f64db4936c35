//! Alias clusters: mentions of one entity share a cluster id, however the article names it —
//! "Vladimir Putin" / "Putin"; "European Union" / "EU"; "the United States" / "U.S." / "US".
//!
//! Mentions are compared by a folded key (case, accents, dots and possessives ignored). A one-word
//! person mention joins the full name it is the surname (or first name) of; an all-capitals
//! mention joins the name whose initials it spells. Everything goes through hash maps built in one
//! pass, so the cost is linear in the number of mentions.

use std::collections::HashMap;

use crate::analysis::{Cluster, Entity, Label, Span};
use crate::text::fold::fold_char as fold;
use crate::text::marks::is_apostrophe;

/// Words skipped when spelling initials ("Bank of England" → BE, "North Atlantic Treaty
/// Organization" → NATO).
const MINOR_WORDS: &[&str] = &["of", "the", "and", "for", "de", "du", "des", "la", "le", "von", "van", "der", "&"];

/// Lower-case ASCII-folded form of `s`: accents dropped from common Latin letters, dots removed,
/// a trailing possessive cut, hyphens and runs of blanks turned into single spaces.
fn key(s: &str) -> String {
    let s = s.trim();
    let s = ["'s", "’s", "'", "’"].iter().find_map(|p| s.strip_suffix(p)).unwrap_or(s);
    let s = s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")).unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '.' => {}
            '-' | '‐' | '–' => out.push(' '),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(fold(c)),
        }
    }
    out.trim().to_lowercase()
}

/// The capitals a mention written in capitals spells ("U.S." → "US"), if it is one.
fn acronym(surface: &str) -> Option<String> {
    let letters: String = surface.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

/// The initials of a multi-word name ("European Union" → "EU").
fn initials(surface: &str) -> Option<String> {
    let words: Vec<&str> = surface.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return None;
    }
    let caps: String = words
        .iter()
        .filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .map(fold)
        .collect();
    (caps.chars().count() >= 2).then_some(caps)
}

fn is_name_label(label: Label) -> bool {
    matches!(label, Label::Person | Label::Org | Label::Place | Label::Group | Label::Misc)
}

/// Labels whose mentions may be spelled as each other's acronyms (the tagger is not always sure
/// whether "NATO" is an organisation or "US" a place).
fn acronym_family(label: Label) -> u8 {
    match label {
        Label::Org | Label::Place | Label::Misc => 0,
        other => other as u8 + 1,
    }
}

/// Union-find over mention indices, the smallest index as the root so it is the cluster id.
struct Clusters {
    parent: Vec<usize>,
}

impl Clusters {
    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        let (low, high) = (ra.min(rb), ra.max(rb));
        self.parent[high] = low;
    }
}

/// Entities for `mentions` (in text order), each with its cluster id.
pub(crate) fn assign(text: &str, mut mentions: Vec<(Span, Label)>) -> Vec<Entity> {
    let n = mentions.len();
    let mut clusters = Clusters { parent: (0..n).collect() };
    let keys: Vec<String> = mentions.iter().map(|(s, _)| key(s.slice(text))).collect();

    // The same name twice is one entity.
    let mut by_key: HashMap<(&str, Label), usize> = HashMap::new();
    for (i, (_, label)) in mentions.iter().enumerate() {
        match by_key.get(&(keys[i].as_str(), *label)) {
            Some(&first) => clusters.join(first, i),
            None => {
                by_key.insert((keys[i].as_str(), *label), i);
            }
        }
    }

    // Full person names by each of their word suffixes ("Putin"; "Ní Bhriain" of "Mairéad Ní
    // Bhriain") and their first word; names by their initials. Names have a handful of words, so
    // the suffixes cost no more than the names themselves.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_first_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_initials: HashMap<(String, u8), usize> = HashMap::new();
    for (i, (span, label)) in mentions.iter().enumerate() {
        if !is_name_label(*label) {
            continue;
        }
        let words: Vec<&str> = keys[i].split(' ').collect();
        if *label == Label::Person && words.len() >= 2 {
            // Every suffix of a real name; only the last word of a runaway span (a line of
            // capitals the tagger took for one name), which keeps this linear.
            let key = keys[i].as_str();
            let spaces: Vec<usize> = key.match_indices(' ').map(|(at, _)| at).collect();
            let from = if words.len() <= 6 { 0 } else { spaces.len() - 1 };
            for &at in &spaces[from..] {
                by_surname.entry(&key[at + 1..]).or_default().push(i);
            }
            by_first_name.entry(words[0]).or_default().push(i);
        }
        if let Some(caps) = initials(span.slice(text)) {
            by_initials.entry((caps, acronym_family(*label))).or_insert(i);
        }
    }

    for (i, (span, label)) in mentions.iter_mut().enumerate() {
        if !is_name_label(*label) {
            continue;
        }
        let k = keys[i].as_str();
        // One article, one reading: a lone word that is the surname of a person named in full
        // here is that person, whatever the tagger made of it in this sentence.
        if *label != Label::Person && !k.contains(' ') && by_surname.contains_key(k) {
            *label = Label::Person;
        }
        if *label == Label::Person {
            // A surname joins the nearest full name before it, else the first after it; a first
            // name alone only when one full name has it.
            let first_name = || by_first_name.get(k).filter(|c| c.len() == 1 && !k.contains(' ')).map(|c| c[0]);
            let full = by_surname.get(k).and_then(|c| nearest(c, i)).or_else(first_name);
            if let Some(full) = full {
                clusters.join(full, i);
                continue;
            }
        }
        if let Some(caps) = acronym(span.slice(text)) {
            if let Some(&full) = by_initials.get(&(caps, acronym_family(*label))) {
                clusters.join(full, i);
            }
        }
    }

    mentions
        .into_iter()
        .enumerate()
        .map(|(i, (span, label))| Entity { span, label, cluster: clusters.root(i) })
        .collect()
}

/// The candidate nearest before `i`, else the first one after it.
fn nearest(candidates: &[usize], i: usize) -> Option<usize> {
    let before = candidates.partition_point(|&c| c < i);
    before.checked_sub(1).map(|b| candidates[b]).or_else(|| candidates.get(before).copied())
}

/// One summary per cluster, in order of first mention.
pub(crate) fn cluster_summaries(text: &str, entities: &[Entity]) -> Vec<Cluster> {
    // The longest proper form names the cluster; acronyms and possessives do not.
    let proper = |s: Span| {
        let t = s.slice(text);
        let bare = t.trim_end_matches(|c| c == 's' || is_apostrophe(c)).len();
        (acronym(t).is_none(), t.chars().count(), bare == t.len())
    };
    let mut index_of: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Cluster> = Vec::new();
    // How proper each summary's name is, kept rather than measured again for every mention: a
    // name can be a whole line long, and recounting it per mention cost O(mentions × length).
    let mut name_rank = Vec::new();
    for e in entities {
        let rank = proper(e.span);
        let slot = *index_of.entry(e.cluster).or_insert_with(|| {
            out.push(Cluster { id: e.cluster, label: e.label, name: e.span, mentions: 0 });
            name_rank.push(rank);
            out.len() - 1
        });
        let summary = &mut out[slot];
        summary.mentions += 1;
        if rank > name_rank[slot] {
            summary.name = e.span;
            name_rank[slot] = rank;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions are marked in `marked` as `[label|text]`; returns each mention's cluster as the
    /// text of the cluster's first mention.
    fn check(marked: &str, expected: &[(&str, &str)]) {
        let mut text = String::new();
        let mut mentions = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = rest[open..].find(']').unwrap() + open;
            let (label, name) = rest[open + 1..close].split_once('|').unwrap();
            let label = match label {
                "P" => Label::Person,
                "O" => Label::Org,
                "L" => Label::Place,
                "G" => Label::Group,
                _ => Label::Misc,
            };
            mentions.push((Span::new(text.len(), text.len() + name.len()), label));
            text.push_str(name);
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        let entities = assign(&text, mentions);
        let got: Vec<(&str, &str)> =
            entities.iter().map(|e| (e.span.slice(&text), entities[e.cluster].span.slice(&text))).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn surnames_join_the_full_name() {
        check("[P|Vladimir Putin] met [P|Víktor Orbán]. [P|Putin] said [P|Orbán’s] plan failed. [P|Orban] left.", &[
            ("Vladimir Putin", "Vladimir Putin"),
            ("Víktor Orbán", "Víktor Orbán"),
            ("Putin", "Vladimir Putin"),
            ("Orbán’s", "Víktor Orbán"),
            ("Orban", "Víktor Orbán"),
        ]);
    }

    #[test]
    fn a_surname_tagged_as_something_else_is_still_the_person() {
        check("[P|Víktor Orbán] spoke. [L|Orbán] said no. [O|Orbán] left.", &[
            ("Víktor Orbán", "Víktor Orbán"),
            ("Orbán", "Víktor Orbán"),
            ("Orbán", "Víktor Orbán"),
        ]);
    }

    #[test]
    fn a_multi_word_surname_joins_the_full_name() {
        check("[P|Mairéad Ní Bhriain] spoke. [P|Ní Bhriain] left. [P|Bhriain] too.", &[
            ("Mairéad Ní Bhriain", "Mairéad Ní Bhriain"),
            ("Ní Bhriain", "Mairéad Ní Bhriain"),
            ("Bhriain", "Mairéad Ní Bhriain"),
        ]);
    }

    #[test]
    fn a_surname_shared_by_two_people_joins_the_nearest_before_it() {
        check("[P|Bill Clinton] and [P|Hillary Clinton] spoke. [P|Clinton] smiled.", &[
            ("Bill Clinton", "Bill Clinton"),
            ("Hillary Clinton", "Hillary Clinton"),
            ("Clinton", "Hillary Clinton"),
        ]);
    }

    #[test]
    fn acronyms_join_the_name_they_spell_in_either_order() {
        check("The [O|EU] and the [O|European Union]; the [L|United States], the [L|U.S.] and the [L|US]; [O|NATO] is the [O|North Atlantic Treaty Organization].", &[
            ("EU", "EU"),
            ("European Union", "EU"),
            ("United States", "United States"),
            ("U.S.", "United States"),
            ("US", "United States"),
            ("NATO", "NATO"),
            ("North Atlantic Treaty Organization", "NATO"),
        ]);
    }

    #[test]
    fn different_entities_stay_apart() {
        check("[L|Georgia] and [P|Georgia] differ; [G|Russian] is not [L|Russia].", &[
            ("Georgia", "Georgia"),
            ("Georgia", "Georgia"),
            ("Russian", "Russian"),
            ("Russia", "Russia"),
        ]);
        let entities = assign("Georgia Georgia", vec![(Span::new(0, 7), Label::Place), (Span::new(8, 15), Label::Person)]);
        assert_ne!(entities[0].cluster, entities[1].cluster);
    }

    #[test]
    fn summaries_name_each_cluster_by_its_longest_proper_form() {
        let text = "Putin met Orbán. Vladimir Putin's aide and Putin left.";
        let s = |a: &str| {
            let start = text.find(a).unwrap();
            Span::new(start, start + a.len())
        };
        let s2 = |a: &str| {
            let start = text.rfind(a).unwrap();
            Span::new(start, start + a.len())
        };
        let mentions = vec![(s("Putin"), Label::Person), (s("Orbán"), Label::Person), (s("Vladimir Putin's"), Label::Person), (s2("Putin"), Label::Person)];
        let entities = assign(text, mentions);
        let summaries = cluster_summaries(text, &entities);
        assert_eq!(summaries.len(), 2);
        assert_eq!(summaries[0].mentions, 3);
        assert_eq!(summaries[0].name.slice(text), "Vladimir Putin's");
    }
}
