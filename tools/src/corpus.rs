//! Seeded benchmark inputs: news-like articles of our own, generated from templates.
//!
//! Each article has a topic, a cast (people with roles, organisations, places) and a run of
//! paragraphs drawn from sentence templates: direct quotes with every common attribution shape
//! ("X said", "said X, the …", "X told …:", "according to X", questions, multi-sentence quotes
//! carried over by a pronoun, straight and curly marks), partial quotes, scare quotes and titles,
//! nested quotes, and narrative sentences with dates, money, percentages and figures. The mix is
//! tuned so the density of quotes and entities per 1,000 words is close to PolNeAR dev's
//! (`examples/bench_inputs.rs` prints both; they must stay within ±25 %).
//!
//! The same seed and size give the same text on every machine: the generator uses its own
//! SplitMix64, not a crate whose stream might change between versions.

/// The benchmark sizes, in words (whitespace-separated tokens).
pub const SIZES: [(&str, usize); 4] = [("1k", 1_000), ("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)];

/// The seed every benchmark uses, so the inputs of the native and the Node runs are the same.
pub const SEED: u64 = 0x5155_4f54_454c_454e; // "QUOTELEN"

/// Articles, separated by blank lines, until the text has at least `words` words; then the last
/// paragraph is cut so the text has exactly `words` words (a 1k input is one article).
pub fn generate(seed: u64, words: usize) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(words * 7);
    let mut n_words = 0;
    'articles: loop {
        let article = Article::new(&mut rng);
        let n_paragraphs = rng.range(8, 22);
        for p in 0..n_paragraphs {
            let paragraph = article.paragraph(&mut rng, p == 0);
            let n = paragraph.split_whitespace().count();
            if !out.is_empty() {
                out.push_str(if p == 0 { "\n\n\n" } else { "\n\n" });
            }
            if n_words + n >= words {
                let keep = words - n_words;
                let mut taken = 0;
                for (i, w) in paragraph.split_whitespace().enumerate() {
                    if i == keep {
                        break;
                    }
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(w);
                    taken += 1;
                }
                debug_assert_eq!(taken, keep);
                break 'articles;
            }
            out.push_str(&paragraph);
            n_words += n;
        }
    }
    out
}

/// `s` ending in one full stop ("Tanaka Inc." stays as it is).
fn full_stop(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// SplitMix64: tiny, fast, and the same stream everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const FIRST_NAMES: &[&str] = &[
    "Anna", "Maria", "Elena", "Sarah", "Laura", "Grace", "Nadia", "Priya", "Fatima", "Ingrid", "Chloe", "Rosa", "Hannah", "Julia", "Amara",
    "Mei", "Olga", "Teresa", "Leila", "Claire", "Diane", "Yuki", "Beatriz", "Aisha", "Margaret", "Susan", "Karen", "Rachel", "Emily",
    "Nicole", "Helen", "Victoria", "Sofia", "Irene", "Joanna", "Lucy", "James", "Thomas", "David", "Michael", "Robert", "Daniel", "Samuel",
    "Ahmed", "Carlos", "Pierre", "Hans", "Kenji", "Omar", "Viktor", "Pablo", "Rajesh", "Tobias", "Lars", "Marco", "Felix", "Ivan", "Jonas",
    "Kwame", "William", "Richard", "Charles", "Joseph", "Mark", "Paul", "Steven", "Andrew", "Kevin", "Brian", "George", "Edward",
    "Patrick", "Peter", "Henry", "Alan", "Frank", "Scott", "Eric", "Gregory", "Raymond", "Walter",
];
const FEMALE_UP_TO: usize = 36;

const SURNAMES: &[&str] = &[
    "Weber",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Castillo",
    "Tanaka",
    "Novak",
    "Haddad",
    "Kowalski",
    "Brennan",
    "Fischer",
    "Mensah",
    "Rossi",
    "Petrov",
    "Nakamura",
    "Dubois",
    "Sandoval",
    "Gallagher",
    "Chen",
    "Varga",
    "Johansson",
    "Ferreira",
    "Abara",
    "Keller",
    "Romano",
    "Horvath",
    "Larsen",
    "Delgado",
    "Sato",
    "Kaplan",
    "Thornton",
    "Whitaker",
    "Ellison",
    "Harrington",
    "McAllister",
    "Pemberton",
    "Blackwood",
    "Caldwell",
    "Donovan",
    "Fairbanks",
    "Goodwin",
    "Holloway",
    "Jennings",
    "Lockhart",
    "Merritt",
    "Norwood",
    "Prescott",
    "Ramirez",
    "Stanton",
    "Underwood",
    "Vance",
    "Whitfield",
    "Yardley",
    "Ashford",
    "Bradshaw",
    "Crawford",
    "Dempsey",
    "Everett",
    "Fleming",
    "Garrison",
    "Hale",
    "Irving",
    "Kingsley",
    "Lambert",
    "Mercer",
    "Nolan",
    "Osborne",
    "Porter",
    "Quinn",
    "Randall",
    "Shelton",
    "Tate",
    "Upton",
    "Wakefield",
    "Young",
    "Zimmerman",
    "Achebe",
    "Banerjee",
    "Costa",
    "Eriksen",
    "Gonzalez",
    "Hoffmann",
    "Iyer",
    "Jovanovic",
    "Kim",
    "Lopez",
    "Mbeki",
    "Nguyen",
    "Ortiz",
    "Park",
    "Reyes",
    "Schultz",
    "Torres",
    "Usman",
    "Wagner",
    "Xu",
    "Zhang",
];

const PLACES: &[&str] = &[
    "Berlin",
    "Lagos",
    "Ohio",
    "Brussels",
    "Texas",
    "Nairobi",
    "Warsaw",
    "Lisbon",
    "Chicago",
    "Denver",
    "Manila",
    "Ottawa",
    "Quito",
    "Geneva",
    "Kyiv",
    "Seoul",
    "Lima",
    "Cairo",
    "Athens",
    "Dublin",
    "Madrid",
    "Mumbai",
    "Jakarta",
    "Melbourne",
    "Toronto",
    "Glasgow",
    "Hamburg",
    "Milan",
    "Osaka",
    "Atlanta",
    "Phoenix",
    "Boston",
    "Seattle",
    "Florida",
    "Nevada",
    "Michigan",
    "Iowa",
    "Arizona",
    "Georgia",
    "Pennsylvania",
    "France",
    "Germany",
    "Brazil",
    "Mexico",
    "Canada",
    "Japan",
    "Kenya",
    "Poland",
    "Spain",
    "Italy",
    "India",
    "China",
    "Russia",
    "Turkey",
    "Egypt",
    "Nigeria",
    "Argentina",
    "Sweden",
    "Norway",
    "Vietnam",
    "Chile",
    "Washington",
    "London",
    "Paris",
    "Tokyo",
    "Beijing",
    "Moscow",
    "Rome",
    "Vienna",
    "Prague",
    "Budapest",
];

const ORGANISATIONS: &[&str] = &[
    "the European Commission",
    "the World Bank",
    "the United Nations",
    "the Senate",
    "the Federal Reserve",
    "the Justice Department",
    "the Red Cross",
    "Amnesty International",
    "the International Monetary Fund",
    "the Environmental Protection Agency",
    "the Supreme Court",
    "the World Health Organization",
    "NATO",
    "the Pentagon",
    "the State Department",
    "Reuters",
    "the Associated Press",
    "Microsoft",
    "Siemens",
    "General Motors",
    "Toyota",
    "Boeing",
    "Google",
    "Apple",
    "the Labour Party",
    "the Democratic Party",
    "the Republican National Committee",
    "Oxfam",
    "Greenpeace",
    "the FBI",
    "the CIA",
    "Harvard University",
    "the University of Michigan",
    "the Brookings Institution",
    "the Heritage Foundation",
    "Goldman Sachs",
    "JPMorgan Chase",
    "Exxon Mobil",
    "Volkswagen",
    "Airbus",
    "the Bank of England",
    "the Census Bureau",
];
const ORG_SUFFIXES: &[&str] =
    &["Holdings", "Group", "Industries", "Energy", "Bank", "Foundation", "Institute", "Partners", "Corp.", "Inc.", "Airlines", "Media"];

const ROLES: &[&str] = &[
    "a spokeswoman for",
    "a spokesman for",
    "the chief executive of",
    "an analyst at",
    "a senior official at",
    "the director of",
    "an economist at",
    "the chairman of",
    "a lawyer for",
    "a researcher at",
    "the head of",
    "a former adviser to",
    "the general counsel of",
    "a board member of",
    "the president of",
];
const TITLES: &[&str] = &["Senator", "Governor", "Mayor", "President", "Minister", "Judge", "Dr.", "Gen.", "Rep.", "Ambassador"];
const NOMINALS: &[&str] = &[
    "the mayor",
    "the governor",
    "the senator",
    "the minister",
    "the official",
    "the spokeswoman",
    "the company",
    "the campaign",
    "the lawmaker",
    "the executive",
];
const MEDIA: &[&str] = &[
    "reporters",
    "The New York Times",
    "the BBC",
    "CNN",
    "a local radio station",
    "Bloomberg News",
    "the Guardian",
    "Politico",
    "lawmakers",
    "a news conference",
];
const GROUPS: &[&str] = &[
    "Republicans",
    "Democrats",
    "Catholics",
    "Muslims",
    "Conservatives",
    "Socialists",
    "Germans",
    "Americans",
    "Kenyans",
    "Brazilians",
    "French",
    "Japanese",
];
const TOPICS: &[&str] = &[
    "budget",
    "trade deal",
    "health bill",
    "election",
    "merger",
    "climate plan",
    "tax reform",
    "pipeline",
    "strike",
    "inquiry",
    "tariffs",
    "housing plan",
    "court ruling",
    "ceasefire",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] =
    &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SAY: &[&str] = &[
    "said",
    "said",
    "said",
    "said",
    "told",
    "added",
    "argued",
    "warned",
    "insisted",
    "explained",
    "noted",
    "wrote",
    "acknowledged",
    "countered",
];

// Quote bodies: a small phrase grammar, so that no two articles quote the same words.
const Q_SUBJECT: &[&str] =
    &["We", "I", "They", "Nobody", "This", "The people of this country", "Our members", "Everyone here", "The government", "Families"];
const Q_MODAL: &[&str] = &["will", "cannot", "should", "must", "won't", "have to", "are going to", "need to", "would never", "can"];
const Q_VERB: &[&str] =
    &["accept", "ignore", "support", "fight", "stop", "afford", "pay for", "explain", "defend", "wait for", "walk away from", "deliver"];
const Q_OBJECT: &[&str] = &[
    "this deal",
    "another delay",
    "the cuts",
    "a plan like that",
    "the people who elected us",
    "these costs",
    "what happened last year",
    "the workers",
    "any of it",
    "the whole process",
    "a single excuse",
];
const Q_TAIL: &[&str] = &[
    "",
    "",
    " any longer",
    " without a vote",
    " on our own",
    " right now",
    " and everybody knows it",
    ", not now and not ever",
    " before the end of the year",
    " if we are serious",
];
const Q_SECOND: &[&str] = &[
    "It is as simple as that",
    "That is what people want",
    "I have said this before",
    "We will keep working",
    "There is no other way",
    "The numbers speak for themselves",
    "This is not about politics",
    "Nobody should be surprised",
    "It has been a difficult year",
    "We owe it to our children",
    "Frankly, it is a disgrace",
    "I am confident we will get there",
];
const Q_QUESTION: &[&str] =
    &["Who is going to pay for this", "What did they expect", "Why now", "How many more times do we have to say it", "Where is the money"];
const PARTIAL: &[&str] = &[
    "deeply troubling",
    "a historic mistake",
    "reckless",
    "long overdue",
    "a step in the right direction",
    "completely unacceptable",
    "a slap in the face",
    "very constructive",
    "premature",
    "a disaster waiting to happen",
    "fair and balanced",
    "a political stunt",
];
const SCARE: &[&str] = &[
    "reform",
    "experts",
    "fake news",
    "deal",
    "Plan B",
    "the Squad",
    "moderate",
    "independent",
    "temporary",
    "voluntary",
    "red line",
    "Big Tech",
];
const REPORT_TITLES: &[&str] =
    &["A Path Forward", "The Cost of Waiting", "Building Back", "Winter Is Coming", "Open Doors", "No Easy Answers", "The Long Road"];
const FILLER: &[&str] = &[
    "The decision came after months of negotiations that had stalled several times.",
    "Critics have long argued that the rules are too vague to enforce.",
    "The proposal would need the approval of both chambers before it takes effect.",
    "It was not immediately clear how the measure would be paid for.",
    "Supporters say the change is overdue, while opponents warn of unintended consequences.",
    "The talks are expected to resume later in the week.",
    "Officials did not respond to a request for comment.",
    "Several lawmakers have called for an independent review of the program.",
    "The plan has faced growing opposition from local businesses and residents.",
    "Turnout was higher than in previous years, according to preliminary figures.",
    "The move drew sharp criticism from advocacy groups and some members of the party.",
    "Analysts expect the debate to continue well into next year.",
];

/// Sentence templates that quote (see `Article::sentence`), and those that only name and count.
const QUOTING: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 16, 17];
const NARRATIVE: &[usize] = &[11, 12, 13, 15, 18];

// The reporter's own prose: a grammar with few names, so most sentences differ.
const P_SUBJECT: &[&str] = &[
    "Officials",
    "Residents",
    "The committee",
    "Local businesses",
    "Several lawmakers",
    "Critics",
    "Supporters",
    "Investors",
    "Union leaders",
    "The agency",
    "Voters",
    "Economists",
    "The company",
    "Negotiators",
    "Teachers",
];
const P_VERB: &[&str] = &[
    "have raised concerns about",
    "have spent months debating",
    "are still divided over",
    "have largely welcomed",
    "remain skeptical of",
    "are expected to vote on",
    "have pushed back against",
    "quietly lobbied for changes to",
    "were not consulted on",
    "have asked for more time to study",
];
const P_OBJECT: &[&str] = &[
    "the proposal",
    "the new rules",
    "the spending plan",
    "the measure",
    "the agreement",
    "the changes",
    "the draft",
    "the program",
    "the latest figures",
    "the timeline",
];
const P_TAIL: &[&str] = &[
    ", which would take effect next year",
    " since it was first announced",
    " after a series of public hearings",
    ", arguing that it goes too far",
    " despite repeated assurances from the government",
    ", though few expect a quick resolution",
    " as the deadline approaches",
    " in recent weeks",
    ", citing the cost to taxpayers",
    " amid growing pressure from both sides",
    "",
    "",
];

struct Person {
    first: &'static str,
    last: &'static str,
    female: bool,
    role: String,
    title: Option<&'static str>,
}

struct Article {
    people: Vec<Person>,
    orgs: Vec<String>,
    places: Vec<&'static str>,
    topic: &'static str,
    /// Straight or curly double quotes for this article, as publishers differ.
    curly: bool,
}

impl Article {
    fn new(rng: &mut Rng) -> Article {
        let n_orgs = rng.range(3, 6);
        let orgs: Vec<String> = (0..n_orgs)
            .map(|_| {
                if rng.chance(60) {
                    rng.pick(ORGANISATIONS).to_string()
                } else {
                    format!("{} {}", rng.pick(SURNAMES), rng.pick(ORG_SUFFIXES))
                }
            })
            .collect();
        let people = (0..rng.range(3, 7))
            .map(|_| {
                let f = rng.range(0, FIRST_NAMES.len());
                let org = &orgs[rng.range(0, orgs.len())];
                let role = format!("{} {}", rng.pick(ROLES), org);
                Person {
                    first: FIRST_NAMES[f],
                    last: rng.pick(SURNAMES),
                    female: f < FEMALE_UP_TO,
                    role,
                    title: rng.chance(30).then(|| rng.pick(TITLES)),
                }
            })
            .collect();
        let places = (0..rng.range(2, 5)).map(|_| rng.pick(PLACES)).collect();
        Article { people, orgs, places, topic: rng.pick(TOPICS), curly: rng.chance(70) }
    }

    fn quote_body(&self, rng: &mut Rng) -> String {
        format!("{} {} {} {}{}", rng.pick(Q_SUBJECT), rng.pick(Q_MODAL), rng.pick(Q_VERB), rng.pick(Q_OBJECT), rng.pick(Q_TAIL))
    }

    fn marks(&self) -> (&'static str, &'static str) {
        if self.curly {
            ("“", "”")
        } else {
            ("\"", "\"")
        }
    }

    fn person<'a>(&'a self, rng: &mut Rng) -> &'a Person {
        &self.people[rng.range(0, self.people.len())]
    }

    fn place(&self, rng: &mut Rng) -> &'static str {
        self.places[rng.range(0, self.places.len())]
    }

    fn org<'a>(&'a self, rng: &mut Rng) -> &'a str {
        &self.orgs[rng.range(0, self.orgs.len())]
    }

    /// A date in one of the shapes news uses.
    fn date(&self, rng: &mut Rng) -> String {
        match rng.range(0, 5) {
            0 => format!("on {}", rng.pick(WEEKDAYS)),
            1 => format!("on {} {}", rng.pick(MONTHS), rng.range(1, 29)),
            2 => format!("in {} {}", rng.pick(MONTHS), rng.range(1990, 2026)),
            3 => "last week".to_string(),
            _ => format!("on {}, {} {}", rng.pick(WEEKDAYS), rng.pick(MONTHS), rng.range(1, 29)),
        }
    }

    /// A figure: money, a percentage or a count.
    fn figure(&self, rng: &mut Rng) -> String {
        match rng.range(0, 4) {
            0 => format!("${}.{} billion", rng.range(1, 90), rng.range(1, 10)),
            1 => format!("{} percent", rng.range(2, 60)),
            2 => format!("{},{:03}", rng.range(2, 900), rng.range(0, 1000)),
            _ => format!("${} million", rng.range(5, 950)),
        }
    }

    fn full_name(&self, p: &Person) -> String {
        match p.title {
            Some(t) => format!("{t} {} {}", p.first, p.last),
            None => format!("{} {}", p.first, p.last),
        }
    }

    fn paragraph(&self, rng: &mut Rng, lead: bool) -> String {
        let n = if lead { 2 } else { rng.range(1, 4) };
        let mut sentences = Vec::with_capacity(n);
        for i in 0..n {
            sentences.push(if lead && i == 0 { self.lead(rng) } else { self.sentence(rng) });
        }
        sentences.join(" ")
    }

    fn lead(&self, rng: &mut Rng) -> String {
        let (p, place) = (self.person(rng), self.place(rng));
        format!(
            "{} {} {} announced a new {} for {} {}, a move that could affect {} people.",
            place.to_uppercase(),
            "—",
            self.org(rng).trim_start_matches("the "),
            self.topic,
            place,
            self.date(rng),
            format_args!("{},{:03}", rng.range(2, 900), rng.range(0, 1000)),
        ) + &format!(
            " {} {} the announcement, {}",
            self.full_name(p),
            rng.pick(&["welcomed", "criticised", "questioned", "defended"]),
            full_stop(&p.role)
        )
    }

    fn prose(&self, rng: &mut Rng) -> String {
        if rng.chance(30) {
            return rng.pick(FILLER).to_string();
        }
        let mut s = format!("{} {} {}{}.", rng.pick(P_SUBJECT), rng.pick(P_VERB), rng.pick(P_OBJECT), rng.pick(P_TAIL));
        if rng.chance(25) {
            s = format!("{} {}", s, rng.pick(FILLER));
        }
        s
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let (open, close) = self.marks();
        let p = self.person(rng);
        let name = self.full_name(p);
        let last = p.last;
        let pronoun = if p.female { "she" } else { "he" };
        let say = rng.pick(SAY);
        let body = self.quote_body(rng);
        // Weights tuned to PolNeAR dev's density: about a fifth of the sentences quote
        // someone, a quarter carry names and figures, the rest is the reporter's own prose.
        let roll = rng.range(0, 100);
        if roll >= 44 {
            return self.prose(rng);
        }
        let template = if roll < 21 { QUOTING[rng.range(0, QUOTING.len())] } else { NARRATIVE[rng.range(0, NARRATIVE.len())] };
        match template {
            0 => format!("{open}{body},{close} {last} {say}."),
            1 => format!("{open}{body},{close} said {name}, {}", full_stop(&p.role)),
            2 => format!("{name} told {}: {open}{body}.{close}", rng.pick(MEDIA)),
            3 => format!("{open}{body},{close} {pronoun} said. {open}{}.{close}", rng.pick(Q_SECOND)),
            4 => format!("According to {last}, {open}{body}.{close}"),
            5 => format!("{open}{}?{close} asked {name}.", rng.pick(Q_QUESTION)),
            6 => format!("{open}{body},{close} {} said {}, {} {}.", rng.pick(NOMINALS), self.date(rng), "speaking in", self.place(rng)),
            7 => format!(
                "{name} called the {} {open}{}{close} and said {} would {} it in {}.",
                self.topic,
                rng.pick(PARTIAL),
                self.org(rng),
                rng.pick(Q_VERB),
                self.place(rng)
            ),
            8 => format!(
                "The so-called {open}{}{close} {} has divided {} in {}.",
                rng.pick(SCARE),
                self.topic,
                rng.pick(GROUPS),
                self.place(rng)
            ),
            9 => format!(
                "A report by {}, titled {open}{},{close} found that {} of households in {} were affected.",
                self.org(rng),
                rng.pick(REPORT_TITLES),
                self.figure(rng),
                self.place(rng)
            ),
            10 => {
                let (inner_open, inner_close) = if self.curly { ("‘", "’") } else { ("'", "'") };
                format!(
                    "{open}They keep talking about {inner_open}{}{inner_close}, but {},{close} {last} said.",
                    rng.pick(SCARE),
                    body.to_lowercase()
                )
            }
            11 => format!(
                "{} shares rose {} percent {} after the company reported revenue of ${} million.",
                self.org(rng),
                rng.range(2, 40),
                self.date(rng),
                rng.range(20, 900)
            ),
            12 => format!(
                "{name}, {}, met {} officials in {} {} to discuss the {}.",
                rng.range(35, 80),
                rng.pick(GROUPS).trim_end_matches('s'),
                self.place(rng),
                self.date(rng),
                self.topic
            ),
            13 => format!(
                "The {} would cost about {} over {} years, according to {}.",
                self.topic,
                self.figure(rng),
                rng.range(2, 11),
                self.org(rng)
            ),
            14 => format!(
                "{} {} that the {} was {open}{}{close} and {open}{}.{close}",
                name,
                rng.pick(&["said", "wrote", "argued"]),
                self.topic,
                rng.pick(PARTIAL),
                rng.pick(PARTIAL)
            ),
            15 => format!(
                "{name} told {} {} that {} in {} had agreed to the terms.",
                rng.pick(MEDIA),
                self.date(rng),
                self.org(rng),
                self.place(rng)
            ),
            16 => format!("In a statement, {} said: {open}{body}. {}.{close}", self.org(rng), rng.pick(Q_SECOND)),
            17 => format!("{open}{body},{close} {name} {say} in an interview {}.", self.date(rng)),
            _ => format!("{} The meeting in {} {} ended without an agreement.", rng.pick(FILLER), self.place(rng), self.date(rng)),
        }
    }
}
