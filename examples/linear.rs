//! Adversarial inputs for the linear-cost check (scripts/check-linear.sh): the script runs this
//! under callgrind and counts the instructions spent inside `measured` alone, for each input at
//! two sizes. Counting work, not time, gives the same answer on a loaded or slow machine.
//!
//! `linear --list` names the inputs; `linear NAME BYTES` analyses input NAME grown to BYTES.

use std::hint::black_box;

/// Each input repeats its unit to the size asked for; an input with a head fills the first half
/// with the head and the second with the unit. In a unit, `{n}` is a made-up name, the same
/// within one repetition and new in the next, so that the number of distinct names grows with
/// the text (a repeated unit alone holds a fixed few: a pass that is quadratic in the names,
/// like the consistency pass once was, stays hidden). `line_without_spaces` and
/// `long_name_then_surnames` were quadratic once (tests/regression.rs).
const INPUTS: &[(&str, &str)] = &[
    ("openers", "“"),
    ("capitalised_word", "Capitalised"),
    ("alternating_styles", "“‘«„\"``''"),
    ("nested", "“a ‘b "),
    ("closing_nested", "” ’ » ›"),
    ("markup_without_close", "<a "),
    ("lone_angles", "<"),
    ("line_without_spaces", "x“y”z‘w’"),
    ("quotes_in_one_sentence", "he called it “fake” and "),
    ("unclosed_paragraphs", "“Unclosed quote goes on\n\n"),
    ("quoted_paragraphs", "“Yes,” Angela Merkel said.\n"),
    ("possessives", "the Smiths’ ‘album "),
    ("capitalised_words", "Merkel Putin Orbán "),
    ("one_long_entity", "Bank Of New York Mellon Trust "),
    ("figures", "On May 5, 1997 about $5 million, 12% or 150,000 "),
    // One number without end: a rule that fails only after the run must not reread it per start.
    ("digit_run", "1,"),
    ("abbreviations", "Mr. U.S. J. "),
    ("long_name_then_surnames", "Angela Merkel |Merkel said no.\n"),
    ("many_paragraphs_with_quotes", "“Yes” x\n"),
    ("many_distinct_names", "“Yes,” said Anna {n} of {n} Holdings in {n}. {n} met Lena {n}.\n"),
    ("many_distinct_capitalised", "{n} "),
    // One sentence of contents that each end on a word needing what follows: each may run on
    // over its clause past the tagged spans after it (attribution::link::to_sentence_end).
    ("clauses_opened_in_one_sentence", "{n} warned that "),
    ("pronoun_clauses_in_one_sentence", "the board said they "),
    // A content the tagger stops on "she", run on over its clause, in every sentence: the
    // contents it takes in must not be looked for among every run of the text.
    ("clauses_opened_per_sentence", "{n} insisted she has other questions for the board than the ones she refused to answer in May. "),
];

/// Runs before measuring: the regexes, the tagger's model and the lexicons load on first use,
/// once, whatever the text.
const WARM_UP: &str = "“We are ready,” said Angela Merkel in Berlin on Monday. He accused them of “lying”.";

fn input(spec: &str, bytes: usize) -> String {
    let grow = |unit: &str, bytes: usize| {
        if !unit.contains("{n}") {
            return unit.repeat(bytes.div_ceil(unit.len()));
        }
        let mut out = String::with_capacity(bytes + unit.len() * 2);
        let mut n = 0;
        while out.len() < bytes {
            out.push_str(&unit.replace("{n}", &made_up_name(n)));
            n += 1;
        }
        out
    };
    match spec.split_once('|') {
        Some((head, unit)) => grow(head, bytes / 2) + &grow(unit, bytes / 2),
        None => grow(spec, bytes),
    }
}

/// The `n`-th of a sequence of distinct capitalised made-up names ("Kalo", "Mikaven", …): the
/// digits of `n` in base 8, each a syllable.
fn made_up_name(mut n: usize) -> String {
    const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "ra", "ven", "dor", "sel", "tu"];
    let mut name = String::new();
    loop {
        name.push_str(SYLLABLES[n % 8]);
        n /= 8;
        if n == 0 {
            break;
        }
    }
    if name.len() < 4 {
        name.push_str("ski");
    }
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect()
}

#[inline(never)]
fn measured(text: &str) -> quotelens::Analysis {
    quotelens::analyze(text)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--list" => {
            for (name, _) in INPUTS {
                println!("{name}");
            }
        }
        [name, bytes] => {
            let Some((_, unit)) = INPUTS.iter().find(|(n, _)| n == name) else {
                eprintln!("no input named {name}; see --list");
                std::process::exit(2);
            };
            let Ok(bytes) = bytes.parse::<usize>() else {
                eprintln!("BYTES must be a number, not {bytes}");
                std::process::exit(2);
            };
            black_box(quotelens::analyze(black_box(WARM_UP)));
            let text = input(unit, bytes);
            let analysis = measured(black_box(&text));
            println!("{name}: {} bytes, {} quotes, {} entities", text.len(), analysis.quotes.len(), analysis.entities.len());
        }
        _ => {
            eprintln!("usage: linear --list | linear NAME BYTES");
            std::process::exit(2);
        }
    }
}
