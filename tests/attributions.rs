//! Attributions on texts we wrote: reported speech found with cues the lexicon does not list,
//! sources outside any noun list, sources resolved to entity clusters, quotes and their
//! attributions agreeing, and denied speech credited to no one.

use quotelens::{analyze, Analysis, Attribution, AttributionKind, MentionKind};

/// The attribution whose content contains `words`.
fn claim<'a>(text: &str, analysis: &'a Analysis, words: &str) -> &'a Attribution {
    analysis
        .attributions
        .iter()
        .find(|a| a.content.slice(text).contains(words))
        .unwrap_or_else(|| panic!("no attribution holds {words:?} in {:?}", analysis.attributions))
}

fn source<'t>(text: &'t str, a: &Attribution) -> &'t str {
    a.source.as_ref().map_or("", |s| s.span.slice(text))
}

fn cue<'t>(text: &'t str, a: &Attribution) -> &'t str {
    a.cue.map_or("", |c| c.slice(text))
}

#[test]
fn reported_speech_is_credited_to_its_source_and_cluster() {
    let text = "The Hungarian foreign minister, Péter Szijjártó, said on Tuesday that the pipeline would be finished by spring. \
                He added that Budapest would not pay more for the gas.";
    let analysis = analyze(text);
    let first = claim(text, &analysis, "the pipeline would be finished by spring");
    let second = claim(text, &analysis, "Budapest would not pay more for the gas");
    assert_eq!(first.kind, AttributionKind::Indirect);
    assert_eq!(cue(text, first), "said");
    assert_eq!(cue(text, second), "added");
    assert_eq!(source(text, second), "He");
    assert_eq!(second.source.as_ref().map(|s| s.kind), Some(MentionKind::Pronoun));
    // Both claims lead to the minister's entity cluster, the second through "He".
    let cluster = analysis.entities.iter().find(|e| e.span.slice(text) == "Péter Szijjártó").map(|e| e.cluster);
    assert!(cluster.is_some());
    assert_eq!(first.source.as_ref().and_then(|s| s.entity), cluster);
    assert_eq!(second.source.as_ref().and_then(|s| s.entity), cluster);
    // Two sentences, two claims: the second does not run into the first.
    assert!(!first.content.slice(text).contains("Budapest"));
}

#[test]
fn sources_outside_any_noun_list_and_cues_beyond_said() {
    let text = "The coach told reporters that his team had played its best game of the season. \
                Police said three people were arrested after the match. \
                A neighbour tweeted that the street had been blocked for hours.";
    let analysis = analyze(text);
    let coach = claim(text, &analysis, "his team had played its best game");
    assert_eq!(source(text, coach), "The coach");
    assert_eq!(cue(text, coach), "told");
    let police = claim(text, &analysis, "three people were arrested");
    assert_eq!(source(text, police), "Police");
    let neighbour = claim(text, &analysis, "the street had been blocked");
    assert_eq!(source(text, neighbour), "A neighbour");
    assert_eq!(cue(text, neighbour), "tweeted");
    // "A neighbour" is someone new, not a person named earlier.
    assert_eq!(neighbour.source.as_ref().and_then(|s| s.refers_to), None);
}

#[test]
fn a_quote_and_its_attribution_agree() {
    let text = "“We are not moving,” the tenants would chant outside the office. \
                “The rent doubled in a year,” said Maria Kovacs, who has lived there since 1990.";
    let analysis = analyze(text);
    for a in &analysis.attributions {
        for &q in &a.quotes {
            let speaker = analysis.quotes[q].speaker.as_ref().map(|s| (s.span, s.entity));
            assert_eq!(speaker, a.source.as_ref().map(|s| (s.span, s.entity)));
        }
    }
    let tenants = claim(text, &analysis, "We are not moving");
    assert_eq!(tenants.kind, AttributionKind::Direct);
    assert_eq!(source(text, tenants), "the tenants");
    assert_eq!(tenants.quotes, vec![0]);
    let kovacs = claim(text, &analysis, "The rent doubled");
    assert_eq!(source(text, kovacs), "Maria Kovacs");
}

#[test]
fn denied_speech_is_no_attribution() {
    let text = "Officials did not say that the bridge would close.";
    let analysis = analyze(text);
    assert!(analysis.attributions.iter().all(|a| cue(text, a) != "did not say" && cue(text, a) != "say"), "{:?}", analysis.attributions);
}

#[test]
fn confidence_is_a_probability_and_firmer_for_a_plain_claim() {
    let text = "The mayor said that the line would reopen in May. Prices, it seems, may rise.";
    let analysis = analyze(text);
    let plain = claim(text, &analysis, "the line would reopen in May");
    assert!(analysis.attributions.iter().all(|a| (0.0..=1.0).contains(&a.confidence)));
    assert!(plain.confidence > 0.3, "{}", plain.confidence);
}

#[test]
fn an_unlisted_cue_takes_the_speaker_beside_it_not_the_object_before() {
    let text = "“The lights are out again,” groaned Councillor Ada Brenner, pointing at the square. \
                “Nobody will fix them,” sighed Mayor Tomas Veld, closing the file.";
    let analysis = analyze(text);
    let second = claim(text, &analysis, "Nobody will fix them");
    assert_eq!(second.source.as_ref().and_then(|s| s.refers_to).map(|r| r.slice(text)), Some("Tomas Veld"));
    assert_eq!(analysis.quotes[1].speaker.as_ref().map(|s| s.span.slice(text)), Some("Tomas Veld"));
}

#[test]
fn a_place_inside_a_speakers_appositive_never_speaks() {
    // The town a description places the speaker in is never credited, however long the claim.
    for text in [
        "Her sister, a nurse in Leeds, said the ward had been short of staff for months.",
        "Her sister, a welder in Tolva, said the yard had closed.",
        "Jon Pell, 54, a farmer from Carlisle, said: “We have lost everything.”",
    ] {
        let analysis = analyze(text);
        for a in &analysis.attributions {
            let source = source(text, a);
            assert!(!matches!(source, "Leeds" | "Tolva" | "Carlisle"), "{text}: {source:?}");
        }
    }
}

#[test]
fn a_quote_continuing_its_speaker_keeps_them_past_a_relative_clause() {
    // The noun phrase of the relative clause ("the district's roads committee") is no source: the
    // second quote goes on in the voice of the first quote's speaker.
    let text = "“We have seen the road wash out three springs in a row,” said Alderman Tobiah Greaves, who leads the \
                district’s roads committee. “Each of those mornings left a family stranded.”";
    let analysis = analyze(text);
    let second = analysis.quotes.iter().find(|q| q.inner.slice(text).starts_with("Each of those")).expect("the second quote");
    let speaker = second.speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.span.slice(text), "Alderman Tobiah Greaves");
}

#[test]
fn beliefs_and_stances_are_attributed_like_speech() {
    // PolNeAR attributes what "believe", "showed" and "opposes" govern as it does "said".
    let text = "Most economists believe the rate cut came too late for the harbour towns. \
                A survey by the fishing board showed that catches had fallen for a third year.";
    let analysis = analyze(text);
    let belief = claim(text, &analysis, "the rate cut came too late");
    assert_eq!(cue(text, belief), "believe");
    assert!(source(text, belief).ends_with("economists"), "{:?}", source(text, belief));
    let survey = claim(text, &analysis, "catches had fallen for a third year");
    assert_eq!(cue(text, survey), "showed");
    // The survey or the board that ran it, as long as it is that phrase.
    let by = text.find("A survey by the fishing board").expect("the phrase");
    let phrase = quotelens::Span::new(by, by + "A survey by the fishing board".len());
    assert!(survey.source.as_ref().is_some_and(|s| phrase.start <= s.span.start && s.span.end <= phrase.end), "{:?}", source(text, survey));
}

#[test]
fn a_claim_after_a_bare_cue_is_a_second_claim_of_the_same_source() {
    let text = "Senator Ruth Okafor criticised the bridge contract on Monday, arguing that it favours a single builder.";
    let analysis = analyze(text);
    let second = claim(text, &analysis, "it favours a single builder");
    assert!(!second.content.slice(text).contains("bridge contract"), "{:?}", second.content.slice(text));
    assert_eq!(cue(text, second), "arguing");
    assert!(source(text, second).contains("Okafor"), "{:?}", source(text, second));
}

#[test]
fn a_content_right_after_its_cue_ends_before_the_next_reporting_clause() {
    let text = "Asked whether the tunnel would open this year, the transport minister said it was too early to tell.";
    let analysis = analyze(text);
    let answer = claim(text, &analysis, "it was too early to tell");
    assert!(!answer.content.slice(text).contains("tunnel"), "{:?}", answer.content.slice(text));
    assert_eq!(cue(text, answer), "said");
    assert_eq!(source(text, answer), "the transport minister");
}

#[test]
fn a_claim_before_its_cue_without_quotation_marks() {
    // "X is Y, officials said": no quotation marks, the cue after the claim, in a short closing
    // clause after a comma.
    let text = "The council met on Tuesday to discuss the budget. \
                The ferry service will resume in March, officials said. \
                Water rates will rise next year, the treasurer warned.";
    let analysis = analyze(text);
    let ferry = claim(text, &analysis, "The ferry service will resume in March");
    assert!(!ferry.content.slice(text).contains("officials"), "{:?}", ferry.content.slice(text));
    assert_eq!(source(text, ferry), "officials");
    assert_eq!(cue(text, ferry), "said");
    let rates = claim(text, &analysis, "Water rates will rise next year");
    assert_eq!(source(text, rates), "the treasurer");
    assert_eq!(cue(text, rates), "warned");
}

#[test]
fn a_cue_in_a_subordinate_clause_after_a_claim_reports_nothing() {
    // "…, whatever the flyers claimed": the closing clause concedes, it does not report the
    // sentence before it; a plain closing clause does report its sentence.
    let text = "The mayor will build a new pool, whatever the flyers claimed. \
                Water rates will rise next year, the treasurer warned.";
    let analysis = analyze(text);
    assert!(
        !analysis.attributions.iter().any(|a| a.content.slice(text).contains("a new pool")),
        "{:?}",
        analysis.attributions.iter().map(|a| a.content.slice(text)).collect::<Vec<_>>()
    );
    let rates = claim(text, &analysis, "Water rates will rise next year");
    assert_eq!(source(text, rates), "the treasurer");
    assert_eq!(cue(text, rates), "warned");
}

/// Text pasted from an e-mail or a PDF, wrapped at a fixed width (`text::wrap`): the taggers read
/// a wrapped paragraph as running text, so a claim or a quote over the wraps is one, and a name
/// broken by a wrap is one name.
#[test]
fn claims_and_names_run_over_the_wraps_of_a_hard_wrapped_text() {
    let text = "Dear members, the harbour trust met on Tuesday night. Its chair, Marta\n\
                Lindqvist, said that the new ferry timetable would start in April and\n\
                that the older vessel would be sold before the summer.\n\
                \"We have listened to the islanders for two years, and the timetable\n\
                shows it,\" she told the meeting. Tomas Berg, who runs the bakery by\n\
                the pier, said the changes would cost him customers every winter.\n\
                \n\
                Kind regards, the secretary";
    let analysis = analyze(text);
    let names: Vec<&str> = analysis.entities.iter().map(|e| e.span.slice(text)).collect();
    assert!(names.contains(&"Marta\nLindqvist"), "{names:?}");
    let timetable = claim(text, &analysis, "the new ferry timetable would start in April");
    assert!(timetable.content.slice(text).contains("before the summer"), "{:?}", timetable.content.slice(text));
    assert!(source(text, timetable).contains("Lindqvist"));
    let quote = analysis.quotes.iter().position(|q| q.inner.slice(text).contains("listened")).expect("the quote");
    let holding = claim(text, &analysis, "listened to the islanders");
    let outer = analysis.quotes[quote].outer;
    assert!(holding.content.start <= outer.start && outer.end <= holding.content.end, "{:?}", holding.content.slice(text));
    assert_eq!(holding.quotes, vec![quote]);
    let bakery = claim(text, &analysis, "the changes would cost him customers");
    assert!(bakery.content.slice(text).ends_with("every winter"), "{:?}", bakery.content.slice(text));
    assert_eq!(source(text, bakery), "Tomas Berg");
}
