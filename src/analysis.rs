//! The result of analysing one text: paragraphs, sentences, quotations and entities.
//!
//! Every offset here is a UTF-8 byte offset into the analysed text, `end` exclusive, always on a
//! char boundary. Conversion to other units happens only in `export` (see ARCHITECTURE.md).
//! These types deliberately do not derive `Serialize`: the wire format is `export`'s business.

/// A half-open byte range `start..end` into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers in `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Everything found in one text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Non-blank lines, in order; trailing line breaks excluded.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order, each inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// Quotations in order of their opening mark; a nested quote follows its parent.
    pub quotes: Vec<Quote>,
    /// Entities in text order; they never overlap.
    pub entities: Vec<Entity>,
    /// One per entity cluster, in order of first mention.
    pub clusters: Vec<Cluster>,
    /// Who said what, direct and reported speech, in order of content start (see `Attribution`).
    pub attributions: Vec<Attribution>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Analysis::paragraphs`.
    pub paragraph: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// A quoted utterance standing as speech of its own.
    Direct,
    /// A quoted fragment inside the reporter's own sentence.
    Partial,
    /// Scare quotes, titles, nicknames: not speech.
    Term,
    /// A quote inside another quote.
    Nested,
}

impl QuoteKind {
    pub const ALL: [QuoteKind; 4] = [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Term, QuoteKind::Nested];

    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Term => "term",
            QuoteKind::Nested => "nested",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted text: marks and the whitespace just inside them excluded.
    pub inner: Span,
    /// The quoted text with its marks (to the paragraph end for an unclosed quote).
    pub outer: Span,
    pub kind: QuoteKind,
    /// Index of the paragraph the quote opens in.
    pub paragraph: usize,
    /// True when no closing mark was found: the quote ends at its paragraph's end.
    pub unclosed: bool,
    /// Index into `Analysis::quotes` of the quote this one is nested in.
    pub parent: Option<usize>,
    pub speaker: Option<Speaker>,
    pub cue: Option<Span>,
}

impl Quote {
    /// Whether the quoted words stop mid-clause: they end without punctuation of their own
    /// (`, . ! ? ; : …`), looking past the closing marks of a quotation nested at their end
    /// (`… ‘That is absurd,’”` ends with its comma). The one home of this test: the attribution
    /// stage turns such a direct quote partial when its claim's content runs on past it
    /// (`attribution::link`), so the quote stage alone (`analyze_quotes`) cannot settle its kind.
    pub fn ends_mid_clause(&self, text: &str) -> bool {
        let body = self.inner.slice(text).trim_end_matches(|c: char| c.is_whitespace() || crate::text::marks::may_close(c));
        !body.ends_with([',', '.', '!', '?', ';', ':', '…'])
    }
}

/// Who a quotation is credited to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The shortest mention naming the speaker ("Putin", "he", "the Hungarian leader").
    pub span: Span,
    pub kind: MentionKind,
    /// The entity cluster the mention refers to, when known.
    pub entity: Option<usize>,
    pub basis: Basis,
    /// The name mention the speaker refers to: the first full name of that person or
    /// organisation ("Vladimir Putin" for a later "he" or "the Russian president"), or the
    /// nominal that brought in someone known by no name ("a docker" for a later "he"); found
    /// without the entity tagger, so it is there even when `entity` is not.
    pub refers_to: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    Name,
    Pronoun,
    Nominal,
}

impl MentionKind {
    pub const ALL: [MentionKind; 3] = [MentionKind::Name, MentionKind::Pronoun, MentionKind::Nominal];

    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Pronoun => "pronoun",
            MentionKind::Nominal => "nominal",
        }
    }
}

/// How an attribution was reached: tells a reader how far to trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// A cue and a speaker in the quote's own sentence.
    Explicit,
    /// A pronoun or nominal in the quote's sentence, resolved to an earlier mention.
    Pronoun,
    /// A quote with no cue right after a quote by the same speaker.
    Continuation,
    /// The nearest plausible speaker; the weakest basis.
    Nearest,
}

impl Basis {
    pub const ALL: [Basis; 4] = [Basis::Explicit, Basis::Pronoun, Basis::Continuation, Basis::Nearest];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Explicit => "explicit",
            Basis::Pronoun => "pronoun",
            Basis::Continuation => "continuation",
            Basis::Nearest => "nearest",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Org,
    Place,
    Group,
    Misc,
    Date,
    Money,
    Percent,
    Number,
}

impl Label {
    pub const ALL: [Label; 9] =
        [Label::Person, Label::Org, Label::Place, Label::Group, Label::Misc, Label::Date, Label::Money, Label::Percent, Label::Number];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Place => "PLACE",
            Label::Group => "GROUP",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Number => "NUMBER",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    /// Mentions of one real-world entity share a cluster id (an index into `Analysis::entities`
    /// of the cluster's first mention).
    pub cluster: usize,
}

/// The mentions of one real-world entity, as the page lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// The cluster id: the index in `Analysis::entities` of its first mention.
    pub id: usize,
    pub label: Label,
    /// The mention that names the cluster: its longest proper form ("Vladimir Putin").
    pub name: Span,
    pub mentions: usize,
}

/// What an attribution's content is, by how much of it is quoted (PolNeAR's kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttributionKind {
    /// The content is a quotation (at most a leading "that" outside the marks).
    Direct,
    /// Reported speech with quoted fragments (partial quotes).
    Mixed,
    /// Reported speech with nothing quoted.
    Indirect,
}

impl AttributionKind {
    pub const ALL: [AttributionKind; 3] = [AttributionKind::Direct, AttributionKind::Mixed, AttributionKind::Indirect];

    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Mixed => "mixed",
            AttributionKind::Indirect => "indirect",
        }
    }
}

/// One claim and who made it: content (what was said), source (who), cue (how: "said",
/// "according to", a colon). Spans follow PolNeAR's conventions: the content is the reported
/// clause (a leading "that" may be in or out), the source the mention as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// The hull of `content_spans`.
    pub content: Span,
    /// The content's pieces in order: one, or several when an interrupting "he said" splits it.
    pub content_spans: Vec<Span>,
    /// Who made the claim; `None` when the text does not say ("it was reported that …").
    /// For an attribution holding direct or partial quotes it names the same mention (and
    /// entity) as their `speaker`; the basis may differ.
    pub source: Option<Speaker>,
    pub cue: Option<Span>,
    /// Indices into `Analysis::quotes` of the direct and partial quotes inside the content.
    pub quotes: Vec<usize>,
    /// The probability that content and source are both right (calibrated on cross-validation
    /// over PolNeAR train; see src/data/attribution/README.md).
    pub confidence: f32,
}
