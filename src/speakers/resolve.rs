//! Who a mention refers to: every name, pronoun and nominal outside quotations is linked, in
//! text order, to a *representative* name mention (the first full name of its referent), so "he"
//! three paragraphs after "Russian President Vladimir Putin" leads back to "Vladimir Putin".
//!
//! Names link by entity cluster when the tagger gave one, else by surname ("Putin" → "Vladimir
//! Putin"). A pronoun takes the most recent compatible referent in subject position (not the
//! object of a preposition or a verb: "talks with Putin" does not make Putin the next "he"). A
//! nominal first looks for a referent its words describe ("the Russian president" → the person
//! introduced as "Russian President …"), then for the most recent compatible one. A subject
//! nominal that finds no one is someone new known by no name ("A docker said …"): later
//! pronouns and role nouns may refer to it when no name fits (`introduced`).
//!
//! The look-back is bounded (`MAX_LOOK_BACK` referents, `MAX_PARAGRAPHS_BACK` paragraphs), so
//! the cost stays linear in the text.

use crate::text::hashing::FnvMap;

use super::lexicon::{Gender, LEXICON};
use super::mention::{Class, Mention, Token};
use crate::analysis::{Entity, Label, MentionKind};

const MAX_LOOK_BACK: usize = 40;
const MAX_PARAGRAPHS_BACK: usize = 8;
const MAX_DESCRIPTORS: usize = 32;

/// What resolution found for one mention.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Referent {
    /// Index into the mentions of the referent's representative name mention.
    pub name: Option<usize>,
    /// The entity cluster, when entities were given.
    pub cluster: Option<usize>,
}

/// A referent seen so far, in text order.
struct Seen {
    rep: usize,
    class: Class,
    paragraph: usize,
    /// In subject position: may be taken up by a later pronoun.
    salient: bool,
}

/// True when the word before token `first` leaves a mention starting there in subject position.
pub(crate) fn in_subject_position(tokens: &[Token], first: usize) -> bool {
    let Some(prev) = first.checked_sub(1).map(|p| &tokens[p]) else { return true };
    if !prev.is_word {
        // A name in brackets is an aside: the agency of a dateline, "BOSTON (AP) —", a party,
        // "Sen. Ann Holt (D-Ore.)".
        return !matches!(prev.lower.as_str(), "’s" | "(" | "[");
    }
    matches!(
        prev.lower.as_str(),
        "and" | "but" | "that" | "while" | "when" | "as" | "because" | "which" | "although" | "though" | "so" | "if" | "where"
            | "then" | "whom" | "who" | "since" | "until" | "once" | "however" | "also"
            // An inverted reporting clause: “…,” said Jonas Weber.
            | "said" | "says" | "added" | "adds" | "asked" | "asks" | "wrote" | "writes" | "continued" | "explained" | "noted"
            | "recalled" | "insisted" | "argued" | "replied" | "according"
    ) || prev.lower == "to" && first >= 2 && tokens[first - 2].lower == "according"
}

/// Whether a name opening its paragraph stands before a dash and a new sentence, perhaps with a
/// bracket between: a dateline ("BOSTON (AP) — The …") or a section's label ("ANALYSIS — The
/// …"), which no later mention refers to ("Trump — who …" is a subject).
fn is_a_heading(tokens: &[Token], m: &Mention) -> bool {
    let opens = m.first_token.checked_sub(1).map_or(true, |p| !tokens[p].is_word);
    let mut k = m.last_token + 1;
    if tokens.get(k).is_some_and(|t| t.lower == "(") {
        k += tokens[k..].iter().take(5).position(|t| t.lower == ")").map_or(0, |p| p + 1);
    }
    let dash = tokens.get(k).is_some_and(|t| matches!(t.lower.as_str(), "—" | "–" | "-" | "--" | "―"));
    opens && dash && tokens.get(k + 1).is_some_and(|t| t.capitalised)
}

/// Whether `lower` marks its noun phrase as possessed: a possessive determiner or "'s".
fn is_possessive(lower: &str) -> bool {
    matches!(lower, "his" | "her" | "its" | "their" | "my" | "our" | "your" | "'s" | "’s")
}

/// The nominal starting at token `first` opens with an indefinite determiner ("a", "an", "one", "another").
fn is_indefinite(tokens: &[Token], first: usize) -> bool {
    let det = |k: usize| tokens.get(k).is_some_and(|t| matches!(t.lower.as_str(), "a" | "an" | "one" | "another" | "some"));
    det(first) || first > 0 && det(first - 1)
}

/// True when a reporting verb follows at token `k`, perhaps after auxiliaries ("Caddell has said").
fn reports_speech(tokens: &[Token], mut k: usize) -> bool {
    while tokens.get(k).is_some_and(|t| LEXICON.linking_words.contains(t.lower.as_str())) {
        k += 1;
    }
    tokens.get(k).is_some_and(|t| crate::quotes::CUES.is_cue_word(&t.lower))
}

/// The referents seen last, within the look-back.
fn recent(pool: &[Seen], paragraph: usize) -> impl Iterator<Item = &Seen> {
    pool.iter().rev().take(MAX_LOOK_BACK).take_while(move |s| paragraph.saturating_sub(s.paragraph) <= MAX_PARAGRAPHS_BACK)
}

/// A nominal that names no one known yet introduces a referent of its own when it is a subject
/// and not the appositive of the name before it ("Tom Rask, a spokesman, said" is Tom Rask): the
/// rookie, the witness or the nurse a report goes on to call "he", "she" or "the nurse". Its
/// index is then its own representative.
fn introduced(tokens: &[Token], mentions: &[Mention], i: usize, salient: bool) -> Option<usize> {
    let first = mentions[i].first_token;
    let after_name = i > 0 && mentions[i - 1].kind == MentionKind::Name && mentions[i - 1].last_token + 2 == first;
    let appositive = after_name && tokens[first - 1].lower == ",";
    (salient && !appositive && !matches!(mentions[i].class, Class::Place | Class::Unknown)).then_some(i)
}

/// Can a referent of `class` be called what `mention` calls it?
fn compatible(mention: &Mention, class: Class) -> bool {
    let gender_fits = |want: Option<Gender>, have: Option<Gender>| want.is_none() || have.is_none() || want == have;
    match (mention.class, class) {
        (_, Class::Place) => false,
        (Class::Person(want), Class::Person(have)) => gender_fits(want, have),
        (Class::Person(_), Class::Unknown) => true,
        (Class::People, Class::People | Class::Org) => true,
        (Class::Org, Class::Org | Class::Unknown) => true,
        _ => false,
    }
}

/// The entity cluster of a PERSON or ORG entity overlapping `mention`, and the class it implies.
fn entity_of(mention: &Mention, entities: &[Entity]) -> Option<(usize, Class)> {
    let i = entities.partition_point(|e| e.span.end <= mention.span.start);
    let e = entities.get(i).filter(|e| e.span.overlaps(mention.span))?;
    let class = match e.label {
        Label::Person => match mention.class {
            Class::Person(g) => Class::Person(g),
            _ => Class::Person(None),
        },
        Label::Org => Class::Org,
        // Only people and organisations speak. Other labels say nothing either way: the tagger
        // is least sure of lone surnames ("According to Orbán" may come out as a place), and a
        // nominal such as "the Hungarian leader" merely contains a GROUP. The mention's own
        // evidence (gazetteers, titles, position) decides then.
        _ => return None,
    };
    Some((e.cluster, class))
}

/// Words describing a person given right after the name, up to the next stop: "Víktor Orbán,
/// Prime Minister of Hungary" describes him as prime, minister, hungary.
fn appositive_words(tokens: &[Token], after: usize) -> Vec<String> {
    let mut out = Vec::new();
    if tokens.get(after).map_or(true, |t| t.lower != ",") {
        return out;
    }
    let mut k = after + 1;
    while let Some(t) = tokens.get(k) {
        if !t.is_word || out.len() >= 8 {
            break;
        }
        // "After talks with Putin, the Hungarian leader said …" is a clause, not an appositive.
        if crate::quotes::CUES.is_cue_word(&t.lower) || LEXICON.linking_words.contains(t.lower.as_str()) {
            return Vec::new();
        }
        if t.lower == "of" && !tokens.get(k + 1).is_some_and(|n| n.capitalised) {
            break;
        }
        out.push(t.lower.trim_end_matches('.').to_string());
        k += 1;
    }
    out
}

/// Does a referent described by `words` fit the nominal `mention`?
fn describes(mention: &Mention, words: &[String]) -> bool {
    let Some((head, modifiers)) = mention.descriptors.split_last() else { return false };
    let has = |w: &str| words.iter().any(|x| x == w);
    let demonyms: Vec<&String> = modifiers.iter().filter(|m| LEXICON.demonym_country.contains_key(m.as_str())).collect();
    let nationality_fits = demonyms.iter().all(|d| has(d) || LEXICON.demonym_country.get(d.as_str()).is_some_and(|c| has(c)));
    nationality_fits && (has(head) || !demonyms.is_empty())
}

/// Resolves every mention; `paragraph_of[i]` is mention `i`'s paragraph.
pub(crate) fn resolve(tokens: &[Token], mentions: &mut [Mention], paragraph_of: &[usize], entities: &[Entity]) -> Vec<Referent> {
    let mut out = vec![Referent::default(); mentions.len()];
    let mut seen: Vec<Seen> = Vec::new();
    // Nominals that introduced a referent of their own (`introduced`), apart: names are looked
    // for first, as before such referents were kept.
    let mut nominals: Vec<Seen> = Vec::new();
    let mut by_surname: FnvMap<String, usize> = FnvMap::default();
    let mut by_cluster: FnvMap<usize, usize> = FnvMap::default();
    // Descriptions gathered for each representative: its titles and appositives.
    let mut described: FnvMap<usize, Vec<String>> = FnvMap::default();
    for i in 0..mentions.len() {
        let paragraph = paragraph_of[i];
        let entity = entity_of(&mentions[i], entities);
        if let Some((_, class)) = entity {
            if mentions[i].kind == MentionKind::Name {
                mentions[i].class = class;
            }
        }
        let kind = mentions[i].kind;
        let m = &mentions[i];
        let mut salient = in_subject_position(tokens, m.first_token);
        let rep = match m.kind {
            MentionKind::Name => {
                if m.class == Class::Place || is_a_heading(tokens, m) {
                    continue;
                }
                let linked = match entity {
                    Some((cluster, _)) => by_cluster.get(&cluster).copied(),
                    None => m.surname.as_ref().and_then(|s| by_surname.get(s)).copied(),
                };
                // A later "Putin" is whatever "Vladimir Putin" was; a conflicting gender means
                // another person of the same surname.
                let linked = linked.filter(|&r| compatible(&mentions[r], m.class) || m.class == Class::Unknown);
                let rep = linked.unwrap_or(i);
                if let Some((cluster, _)) = entity {
                    by_cluster.entry(cluster).or_insert(rep);
                }
                if let Some(s) = &m.surname {
                    by_surname.insert(s.clone(), rep);
                }
                if rep != i && m.class == Class::Unknown {
                    mentions[i].class = mentions[rep].class;
                }
                // A lone capitalised word opening a sentence may be any word ("Tanks were
                // discussed"): it is someone only once it is linked or reports speech.
                let m = &mentions[i];
                if rep == i && m.class == Class::Unknown && m.sentence_initial && m.first_token == m.last_token {
                    salient &= reports_speech(tokens, m.last_token + 1);
                }
                let words = described.entry(rep).or_default();
                for w in mentions[i].descriptors.iter().cloned().chain(appositive_words(tokens, mentions[i].last_token + 1)) {
                    // Deduplicated and capped, so that a name mentioned a thousand times is not
                    // a thousand times slower to match.
                    if words.len() < MAX_DESCRIPTORS && !words.contains(&w) {
                        words.push(w);
                    }
                }
                Some(rep)
            }
            MentionKind::Pronoun => {
                if m.class == Class::People && tokens[m.first_token].lower == "we" {
                    continue;
                }
                // Subjects first; when no subject fits (“Varga met police chief Rilke. … he
                // said”), the nearest person the pronoun can name, from this or the last paragraph.
                let pick = |pool: &Vec<Seen>| {
                    recent(pool, paragraph)
                        .find(|s| s.salient && compatible(m, s.class))
                        .or_else(|| {
                            let near = |s: &&Seen| paragraph.saturating_sub(s.paragraph) <= 1;
                            recent(pool, paragraph).filter(near).find(|s| s.class != Class::Unknown && compatible(m, s.class))
                        })
                        .map(|s| s.rep)
                };
                // Names first; a nominal known by no name only when no name fits.
                [&seen, &nominals].into_iter().find_map(pick)
            }
            // "A neighbour", "one resident": an indefinite nominal brings in someone new.
            MentionKind::Nominal if is_indefinite(tokens, m.first_token) => introduced(tokens, mentions, i, salient),
            MentionKind::Nominal => {
                // An appositive pair names one referent: "the Hungarian Foreign Minister, Péter
                // Szijjártó" / "Víktor Orbán, the Hungarian leader".
                let next_name = mentions[i + 1..mentions.len().min(i + 4)]
                    .iter()
                    .position(|n| n.first_token == m.last_token + 2 && n.kind == MentionKind::Name)
                    .map(|p| i + 1 + p)
                    .filter(|_| tokens.get(m.last_token + 1).is_some_and(|t| t.lower == ","));
                if let Some(n) = next_name {
                    // Resolved when the name itself is reached; link to it through its surname.
                    let surname = mentions[n].surname.clone();
                    surname.and_then(|s| by_surname.get(&s).copied()).or(Some(n)).filter(|_| m.class != Class::Org)
                } else {
                    // Salience alone names the referent only of a role noun of the lexicon ("the
                    // minister"): a subject found by its verb alone ("the festival poster says")
                    // may be no person at all, so it must describe the referent to join it.
                    let listed = |w: &str| LEXICON.heads.contains_key(w);
                    let head = tokens[m.last_token].lower.as_str();
                    // A role a person possesses ("his lawyer") is someone else than that person,
                    // the salient referent it would join: by description only ("Tom Reed, a lawyer
                    // for Harlow, … his lawyer said"). One a place or a company possesses may be
                    // the salient person ("Britain's prime minister", "its chief executive").
                    let possessed = (m.first_token.saturating_sub(1)..m.last_token).any(|k| is_possessive(&tokens[k].lower));
                    let a_persons = (m.first_token.saturating_sub(1)..m.last_token)
                        .any(|k| matches!(tokens[k].lower.as_str(), "his" | "her" | "my" | "our" | "your"));
                    let role_noun = (listed(head) || head.strip_suffix('s').is_some_and(listed)) && !a_persons;
                    // Nor is any possessed role its own possessor ("Harlow's lawyer", "the mayor's
                    // spokesman", "Britain's prime minister").
                    let owner = (m.first_token.saturating_sub(1)..m.last_token)
                        .filter(|&k| matches!(tokens[k].lower.as_str(), "'s" | "’s"))
                        .find_map(|k| mentions[..i].iter().rposition(|p| p.last_token + 1 == k))
                        .map(|j| out[j].name.unwrap_or(j));
                    // By salience, a role noun joins a named referent only: someone known by no
                    // name is known by the words of a description, and another role noun is
                    // someone else ("“…?” a reporter asked. “No,” the senator replied").
                    let pick = |pool: &Vec<Seen>, by_salience: bool| {
                        let recent = || recent(pool, paragraph).filter(|s| Some(s.rep) != owner);
                        recent()
                            .find(|s| compatible(m, s.class) && described.get(&s.rep).is_some_and(|words| describes(m, words)))
                            .or_else(|| recent().find(|s| by_salience && role_noun && s.salient && compatible(m, s.class)))
                            .map(|s| s.rep)
                    };
                    // Two possessed roles with the same words may belong to two owners ("his
                    // campaign", "her campaign"): a possessed role joins a name only.
                    let nominal = || if possessed { None } else { pick(&nominals, false) };
                    pick(&seen, true).or_else(nominal).or_else(|| introduced(tokens, mentions, i, salient))
                }
            }
        };
        let Some(rep) = rep else { continue };
        if mentions[rep].kind == MentionKind::Nominal {
            // Someone known by no name: later mentions may refer to the nominal ("A docker said
            // … “…,” he added"; "the docker"), but it refers to no one itself.
            if rep == i {
                described.insert(i, mentions[i].descriptors.clone());
            } else {
                out[i] = Referent { name: Some(rep), cluster: None };
            }
            nominals.push(Seen { rep, class: mentions[rep].class, paragraph, salient });
            continue;
        }
        let class = match mentions[rep].class {
            Class::Unknown => mentions[i].class,
            c => c,
        };
        out[i] = Referent { name: Some(rep), cluster: entity.map(|(c, _)| c) };
        seen.push(Seen { rep, class: if kind == MentionKind::Name { mentions[i].class } else { class }, paragraph, salient });
    }
    // Each referent is named by its fullest name: a headline's "Keller" is Anna Keller.
    let mut fullest: FnvMap<usize, usize> = FnvMap::default();
    for (i, r) in out.iter().enumerate() {
        if let (Some(rep), MentionKind::Name) = (r.name, mentions[i].kind) {
            let best = fullest.entry(rep).or_insert(rep);
            if mentions[i].span.len() > mentions[*best].span.len() {
                *best = i;
            }
        }
    }
    for r in out.iter_mut() {
        r.name = r.name.map(|rep| fullest.get(&rep).copied().unwrap_or(rep));
    }
    // A representative's cluster is its mentions' cluster.
    for i in 0..out.len() {
        if out[i].cluster.is_none() {
            if let Some(rep) = out[i].name {
                out[i].cluster = out[rep].cluster;
            }
        }
    }
    out
}
