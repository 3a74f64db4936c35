//! The attribution cases of tests/cases (those whose file checks speakers; every runner checks
//! their speakers through tests/common): here, the entity cluster the tagger gives the name a
//! speaker refers to.

mod common;

/// The speaker's entity is the cluster of the person the mention refers to, named by its longest
/// form: "he" three paragraphs on is still Jonas Weber's cluster.
#[test]
fn every_credited_speaker_carries_the_cluster_of_the_person_it_refers_to() {
    let mut checked = 0;
    for case in common::all_cases().iter().filter(|c| c.checks.speakers) {
        let text = &case.text;
        let analysis = quotelens::analyze(text);
        for q in &analysis.quotes {
            let Some(s) = &q.speaker else { continue };
            let Some(refers_to) = s.refers_to else { continue };
            let who = refers_to.slice(text);
            let cluster = s.entity.and_then(|id| analysis.clusters.iter().find(|c| c.id == id));
            let name = cluster.map(|c| c.name.slice(text));
            // The cluster's display name is the person's fullest form, which contains the name
            // the mention was resolved to ("Keller" is Anna Keller's).
            assert!(
                name.is_some_and(|n| n.contains(who) || who.contains(n)),
                "{}: speaker {:?} of {:?} refers to {who:?} but its entity is {name:?}",
                case.name,
                s.span.slice(text),
                q.inner.slice(text)
            );
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} speakers checked");
}
