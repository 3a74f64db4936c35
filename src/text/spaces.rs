// THE space characters that stand between two words: their one home. Read by src/text (as the
// module `text::spaces`: `is_space`) and by the date and figure rules (src/entities/figure_rules.rs
// includes this file, and build.rs compiles those rules), so it stands alone: no `use`.

/// The characters that stand for a space between two words, as the body of a regex class:
/// Unicode's space separators (general category Zs), the spaces a pasted or typeset article
/// carries where a space was typed: U+0020, no-break U+00A0, ogham U+1680, the typographic
/// U+2000–U+200A (en and em quads and spaces, three- four- six-per-em, figure U+2007,
/// punctuation, thin U+2009, hair), narrow no-break U+202F, medium mathematical U+205F and
/// ideographic U+3000. Not tabs and line breaks (`text::is_line_break`), which end a line.
/// A macro, for rule constants built with `concat!`.
#[allow(unused_macros)] // figure_rules.rs and the tests read it; the rest of src/text reads `is_space`
macro_rules! space_chars {
    () => {
        r"\x20\u{A0}\u{1680}\u{2000}-\u{200A}\u{202F}\u{205F}\u{3000}"
    };
}

/// True when `c` is one of `space_chars` (src/text/mod.rs's tests hold the two to each other,
/// to Zs and to `is_blank`; they live there, since figure_rules.rs includes this file).
#[allow(dead_code)] // figure_rules.rs includes this file too, where only the macro is read
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}
