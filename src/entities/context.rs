//! Names typed by the words around them, whatever the tagger made of a name it never saw:
//!
//! - an appositive: in "Keltra, a Danish software company, said" or "Mara Lind, the company's
//!   spokeswoman," the noun phrase says what the name is. Its head noun is looked up in the
//!   nominal heads of `speakers::lexicon` (src/data/speakers/nominal_heads.txt): an
//!   organisation head makes the name an organisation, a one-person head a person;
//! - shares: "shares in Keltra", "a stake of Keltra", "Keltra shares fell", "Keltra's chief
//!   executive", "Keltra's shareholders" — a company, unless the word lists know the name as a
//!   place or a nationality ("shares in Hungary", "Tokyo stocks"); a capitalised word the
//!   tagger passed over before "shares" is then a name too;
//! - a workplace: "employees at Keltra", "staff of Keltra", "an analyst at Keltra" — a company,
//!   unless a listed place;
//! - "its": "Keltra said it would cut 20% of its staff" — a subject the clause calls "its" is
//!   no person;
//! - a speaker: "Keltra said" — a one-word name the tagger took for a place but that the place
//!   list does not hold speaks as an organisation (a place that speaks is a country or a city,
//!   which the list holds: "Norway said").
//! - a subject: "…, and Keltra suspended the account" — a capitalised word in running text that
//!   the tagger passed over (or read as a one-word person's name), after a word that opens a
//!   clause and before a verb in the past tense that takes an object, is a name, and an
//!   organisation's (an agent; an ideology, era or
//!   meal is the subject of verbs without one: "after Communism collapsed in the east"); so is
//!   one after "a spokesperson for" or posted on ("wrote on Twitter that"): the
//!   tagger passes over a capitalised word it reads as its everyday homograph ("twitter" has the
//!   word class of "statement" and "interview", "Apple" that of a fruit), and companies and
//!   brands are the names made of everyday words (people's are in the name lists, places in the
//!   place list, and a listed word is left alone). This one rule runs before `consistency`
//!   (`subjects`), so that the name's other mentions take its label ("fine Apple").
//! - a definition: "Tolvik is a town in …", "Keltra is a Finnish software company", "Frost Mile
//!   is an album by …" — the lead sentence of an encyclopedia article says what its subject is,
//!   and the head of the noun phrase after "is a|an|the" types the name at every mention of it
//!   in the text (a place noun, an organisation noun, or a noun for a work, a law, an event or
//!   a language, MISC in CoNLL's guidelines); and "the Tolva department|region|valley": a name
//!   before a noun for a division of land or a feature of it is a place. The tagger, trained on
//!   1996 Reuters, reads an unknown one-word name at a sentence's start as anything.
//! - a group: "the ban on Muslims" — the plural of a word of the nationality or group lists,
//!   which the tagger passed over, names people (`groups_passed_over`);
//! - a place: "docked in Cardiff", "the storm reached Cornwall" — a one-word name of the place
//!   list after a preposition or verb of place is that place, not the club the sports pages the
//!   tagger learnt from name after it (`places_after_a_preposition`).

use std::sync::LazyLock;

use super::features::Doc;
use super::gazetteer;
use super::word_classes::WordClasses;
use crate::analysis::{Entity, Label, Span};
use crate::speakers::lexicon::{HeadClass, LEXICON};
use crate::text::data::{lines, listed, FUNCTION_WORDS};
use crate::text::hashing::hash_lower;

/// Words that start what modifies an appositive's head ("a minister of state", "a company
/// that").
const MODIFIERS: &[&str] = &["of", "for", "with", "at", "in", "on", "from", "by", "to", "that", "which", "who", "whose", "and", "or"];

/// Longest modifier after an appositive's head, in tokens ("for the ministry", "with Keltra
/// Info Group").
const MAX_MODIFIER: usize = 4;

/// Longest appositive noun phrase considered after its article, in tokens.
const MAX_PHRASE: usize = 6;

/// Words for what one owns of a company, before "in" or "of" and its name.
pub(crate) const HOLDINGS: &[&str] = &["shares", "share", "stake", "stakes", "stock", "stocks"];

/// Words for what one owns of a company, right after its name ("Keltra shares").
const HOLDINGS_AFTER: &[&str] = &["shares", "stock", "stocks"];

/// What only a company has, after its name and a possessive ("Keltra's chief executive",
/// "Velmora Motors' shareholders"): no person or town has a chief executive, shareholders or a
/// subsidiary. Words a country or a person may own too ("founder", "board", "revenue",
/// "employees", "headquarters", "shareholder letter") stay out; "chief" counts only before a word
/// of `CHIEF_OF`, and "stock" or "shares" only before a word of `PRICE_MOVES` or punctuation (a
/// person owns shares and stock too: "Dorn's shares in Keltra", "Dorn's stock picks").
const COMPANY_PARTS: &str = "ceo cfo coo cto shareholders subsidiary subsidiaries";

/// Verbs for how a company's shares moved ("Keltra's stock fell", "Keltra's shares closed").
const PRICE_MOVES: &str = "fell rose jumped slid sank climbed dropped gained closed surged tumbled plunged soared slumped rallied \
                           traded ended opened edged slipped fall rise jump slide sink climb drop gain close surge tumble plunge soar";

/// Words that may stand between the possessive and a company's part ("Keltra's current
/// shareholders", "Osk's former chief executive").
const PART_QUALIFIERS: &str = "current former new largest biggest major minority majority existing";

/// Words after "chief" that make it a company's officer ("chief executive", "chief financial
/// officer"), not a town's ("chief constable") or a tribe's.
const CHIEF_OF: &str = "executive financial operating technology commercial";

/// Words for the people who work at a place of work, before "at" or "of" and its name.
const WORKFORCE: &[&str] = &["employees", "employee", "staff", "workers", "worker", "executives", "engineers"];

/// Words after which a clause, and so its subject, begins ("…, and Keltra suspended"):
/// conjunctions and subordinators.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "or", "nor", "yet", "so", "while", "whereas", "when", "after", "before", "because", "since", "until", "although",
    "though", "if", "as", "that", "once", "where",
];

/// Words that open a verb's object ("suspended the account", "banned his posts", "removed
/// it", "shares more"): determiners, quantifiers, possessives and object pronouns. A verb with
/// its object right after it is transitive and its subject an agent ("Twitter suspended the account"); an ideology, an era or
/// a meal is the subject of a verb without one ("after Communism collapsed in the east", "after
/// Apartheid ended", "Breakfast started late").
const OBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "some", "more", "much", "no", "it",
    "him", "them", "us",
];

/// Verbs of speech whose subject names a speaker.
const SAYS: &[&str] = &["said", "says"];

/// Words for one who speaks for an organisation, before "for" and its name.
const SPOKES: &[&str] = &["spokesperson", "spokesman", "spokeswoman"];

/// Verbs of posting or appearing, before "on" and a platform ("wrote on Twitter").
const POSTS: &[&str] = &["said", "wrote", "posted", "tweeted", "shared", "appeared", "announced"];

/// Applies the rules of the module comment to `entities` (the tagger's names in `text`).
pub(crate) fn apply(text: &str, doc: &Doc, entities: Vec<Entity>) -> Vec<Entity> {
    let entities = speakers(text, doc, holdings(text, doc, appositives(text, doc, entities)));
    let entities = referred_to_as_it(text, doc, entities);
    let entities = places_in_their_setting(text, doc, places_by_their_nouns(text, doc, definitions(text, doc, entities)));
    groups_passed_over(text, doc, places_after_a_preposition(text, doc, entities))
}

/// Adds as a group each capitalised word the tagger passed over that is the plural of a word of
/// the nationality or group lists ("the ban on Muslims", "Serbs and Croats"): a tagger that has
/// seen "Moslems" in 1996 news need not know "Muslims". Not at a sentence's start, where a
/// capital says nothing ("Conservatives have only ten seats" may be anyone conservative), nor
/// on a line in capitals, whose words `recase` sees to.
fn groups_passed_over(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let mut added = Vec::new();
    let mut next_entity = 0;
    for t in &doc.tokens {
        while entities.get(next_entity).is_some_and(|e| e.span.end <= t.span.start) {
            next_entity += 1;
        }
        let w = t.span.slice(text);
        if entities.get(next_entity).is_some_and(|e| e.span.start < t.span.end)
            || !w.starts_with(char::is_uppercase)
            || t.sentence_start
            || doc.lines[t.line as usize].caseless()
            || !gazetteer::is_plural_of_a_group_word(w)
        {
            continue;
        }
        added.push(Entity { span: t.span, label: Label::Group, cluster: 0 });
    }
    if !added.is_empty() {
        entities.extend(added);
        crate::order::sort_by_key(&mut entities, |e| (e.span.start, 0));
    }
    entities
}

/// Prepositions and verbs before a place ("in", "near", "reached"). Not those of the sports
/// pages: "a win over Cardiff", "lost to Cardiff", "joined from Nantes", "5 at Cleveland",
/// "the title race swung towards Leeds" are clubs (CoNLL-2003 dev has "from Nantes" and "at
/// Cleveland").
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "across", "throughout", "outside", "inside", "into", "around", "visited", "reached"];

/// Relabels as a place a one-word name the place list holds (and neither name list: "Jordan",
/// "Florence") when it follows a word of `PLACE_PREPOSITIONS` ("docked in Cardiff", "the storm
/// reached Cornwall") and owns nothing after it ("in Cardiff's squad", "at Cardiff airport" keep
/// their label), except after a word for what one owns ("shares in Keltra"). The tagger,
/// trained on 1996 Reuters whose sport pages name clubs after towns, reads a town as a club or
/// a person; in CoNLL-2003 train such a name after these words is a place 470 times in 475.
fn places_after_a_preposition(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(text));
    for e in entities.iter_mut().filter(|e| matches!(e.label, Label::Org | Label::Person | Label::Misc)) {
        let (Some(i), Some(last)) = (token_starting_at(doc, e.span.start), token_ending_at(doc, e.span.end)) else { continue };
        if i != last || i == 0 || doc.tokens[i - 1].line != doc.tokens[i].line {
            continue;
        }
        let w = word(i);
        if !PLACE_PREPOSITIONS.contains(&word(i - 1).to_lowercase().as_str())
            || !gazetteer::is_place_word(w)
            || gazetteer::is_personal_name_word(w)
            || (i >= 2 && HOLDINGS.contains(&word(i - 2).to_lowercase().as_str()))
        {
            continue;
        }
        if !owns_what_follows(word(i + 1)) {
            e.label = Label::Place;
        }
    }
    entities
}

/// Whether the word after a name makes the name own what follows: a possessive, or a lower-case
/// word other than a function word ("Keltra Capital's office", "Cardiff headquarters"); such a
/// name is no setting.
fn owns_what_follows(next: &str) -> bool {
    matches!(next, "'s" | "’s") || (next.starts_with(char::is_lowercase) && !FUNCTION_WORDS.contains(next.to_lowercase().as_str()))
}

/// Participles that put what follows "in" at a place ("based in Tolva", "born in Osk").
const SITUATED: &[&str] = &["based", "located", "headquartered", "situated", "born"];

/// Relabels as places the names a text situates something in: the name right after "based|
/// located|headquartered|situated|born in" ("a club based in Greyholm": CoNLL's clubs named
/// after their town make the tagger read the town as the club), and the name after "in" or
/// "near" and before ", <a place>" closed by the sentence's end or a ".;)" ("in Greyholm,
/// Northumberland."): a place set in a larger one. Then the second name of such a pair too,
/// when the first is a place ("based in Fenwick, Lancashire."). Never after a word for what
/// one owns ("shares in Keltra, Osk").
fn places_in_their_setting(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(text));
    let ranges: Vec<Option<(usize, usize)>> =
        entities.iter().map(|e| Some((token_starting_at(doc, e.span.start)?, token_ending_at(doc, e.span.end)?))).collect();
    for k in 0..entities.len() {
        let Some((first, last)) = ranges[k] else { continue };
        if first < 2 || !matches!(entities[k].label, Label::Person | Label::Org | Label::Place | Label::Misc) {
            continue;
        }
        let line = doc.tokens[first].line;
        let on_line = |i: usize| doc.tokens.get(i).is_some_and(|t| t.line == line);
        let (p, before) = (word(first - 1), word(first - 2).to_lowercase());
        if !on_line(first - 2) || HOLDINGS.contains(&before.as_str()) {
            continue;
        }
        // A name that owns or names what follows is no setting ("based in Keltra Capital's
        // office", "located in Keltra Capital offices"), nor is an organisation's own form.
        // Asked only after "based|located|… in", not for every name.
        let a_setting = || {
            let words: Vec<&str> = (first..=last).map(word).collect();
            !owns_what_follows(word(last + 1)) && !super::is_an_organisation_form(&words)
        };
        let situated = p == "in" && SITUATED.contains(&before.as_str()) && a_setting();
        // The next name, when ", <name>" follows and the sentence or a ".;)" closes it.
        let pair = (word(last + 1) == "," && k + 1 < entities.len())
            .then(|| ranges[k + 1])
            .flatten()
            .filter(|&(a, b)| a == last + 2 && (!on_line(b + 1) || matches!(word(b + 1), "." | ";" | ")")));
        let set_in_a_place = matches!(p, "in" | "near") && pair.is_some() && entities[k + 1].label == Label::Place;
        if situated || set_in_a_place {
            entities[k].label = Label::Place;
            if let Some((a, _)) = pair.filter(|_| situated) {
                if entities[k + 1].label == Label::Org && doc.tokens[a].span.start == entities[k + 1].span.start {
                    entities[k + 1].label = Label::Place;
                }
            }
        }
    }
    entities
}

/// A head noun of src/data/defining_nouns.txt: the label it gives a definition's subject, and
/// whether it may follow a place's name as a common noun ("the Calvados department").
struct DefiningNoun {
    noun: &'static str,
    label: Label,
    after_a_name: bool,
}

static DEFINING_NOUNS: LazyLock<Vec<DefiningNoun>> = LazyLock::new(|| {
    lines(include_str!(concat!(env!("OUT_DIR"), "/defining_nouns.txt")))
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let noun = fields.next()?;
            let label = match fields.next()? {
                "place" => Label::Place,
                "org" => Label::Org,
                _ => Label::Misc,
            };
            Some(DefiningNoun { noun, label, after_a_name: fields.next() == Some("after") })
        })
        .collect()
});

/// The label a definition's head noun (lower case) gives its subject.
fn defining_label(head: &str) -> Option<Label> {
    DEFINING_NOUNS.iter().find(|n| n.noun == head).map(|n| n.label)
}

/// Whether `word` is a place noun that may follow a place's name ("the Ruhr valley").
fn is_a_place_noun_after_a_name(word: &str) -> bool {
    DEFINING_NOUNS.iter().any(|n| n.after_a_name && n.noun == word)
}

/// Words that end a definition's noun phrase besides `MODIFIERS` and punctuation.
const PHRASE_ENDS: &[&str] = &["known", "built", "run", "near", "where", "off", "along", "between", "located", "based", "about", "set"];

/// Symbol tokens skipped before a definition's subject ("🗞️ Keltra is …", "• Keltra is …").
const MAX_LEADING_SYMBOLS: usize = 3;

/// Longest subject of a definition, in tokens ("Fenwick Athletic Football Club").
const MAX_SUBJECT: usize = 6;

/// The label the noun phrase of a definition gives its subject, the phrase starting at token
/// `i` after "is|was|are|were a|an|the": its head is the last word before a modifier,
/// punctuation, a participle ("a company headquartered in") or a word of `PHRASE_ENDS`, in lower
/// case, within `MAX_PHRASE` words ("an English indie rock band formed in"). A head no list holds
/// gives none ("a city council member": "member").
fn defined_as(text: &str, doc: &Doc, i: usize) -> Option<Label> {
    let line = doc.tokens.get(i)?.line;
    // A participle ends the phrase when a preposition follows it ("a company headquartered in");
    // before a noun it is an adjective of the phrase ("a small fortified town").
    let a_preposition_follows = |n: usize| {
        doc.tokens.get(i + n + 1).is_some_and(|t| {
            matches!(t.span.slice(text), "in" | "by" | "at" | "on" | "near" | "from" | "for" | "to" | "as" | "after" | "with")
        })
    };
    let mut head = None;
    for (n, t) in doc.tokens[i..].iter().enumerate().take(MAX_PHRASE + 1) {
        let w = t.span.slice(text);
        let lower = w.to_lowercase();
        let ends = t.line != line
            || w.chars().all(|c| !c.is_alphanumeric())
            || MODIFIERS.contains(&lower.as_str())
            || PHRASE_ENDS.contains(&lower.as_str())
            || (n > 0 && lower.len() > 4 && lower.ends_with("ed") && head.is_some() && a_preposition_follows(n));
        if ends {
            return head.and_then(|h: String| defining_label(&h));
        }
        if n == MAX_PHRASE {
            return None;
        }
        head = Some(lower).filter(|_| w.starts_with(char::is_lowercase));
    }
    None
}

/// The definitions of the module comment: a run of capitalised words opening a sentence (after
/// symbols and a leading "The"; "of" inside: "Gulf of Bothnia"), perhaps a parenthesis ("(born 1968)"), then
/// "is|was|are|were a|an|the" and a noun phrase `defined_as` a place, an organisation or MISC.
/// The subject becomes one name of that label (the tagger's names inside it give way: "Creek" of
/// "Sable Creek"), and so does every other occurrence of the same words on token bounds that no
/// longer or crossing name holds. A subject the tagger found no name in is defined only as a
/// place or an organisation ("Football is a game" is no name); one opened by a first name of the name lists, an honorific or a title is
/// a person however defined ("Ana Ruiz is a developer", "Mr Dorn is a publisher"), but for a
/// place ("Florence is a city"). A name defined as two things is left alone. Linear in the text: one pass over the tokens, one merge with the entities.
fn definitions(text: &str, doc: &Doc, entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(text));
    let capitalised = |i: usize| word(i).starts_with(char::is_uppercase);
    let mut defined: Vec<(Span, Span, Label)> = Vec::new();
    for start in 0..doc.tokens.len() {
        let t = &doc.tokens[start];
        if !t.sentence_start {
            continue;
        }
        // Symbols before the sentence's first word (a bullet, an emoji) are no part of it; a few
        // at most, or a line of marks with a sentence start at each would be read once per start
        // (examples/linear.rs's `closing_nested`: quadratic).
        let mut lead = start;
        while lead + 1 < doc.tokens.len()
            && lead - start < MAX_LEADING_SYMBOLS
            && doc.tokens[lead + 1].line == t.line
            && !word(lead).chars().any(char::is_alphanumeric)
        {
            lead += 1;
        }
        let first = if word(lead) == "The" { lead + 1 } else { lead };
        let mut end = first;
        while end < doc.tokens.len()
            && end - first < MAX_SUBJECT
            && doc.tokens[end].line == t.line
            && (capitalised(end) || (word(end) == "of" && end > first && capitalised(end + 1)))
        {
            end += 1;
        }
        if end == first || FUNCTION_WORDS.contains(word(first).to_lowercase().as_str()) {
            continue;
        }
        let mut verb = end;
        if word(verb) == "(" {
            match (verb..(verb + 12).min(doc.tokens.len())).find(|&j| word(j) == ")") {
                Some(close) => verb = close + 1,
                None => continue,
            }
        }
        let copula = matches!(word(verb), "is" | "was" | "are" | "were");
        if !copula || !matches!(word(verb + 1), "a" | "an" | "the") || !doc.tokens.get(verb + 2).is_some_and(|v| v.line == t.line) {
            continue;
        }
        // A person may be defined by a noun of the list ("Ana Ruiz is a developer"); a place
        // may bear a first name ("Florence is a city").
        let subject = Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end);
        let a_person = gazetteer::is_first_name(word(first)) || super::is_honorific(word(first)) || super::is_title(word(first));
        let Some(label) = defined_as(text, doc, verb + 2).filter(|&l| l == Label::Place || !a_person) else { continue };
        // A one-word subject the tagger found no name in is defined only as a place or an
        // organisation: a work, a game or a language may be a common noun ("Football is a
        // game", "Chess is a board game"), a town or a company so defined hardly is ("Orlund is
        // a village"); a common noun has no second capitalised word ("Winter Stations is a
        // film", "Table tennis is a sport").
        if label == Label::Misc && end - first < 2 && !entities.iter().any(|e| e.span.start < subject.end && subject.start < e.span.end) {
            continue;
        }
        defined.push((subject, doc.tokens[first].span, label));
    }
    // One label a name: defined twice alike it counts once; defined as two things, not at all.
    let mut names: Vec<(&str, &str, Label)> =
        defined.iter().map(|&(span, first_word, label)| (span.slice(text), first_word.slice(text), label)).collect();
    crate::order::sort_by(&mut names, |a, b| (a.1, a.0).cmp(&(b.1, b.0)));
    let mut contested: Vec<&str> = names.windows(2).filter(|w| w[0].0 == w[1].0 && w[0].2 != w[1].2).map(|w| w[0].0).collect();
    crate::order::sort_by(&mut contested, |a, b| a.cmp(b));
    names.dedup_by(|a, b| a.0 == b.0);
    names.retain(|n| contested.binary_search(&n.0).is_err());
    // Every occurrence of a name on token bounds, the longest where several start at a token, in
    // one pass (the names found by their first word, a binary search), then one merge with the
    // entities: linear in the text whatever it defines.
    let mut found: Vec<(Span, Label)> = Vec::new();
    let mut t = 0;
    while t < doc.tokens.len() {
        let at = doc.tokens[t].span.start;
        let first_word = doc.tokens[t].span.slice(text);
        let from = names.partition_point(|n| n.1 < first_word);
        let to = names.partition_point(|n| n.1 <= first_word);
        let hit = names[from..to]
            .iter()
            .filter(|n| text[at..].starts_with(n.0))
            .filter_map(|n| Some((token_ending_at(doc, at + n.0.len())?, n)))
            .max_by_key(|(_, n)| n.0.len());
        match hit {
            Some((last, &(name, _, label))) => {
                found.push((Span::new(at, at + name.len()), label));
                t = last + 1;
            }
            None => t += 1,
        }
    }
    let mut merged = Vec::with_capacity(entities.len() + found.len());
    let mut rest = entities.into_iter().peekable();
    for (here, label) in found {
        while let Some(e) = rest.next_if(|e| e.span.end <= here.start) {
            merged.push(e);
        }
        let mut overlapping = Vec::new();
        while let Some(e) = rest.next_if(|e| e.span.start < here.end) {
            overlapping.push(e);
        }
        // The tagger's names inside it give way; a longer or crossing one stands.
        if overlapping.iter().all(|e| here.start <= e.span.start && e.span.end <= here.end) {
            merged.push(Entity { span: here, label, cluster: 0 });
        } else {
            merged.extend(overlapping);
        }
    }
    merged.extend(rest);
    merged
}

/// Relabels as a place a name the tagger typed otherwise between "the" and a lower-case noun of
/// src/data/defining_nouns.txt marked `after` that ends its phrase ("in the Calvados department.", "the Ruhr
/// valley and"): the noun says what the name is.
fn places_by_their_nouns(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(text));
    for e in entities.iter_mut().filter(|e| matches!(e.label, Label::Person | Label::Org | Label::Misc)) {
        let (Some(first), Some(last)) = (token_starting_at(doc, e.span.start), token_ending_at(doc, e.span.end)) else { continue };
        let same_line = |i: usize| doc.tokens.get(i).is_some_and(|t| t.line == doc.tokens[first].line);
        let after = word(last + 2).to_lowercase();
        let ends = !same_line(last + 2) || word(last + 2).chars().all(|c| !c.is_alphanumeric()) || MODIFIERS.contains(&after.as_str());
        if first > 0
            && word(first - 1).eq_ignore_ascii_case("the")
            && same_line(last + 1)
            && is_a_place_noun_after_a_name(word(last + 1))
            && ends
        {
            e.label = Label::Place;
        }
    }
    entities
}

/// Adds as an organisation each word that no name covers, in a line not all in capitals,
/// written with a capital and some lower-case letters ("Keltra", "VoxTel"), that does not open
/// its sentence and stands where an organisation acts, is spoken for or is posted on: after a
/// comma or a word of `CLAUSE_OPENERS` and before a verb in the past tense
/// (`is_a_past_tense_verb`) with its object right after it (a word of `OBJECT_OPENERS`); after
/// "a spokesperson for" (`SPOKES`) and not before a possessive ("for Early's campaign"); or
/// after a verb of `POSTS` and "on", before a function word or punctuation ("wrote on Twitter
/// that"; "on Budget day", "on Stage 5" are none). Not a plural ("Millennials": a group more
/// often than a company) nor an abbreviation ("Sept."); a word of a name the tagger read as a
/// person's is that person ("Rex Early … , Early described it"). Not before "said": a surname
/// no list holds ("Major said", "Cash said") speaks as often as a company.
/// The word must have a word class (a word of everyday news, which the tagger read as one: a
/// word it never saw, "in 1956, Ike refused", says nothing of its kind) and not one of people's
/// names (`WordClasses::is_of_people`: ", Trump dominated"), and be no function word, title,
/// noun for a speaker ("Speaker", "Police"), listed word (first names, surnames, places,
/// nationalities, organisation words) nor date ("Monday"). Run before `consistency`, which gives
/// the name's other mentions its label ("fine Apple" once "a spokesperson for Apple" is a
/// company). A word the tagger read as a one-word person's name in such a place is read again
/// by the same tests (a first name or a surname is a listed word, and left alone; a word the
/// tagger never saw has no class).
pub(crate) fn subjects(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| t.span.slice(text));
    let mut added = Vec::new();
    let mut relabelled = Vec::new();
    let mut next_entity = 0;
    for i in 1..doc.tokens.len().saturating_sub(1) {
        let t = &doc.tokens[i];
        while entities.get(next_entity).is_some_and(|e| e.span.end <= t.span.start) {
            next_entity += 1;
        }
        // A word the tagger read as a one-word person's name is read again: its everyday
        // homograph ("Twitter", "Apple") is no first name or surname, so the tagger guessed.
        // Not a MISC: an event or a competition acts too ("…, and Brexit dominated the summit",
        // "…, and Wimbledon changed its plans").
        let covering = entities.get(next_entity).filter(|e| e.span.start < t.span.end);
        let guessed_person = covering.is_some_and(|e| e.span == t.span && e.label == Label::Person);
        if (covering.is_some() && !guessed_person) || t.sentence_start || doc.lines[t.line as usize].caseless() {
            continue;
        }
        let on_line = |j: usize| doc.tokens.get(j).is_some_and(|o| o.line == t.line);
        if !on_line(i - 1) || !on_line(i + 1) {
            continue;
        }
        let w = word(i);
        // Most tokens are no name's form: asked first, before the words around them.
        let name_form = w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic) && w.chars().any(char::is_lowercase);
        if !name_form {
            continue;
        }
        let (prev, next) = (word(i - 1), word(i + 1));
        let acts = (prev == "," || CLAUSE_OPENERS.contains(&prev))
            && is_a_past_tense_verb(next)
            && on_line(i + 2)
            && OBJECT_OPENERS.contains(&word(i + 2));
        // "A spokesperson for Apple declined" (not "for Early's campaign": a person's).
        let spoken_for = prev == "for"
            && i >= 2
            && on_line(i - 2)
            && SPOKES.contains(&word(i - 2).to_lowercase().as_str())
            && !matches!(next, "'s" | "’s");
        // "wrote on Twitter that …", "appeared on Sky to …": where one posts or appears, before a
        // function word or punctuation ("on Budget day", "on Stage 5" are no platforms).
        let posted_on = prev == "on"
            && i >= 2
            && on_line(i - 2)
            && POSTS.contains(&word(i - 2))
            && (FUNCTION_WORDS.contains(next) || !next.chars().any(char::is_alphanumeric));
        // A plural ("Millennials") names a group more often than a company.
        let plural = w.ends_with('s') && !w.ends_with("ss");
        if plural || !(acts || spoken_for || posted_on) {
            continue;
        }
        let lower = w.to_lowercase();
        let class = WordClasses::shared().of_lower_hash(hash_lower(w));
        if class.fine == 0
            || WordClasses::shared().is_of_people(class)
            || FUNCTION_WORDS.contains(lower.as_str())
            || LEXICON.titles.contains_key(lower.as_str())
            || LEXICON.heads.contains_key(lower.as_str())
            || gazetteer::is_listed_word(w)
            || !super::patterns::find(w).is_empty()
            || crate::text::abbreviations::is_abbreviation(w)
        {
            continue;
        }
        // A word of a name the tagger read as a person's is that person ("Rex Early … , Early
        // described it", "Dr Apple … a spokesman for Apple").
        // Its words are the tokens the span holds (a no-break space parts them as a space does).
        let of_a_person = entities.iter().filter(|e| e.label == Label::Person && e.span != t.span).any(|e| {
            let first = doc.tokens.partition_point(|o| o.span.start < e.span.start);
            doc.tokens[first..].iter().take_while(|o| o.span.end <= e.span.end).any(|o| o.span.slice(text) == w)
        });
        if guessed_person {
            if !of_a_person {
                relabelled.push(next_entity);
            }
        } else {
            added.push(Entity { span: t.span, label: if of_a_person { Label::Person } else { Label::Org }, cluster: 0 });
        }
    }
    for k in relabelled {
        entities[k].label = Label::Org;
    }
    if !added.is_empty() {
        entities.extend(added);
        crate::order::sort_by_key(&mut entities, |e| (e.span.start, 0));
    }
    entities
}

/// Whether `word` reads as a verb in the past tense ("suspended"): a lower-case word of four
/// letters or more ending in "ed".
fn is_a_past_tense_verb(word: &str) -> bool {
    word.len() >= 4 && word.ends_with("ed") && word.chars().all(|c| c.is_ascii_lowercase())
}

/// Words that end the search for the "its" of a subject: words for people (a person is "his"
/// or "her") and determiners, which open another noun phrase "its" may refer to ("Dorn said the
/// company would sell its stake").
const NOT_ITS_SUBJECT: &[&str] =
    &["he", "she", "his", "her", "him", "they", "their", "them", "i", "we", "who", "the", "a", "an", "this", "that", "these", "those"];

/// Verbs after a subject besides a past tense (`is_a_past_tense_verb`): speech, modals, auxiliaries.
const SUBJECT_VERBS: &[&str] =
    &["said", "says", "will", "would", "could", "can", "may", "might", "should", "must", "has", "had", "is", "was"];

/// Longest run of words between a subject's verb and the "its" that refers back to it ("said it
/// would cut 20% of its staff").
const MAX_TO_ITS: usize = 9;

/// Relabels as an organisation a name the tagger read as a person when it is a clause's subject
/// (before a verb of `SUBJECT_VERBS` or a past tense) and the clause says "its" of it before any
/// punctuation, capitalised word or word of `NOT_ITS_SUBJECT` ("Keltra said it would cut 20% of
/// its staff", "said Keltra would ship its phone"); then every other mention of the same words
/// the tagger read as a person ("Keltra declined to comment": the tagger reads an unknown
/// company alike at each mention). Not a name with a word the lists hold or of a class of
/// people's names ("Trump said its"): those are people, and a slip would spread to every mention.
fn referred_to_as_it(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens[i].span.slice(text);
    let mut its: Vec<&str> = Vec::new();
    for e in entities.iter().filter(|e| e.label == Label::Person) {
        let (Some(first), Some(last)) = (token_starting_at(doc, e.span.start), token_ending_at(doc, e.span.end)) else { continue };
        let line = doc.tokens[last].line;
        let in_clause = |i: usize| doc.tokens.get(i).is_some_and(|t| t.line == line && !t.sentence_start);
        let verb = last + 1;
        if !in_clause(verb) || !(SUBJECT_VERBS.contains(&word(verb)) || is_a_past_tense_verb(word(verb))) {
            continue;
        }
        let mut refers = false;
        for i in verb + 1..=verb + MAX_TO_ITS {
            let w = if in_clause(i) { word(i) } else { "" };
            refers = w == "its";
            if refers
                || w.starts_with(char::is_uppercase)
                || NOT_ITS_SUBJECT.contains(&w)
                || !(w == "%" || w.chars().any(char::is_alphanumeric))
            {
                break;
            }
        }
        if refers && !(first..=last).any(|i| gazetteer::is_listed_word(word(i)) || super::may_name_a_person(word(i))) {
            its.push(e.span.slice(text));
        }
    }
    for e in entities.iter_mut().filter(|e| e.label == Label::Person && its.contains(&e.span.slice(text))) {
        e.label = Label::Org;
    }
    entities
}

/// Relabels as an organisation each one-word name in title case typed as a place that the place
/// list does not hold, right before "said" or "says".
fn speakers(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    for e in entities.iter_mut().filter(|e| e.label == Label::Place) {
        let Some(i) = token_starting_at(doc, e.span.start) else { continue };
        let word = e.span.slice(text);
        let one_word = doc.tokens[i].span.end == e.span.end;
        let mut chars = word.chars();
        let title_case = chars.next().is_some_and(char::is_uppercase) && chars.clone().next().is_some() && chars.all(char::is_lowercase);
        let says = doc.tokens.get(i + 1).is_some_and(|t| t.line == doc.tokens[i].line && SAYS.contains(&t.span.slice(text)));
        if one_word && title_case && says && !gazetteer::is_place_word(word) {
            e.label = Label::Org;
        }
    }
    entities
}

/// The token that starts at byte `at` (tokens are in text order, so a binary search: a map of
/// every token would cost more than the few names need).
fn token_starting_at(doc: &Doc, at: usize) -> Option<usize> {
    doc.tokens.binary_search_by_key(&at, |t| t.span.start).ok()
}

/// The token that ends at byte `at`.
fn token_ending_at(doc: &Doc, at: usize) -> Option<usize> {
    doc.tokens.binary_search_by_key(&at, |t| t.span.end).ok()
}

/// Relabels as an organisation each name after "shares|stake|stock in|of" or a word for a
/// workforce and "at|of", or before "shares|stock", that no list knows as a place or a
/// nationality; and adds as one a capitalised word before "shares|stock" that the tagger passed
/// over and that is no function word nor listed word ("Keltra shares fell", not "The shares").
fn holdings(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens[i].span.slice(text).to_lowercase();
    let same_line = |a: usize, b: usize| doc.tokens[a].line == doc.tokens[b].line;
    // "Keltra shares fell"; not the verb ("Osk shares the view", "Dorn shares more with her",
    // "Tolva shares with Osk").
    let before_holding = |last: usize| {
        let object =
            |i: usize| i < doc.tokens.len() && same_line(last, i) && (word(i) == "with" || OBJECT_OPENERS.contains(&word(i).as_str()));
        last + 1 < doc.tokens.len() && same_line(last, last + 1) && HOLDINGS_AFTER.contains(&word(last + 1).as_str()) && !object(last + 2)
    };
    let words = |first: usize, last: usize| doc.tokens[first..=last].iter().map(|t| t.span.slice(text));
    let mut companies: Vec<&str> = Vec::new();
    for e in entities.iter_mut() {
        let Some(first) = token_starting_at(doc, e.span.start) else { continue };
        let Some(last) = token_ending_at(doc, e.span.end) else { continue };
        // "shares in Keltra", "staff of Keltra"; not "at stake in Tolva", nor "workers in
        // Tolva" (where they work, not for whom).
        let after = first >= 2 && same_line(first - 2, first) && {
            let (owner, link) = (word(first - 2), word(first - 1));
            let at_stake = owner == "stake" && first >= 3 && word(first - 3) == "at";
            // "share of" is a part as often ("a fair share of Tolva's taxes").
            let a_part = owner == "share" && link == "of";
            (matches!(link.as_str(), "in" | "of") && HOLDINGS.contains(&owner.as_str()) && !at_stake && !a_part)
                || (matches!(link.as_str(), "of" | "at") && WORKFORCE.contains(&owner.as_str()))
        };
        // "an analyst at Jefferies", "researchers at Keltra Labs": where people work. Not a
        // place of several words nor one that owns what follows: CoNLL's hospitals and homes
        // are places ("a director at Pontiac Osteopathic Hospital"), and so is "students at
        // South Korea's Yonsei University".
        let works_at = first >= 2
            && same_line(first - 2, first)
            && word(first - 1) == "at"
            && matches!(LEXICON.heads.get(word(first - 2).as_str()), Some(HeadClass::Person(_) | HeadClass::People))
            && (first == last || e.label != Label::Place)
            && !doc.tokens.get(last + 1).is_some_and(|t| matches!(t.span.slice(text), "'s" | "’s"));
        // A full name of listed first names and surnames is a person's ("Piers Dorn's
        // shareholders?") and spreads no slip ("Bill Clinton's"); one listed word may be a
        // company's ("Pirelli shares").
        let full_name = first < last && words(first, last).all(gazetteer::is_personal_name_word);
        // "Keltra's chief executive", "Velmora Motors' shareholders"; not a place of several
        // words, which a list cannot hold ("New Tolva's shares").
        let owns_company_part = || {
            let at = |i: usize| doc.tokens.get(i).filter(|t| t.line == doc.tokens[last].line).map_or("", |t| t.span.slice(text));
            let possessive = match at(last + 1) {
                "'s" | "’s" => true,
                "'" | "’" => e.span.slice(text).ends_with('s'),
                _ => false,
            };
            // One word may qualify the part: "Keltra's largest shareholder".
            let part = last + 2 + listed(PART_QUALIFIERS, at(last + 2)) as usize;
            let (part, next) = (at(part), at(part + 1));
            (first == last || e.label != Label::Place)
                && !full_name
                && possessive
                && if part.eq_ignore_ascii_case("chief") {
                    listed(CHIEF_OF, next)
                } else if listed("stock shares", part) {
                    listed(PRICE_MOVES, next) || !next.starts_with(char::is_alphanumeric)
                } else {
                    listed(COMPANY_PARTS, part)
                }
        };
        if (after || works_at || before_holding(last) || owns_company_part())
            && matches!(e.label, Label::Person | Label::Place | Label::Misc)
            && !gazetteer::is_other_than_a_name(words(first, last))
        {
            if !full_name {
                companies.push(e.span.slice(text));
            }
            e.label = Label::Org;
        }
    }
    // The name's other mentions are the same company: this runs after `consistency`, which
    // would otherwise have spread the tagger's reading ("Nvidia said" a person) to them. Not a
    // word that ends a person's full name in the text ("Michael Dorn … Dorn said he"), nor a
    // MISC name (an event's: "staff at Wimbledon", "Wimbledon starts").
    if !companies.is_empty() {
        let surnames: Vec<&str> = entities
            .iter()
            .filter(|e| e.label == Label::Person)
            .filter_map(|e| e.span.slice(text).rsplit_once(char::is_whitespace).map(|(_, last)| last))
            .collect();
        // Nor a name before a noun for land ("the Keltra rainforest").
        let before_land = |e: &Entity| {
            token_ending_at(doc, e.span.end)
                .and_then(|i| doc.tokens.get(i + 1))
                .is_some_and(|t| is_a_place_noun_after_a_name(t.span.slice(text)))
        };
        for e in entities.iter_mut() {
            let name = e.span.slice(text);
            if matches!(e.label, Label::Person | Label::Place) && companies.contains(&name) && !surnames.contains(&name) && !before_land(e)
            {
                e.label = Label::Org;
            }
        }
    }
    // Capitalised words before "shares" that no name covers.
    let mut added = Vec::new();
    let mut covered = entities.iter().map(|e| e.span).peekable();
    for (i, t) in doc.tokens.iter().enumerate() {
        while covered.peek().is_some_and(|s| s.end <= t.span.start) {
            covered.next();
        }
        if covered.peek().is_some_and(|s| s.start < t.span.end) {
            continue;
        }
        let w = t.span.slice(text);
        let mut chars = w.chars();
        let title_case = chars.next().is_some_and(char::is_uppercase) && chars.clone().next().is_some() && chars.all(char::is_lowercase);
        // The case first: `before_holding` lowercases the next word, and most words are not title case.
        if title_case && before_holding(i) && !FUNCTION_WORDS.contains(w.to_lowercase().as_str()) && !gazetteer::is_listed_word(w) {
            added.push(Entity { span: t.span, label: Label::Org, cluster: 0 });
        }
    }
    if !added.is_empty() {
        entities.extend(added);
        crate::order::sort_by_key(&mut entities, |e| (e.span.start, 0));
    }
    entities
}

/// Relabels each name followed by ", a|an|the <noun phrase>," whose head (its last word, before
/// the punctuation that closes it) is an organisation or one person in the nominal-head list.
/// A phrase that runs on is no evidence: into a verb it is the next clause's subject ("Kabul, an
/// official said"), and past "of" or "in" it may be ("Kabul, the head of the mission said"), so
/// a phrase not closed within `MAX_PHRASE` words counts for nothing. Spans and order do not
/// change.
fn appositives(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let word = |i: usize| doc.tokens.get(i).map(|t| t.span.slice(text));
    for e in entities.iter_mut() {
        if !matches!(e.label, Label::Person | Label::Org | Label::Place | Label::Misc) {
            continue;
        }
        let Some(next) = token_ending_at(doc, e.span.end).map(|i| i + 1) else { continue };
        let line = doc.tokens[next - 1].line;
        let article = word(next + 1).map(str::to_lowercase);
        if word(next) != Some(",") || !matches!(article.as_deref(), Some("a" | "an" | "the")) {
            continue;
        }
        // The head is the phrase's last word before any modifier that follows it ("a
        // spokeswoman for the ministry"), written in lower case (a capitalised word ends a name
        // inside the phrase: "an analyst at Keltra Group").
        let mut head: Option<String> = None;
        let mut modified = 0;
        let mut closed = false;
        for i in next + 2..=(next + 2 + MAX_PHRASE).min(doc.tokens.len()) {
            let Some(w) = word(i).filter(|_| doc.tokens[i].line == line) else {
                closed = true;
                break;
            };
            // Punctuation closes the phrase, but not a currency sign ("a $2 billion company").
            if w.chars().all(|c| ",;:()[].!?\"“”—–".contains(c)) {
                closed = true;
                break;
            }
            let lower = w.to_lowercase();
            if modified > 0 || MODIFIERS.contains(&lower.as_str()) {
                modified += 1;
            } else {
                head = w.starts_with(char::is_lowercase).then_some(lower);
            }
        }
        // A long run after the modifier may be a clause ("Dal, the head of the mission told us").
        let closed = closed && modified <= MAX_MODIFIER;
        let head = head.filter(|_| closed).and_then(|h| LEXICON.heads.get(h.as_str()).copied());
        match head {
            Some(HeadClass::Org) => e.label = Label::Org,
            Some(HeadClass::Person(_)) => e.label = Label::Person,
            _ => {}
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, names: &[(&str, Label)]) -> Vec<Label> {
        labels_at(text, &names.iter().map(|&(name, label)| (name, name, label)).collect::<Vec<_>>())
    }

    /// `labels` of names given as `(name, where, label)`: the name at the first occurrence of
    /// `where`, which starts with it (for a name the text holds more than once).
    fn labels_at(text: &str, names: &[(&str, &str, Label)]) -> Vec<Label> {
        let doc = Doc::new(text);
        let entities = names
            .iter()
            .map(|&(name, at, label)| {
                let start = text.find(at).unwrap();
                assert!(at.starts_with(name));
                Entity { span: Span::new(start, start + name.len()), label, cluster: 0 }
            })
            .collect();
        apply(text, &doc, entities).iter().map(|e| e.label).collect()
    }

    #[test]
    fn a_name_whose_shares_are_traded_is_a_company() {
        let text = "Shares in Velmora fell, a stake of Osk Brann was sold and shares in Norway rose.";
        let names = [("Velmora", Label::Place), ("Osk Brann", Label::Person), ("Norway", Label::Place)];
        assert_eq!(labels(text, &names), [Label::Org, Label::Org, Label::Place]);
    }

    #[test]
    fn a_name_before_its_shares_or_with_a_workforce_is_a_company() {
        let text = "Velmora shares fell, employees at Osk Brann walked out, staff of Tolva left and Tokyo stocks rose.";
        let names = [("Velmora", Label::Place), ("Osk Brann", Label::Person), ("Tolva", Label::Misc), ("Tokyo", Label::Place)];
        assert_eq!(labels(text, &names), [Label::Org, Label::Org, Label::Org, Label::Place]);
        // Not the place where people work when a list knows it: "workers at Berlin".
        assert_eq!(labels("Workers at Berlin struck.", &[("Berlin", Label::Place)]), [Label::Place]);
        // "at" with a holding word is no workplace: "a stake at Dorn".
        assert_eq!(labels("He took a stake at Dorn.", &[("Dorn", Label::Place)]), [Label::Place]);
    }

    #[test]
    fn a_name_with_a_chief_executive_or_shareholders_is_a_company() {
        let text = "Velmora's chief executive quit, Osk Motors' largest shareholders voted, Tarvik’s CFO left and Brann's stock fell.";
        let names = [("Velmora", Label::Place), ("Osk Motors", Label::Person), ("Tarvik", Label::Misc), ("Brann", Label::Person)];
        assert_eq!(labels("They sold 40% of Brann's shares, a stake.", &[("Brann", Label::Person)]), [Label::Org]);
        assert_eq!(labels(text, &names), [Label::Org, Label::Org, Label::Org, Label::Org]);
        // The name's other mentions follow.
        let text = "Velmora said sales fell. Osk Brann, Velmora's chief executive, quit.";
        let names =
            [("Velmora", "Velmora said", Label::Person), ("Osk Brann", "Osk Brann", Label::Person), ("Velmora", "Velmora's", Label::Place)];
        assert_eq!(labels_at(text, &names), [Label::Org, Label::Person, Label::Org]);
        // Not to a word that ends a person's full name in the text, nor to an event.
        let text = "Mia Velk left. Shares in Velk fell and Velk said she would stay. Staff at Tolva left; Tolva starts on Monday, and the Tolva rainforest burns.";
        let names = [
            ("Mia Velk", "Mia Velk", Label::Person),
            ("Velk", "Velk fell", Label::Person),
            ("Velk", "Velk said", Label::Person),
            ("Tolva", "Tolva left", Label::Misc),
            ("Tolva", "Tolva starts", Label::Misc),
            ("Tolva", "Tolva rainforest", Label::Person),
        ];
        assert_eq!(labels_at(text, &names), [Label::Person, Label::Org, Label::Person, Label::Org, Label::Misc, Label::Person]);
        for (text, name) in [
            // A listed place, a place of several words, a chief of something else, a word a
            // person or a country owns too, and a possessive on the next line.
            ("Norway's chief executive spoke.", ("Norway", Label::Place)),
            ("New Tolva's shares rose.", ("New Tolva", Label::Place)),
            ("Tolva's chief constable spoke.", ("Tolva", Label::Place)),
            ("Dorn's board met.", ("Dorn", Label::Person)),
            ("Dorn's founder spoke.", ("Dorn", Label::Person)),
            ("Dorn's stock answer was no.", ("Dorn", Label::Person)),
            ("Dorn's stock picks beat the market.", ("Dorn", Label::Person)),
            ("Dorn's shares in Keltra were sold.", ("Dorn", Label::Person)),
            ("Dorn's shareholder letter was blunt.", ("Dorn", Label::Person)),
            ("Michael Ross's shareholders? He has none.", ("Michael Ross", Label::Person)),
            ("Dorn's\nshares rose.", ("Dorn", Label::Person)),
        ] {
            assert_eq!(labels(text, &[name]), [name.1], "{text}");
        }
    }

    #[test]
    fn a_name_where_people_work_is_an_organisation() {
        let text = "An economist at Brannlund said so, researchers at Osk Tarvik agreed and a nurse at Mellby Hospital did not.";
        let names = [("Brannlund", Label::Place), ("Osk Tarvik", Label::Person), ("Mellby Hospital", Label::Place)];
        // A place of several words stays one: CoNLL's hospitals are places.
        assert_eq!(labels(text, &names), [Label::Org, Label::Org, Label::Place]);
        // Not a listed place, nor a place that owns what follows.
        let text = "A student at Oslo met a teacher at Tarvik's old school.";
        assert_eq!(labels(text, &[("Oslo", Label::Place), ("Tarvik", Label::Place)]), [Label::Place, Label::Place]);
    }

    #[test]
    fn a_subject_that_is_its_own_its_is_an_organisation() {
        let text =
            "Brannlund said it would close 12% of its stores. Analysts said Velko will sell its stake. Brannlund declined to comment.";
        let names = [("Brannlund", Label::Person), ("Velko", Label::Person), ("Brannlund", Label::Person)];
        assert_eq!(labels(text, &names), [Label::Org, Label::Org, Label::Org]);
        // A name the lists hold is a person's: "Clinton said its".
        assert_eq!(labels("Clinton said it would cut its staff.", &[("Clinton", Label::Person)]), [Label::Person]);
        // A person's clause says "his" or "her" first, a name or punctuation ends it, and a
        // name that is no subject of a verb is left alone.
        for text in [
            "Dorn said he would sell its stake.",
            "Dorn said Keltra would sell its stake.",
            "Dorn said, however, that its stake was sold.",
            "Dorn, its founder, left.",
            "They chose Dorn as its head.",
            "It was a blow to Dorn and cut its lead.",
            "Dorn said the company would sell its stake.",
            "The Dorn campaign explained its plan.",
        ] {
            assert_eq!(labels(text, &[("Dorn", Label::Person)]), [Label::Person], "{text}");
        }
    }

    #[test]
    fn a_capitalised_word_before_shares_is_a_company_the_tagger_passed_over() {
        let text = "Velmora shares fell 2%. The shares of Brann rose. Tokyo shares and These stocks slid.";
        let doc = Doc::new(text);
        let found: Vec<(&str, Label)> = apply(text, &doc, Vec::new()).iter().map(|e| (e.span.slice(text), e.label)).collect();
        assert_eq!(found, [("Velmora", Label::Org)]);
    }

    #[test]
    fn an_everyday_word_the_tagger_passed_over_as_a_subject_is_an_organisation() {
        let found = |text: &str| -> Vec<(String, Label)> {
            let doc = Doc::new(text);
            subjects(text, &doc, Vec::new()).iter().map(|e| (e.span.slice(text).to_string(), e.label)).collect()
        };
        let org = |w: &str| vec![(w.to_string(), Label::Org)];
        // A word of a name the tagger read as a person's is that person.
        let text = "Dr Apple met them. A spokesman for Apple declined.";
        let dr_apple = Entity { span: Span::new(3, 8), label: Label::Person, cluster: 0 };
        let apple = Entity { span: Span::new(35, 40), label: Label::Person, cluster: 0 };
        assert_eq!(subjects(text, &Doc::new(text), vec![dr_apple.clone()]), [dr_apple.clone(), apple.clone()]);
        // A one-word person the tagger guessed is read again, unless a longer name holds it.
        let text = "Staff left, and Twitter suspended the account.";
        let twitter = |label| Entity { span: Span::new(16, 23), label, cluster: 0 };
        assert_eq!(subjects(text, &Doc::new(text), vec![twitter(Label::Person)]), [twitter(Label::Org)]);
        let text = "Dr Apple met them, and Apple banned the post.";
        let apple = Entity { span: Span::new(23, 28), label: Label::Person, cluster: 0 };
        assert_eq!(subjects(text, &Doc::new(text), vec![dr_apple.clone(), apple.clone()]), [dr_apple, apple]);
        // Another label the tagger gave is kept (an event acts too: "…, and Brexit dominated
        // the summit"), and so is a listed name read as a person's.
        let text = "Staff left, and Twitter suspended the account.";
        assert_eq!(subjects(text, &Doc::new(text), vec![twitter(Label::Misc)]), [twitter(Label::Misc)]);
        assert_eq!(subjects(text, &Doc::new(text), vec![twitter(Label::Place)]), [twitter(Label::Place)]);
        let text = "Staff left, and Nadia suspended the account.";
        let nadia = Entity { span: Span::new(16, 21), label: Label::Person, cluster: 0 };
        assert_eq!(subjects(text, &Doc::new(text), vec![nadia.clone()]), [nadia]);
        // After a conjunction, a subordinator or a comma, before a verb in the past tense.
        assert_eq!(found("Staff left, and Twitter suspended the account."), org("Twitter"));
        assert_eq!(found("It spread before Twitter removed it."), org("Twitter"));
        assert_eq!(found("In May, Plane reported a loss."), org("Plane"));
        assert_eq!(found("Fares rose, and Amazon banned his posts."), org("Amazon"));
        // After "a spokesperson for".
        assert_eq!(found("A spokesman for Apple declined to comment."), org("Apple"));
        // After a verb of posting and "on", a platform: "wrote on Twitter that".
        assert_eq!(found("She wrote on Twitter that it was over."), org("Twitter"));
        assert_eq!(found("He appeared on Apple, and left."), org("Apple"));
        for text in [
            // A verb without its object right after it: an ideology, an era, a meal.
            "Trade grew after Communism collapsed in the east.",
            "The town changed after Apartheid ended.",
            "The snow fell, and Breakfast started late.",
            "Prices rose, and Twitter grew quickly.",
            // A word with no class says nothing of its kind; nor a listed word, a date or a title.
            "In 1956, Ike refused to go.",
            "That season, Trump dominated the news.",
            "Crowds came, and Berlin welcomed them.",
            "Talks ended, and Monday passed.",
            "Talks ended, and President agreed.",
            // Not after a determiner or a preposition, nor before a word that is no such verb,
            // nor at a sentence's start or in a line in capitals.
            "Staff left, and the Twitter suspended it.",
            "The head of State addressed them.",
            "Staff left, and Twitter users cheered.",
            // Not before "said": an unlisted surname speaks as often as a company.
            "Staff left, and Twitter said so.",
            "After the meeting, Major said so.",
            // Not a noun for speakers, nor after "for" without a spokesperson; not a plural, an
            // abbreviation, a longer name's first word, nor a topic or a stage.
            "A spokesman for Police declined.",
            "A lawyer for Apple declined.",
            "A spokesman for Millennials declined.",
            "She wrote on Muslims that it was wrong.",
            "They meet on Sept 24.",
            "He said on Capitol Hill that it was over.",
            "He said on Budget day that taxes rise.",
            "She won on Stage 5.",
            "He focused on Growth.",
            "A spokesperson for Apple's board declined.",
            "Twitter suspended the account.",
            "STAFF LEFT, AND TWITTER SUSPENDED IT.",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn a_place_that_speaks_is_a_country_or_city_or_else_an_organisation() {
        let text = "Velmora said it would expand. Norway said no. VELMORA said. Velmora Bay said.";
        let names = [("Velmora", Label::Place), ("Norway", Label::Place), ("VELMORA", Label::Place), ("Velmora Bay", Label::Place)];
        assert_eq!(labels(text, &names), [Label::Org, Label::Place, Label::Place, Label::Place]);
    }

    #[test]
    fn the_head_of_the_appositive_types_the_name() {
        let text = "Velmora Tek, a $2 billion software company, hired Osk Brann, the firm's new chairman.";
        assert_eq!(labels(text, &[("Velmora Tek", Label::Person), ("Osk Brann", Label::Org)]), [Label::Org, Label::Person]);
    }

    #[test]
    fn the_last_word_is_the_head() {
        // "company spokesman": the spokesman is the head; "former minister": the minister.
        let text = "Ivo Kral, a company spokesman, and Lea Dorn, a former minister; spoke.";
        assert_eq!(labels(text, &[("Ivo Kral", Label::Org), ("Lea Dorn", Label::Org)]), [Label::Person, Label::Person]);
    }

    #[test]
    fn the_head_comes_before_its_modifiers_and_is_no_name() {
        let text = "said Ivo Kral, an analyst with Brannock Group, and Eda Lunn, a spokeswoman for the company.";
        assert_eq!(labels(text, &[("Ivo Kral", Label::Person), ("Eda Lunn", Label::Org)]), [Label::Person, Label::Person]);
        let text = "said Ivo Kral, the Brannock Group.";
        assert_eq!(labels(text, &[("Ivo Kral", Label::Person)]), [Label::Person]);
    }

    #[test]
    fn the_subject_of_the_next_clause_is_no_appositive() {
        // The noun phrase after the comma runs on into its verb: the sentence's own speaker.
        let text = "Flights land in Varnholm, an airline official said, in Ostby, the company reported, and in Dal, the \
                    minister of the mission told us.";
        let names = [("Varnholm", Label::Place), ("Ostby", Label::Place), ("Dal", Label::Place)];
        assert_eq!(labels(text, &names), [Label::Place, Label::Place, Label::Place]);
    }

    /// The names `apply` leaves in `text` given the tagger's `names`, as (text, label).
    /// The names' labels after `apply`, the names given in text order (a name given twice is its
    /// first and second occurrence).
    fn found(text: &str, names: &[(&str, Label)]) -> Vec<(String, Label)> {
        let doc = Doc::new(text);
        let mut seen: Vec<(&str, usize)> = Vec::new();
        let entities = names
            .iter()
            .map(|&(name, label)| {
                let from = seen.iter().rev().find(|(n, _)| *n == name).map_or(0, |&(_, end)| end);
                let start = from + text[from..].find(name).unwrap();
                seen.push((name, start + name.len()));
                Entity { span: Span::new(start, start + name.len()), label, cluster: 0 }
            })
            .collect();
        apply(text, &doc, entities).iter().map(|e| (e.span.slice(text).to_string(), e.label)).collect()
    }

    #[test]
    fn a_definition_types_its_subject_at_every_mention() {
        let owned = |v: &[(&str, Label)]| v.iter().map(|&(w, l)| (w.to_string(), l)).collect::<Vec<_>>();
        // A place, after adjectives and before its modifier; every other mention follows, and a
        // mention the tagger missed is added.
        let text = "Tolvik is a small coastal town in Norrland. Buses run from Tolvik to Umea.";
        assert_eq!(
            found(text, &[("Tolvik", Label::Org), ("Norrland", Label::Place)]),
            owned(&[("Tolvik", Label::Place), ("Norrland", Label::Place), ("Tolvik", Label::Place)])
        );
        // The tagger's shorter name inside the subject gives way; "The" stays out; a parenthesis
        // and a participle after the head are skipped.
        assert_eq!(
            found("Sable Creek is an unincorporated community in Boone County.", &[("Creek", Label::Place)]),
            owned(&[("Sable Creek", Label::Place)])
        );
        assert_eq!(found("The Torvane is a river in Sweden.", &[("Torvane", Label::Misc)]), owned(&[("Torvane", Label::Place)]));
        assert_eq!(found("• Torvane is a river in Sweden.", &[("Torvane", Label::Misc)]), owned(&[("Torvane", Label::Place)]));
        assert_eq!(
            found("Kelvara (founded 2011) is a Finnish mobile game studio based in Espoo.", &[("Kelvara", Label::Place)]),
            owned(&[("Kelvara", Label::Org)])
        );
        assert_eq!(
            found("Brightwave Systems is an American software company headquartered in Austin.", &[("Brightwave Systems", Label::Person)]),
            owned(&[("Brightwave Systems", Label::Org)])
        );
        assert_eq!(found("Frost Mile was an album by the duo.", &[("Frost Mile", Label::Person)]), owned(&[("Frost Mile", Label::Misc)]));
        // Florence may be a city; a person with a first name is no company however defined.
        assert_eq!(found("Florence is a city in Italy.", &[("Florence", Label::Person)]), owned(&[("Florence", Label::Place)]));
        assert_eq!(found("Ana Ruiz is a software developer.", &[("Ana Ruiz", Label::Person)]), owned(&[("Ana Ruiz", Label::Person)]));
        for (text, name, label) in [
            // The head is the phrase's last word: a member of a council, not a city.
            ("Dorn Velk is a city council member in Osk.", "Dorn Velk", Label::Person),
            // Not defined by a noun of the list, no article, no copula, not the sentence's start.
            ("Dorn Velk is a leading voice.", "Dorn Velk", Label::Person),
            ("Dorn Velk is tall and lives in a town.", "Dorn Velk", Label::Person),
            ("Dorn Velk became a city.", "Dorn Velk", Label::Person),
            ("They said Dorn Velk is a city.", "Dorn Velk", Label::Person),
            // A phrase that runs on past `MAX_PHRASE` words says nothing.
            ("Dorn Velk is a very very very very old grey quiet stone town.", "Dorn Velk", Label::Person),
            // A headline in capitals has no copula of lower-case words.
            ("DORN VELK IS A TOWN.", "DORN VELK", Label::Person),
        ] {
            assert_eq!(found(text, &[(name, label)]), owned(&[(name, label)]), "{text}");
        }
        // A pronoun or a function word is no subject.
        assert_eq!(found("It is a town in Osk.", &[]), owned(&[]));
    }

    #[test]
    fn definitions_need_a_name_and_no_person_and_one_meaning() {
        let owned = |v: &[(&str, Label)]| v.iter().map(|&(w, l)| (w.to_string(), l)).collect::<Vec<_>>();
        // A common noun opening a sentence is no name; two capitalised words are one.
        assert_eq!(found("Football is a game played by two teams. Football fans sang.", &[]), owned(&[]));
        assert_eq!(found("Table tennis is a game.", &[]), owned(&[]));
        assert_eq!(found("Harbour Lights is a 2009 Swedish film.", &[]), owned(&[("Harbour Lights", Label::Misc)]));
        // What a work is about or where it is set ends its phrase.
        for text in ["Harbour Lights is a film about two sisters.", "Harbour Lights is a novel set in Bergen."] {
            assert_eq!(found(text, &[("Harbour Lights", Label::Org)])[0], ("Harbour Lights".to_string(), Label::Misc), "{text}");
        }
        // A person by an honorific or a title, whatever the noun.
        let text = "Mr Dorn is a publisher in Osk. Mr Dorn said so.";
        assert_eq!(
            found(text, &[("Dorn", Label::Person), ("Dorn", Label::Person)]),
            owned(&[("Dorn", Label::Person), ("Dorn", Label::Person)])
        );
        // A participle before the noun is an adjective of the phrase.
        assert_eq!(found("Keltra is a small fortified town in Osk.", &[("Keltra", Label::Person)]), owned(&[("Keltra", Label::Place)]));
        // Defined as two things, a name is left to the tagger; defined twice alike, it counts once.
        let text = "Keltra is a town in Osk. Keltra is a band from Tolva.";
        assert_eq!(
            found(text, &[("Keltra", Label::Person), ("Keltra", Label::Person)]),
            owned(&[("Keltra", Label::Person), ("Keltra", Label::Person)])
        );
        let text = "Keltra is a town. Keltra is a town by the sea. Keltra grew.";
        let names = [("Keltra", Label::Person), ("Keltra", Label::Person), ("Keltra", Label::Org)];
        assert_eq!(found(text, &names), owned(&[("Keltra", Label::Place), ("Keltra", Label::Place), ("Keltra", Label::Place)]));
    }

    #[test]
    fn every_noun_of_the_list_defines_and_the_divisions_follow_a_name() {
        // The divisions that follow a name define one too (one list: src/data/defining_nouns.txt).
        assert_eq!(found("Tolva is a canton of Osk.", &[("Tolva", Label::Person)]), [("Tolva".to_string(), Label::Place)]);
        assert_eq!(defining_label("album"), Some(Label::Misc));
        assert_eq!(defining_label("airline"), Some(Label::Org));
        assert!(is_a_place_noun_after_a_name("valley") && !is_a_place_noun_after_a_name("town"));
        assert_eq!(defining_label("developer"), None, "a person's job as often as a company");
    }

    #[test]
    fn a_name_before_a_noun_for_a_division_of_land_is_a_place() {
        let owned = |v: &[(&str, Label)]| v.iter().map(|&(w, l)| (w.to_string(), l)).collect::<Vec<_>>();
        let text = "It lies in the Calvados department, near the Tolva valley and the Orne river.";
        let names = [("Calvados", Label::Org), ("Tolva", Label::Person), ("Orne", Label::Misc)];
        assert_eq!(found(text, &names), owned(&[("Calvados", Label::Place), ("Tolva", Label::Place), ("Orne", Label::Place)]));
        // Not without "the", nor when the noun phrase goes on ("the Tolva district council").
        let text = "Staff of Tolva district met. The Tolva district council met.";
        assert_eq!(found(text, &[("Tolva", Label::Org)]), owned(&[("Tolva", Label::Org)]));
        assert_eq!(found("The Tolva district council met.", &[("Tolva", Label::Org)]), owned(&[("Tolva", Label::Org)]));
    }

    #[test]
    fn the_plural_of_a_group_word_the_tagger_passed_over_is_a_group() {
        let owned = |v: &[(&str, Label)]| v.iter().map(|&(w, l)| (w.to_string(), l)).collect::<Vec<_>>();
        assert_eq!(found("The ban on Muslims was wrong.", &[]), owned(&[("Muslims", Label::Group)]));
        assert_eq!(found("Both Kurds and Serbs marched.", &[]), owned(&[("Kurds", Label::Group), ("Serbs", Label::Group)]));
        // The tagger's own reading stays; a singular or an adjective is no plural; lower case
        // and capitals are left alone.
        assert_eq!(found("The ban on Muslims was wrong.", &[("Muslims", Label::Misc)]), owned(&[("Muslims", Label::Misc)]));
        for text in
            ["A Muslim cleric spoke.", "Democratic leaders met.", "The word muslims.", "BAN ON MUSLIMS", "Conservatives have ten seats."]
        {
            assert_eq!(found(text, &[]), [], "{text}");
        }
    }

    #[test]
    fn a_listed_place_after_a_preposition_of_place_is_a_place() {
        let owned = |v: &[(&str, Label)]| v.iter().map(|&(w, l)| (w.to_string(), l)).collect::<Vec<_>>();
        for (text, name, label) in [
            ("The ferry docked in Cardiff on Friday.", "Cardiff", Label::Org),
            ("By dawn the storm had reached Cornwall.", "Cornwall", Label::Person),
            ("Rain fell across Cornwall.", "Cornwall", Label::Misc),
        ] {
            assert_eq!(found(text, &[(name, label)]), owned(&[(name, Label::Place)]), "{text}");
        }
        for (text, names) in [
            // Sports pages name clubs after towns, after words this rule leaves out.
            ("It was a win over Cardiff.", &[("Cardiff", Label::Org)][..]),
            ("They lost to Cardiff.", &[("Cardiff", Label::Org)]),
            ("He joined from Cardiff.", &[("Cardiff", Label::Org)]),
            // A name that owns what follows, a holding, a person's name, a longer name.
            ("He starred in Cardiff's win.", &[("Cardiff", Label::Org)]),
            ("She works in Cardiff headquarters.", &[("Cardiff", Label::Org)]),
            ("They bought shares in Cardiff.", &[("Cardiff", Label::Org)]),
            ("She believed in Jordan.", &[("Jordan", Label::Person)]),
            ("He played in Cardiff City colours.", &[("Cardiff City", Label::Org)]),
            // Only the tagger's other readings are relabelled: a group stays one.
            ("They met in Cardiff.", &[("Cardiff", Label::Group)]),
        ] {
            assert_eq!(found(text, names), owned(names), "{text}");
        }
    }

    #[test]
    fn a_name_a_text_situates_something_in_is_a_place() {
        let owned = |v: &[(&str, Label)]| v.iter().map(|&(w, l)| (w.to_string(), l)).collect::<Vec<_>>();
        // After "based in", with the larger place after it; after "in" before ", <a place>.".
        let text = "The club is based in Fenwick, Lancashire. Ferries sail from a pier in Greyholm, Northumberland.";
        let names = [("Fenwick", Label::Org), ("Lancashire", Label::Org), ("Greyholm", Label::Org), ("Northumberland", Label::Place)];
        let places =
            [("Fenwick", Label::Place), ("Lancashire", Label::Place), ("Greyholm", Label::Place), ("Northumberland", Label::Place)];
        assert_eq!(found(text, &names), owned(&places));
        assert_eq!(found("She was born in Tolva.", &[("Tolva", Label::Person)]), owned(&[("Tolva", Label::Place)]));
        for (text, names) in [
            // "in" alone says nothing of one name, nor of a pair the sentence goes on after.
            ("Trust in Keltra grew.", &[("Keltra", Label::Org)][..]),
            ("Staff in Tolva, Norway, said it would stay.", &[("Tolva", Label::Org), ("Norway", Label::Place)]),
            // A pair whose second name is no place, or a holding.
            ("She met him in Keltra, Osk Brann.", &[("Keltra", Label::Org), ("Osk Brann", Label::Person)]),
            ("They bought shares in Keltra, Norway.", &[("Keltra", Label::Org), ("Norway", Label::Place)]),
            // A name that owns what follows, or an organisation's form, is no setting.
            ("The team is based in Keltra Capital's office.", &[("Keltra Capital", Label::Org)]),
            ("The team is based in Keltra Capital offices.", &[("Keltra Capital", Label::Org)]),
            ("The team is based in Keltra Holdings Ltd.", &[("Keltra Holdings Ltd", Label::Org)]),
        ] {
            assert_eq!(found(text, names), owned(names), "{text}");
        }
    }

    #[test]
    fn other_names_keep_their_label() {
        // No article, no head in the list, or a group: nothing changes.
        let text = "Brannock, which employs 40, met Tolva, a quiet town, and the Danes, a company of traders.";
        let names = [("Brannock", Label::Place), ("Tolva", Label::Place), ("Danes", Label::Group)];
        assert_eq!(labels(text, &names), [Label::Place, Label::Place, Label::Group]);
    }
}
