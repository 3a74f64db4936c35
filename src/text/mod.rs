//! Text plumbing shared by every analysis stage: segmentation and offset conversion.

pub mod offsets;
pub(crate) mod segment;

/// Characters that take no room and carry no meaning for segmentation (zero-width space and
/// joiners, word joiner, BOM); trimmed like whitespace around quotes and paragraphs.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whitespace or an invisible character.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}
