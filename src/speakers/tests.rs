//! Attribution, one phenomenon per test, through `crate::analyze` (with the entity tagger: `refers_to`
//! carries the resolution; tests/speakers.rs checks the entity clusters).

use crate::analysis::{Basis, Entity, Label, Span};

/// What one quote should get: its inner text, then (speaker, the name it refers to, cue, basis),
/// or None for no speaker.
type Expected<'a> = (&'a str, Option<(&'a str, &'a str, &'a str, Basis)>);

fn check(text: &str, expected: &[Expected]) {
    let analysis = crate::analyze(text);
    let got: Vec<Expected> = analysis
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| {
            let who = q
                .speaker
                .as_ref()
                .map(|s| (s.span.slice(text), s.refers_to.map_or("", |r| r.slice(text)), q.cue.map_or("", |c| c.slice(text)), s.basis));
            (q.inner.slice(text), who)
        })
        .collect();
    assert_eq!(got, expected, "speakers in {text:?}");
}

use Basis::*;

#[test]
fn reporting_clause_after_the_quote() {
    check("“We are ready,” Caddell said.", &[("We are ready,", Some(("Caddell", "Caddell", "said", Explicit)))]);
    check(
        "“We are ready,” said Jonas Weber, the council leader.",
        &[("We are ready,", Some(("Jonas Weber", "Jonas Weber", "said", Explicit)))],
    );
    check("“It is over,” the senator from Ohio told reporters.", &[("It is over,", Some(("the senator", "", "told", Explicit)))]);
}

#[test]
fn the_speaker_is_the_head_before_a_modifier_not_its_object() {
    // A head in no noun list, its modifier's object listed ("the hospital") or not.
    check("“The ward is full,” a nurse at the hospital told reporters.", &[("The ward is full,", Some(("a nurse", "", "told", Explicit)))]);
    check(
        "“About 300 jobs will go,” a source familiar with the talks said.",
        &[("About 300 jobs will go,", Some(("a source", "", "said", Explicit)))],
    );
    check("“A deal is close,” people briefed on the plan said.", &[("A deal is close,", Some(("people", "", "said", Explicit)))]);
    check(
        "“The ward is full,” an official at the clinic in Oslo said.",
        &[("The ward is full,", Some(("an official", "", "said", Explicit)))],
    );
    // A quantity is not who speaks: the phrase after "of" is.
    check("“We want a vote,” a majority of the tenants said.", &[("We want a vote,", Some(("the tenants", "", "said", Explicit)))]);
    // A bare noun between two modifiers ("with knowledge of"), and a quantity as the head's
    // determiner, in a head in no noun list ("people", "engineers") and in one in the list
    // ("officials").
    check(
        "Two engineers with knowledge of the survey said: “The bridge is unsafe.”",
        &[("The bridge is unsafe.", Some(("Two engineers", "", "said", Explicit)))],
    );
    check(
        "“The bridge is unsafe,” three people familiar with the survey said.",
        &[("The bridge is unsafe,", Some(("three people", "", "said", Explicit)))],
    );
    check(
        "Several officials with knowledge of the harbour board said: “The bridge is unsafe.”",
        &[("The bridge is unsafe.", Some(("Several officials", "", "said", Explicit)))],
    );
}

#[test]
fn a_quantity_opening_a_sentence_is_no_name() {
    // "Two" is not a speaker's name; the nominal it counts is the speaker, with its quantity.
    check("Two ferrymen said: “The crossing is closed.”", &[("The crossing is closed.", Some(("Two ferrymen", "", "said", Explicit)))]);
    check("Many residents said: “The water is brown.”", &[("The water is brown.", Some(("Many residents", "", "said", Explicit)))]);
    check("“The water is brown,” 40 residents wrote.", &[("The water is brown,", Some(("40 residents", "", "wrote", Explicit)))]);
}

#[test]
fn reporting_clause_before_the_quote() {
    check("Ms Keller said: “We will appeal.”", &[("We will appeal.", Some(("Keller", "Keller", "said", Explicit)))]);
    check("The mayor said that “the budget will balance.”", &[("the budget will balance.", Some(("The mayor", "", "said", Explicit)))]);
    check("Anna Berg told reporters “We will appeal.”", &[("We will appeal.", Some(("Anna Berg", "Anna Berg", "told", Explicit)))]);
}

#[test]
fn an_interrupted_quote_has_one_speaker() {
    check(
        "Mr. Holtz-Eakin spoke first. “We are ready,” he added, “and we are not afraid.”",
        &[
            ("We are ready,", Some(("he", "Holtz-Eakin", "added", Pronoun))),
            ("and we are not afraid.", Some(("he", "Holtz-Eakin", "added", Pronoun))),
        ],
    );
}

#[test]
fn according_to_and_headline_colons() {
    check(
        "According to Orbán, the positions diverge, but “they can get closer”.",
        &[("they can get closer", Some(("Orbán", "Orbán", "According to", Explicit)))],
    );
    check(
        "Orsolya Bíró: “There is not a single reason to wait”",
        &[("There is not a single reason to wait", Some(("Orsolya Bíró", "Orsolya Bíró", ":", Explicit)))],
    );
}

#[test]
fn partial_quotes_take_the_subject_of_their_reporting_clause() {
    check(
        "Russian President Vladimir Putin has accused the US of “ignoring” Russia’s main security “concerns”.",
        &[
            ("ignoring", Some(("Vladimir Putin", "Vladimir Putin", "accused", Explicit))),
            ("concerns", Some(("Vladimir Putin", "Vladimir Putin", "accused", Explicit))),
        ],
    );
    check(
        "For his part, Orbán, the closest ally of the Russian president, has assured that he sees “possible” a deal.",
        &[("possible", Some(("Orbán", "Orbán", "assured", Explicit)))],
    );
}

#[test]
fn pronouns_resolve_to_the_most_recent_compatible_person_in_subject_position() {
    check(
        "Russian President Vladimir Putin met Angela Merkel on Monday.\n\nThe talks were long. Tanks were discussed.\n\n\
         After the talks with Orbán, “We are ready,” he said.",
        &[("We are ready,", Some(("he", "Vladimir Putin", "said", Pronoun)))],
    );
    check(
        "Angela Merkel met Vladimir Putin.\n“We are ready,” she said.",
        &[("We are ready,", Some(("she", "Angela Merkel", "said", Pronoun)))],
    );
}

#[test]
fn a_pronoun_no_subject_fits_takes_the_nearest_person_it_can_name() {
    // The subject is a woman; "he" can only be the man met, an object after a role noun.
    check(
        "Governor Maria Olsen visited fire captain Peter Brandt on Sunday. “The dam will hold,” he said.",
        &[("The dam will hold,", Some(("he", "Peter Brandt", "said", Pronoun)))],
    );
    // A subject that fits still wins over a nearer object.
    check(
        "Peter Brandt thanked captain Jonas Olsen. “The dam will hold,” he said.",
        &[("The dam will hold,", Some(("he", "Peter Brandt", "said", Pronoun)))],
    );
}

#[test]
fn nominals_resolve_by_their_description() {
    check(
        "Russian President Vladimir Putin met Víktor Orbán, Prime Minister of Hungary.\n\
         Later the Russian president said he hoped “dialogue will continue”.\n\
         After talks with Putin, the Hungarian leader said there were “great differences”.",
        &[
            ("dialogue will continue", Some(("the Russian president", "Vladimir Putin", "said", Pronoun))),
            ("great differences", Some(("the Hungarian leader", "Víktor Orbán", "said", Pronoun))),
        ],
    );
}

#[test]
fn a_quote_with_no_cue_continues_the_quote_before_it() {
    check(
        "“Here comes the mayor,” Anna Berg said. “Look.”\n“And there is more to come.”",
        &[
            ("Here comes the mayor,", Some(("Anna Berg", "Anna Berg", "said", Explicit))),
            ("Look.", Some(("Anna Berg", "Anna Berg", "said", Continuation))),
            ("And there is more to come.", Some(("Anna Berg", "Anna Berg", "said", Continuation))),
        ],
    );
}

#[test]
fn a_quote_after_a_sentence_announcing_it_is_the_nearest_speakers() {
    check(
        "Sanders made the following comment:\n“For young people the rate is 33 percent.”",
        &[("For young people the rate is 33 percent.", Some(("Sanders", "Sanders", "comment", Nearest)))],
    );
}

#[test]
fn quotes_inside_quotes_get_no_speaker_of_their_own() {
    let text = "“She called it ‘theatre’ and left,” the aide said.";
    let analysis = crate::analyze(text);
    assert_eq!(analysis.quotes[1].inner.slice(text), "theatre");
    assert_eq!(analysis.quotes[1].speaker, None);
    assert_eq!(analysis.quotes[0].speaker.as_ref().map(|s| s.span.slice(text)), Some("the aide"));
}

#[test]
fn a_cue_inside_a_quote_is_not_the_quotes_cue() {
    check("Background text.\n“He said no, she said yes.”", &[("He said no, she said yes.", None)]);
}

#[test]
fn no_speaker_is_guessed_from_an_unrelated_sentence() {
    check("The “ghost” city waits. “We are ready.”", &[("ghost", None), ("We are ready.", None)]);
}

#[test]
fn entities_give_the_speaker_its_cluster() {
    let text = "Vladimir Putin spoke first.\n“We are ready,” he said.";
    let paragraphs = crate::text::segment::paragraphs(text);
    let sentences = crate::text::segment::sentences(text, &paragraphs);
    let words = crate::text::words::split(text, &paragraphs);
    let mut quotes = crate::quotes::find(text, &paragraphs, &sentences, &words);
    let entities = [Entity { span: Span::new(0, "Vladimir Putin".len()), label: Label::Person, cluster: 0 }];
    super::attribute(text, &sentences, &words, &mut quotes, &entities);
    let speaker = quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.span.slice(text), "he");
    assert_eq!(speaker.entity, Some(0));
    assert_eq!(speaker.refers_to.map(|r| r.slice(text)), Some("Vladimir Putin"));
}

#[test]
fn a_name_in_apposition_names_the_speaker() {
    check(
        "The project’s treasurer, Joaquín Ibáñez, said: “The money is there.”",
        &[("The money is there.", Some(("Joaquín Ibáñez", "Joaquín Ibáñez", "said", Explicit)))],
    );
    // After an inverted cue too, closed by a comma or the sentence's end.
    check(
        "“The levy will rise,” said the council’s finance chief, Tomas Varga, on Monday.",
        &[("The levy will rise,", Some(("Tomas Varga", "Tomas Varga", "said", Explicit)))],
    );
    check(
        "“The levy will rise,” said the finance minister, Tomas Varga.",
        &[("The levy will rise,", Some(("Tomas Varga", "Tomas Varga", "said", Explicit)))],
    );
    check(
        "Orbán, the closest ally of the president, has said he sees “room” for a deal.",
        &[("room", Some(("Orbán", "Orbán", "said", Explicit)))],
    );
}

#[test]
fn a_negated_cue_credits_no_one() {
    check("The coach never said “retire,” whatever the papers wrote.", &[("retire,", None)]);
    check("Mira Lenz did not say “guilty” at any point.", &[("guilty", None)]);
    check("Mira Lenz didn’t say “guilty” at any point.", &[("guilty", None)]);
}

#[test]
fn a_sentence_introducing_the_quote_without_a_verb_names_its_speaker() {
    check(
        "Then a word from festival director Lena Brook:\n\n“Every ticket is sold.”",
        &[("Every ticket is sold.", Some(("Lena Brook", "Lena Brook", ":", Nearest)))],
    );
    check(
        "From the notebook of Omar Reyes, a ferry pilot.\n“The river is higher than last year.”",
        &[("The river is higher than last year.", Some(("Omar Reyes", "Omar Reyes", "From", Nearest)))],
    );
    // A sentence that introduces nothing gives no speaker.
    check("Omar Reyes walked home.\n“The river is higher than last year.”", &[("The river is higher than last year.", None)]);
}

#[test]
fn an_indefinite_nominal_is_someone_new() {
    check(
        "Governor Maria Olsen opened the bridge on Sunday. “It shakes when the trains pass,” a fisherman said.",
        &[("It shakes when the trains pass,", Some(("a fisherman", "", "said", Explicit)))],
    );
}

#[test]
fn a_pronoun_or_role_noun_after_a_nominal_known_by_no_name_refers_to_it() {
    // "A neighbour" is someone new: the "she" after it is the neighbour. (A name before it would
    // still come first: names are looked for before such nominals.)
    check(
        "Water poured into the cellars overnight. A neighbour told the Courier the drain had burst. “It came up through the floor,” she said.",
        &[("It came up through the floor,", Some(("she", "A neighbour", "said", Pronoun)))],
    );
    // A later role noun joins the nominal by its description, and the nominal itself refers to no one.
    check(
        "“The cranes have stood idle since May,” a docker said. “Nobody has been paid,” the docker added.",
        &[
            ("The cranes have stood idle since May,", Some(("a docker", "", "said", Explicit))),
            ("Nobody has been paid,", Some(("the docker", "a docker", "added", Pronoun))),
        ],
    );
    // The appositive of a name is that name's: "he" is Tom Rask.
    check(
        "Tom Rask, a spokesman for the port, said the cranes were idle. “Nobody has been paid,” he said.",
        &[("Nobody has been paid,", Some(("he", "Tom Rask", "said", Pronoun)))],
    );
}

#[test]
fn an_unlisted_verb_after_the_quote_still_reports_it() {
    check(
        "“The lights are out again,” groaned Councillor Ada Brenner, pointing at the square. \
         “Nobody will fix them,” sighed Mayor Tomas Veld, closing the file.",
        &[
            ("The lights are out again,", Some(("Councillor Ada Brenner", "Councillor Ada Brenner", "groaned", Explicit))),
            ("Nobody will fix them,", Some(("Tomas Veld", "Tomas Veld", "sighed", Explicit))),
        ],
    );
    check(
        "“We will not pay again,” the spokesman groaned.",
        &[("We will not pay again,", Some(("the spokesman", "", "groaned", Explicit)))],
    );
}

#[test]
fn a_common_noun_before_the_cue_is_the_speaker_wherever_it_is_listed_or_not() {
    check("“Keep your speed down,” the inspector said.", &[("Keep your speed down,", Some(("the inspector", "", "said", Explicit)))]);
    // Headline style drops the article.
    check(
        "Ferry fares ‘too high for families’, islanders complain\n\nFares rose again in May.",
        &[("too high for families", Some(("islanders", "", "complain", Explicit)))],
    );
}

#[test]
fn a_cue_in_a_subordinate_clause_after_the_quote_reports_nothing() {
    check("The keeper never said “resign,” whatever the gossips wrote.", &[("resign,", None)]);
}

#[test]
fn a_partial_quote_in_the_reporting_clause_does_not_break_a_continuation() {
    check(
        "“Everything is open,” Hale told the Courier after hinting at “changes” in the team. “Every single post is open.”",
        &[
            ("Everything is open,", Some(("Hale", "Hale", "told", Explicit))),
            ("changes", Some(("Hale", "Hale", "told", Explicit))),
            ("Every single post is open.", Some(("Hale", "Hale", "told", Continuation))),
        ],
    );
}

#[test]
fn a_subject_found_by_its_verb_alone_joins_no_one_by_salience() {
    // "the station sign" is no role noun of the lexicon: it is the speaker as written and
    // refers to no one, though a person is salient just before it.
    check(
        "“The trains will run all night,” said Dana Kirsch, who runs the depot.\n\n“Mind the gap,” the station sign warns.",
        &[
            ("The trains will run all night,", Some(("Dana Kirsch", "Dana Kirsch", "said", Explicit))),
            ("Mind the gap,", Some(("the station sign", "", "warns", Explicit))),
        ],
    );
    // A role noun of the lexicon still takes the salient person (resolved: basis `Pronoun`).
    check(
        "“The trains will run all night,” said Dana Kirsch.\n\n“We are ready,” the spokeswoman added.",
        &[
            ("The trains will run all night,", Some(("Dana Kirsch", "Dana Kirsch", "said", Explicit))),
            ("We are ready,", Some(("the spokeswoman", "Dana Kirsch", "added", Pronoun))),
        ],
    );
}

#[test]
fn an_organisation_before_a_role_and_a_name_is_not_the_speaker() {
    check(
        "“The ferry will run on time,” said BC Ferries captain Orla Nyberg.",
        &[("The ferry will run on time,", Some(("Orla Nyberg", "Orla Nyberg", "said", Explicit)))],
    );
}

#[test]
fn commonwealth_titles_keep_their_full_stop() {
    check(
        "“The road stays shut until Monday,” Const. Wade Ibbott said. “Drive around it,” Coun. Pia Lund wrote.",
        &[
            ("The road stays shut until Monday,", Some(("Const. Wade Ibbott", "Const. Wade Ibbott", "said", Explicit))),
            ("Drive around it,", Some(("Coun. Pia Lund", "Coun. Pia Lund", "wrote", Explicit))),
        ],
    );
}

#[test]
fn a_name_after_a_title_of_several_words_is_the_speaker() {
    // The title's head is no speaker, nor is a name inside the title's "of" phrase, nor is the
    // title's capitalised "State" a cue.
    check(
        "U.S. Secretary of State Anna Keller said the talks had “stalled badly.”",
        &[("stalled badly.", Some(("Anna Keller", "Anna Keller", "said", Explicit)))],
    );
    check(
        "Chairman of the Harbour Board of Trustees Gen. Tomas Berg told reporters: “We will rebuild.”",
        &[("We will rebuild.", Some(("Tomas Berg", "Tomas Berg", "told", Explicit)))],
    );
    // A description's modifier still leads back to the description; a surname that is a
    // title's word is a name.
    check(
        "A spokesman for the Harbour Board said: “We will rebuild.”",
        &[("We will rebuild.", Some(("A spokesman", "", "said", Explicit)))],
    );
    check("Tom King of Keltra Bank said: “We will rebuild.”", &[("We will rebuild.", Some(("Tom King", "Tom King", "said", Explicit)))]);
}

#[test]
fn a_role_noun_is_not_someone_else_known_by_no_name() {
    // An interview's questioner and the one who answers are two people.
    check(
        "“Will the line reopen?” a reporter asked. “Not this year,” the stationmaster replied.",
        &[
            ("Will the line reopen?", Some(("a reporter", "", "asked", Explicit))),
            ("Not this year,", Some(("the stationmaster", "", "replied", Explicit))),
        ],
    );
    // (The same description is the same person: the docker of
    // `a_pronoun_or_role_noun_after_a_nominal_known_by_no_name_refers_to_it`.)
}

#[test]
fn a_possessed_role_noun_is_not_its_possessor() {
    // "His lawyer" is someone other than the man he acts for, however salient that man is.
    check(
        "Prosecutors said Tom Harlow took $3 million from the charity. “He will plead not guilty,” his lawyer said.",
        &[("He will plead not guilty,", Some(("his lawyer", "", "said", Explicit)))],
    );
    check(
        "Mayor Ada Brenner left the hall early. “The vote stands,” the mayor’s spokesman said.",
        &[("The vote stands,", Some(("the mayor’s spokesman", "", "said", Explicit)))],
    );
    // Unpossessed, the role noun is the salient person it describes.
    check(
        "Mayor Ada Brenner left the hall early. “The vote stands,” the mayor said.",
        &[("The vote stands,", Some(("the mayor", "Ada Brenner", "said", Pronoun)))],
    );
    // A role a place or a company possesses may be that person.
    check(
        "Keir Varn flew to Oslo overnight. “The talks failed,” Britain’s prime minister said.",
        &[("The talks failed,", Some(("Britain’s prime minister", "Keir Varn", "said", Pronoun)))],
    );
}

#[test]
fn a_dateline_or_a_bracketed_name_is_no_referent() {
    // The dateline's place and agency open the paragraph but are the subject of nothing.
    check(
        "BOSTON (AP) — The harbour board met on Tuesday. “The ferry will run,” the chairman said.",
        &[("The ferry will run,", Some(("the chairman", "", "said", Explicit)))],
    );
    check(
        "ANALYSIS — The harbour board met on Tuesday. “The ferry will run,” the chairman said.",
        &[("The ferry will run,", Some(("the chairman", "", "said", Explicit)))],
    );
    // A party's or an agency's name in brackets is an aside: the senator is Ann Holt.
    check(
        "Senator Ann Holt (Reuters) left the hall early. “We lost,” the senator said.",
        &[("We lost,", Some(("the senator", "Ann Holt", "said", Pronoun)))],
    );
}
