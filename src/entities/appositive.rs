//! Names typed by the appositive after them: in "Keltra, a Danish software company, said" or
//! "Mara Lind, the company's spokeswoman," the noun phrase says what the name is, whatever the
//! tagger made of a name it never saw. The phrase's head noun is looked up in the nominal heads
//! of `speakers::lexicon` (src/data/speakers/nominal_heads.txt): an organisation head makes the
//! name an organisation, a one-person head a person.

use std::collections::HashMap;

use super::features::Doc;
use crate::analysis::{Entity, Label};
use crate::speakers::lexicon::{HeadClass, LEXICON};

/// Words that end an appositive's noun phrase before its head could follow: what comes after
/// them modifies the head ("a minister of state", "a company that").
const PHRASE_ENDS: &[&str] =
    &["that", "which", "who", "whose", "of", "with", "in", "on", "at", "for", "from", "by", "to", "and", "or", "but", "said", "says"];

/// Longest appositive noun phrase considered after its article, in tokens.
const MAX_PHRASE: usize = 6;

/// Relabels each name followed by ", a|an|the <noun phrase>" whose head (its last word in the
/// nominal-head list) is an organisation or one person. Spans and order do not change.
pub(crate) fn apply(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    let after_end: HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(i, t)| (t.span.end, i + 1)).collect();
    let word = |i: usize| doc.tokens.get(i).map(|t| t.span.slice(text));
    for e in entities.iter_mut() {
        if !matches!(e.label, Label::Person | Label::Org | Label::Place | Label::Misc) {
            continue;
        }
        let Some(&next) = after_end.get(&e.span.end) else { continue };
        let line = doc.tokens[next - 1].line;
        let article = word(next + 1).map(str::to_lowercase);
        if word(next) != Some(",") || !matches!(article.as_deref(), Some("a" | "an" | "the")) {
            continue;
        }
        let mut head = None;
        for i in next + 2..(next + 2 + MAX_PHRASE).min(doc.tokens.len()) {
            let w = word(i).unwrap_or_default().to_lowercase();
            // Punctuation ends the phrase, but not a currency sign ("a $2 billion company").
            let ends = w.chars().all(|c| ",;:()[].!?\"“”—–".contains(c)) || PHRASE_ENDS.contains(&w.as_str());
            if doc.tokens[i].line != line || ends {
                break;
            }
            if let Some(&class) = LEXICON.heads.get(w.as_str()) {
                head = Some(class);
            }
        }
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
    use crate::analysis::Span;

    fn labels(text: &str, names: &[(&str, Label)]) -> Vec<Label> {
        let doc = Doc::new(text);
        let entities = names
            .iter()
            .map(|&(name, label)| {
                let start = text.find(name).unwrap();
                Entity { span: Span::new(start, start + name.len()), label, cluster: 0 }
            })
            .collect();
        apply(text, &doc, entities).iter().map(|e| e.label).collect()
    }

    #[test]
    fn the_head_of_the_appositive_types_the_name() {
        let text = "Velmora Tek, a $2 billion software company, hired Osk Brann, the firm's new chairman.";
        assert_eq!(labels(text, &[("Velmora Tek", Label::Person), ("Osk Brann", Label::Org)]), [Label::Org, Label::Person]);
    }

    #[test]
    fn the_last_head_counts_and_the_phrase_ends_where_its_modifiers_start() {
        // "company spokesman": the spokesman is the head; "a minister of the company": the minister.
        let text = "Ivo Kral, a company spokesman, and Lea Dorn, a minister of the company, spoke.";
        assert_eq!(labels(text, &[("Ivo Kral", Label::Org), ("Lea Dorn", Label::Org)]), [Label::Person, Label::Person]);
    }

    #[test]
    fn other_names_keep_their_label() {
        // No article, no head in the list, or a group: nothing changes.
        let text = "Brannock, which employs 40, met Tolva, a quiet town, and the Danes, a company of traders.";
        let names = [("Brannock", Label::Place), ("Tolva", Label::Place), ("Danes", Label::Group)];
        assert_eq!(labels(text, &names), [Label::Place, Label::Place, Label::Group]);
    }
}
