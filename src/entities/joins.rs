//! Names the tagger cut in two, joined again (after tagging, before the figures and clusters,
//! so that each name is one mention with one cluster):
//!
//! - two places joined by a lone "of" ("United States of America", "Federated States of
//!   Micronesia");
//! - a name that holds a possessive before the word that heads it ("St Mary's Hospital", "King's
//!   College London", "St Paul's Cathedral", "Martha's Vineyard"): the tagger, trained on CoNLL,
//!   where "'s" after a name is almost always the owner's ("Russia's Zhirinovsky"), ends the
//!   first name at the possessive and finds the head alone or not at all.

use crate::analysis::{Label, Span};
use crate::text::data::FUNCTION_WORDS;
use crate::text::marks::is_apostrophe;
use crate::text::words::strip_possessive;

/// Two places joined by a lone "of" are one place the tagger cut in two ("United States of
/// America", "Federated States of Micronesia"): one mention, so the name has one cluster. (Applied
/// before `apply`, to what the attribution tagger reads too: its weights were trained so.)
pub(super) fn places_of_places(text: &str, names: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(names.len());
    for (span, label) in names {
        if let Some(last) = out.last_mut() {
            let between = &text[last.0.end.min(span.start)..span.start];
            if last.1 == Label::Place && label == Label::Place && between == " of " {
                last.0 = Span::new(last.0.start, span.end);
                continue;
            }
        }
        out.push((span, label));
    }
    out
}

/// The words that head a name after a possessive, with the label of the name when the tagger
/// found no name at the head: the institutions and places that are named after a saint, a
/// founder or a patron ("St Thomas' Hospital", "Queen's University", "Christ's College",
/// "Sullivan's Island", "St John's Wood"). Words that also follow an owner's possessive in
/// running news ("Britain's Parliament", "Boston's Fenway Park" has "Fenway" there) are not
/// heads. Not `super::NAMED_AFTER_ENDINGS`, the endings that never end a person's name: several
/// of these are surnames too (Wood, Park, Church), heads only after a possessive.
const HEADS: &[(&str, Label)] = &[
    ("Academy", Label::Org),
    ("College", Label::Org),
    ("Hospital", Label::Org),
    ("Infirmary", Label::Org),
    ("School", Label::Org),
    ("University", Label::Org),
    ("Abbey", Label::Place),
    ("Basilica", Label::Place),
    ("Cathedral", Label::Place),
    ("Chapel", Label::Place),
    ("Church", Label::Place),
    ("Island", Label::Place),
    ("Park", Label::Place),
    ("Vineyard", Label::Place),
    ("Wood", Label::Place),
];

/// The words before a saint's name ("St Mary's", "St. Jude's", "Saint Anne's").
const SAINT: &[&str] = &["St", "St.", "Saint"];

/// The names in `names` (of `text`, in text order, disjoint, `places_of_places` applied) with
/// those cut at a possessive joined, in text order and disjoint too; `None` when nothing is
/// joined (most texts). `figures` are the dates and figures of `text` (a word inside one owns no
/// name: "Tuesday's School Board meeting"). What the attribution tagger reads is the names before
/// this (`super::Found::as_tagged`).
///
/// An owner that ends at a possessive, a name the tagger found or one capitalised word it passed
/// over, is joined to the word of `HEADS` right after it, and to the name the tagger found
/// starting at that word. An owner's possessive is told apart from a name's by three tests: the
/// word after it must be a head; the owner must be a saint's name, a given name or a patron
/// (`may_own`), with no title before it ("Mr Hale's Church"); and a name of several words after
/// the head ("Church of England") is joined only to a saint's name or to a word the tagger passed
/// over ("King's College London"). A joined name ending with a head takes the head's label
/// ("King's College Hospital" is an organisation), and so does a name the tagger found whole
/// and called a person ("St John's Wood" is a place); a name it found whole as an organisation
/// or a place keeps that label ("Queen's Park" is a football club in a league table).
pub(super) fn apply(text: &str, names: &[(Span, Label)], figures: &[(Span, Label)]) -> Option<Vec<(Span, Label)>> {
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(names.len());
    let mut changed = false;
    for (i, &name) in names.iter().enumerate() {
        // A name the tagger found at a head, joined to the owner before it.
        if let Some((owner_start, owner_tagged)) = owner_before(text, out.last().copied(), name, figures) {
            changed = true;
            if owner_tagged {
                out.pop();
            }
            // The head's label when the name ends with one ("King's College Hospital"), else
            // the tagger's for the rest ("King's College London").
            let name_text = name.0.slice(text);
            let last_start = name.0.start + name_text.rfind(' ').map_or(0, |p| p + 1);
            let label = head_at(text, last_start).filter(|(h, _)| last_start + h.len() == name.0.end).map_or(name.1, |(_, l)| l);
            out.push((Span::new(owner_start, name.0.end), label));
            continue;
        }
        // A tagged owner whose head the tagger did not find ("St Paul's Cathedral").
        let joined = head_after(text, name, names.get(i + 1).map(|n| n.0.start));
        changed |= joined.is_some();
        out.push(joined.unwrap_or(name));
    }
    for (span, label) in out.iter_mut().filter(|(_, l)| *l == Label::Person) {
        let name = span.slice(text);
        let last_start = span.start + name.rfind(' ').map_or(0, |p| p + 1);
        let holds_a_possessive = name.split(' ').rev().skip(1).any(|w| strip_possessive(w).len() < w.len());
        if let Some((_, head_label)) = head_at(text, last_start).filter(|_| holds_a_possessive) {
            *label = head_label;
            changed = true;
        }
    }
    changed.then_some(out)
}

/// The possessive's end when `text[at..]` starts with one ("'s", "’s", or a lone apostrophe
/// after an "s": "St Thomas' Hospital") followed by one space.
fn possessive_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let c = rest.chars().next().filter(|&c| is_apostrophe(c))?;
    let after = &rest[c.len_utf8()..];
    let len = if after.starts_with("s ") {
        c.len_utf8() + 1
    } else if after.starts_with(' ') && text[..at].ends_with('s') {
        c.len_utf8()
    } else {
        return None;
    };
    Some(at + len + 1)
}

/// Where the owner ends when a possessive and one space end at `at` ("St Mary's |Hospital").
fn possessive_before(text: &str, at: usize) -> Option<usize> {
    let with_possessive = text.get(..at)?.strip_suffix(' ')?;
    let owner_end = strip_possessive(with_possessive).len();
    (possessive_at(text, owner_end) == Some(at)).then_some(owner_end)
}

/// The head of `HEADS` that starts at `at`, a whole word, and its label.
fn head_at(text: &str, at: usize) -> Option<(&'static str, Label)> {
    let rest = text.get(at..)?;
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let word = &rest[..end];
    HEADS.iter().find(|(h, _)| *h == word).copied()
}

/// Whether `word` reads as the name in an owner: capitalised letters, no function word (a
/// sentence's "This's").
fn is_a_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_alphabetic) && !FUNCTION_WORDS.contains(word.to_lowercase().as_str())
}

/// Owners that institutions are named after besides saints and given names ("King's College",
/// "Queen's University", "Christ's Hospital", "Children's Hospital", "Women's College").
const PATRONS: &[&str] = &["King", "Queen", "Christ", "Children", "Women", "People"];

/// Whether the words of an owner, a `label`led name or `None` for words the tagger passed over,
/// may own a head: a saint's name ("St Mary"), a given name ("Guy", "Martha") or a patron of
/// `PATRONS`, never a place. Not a company's or a surname ("Google's Academy", "Welby's Church",
/// "Yale's School of Management" are the owner's).
fn may_own(words: &[&str], label: Option<Label>) -> bool {
    match words {
        [saint, name] if SAINT.contains(saint) => is_a_name_word(name),
        [word] => {
            label != Some(Label::Place)
                && is_a_name_word(word)
                && !super::gazetteer::is_place_word(word)
                && (super::gazetteer::is_first_name(word) || PATRONS.contains(word))
        }
        _ => false,
    }
}

/// Whether the word ending at `at` is a title or an honorific ("Mr Hale's Church": a person's).
fn title_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let word = before.rsplit(' ').next().unwrap_or("");
    !word.is_empty() && (super::is_title(word) || super::is_honorific(word.trim_end_matches('.')))
}

/// The owner of `name` (a tagged name that starts with a head) and whether it is the tagged
/// name `before`: that name when the two are parted by a possessive only, or else the
/// capitalised word before the possessive that neither a name nor a figure holds, with a saint's
/// "St" before it if there is one.
fn owner_before(text: &str, before: Option<(Span, Label)>, (span, _): (Span, Label), figures: &[(Span, Label)]) -> Option<(usize, bool)> {
    head_at(text, span.start)?;
    let several = span.slice(text).contains(' ');
    let owner_end = possessive_before(text, span.start)?;
    if let Some((b, b_label)) = before.filter(|(b, _)| b.end == owner_end) {
        let words: Vec<&str> = b.slice(text).split(' ').collect();
        let saint = words.len() == 2;
        return (may_own(&words, Some(b_label)) && !title_before(text, b.start) && (!several || saint)).then_some((b.start, true));
    }
    let word_start = text[..owner_end].rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| p + 1);
    let saint_start = SAINT
        .iter()
        .find_map(|s| text[..word_start].strip_suffix(' ')?.strip_suffix(s).filter(|p| p.is_empty() || p.ends_with(' ')).map(str::len));
    let start = saint_start.unwrap_or(word_start);
    let words: Vec<&str> = text[start..owner_end].split(' ').collect();
    let taken = |s: Span| s.start < owner_end && start < s.end;
    if !may_own(&words, None)
        || title_before(text, start)
        || figures.iter().any(|&(f, _)| taken(f))
        || before.is_some_and(|(b, _)| taken(b))
    {
        return None;
    }
    Some((start, false))
}

/// The tagged owner `(span, label)` joined to a head right after its possessive that no name
/// holds (the next name starts at `next_start`, if any) and that heads no longer name ("Welby's
/// Church of England").
fn head_after(text: &str, (span, label): (Span, Label), next_start: Option<usize>) -> Option<(Span, Label)> {
    let head_start = possessive_at(text, span.end)?;
    let (head, head_label) = head_at(text, head_start)?;
    let end = head_start + head.len();
    let words: Vec<&str> = span.slice(text).split(' ').collect();
    if next_start.is_some_and(|n| n < end)
        || text[end..].starts_with(" of ")
        || !may_own(&words, Some(label))
        || title_before(text, span.start)
    {
        return None;
    }
    Some((Span::new(span.start, end), head_label))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of `text` that `apply` leaves, given the tagger's names `tagged` (each the
    /// first occurrence of its text, with its label).
    fn joined(text: &str, tagged: &[(&str, Label)]) -> Vec<(String, Label)> {
        let figures = [(Span::new(0, 0), Label::Date)];
        let figures = &figures[..0];
        let names = tagged
            .iter()
            .map(|&(name, label)| {
                let start = text.find(name).unwrap();
                (Span::new(start, start + name.len()), label)
            })
            .collect();
        apply_or_keep(text, places_of_places(text, names), figures)
            .into_iter()
            .map(|(span, label)| (span.slice(text).to_string(), label))
            .collect()
    }

    /// `apply`'s names, or `names` themselves when it joins nothing.
    fn apply_or_keep(text: &str, names: Vec<(Span, Label)>, figures: &[(Span, Label)]) -> Vec<(Span, Label)> {
        apply(text, &names, figures).unwrap_or(names)
    }

    fn names(got: &[(String, Label)]) -> Vec<&str> {
        got.iter().map(|(name, _)| name.as_str()).collect()
    }

    #[test]
    fn a_place_of_a_place_is_one_place() {
        use Label::*;
        let text = "the Union of Soviet Republics and Paris of France, and Bank of England";
        let got = joined(
            text,
            &[("Union", Place), ("Soviet Republics", Place), ("Paris", Place), ("France", Place), ("Bank", Org), ("England", Place)],
        );
        assert_eq!(names(&got), ["Union of Soviet Republics", "Paris of France", "Bank", "England"]);
    }

    #[test]
    fn a_company_a_surname_or_a_titled_name_owns_the_head_after_it() {
        use Label::*;
        let text = "Keltra's Academy, Berglund's Park, Yale's School of Harbours, Mr Agnes's Church and Orm's Chapel opened.";
        let tagged = [("Keltra", Org), ("Academy", Org), ("Berglund", Person), ("School of Harbours", Org), ("Agnes", Person)];
        let got = joined(text, &tagged);
        assert_eq!(names(&got), ["Keltra", "Academy", "Berglund", "School of Harbours", "Agnes"]);
    }

    #[test]
    fn a_name_holding_a_possessive_is_one_name() {
        use Label::*;
        // The tagger's cuts: the owner and the head apart, the head alone, the owner alone.
        let text = "A nurse at St Edda's Hospital and a porter at Hilda's Infirmary spoke.";
        let got = joined(text, &[("St Edda", Org), ("Hospital", Org), ("Hilda", Person)]);
        assert_eq!(got, [("St Edda's Hospital".to_string(), Org), ("Hilda's Infirmary".to_string(), Org)]);
        let text = "Mass at St Brennock's Cathedral, a lecture at King's College Harwick and a walk on Orla's Island.";
        let got = joined(text, &[("St Brennock", Org), ("College Harwick", Org), ("Orla", Person)]);
        assert_eq!(
            got,
            [
                ("St Brennock's Cathedral".to_string(), Place),
                ("King's College Harwick".to_string(), Org),
                ("Orla's Island".to_string(), Place)
            ]
        );
        // A saint's name the tagger passed over, the curly mark, and "s'" alone.
        let text = "Doctors at St. Oswin’s Hospital and St Thomas' School agreed.";
        let got = joined(text, &[("Hospital", Org), ("School", Org)]);
        assert_eq!(names(&got), ["St. Oswin’s Hospital", "St Thomas' School"]);
        // A lone head, or a joined name ending with one, takes the head's label whatever the
        // tagger made of it; a name the tagger found whole keeps its label unless a person's.
        let text = "They summered on Edith's Vineyard near St Ebba's Wood, by King's College Hospital and Queen's Park.";
        let tagged = [("Vineyard", Org), ("St Ebba's Wood", Person), ("College Hospital", Place), ("Queen's Park", Org)];
        let got = joined(text, &tagged);
        let expected = [("Edith's Vineyard", Place), ("St Ebba's Wood", Place), ("King's College Hospital", Org), ("Queen's Park", Org)];
        assert_eq!(got, expected.map(|(n, l)| (n.to_string(), l)));
    }

    #[test]
    fn an_owner_keeps_its_possessive_apart() {
        use Label::*;
        // A place or a function word owns the head; the head is no name's head; a person's
        // name owns a name of several words; the head is part of a longer word.
        let text = "Tolvaria's University College Brenn, Ardmoor's Hospital, This's Hospital, Maren's Parliament, \
                    Welby's Church of Aldmark, Archbishop Orm's Church, Dean Ruel's Church of Vessby, Ansel's Parkway \
                    and Tuesday's School Board.";
        let tagged = [
            ("Tolvaria", Place),
            ("University College Brenn", Org),
            ("Ardmoor", Place),
            ("Maren", Person),
            ("Parliament", Org),
            ("Welby", Person),
            ("Church of Aldmark", Org),
            ("Archbishop Orm", Person),
            ("Ruel", Person),
            ("Vessby", Place),
            ("Ansel", Person),
        ];
        let figures = [(Span::new(text.find("Tuesday").unwrap(), text.find("Tuesday").unwrap() + 7), Date)];
        let names: Vec<(Span, Label)> =
            tagged.iter().map(|&(n, l)| (Span::new(text.find(n).unwrap(), text.find(n).unwrap() + n.len()), l)).collect();
        // Nothing is joined: `apply` says so rather than copying the names.
        assert_eq!(apply(text, &names, &figures), None);
        let got: Vec<&str> = names.iter().map(|(span, _)| span.slice(text)).collect();
        let expected = [
            "Tolvaria",
            "University College Brenn",
            "Ardmoor",
            "Maren",
            "Parliament",
            "Welby",
            "Church of Aldmark",
            "Archbishop Orm",
            "Ruel",
            "Vessby",
            "Ansel",
        ];
        assert_eq!(got, expected);
    }
}
