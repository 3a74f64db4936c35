//! Alias clusters: mentions of one entity share a cluster id, however the article names it —
//! "Vladimir Putin" / "Putin"; "European Union" / "EU"; "the United States" / "U.S." / "US".
//!
//! Mentions are compared by a folded key (case, accents, dots and possessives ignored). A one-word
//! person mention joins the full name it is the surname (or first name) of; an all-capitals
//! mention joins the name whose initials it spells; the first words of an organisation's name
//! ("Polestar" of "Polestar Mining") join it. Everything goes through hash maps built in one
//! pass, so the cost is linear in the number of mentions.

use crate::text::hashing::{FnvMap, FnvSet};

use super::gazetteer;
use crate::analysis::{Cluster, Entity, Label, Span};
use crate::text::fold::fold_char as fold;
use crate::text::words::strip_possessive;

/// Words skipped when spelling initials ("Bank of England" → BE, "North Atlantic Treaty
/// Organization" → NATO).
const MINOR_WORDS: &[&str] = &["of", "the", "and", "for", "de", "du", "des", "la", "le", "von", "van", "der", "&"];

/// Whether `word` (any case) is a particle inside a person's name ("de", "von", "ten", "bin"):
/// the word before one is a family name too ("Lula" of "Lula da Silva"), and the speakers'
/// mentions chain names across them ("Erik ten Hag"). The one list of them.
pub(crate) fn is_particle(word: &str) -> bool {
    crate::text::data::listed("da de do dos das di del della du la le van von der den ten ter zu af bin ibn al el y", word)
}

/// Generational suffixes, which end a person's name without being a surname.
const GENERATIONS: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Whether `word` (any case, with or without its full stop) is a generational suffix ("Jr.", "III").
pub(crate) fn is_generational_suffix(word: &str) -> bool {
    GENERATIONS.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

/// A person key without its generational suffix ("robert f kennedy jr" → "robert f kennedy").
fn person_core(key: &str) -> &str {
    match key.rsplit_once(' ') {
        Some((core, last)) if GENERATIONS.contains(&last) && core.contains(' ') => core,
        _ => key,
    }
}

/// Lower-case ASCII-folded form of `s`: accents dropped from common Latin letters, dots removed,
/// a trailing possessive cut, hyphens and runs of blanks turned into single spaces.
fn key(s: &str) -> String {
    let s = s.trim();
    let s = strip_possessive(s);
    // "the" before any space, a no-break one included (pasted text).
    let s = ["the", "The"].iter().find_map(|t| s.strip_prefix(t).filter(|r| r.starts_with(char::is_whitespace))).map_or(s, str::trim_start);
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

    // Full person names by each of their word suffixes ("Putin"; "Ní Bhriain" of "Mairéad Ní
    // Bhriain"), by the word before a particle ("Lula" of "Luiz Inácio Lula da Silva") and by
    // their first word; names by their initials. A generational suffix ("Jr.", "III") is not a
    // surname: "Kennedy" is the surname of "Robert F. Kennedy Jr.". Names have a handful of
    // words, so the aliases cost no more than the names themselves.
    let mut by_surname: FnvMap<&str, Vec<usize>> = FnvMap::default();
    let mut by_first_name: FnvMap<&str, Vec<usize>> = FnvMap::default();
    let mut by_initials: FnvMap<(String, u8), usize> = FnvMap::default();
    // First words of multi-word organisation names: "Ford" there is the company.
    let mut org_heads: FnvSet<&str> = FnvSet::default();
    for (i, (span, label)) in mentions.iter().enumerate() {
        if !is_name_label(*label) {
            continue;
        }
        let key = keys[i].as_str();
        let words: Vec<&str> = key.split(' ').collect();
        if *label == Label::Org && words.len() >= 2 {
            org_heads.insert(words[0]);
        }
        let core = person_core(key);
        let n_core = core.split(' ').count();
        if *label == Label::Person && n_core >= 2 {
            // Every suffix of a real name; only the last word of a runaway span (a line of
            // capitals the tagger took for one name), which keeps this linear.
            let spaces: Vec<usize> = core.match_indices(' ').map(|(at, _)| at).collect();
            let from = if n_core <= 6 { 0 } else { spaces.len() - 1 };
            for &at in &spaces[from..] {
                by_surname.entry(&core[at + 1..]).or_default().push(i);
                // The suffix with the generational word too: "Kennedy Jr." alone.
                if core.len() < key.len() {
                    by_surname.entry(&key[at + 1..]).or_default().push(i);
                }
            }
            let core_words: Vec<&str> = core.split(' ').collect();
            if n_core <= 6 {
                for (p, w) in core_words.iter().enumerate().skip(2) {
                    if is_particle(w) && !is_particle(core_words[p - 1]) {
                        by_surname.entry(core_words[p - 1]).or_default().push(i);
                    }
                }
            }
            by_first_name.entry(words[0]).or_default().push(i);
        }
        if let Some(caps) = initials(span.slice(text)) {
            by_initials.entry((caps, acronym_family(*label))).or_insert(i);
        }
        // "United States of America" is also "US": the initials of the part before "of".
        if let Some((head, _)) = span.slice(text).split_once(" of ") {
            if let Some(caps) = initials(head) {
                by_initials.entry((caps, acronym_family(*label))).or_insert(i);
            }
        }
    }
    // Who a full name is, for telling competing full names apart: its first word and its
    // generational suffix ("Robert Kennedy" and "Robert Kennedy Jr." are two people).
    let identity = |i: usize| {
        let key = keys[i].as_str();
        let first = key.split(' ').next().unwrap_or("");
        (first, &key[person_core(key).len()..])
    };
    // The one person `k` can name: none when two full names with different first names (or
    // suffixes) both fit, so "Obama" after "Barack Obama" and "Michelle Obama" joins neither.
    // A candidate that is itself the alias of a longer name ("Ní Bhriain" of "Mairéad Ní
    // Bhriain") competes with nobody.
    // Decided once per surname, not per mention: an article naming one person a thousand times
    // must not compare a thousand full names a thousand times (scripts/check-linear.sh).
    // Keyed by the candidate list itself (one list per surname in `by_surname`).
    let mut one_person: FnvMap<*const usize, bool> = FnvMap::default();
    let mut only_full_name = |candidates: &Vec<usize>, i: usize| {
        let single = *one_person.entry(candidates.as_ptr()).or_insert_with(|| {
            let mut names = candidates.iter().filter(|&&c| !by_surname.contains_key(keys[c].as_str()));
            let first = names.next().map(|&c| identity(c));
            names.all(|&c| Some(identity(c)) == first)
        });
        if single {
            nearest(candidates, i)
        } else {
            None
        }
    };

    // One article, one reading: a lone word that is the surname of a person named in full
    // here is that person, whatever the tagger made of it in this sentence; unless the word is
    // a known place read as one ("visited Jordan" beside "Michael Jordan") or heads an
    // organisation's name in the article ("Ford" beside "Ford Motor Co." and "Bill Ford").
    // Decided before equal names are joined, so the place and the person stay apart.
    // A known place the tagger read as an organisation where the words before it lead to the
    // place ("flew home to Liverpool", "the mayor of Liverpool") is the place: a city and the
    // club or company named after it are two entities, each typed by its own context. Stricter
    // than `reads_as_a_place`: a club is also one moved to, lost to or signed from.
    for (span, label) in mentions.iter_mut() {
        if *label == Label::Org && gazetteer::is_place_word(span.slice(text)) && reads_as_the_place_not_its_club(text, *span) {
            *label = Label::Place;
        }
    }

    let mut full_names = Vec::with_capacity(n);
    for i in 0..n {
        let (span, label) = mentions[i];
        let k = keys[i].as_str();
        let full = if is_name_label(label) { by_surname.get(k).and_then(|c| only_full_name(c, i)) } else { None };
        full_names.push(full);
        if is_name_label(label) && label != Label::Person && !k.contains(' ') && full.is_some() {
            let place = label == Label::Place && gazetteer::is_place_word(k) && reads_as_a_place(text, span);
            let org = label == Label::Org && org_heads.contains(k);
            if !place && !org {
                mentions[i].1 = Label::Person;
            }
        }
    }

    // An organisation's short form: the first words of an organisation named here in full
    // ("Tarnow" of "Tarnow Cycles", "Fenwick Athletic" of "Fenwick Athletic Football Club") are
    // that organisation, whatever the tagger made of them but a place: an article names a
    // company in full first and then shortly, and the town an organisation is named after is
    // another entity ("Fenwick" of "Fenwick Athletic", "Suez Canal" of "Suez Canal Authority").
    // Not a person's surname, of a full name here however many share it, listed, or of a word
    // class of names ("Ford" beside "Bill Ford", "Trump" beside "Trump Foundation"; a slip
    // would retype every mention), nor a short form two organisations share ("Kappa" of "Kappa
    // Pharma" and "Kappa Bank"). Every prefix of names
    // of up to six words: linear in the mentions.
    // Keyed as `by_key` is, so that no other hash table is compiled into the module; `usize::MAX`
    // where two organisations share the prefix.
    let mut by_org_prefix: FnvMap<(&str, Label), usize> = FnvMap::default();
    for i in (0..n).filter(|&i| mentions[i].1 == Label::Org) {
        let key = keys[i].as_str();
        for (at, _) in key.match_indices(' ').take(5) {
            let prefix = &key[..at];
            if MINOR_WORDS.contains(&&prefix[prefix.bytes().rposition(|b| b == b' ').map_or(0, |p| p + 1)..]) {
                continue;
            }
            // Of two names that share it, the longer when it holds the other ("Brannvik" of
            // "Brannvik Shipping" and "Brannvik Shipping Lines"), else neither.
            let holds = |long: &str, short: &str| long.strip_prefix(short).is_some_and(|r| r.is_empty() || r.starts_with(' '));
            let one = match by_org_prefix.get(&(prefix, Label::Org)) {
                None => i,
                Some(&j) if j == usize::MAX || holds(&keys[j], key) => j,
                Some(&j) if holds(key, &keys[j]) => i,
                Some(_) => usize::MAX,
            };
            by_org_prefix.insert((prefix, Label::Org), one);
        }
    }
    for i in 0..n {
        let label = mentions[i].1;
        let k = keys[i].as_str();
        let short_form = label == Label::Org
            || (label == Label::Person
                && !k.contains(' ')
                && !by_surname.contains_key(k)
                && !gazetteer::is_listed_word(k)
                && !super::may_name_a_person(k));
        if let Some(&org) = by_org_prefix.get(&(k, Label::Org)).filter(|&&o| short_form && o != usize::MAX) {
            mentions[i].1 = Label::Org;
            clusters.join(org, i);
        }
    }

    // The same name twice is one entity.
    let mut by_key: FnvMap<(&str, Label), usize> = FnvMap::default();
    for (i, (_, label)) in mentions.iter().enumerate() {
        match by_key.get(&(keys[i].as_str(), *label)) {
            Some(&first) => clusters.join(first, i),
            None => {
                by_key.insert((keys[i].as_str(), *label), i);
            }
        }
    }

    for i in 0..n {
        let (span, label) = mentions[i];
        if !is_name_label(label) {
            continue;
        }
        let k = keys[i].as_str();
        let full = full_names[i];
        if mentions[i].1 == Label::Person {
            // A surname joins its one full name (the nearest mention of it before, else
            // after); a first name alone only when one full name has it.
            let first_name = || by_first_name.get(k).filter(|c| c.len() == 1 && !k.contains(' ')).map(|c| c[0]);
            if let Some(full) = full.or_else(first_name) {
                clusters.join(full, i);
                continue;
            }
        }
        if let Some(caps) = acronym(span.slice(text)) {
            if let Some(&full) = by_initials.get(&(caps, acronym_family(label))) {
                clusters.join(full, i);
                // "US" the tagger was unsure of is whatever "United States" is.
                if label == Label::Misc {
                    mentions[i].1 = mentions[full].1;
                }
            }
        }
    }

    mentions.into_iter().enumerate().map(|(i, (span, label))| Entity { span, label, cluster: clusters.root(i) }).collect()
}

/// Words after which a known place name is the place ("in Jordan", "flew to Jordan").
const TO_A_PLACE: &[&str] =
    &["in", "to", "from", "into", "across", "near", "throughout", "visited", "visit", "visiting", "towards", "toward"];

/// Nouns whose "of" leads to a place ("the mayor of Jordan", "the streets of Jordan").
const OF_A_PLACE: &[&str] =
    &["mayor", "city", "town", "village", "streets", "centre", "center", "outskirts", "suburbs", "people", "residents", "capital"];

/// The word that ends `before` (letters only), and what precedes it.
fn last_word(before: &str) -> (&str, &str) {
    let before = before.trim_end();
    // The word starts after the last character that is no letter (which may be a curly quote
    // mark, several bytes long).
    let start = before.char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    (&before[start..], &before[..start])
}

/// Whether a place name at `span` reads as the place: after a word that leads to a place ("in
/// Jordan"), or after "of" that follows such a noun ("the mayor of Jordan"), and not before a
/// possessive ("in Jordan's film").
fn reads_as_a_place(text: &str, span: Span) -> bool {
    let (word, rest) = last_word(&text[..span.start]);
    let after = text[span.end..].trim_start();
    let possessive =
        ["'s", "’s"].iter().any(|p| after.starts_with(p)) || span.slice(text).ends_with("'s") || span.slice(text).ends_with("’s");
    let is = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let leads = is(TO_A_PLACE, word) || (word.eq_ignore_ascii_case("of") && is(OF_A_PLACE, last_word(rest).0));
    leads && !possessive
}

/// Words after which a place name is the place and not a club or company named after it.
const IN_A_PLACE: &[&str] = &["in", "into", "near", "across", "throughout", "outside"];

/// Whether a place name at `span` reads as the place and not as a club or company of its name:
/// in it ("in Leeds", but not "shares in Leeds"), home or back to it, or after "of" that
/// follows a noun of `OF_A_PLACE` ("the mayor of Leeds"); not before a possessive.
fn reads_as_the_place_not_its_club(text: &str, span: Span) -> bool {
    let (word, rest) = last_word(&text[..span.start]);
    let before = last_word(rest).0;
    let after = text[span.end..].trim_start();
    let possessive =
        ["'s", "’s"].iter().any(|p| after.starts_with(p)) || span.slice(text).ends_with("'s") || span.slice(text).ends_with("’s");
    let is = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let leads = (is(IN_A_PLACE, word) && !is(super::context::HOLDINGS, before))
        || (word.eq_ignore_ascii_case("to") && is(&["home", "back"], before))
        || (word.eq_ignore_ascii_case("of") && is(OF_A_PLACE, before));
    leads && !possessive
}

/// The candidate nearest before `i`, else the first one after it.
fn nearest(candidates: &[usize], i: usize) -> Option<usize> {
    let before = candidates.partition_point(|&c| c < i);
    before.checked_sub(1).map(|b| candidates[b]).or_else(|| candidates.get(before).copied())
}

/// One summary per cluster, in order of first mention.
pub(crate) fn cluster_summaries(text: &str, entities: &[Entity]) -> Vec<Cluster> {
    // The fullest name names the cluster: not an acronym, the most characters once a
    // possessive is set aside, and the bare form over the possessive one.
    let proper = |s: Span| {
        let t = s.slice(text);
        let bare = strip_possessive(t);
        (acronym(t).is_none(), bare.chars().count(), bare.len() == t.len())
    };
    let mut index_of: FnvMap<usize, usize> = FnvMap::default();
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
        let got: Vec<(&str, &str)> = entities.iter().map(|e| (e.span.slice(&text), entities[e.cluster].span.slice(&text))).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn surnames_join_the_full_name() {
        check(
            "[P|Vladimir Putin] met [P|Víktor Orbán]. [P|Putin] said [P|Orbán’s] plan failed. [P|Orban] left.",
            &[
                ("Vladimir Putin", "Vladimir Putin"),
                ("Víktor Orbán", "Víktor Orbán"),
                ("Putin", "Vladimir Putin"),
                ("Orbán’s", "Víktor Orbán"),
                ("Orban", "Víktor Orbán"),
            ],
        );
    }

    #[test]
    fn a_surname_tagged_as_something_else_is_still_the_person() {
        check(
            "[P|Víktor Orbán] spoke. [L|Orbán] said no. [O|Orbán] left.",
            &[("Víktor Orbán", "Víktor Orbán"), ("Orbán", "Víktor Orbán"), ("Orbán", "Víktor Orbán")],
        );
    }

    #[test]
    fn a_multi_word_surname_joins_the_full_name() {
        check(
            "[P|Mairéad Ní Bhriain] spoke. [P|Ní Bhriain] left. [P|Bhriain] too.",
            &[("Mairéad Ní Bhriain", "Mairéad Ní Bhriain"), ("Ní Bhriain", "Mairéad Ní Bhriain"), ("Bhriain", "Mairéad Ní Bhriain")],
        );
    }

    #[test]
    fn a_surname_shared_by_two_people_joins_neither() {
        check(
            "[P|Bill Clinton] and [P|Hillary Clinton] spoke. [P|Clinton] smiled. [P|Hillary Clinton] left.",
            &[
                ("Bill Clinton", "Bill Clinton"),
                ("Hillary Clinton", "Hillary Clinton"),
                ("Clinton", "Clinton"),
                ("Hillary Clinton", "Hillary Clinton"),
            ],
        );
        // The same full name twice does not compete with itself.
        check(
            "[P|Tomasz Wrona] came. [P|Wrona] sat. [P|Tomasz Wrona] went.",
            &[("Tomasz Wrona", "Tomasz Wrona"), ("Wrona", "Tomasz Wrona"), ("Tomasz Wrona", "Tomasz Wrona")],
        );
    }

    #[test]
    fn suffixes_and_particles() {
        check(
            "[P|Dale P. Harlow Jr.] thanked [P|Ada Mendel III]. [P|Harlow] and [P|Mendel] left; [P|Harlow Jr.] stayed.",
            &[
                ("Dale P. Harlow Jr.", "Dale P. Harlow Jr."),
                ("Ada Mendel III", "Ada Mendel III"),
                ("Harlow", "Dale P. Harlow Jr."),
                ("Mendel", "Ada Mendel III"),
                ("Harlow Jr.", "Dale P. Harlow Jr."),
            ],
        );
        // Father and son compete for the bare surname.
        check(
            "[P|Dale Harlow] and [P|Dale Harlow Jr.] came. [P|Harlow] spoke.",
            &[("Dale Harlow", "Dale Harlow"), ("Dale Harlow Jr.", "Dale Harlow Jr."), ("Harlow", "Harlow")],
        );
        check(
            "[P|João Pedro Neto dos Anjos] spoke; [P|Neto] and [P|dos Anjos] agreed.",
            &[
                ("João Pedro Neto dos Anjos", "João Pedro Neto dos Anjos"),
                ("Neto", "João Pedro Neto dos Anjos"),
                ("dos Anjos", "João Pedro Neto dos Anjos"),
            ],
        );
    }

    #[test]
    fn places_and_companies_are_not_surnames() {
        check("[P|Leila Jordan] visited [L|Jordan]; [P|Sam Ford] left [O|Ford Motor] and [O|Ford] fell. [O|Jordan] said no. The seeded [L|Jordan] lost in [L|Jordan]'s town.", &[
            ("Leila Jordan", "Leila Jordan"),
            ("Jordan", "Jordan"),
            ("Sam Ford", "Sam Ford"),
            ("Ford Motor", "Ford Motor"),
            // The company's short form: "Ford Motor" in full before.
            ("Ford", "Ford Motor"),
            ("Jordan", "Leila Jordan"),
            ("Jordan", "Leila Jordan"),
            ("Jordan", "Leila Jordan"),
        ]);
    }

    #[test]
    fn an_organisations_short_form_is_that_organisation() {
        let marked = "[O|Brannvik Shipping Lines] cut two routes. [P|Brannvik] blamed fuel, and [O|Brannvik Shipping] \
                      said more. [L|Osk] and the [O|Osk Harbour Board] met. [O|Keltra Bank] and [O|Keltra Foods] grew; \
                      [O|Keltra] gained. [P|Ada Morrow] founded [O|Morrow Foods]; [P|Morrow] said so.";
        check(
            marked,
            &[
                ("Brannvik Shipping Lines", "Brannvik Shipping Lines"),
                ("Brannvik", "Brannvik Shipping Lines"),
                ("Brannvik Shipping", "Brannvik Shipping Lines"),
                // The town a board is named after is another entity.
                ("Osk", "Osk"),
                ("Osk Harbour Board", "Osk Harbour Board"),
                // Two companies share the short form: neither.
                ("Keltra Bank", "Keltra Bank"),
                ("Keltra Foods", "Keltra Foods"),
                ("Keltra", "Keltra"),
                // A person named in full is the surname's.
                ("Ada Morrow", "Ada Morrow"),
                ("Morrow Foods", "Morrow Foods"),
                ("Morrow", "Ada Morrow"),
            ],
        );
        let text = "Brannvik Shipping Lines cut routes. Brannvik blamed fuel.";
        let mentions = vec![(Span::new(0, 23), Label::Org), (Span::new(36, 44), Label::Person)];
        let labels: Vec<Label> = assign(text, mentions).iter().map(|e| e.label).collect();
        assert_eq!(labels, [Label::Org, Label::Org]);
    }

    #[test]
    fn a_city_and_the_club_named_after_it_stay_apart() {
        let text = "Leeds won at home. Fans of Leeds drove back to Leeds, where the mayor of Leeds met Leeds's players in Leeds.";
        let at = |from: usize| {
            let start = text[from..].find("Leeds").unwrap() + from;
            Span::new(start, start + 5)
        };
        let mut spans = vec![at(0)];
        for _ in 0..5 {
            spans.push(at(spans.last().unwrap().end));
        }
        let entities = assign(text, spans.iter().map(|&s| (s, Label::Org)).collect());
        let labels: Vec<Label> = entities.iter().map(|e| e.label).collect();
        // "back to Leeds", "mayor of Leeds" and "in Leeds" are the city; the club wins, has fans and players.
        assert_eq!(labels, [Label::Org, Label::Org, Label::Place, Label::Place, Label::Org, Label::Place]);
        let clusters: Vec<usize> = entities.iter().map(|e| e.cluster).collect();
        assert_eq!(clusters, [0, 0, 2, 2, 0, 2]);
        // A club moved to, lost to or whose shares are in demand stays the club.
        let text = "Ivo moved to Leeds after Leeds lost to Leeds. Shares in Leeds rose.";
        let spans: Vec<Span> = text.match_indices("Leeds").map(|(at, _)| Span::new(at, at + 5)).collect();
        let labels: Vec<Label> = assign(text, spans.iter().map(|&s| (s, Label::Org)).collect()).iter().map(|e| e.label).collect();
        assert_eq!(labels, [Label::Org; 4]);
    }

    #[test]
    fn a_long_form_is_spelled_by_its_initials_with_or_without_what_follows_of() {
        check(
            "The [L|Union of Soviet Socialist Republics], the [L|USSR] and the [L|US]; [L|United States of America].",
            &[
                ("Union of Soviet Socialist Republics", "Union of Soviet Socialist Republics"),
                ("USSR", "Union of Soviet Socialist Republics"),
                ("US", "US"),
                ("United States of America", "US"),
            ],
        );
    }

    #[test]
    fn an_acronym_takes_the_label_of_the_name_it_spells() {
        let text = "the United Kingdom and the UK";
        let entities = assign(text, vec![(Span::new(4, 18), Label::Place), (Span::new(27, 29), Label::Misc)]);
        assert_eq!(entities[1].cluster, 0);
        assert_eq!(entities[1].label, Label::Place);
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

    /// A pasted page's no-break, narrow and thin spaces part words as a space does.
    #[test]
    fn keys_read_any_space_as_a_space() {
        for space in ['\u{A0}', '\u{202F}', '\u{2009}'] {
            assert_eq!(key(&format!("the{space}Northwind{space}Bank")), "northwind bank");
            assert_eq!(key(&format!("Robert{space}F.{space}Kennedy{space}Jr.")), "robert f kennedy jr");
        }
        assert_eq!(key("Theodora"), "theodora");
        check(
            "[O|the\u{A0}Northwind\u{A0}Bank] lent; [O|Northwind Bank] agreed. [P|Helena\u{A0}Marsh] and [P|Marsh] spoke.",
            &[
                ("the\u{A0}Northwind\u{A0}Bank", "the\u{A0}Northwind\u{A0}Bank"),
                ("Northwind Bank", "the\u{A0}Northwind\u{A0}Bank"),
                ("Helena\u{A0}Marsh", "Helena\u{A0}Marsh"),
                ("Marsh", "Helena\u{A0}Marsh"),
            ],
        );
    }

    #[test]
    fn different_entities_stay_apart() {
        check(
            "[L|Georgia] and [P|Georgia] differ; [G|Russian] is not [L|Russia].",
            &[("Georgia", "Georgia"), ("Georgia", "Georgia"), ("Russian", "Russian"), ("Russia", "Russia")],
        );
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
        let mentions = vec![
            (s("Putin"), Label::Person),
            (s("Orbán"), Label::Person),
            (s("Vladimir Putin's"), Label::Person),
            (s2("Putin"), Label::Person),
        ];
        let entities = assign(text, mentions);
        let summaries = cluster_summaries(text, &entities);
        assert_eq!(summaries.len(), 2);
        assert_eq!(summaries[0].mentions, 3);
        assert_eq!(summaries[0].name.slice(text), "Vladimir Putin's");
        let text = "Vladimir Putin's aide met Vladimir Putin and Putin's.";
        let entities =
            assign(text, vec![(Span::new(0, 16), Label::Person), (Span::new(26, 40), Label::Person), (Span::new(45, 52), Label::Person)]);
        let summaries = cluster_summaries(text, &entities);
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].name.slice(text), "Vladimir Putin");
    }

    #[test]
    fn a_place_after_a_curly_quote_mark_is_read_without_panic() {
        // Regression: the word before the name was cut inside a multi-byte quote mark.
        let text = "She wrote “Jordan” and then flew to “Jordan” again.";
        let first = text.find("Jordan").unwrap();
        assert!(!reads_as_a_place(text, Span::new(first, first + "Jordan".len())));
        let text = "They flew to Jordan.";
        let at = text.find("Jordan").unwrap();
        assert!(reads_as_a_place(text, Span::new(at, at + "Jordan".len())));
    }
}
