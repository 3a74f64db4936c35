//! Byte offsets to the unit each host indexes strings by: UTF-16 code units for JavaScript,
//! Unicode code points for the CLI (Python's `str` indices).
//!
//! An [`OffsetMap`] is built once per text in O(n) and answers each lookup in O(log k), where k
//! is the number of non-ASCII characters: ASCII-only text costs nothing but the scan.

/// The unit offsets are exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetUnit {
    /// UTF-8 bytes: the core's own unit.
    Byte,
    /// UTF-16 code units: what JavaScript strings index.
    Utf16,
    /// Unicode scalar values: what Python strings index.
    CodePoint,
}

/// Converts byte offsets of one text into another unit.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    unit: OffsetUnit,
    /// For every non-ASCII char: (byte offset just after it, how many bytes it saved over the
    /// target unit so far). Offsets between entries shift by the last entry's delta.
    steps: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new(text: &str, unit: OffsetUnit) -> OffsetMap {
        let mut steps = Vec::new();
        if unit != OffsetUnit::Byte {
            // Byte by byte rather than char by char: a char's first byte gives its length in
            // UTF-8 (`text` is valid UTF-8), and only a four-byte char is two UTF-16 units; the
            // bytes after the first (0x80..0xC0) and ASCII are skipped by one comparison, where
            // decoding every char was 2.4% of a wasm `analyze` (issue 17).
            let mut saved = 0;
            for (i, &b) in text.as_bytes().iter().enumerate() {
                if b >= 0xC0 {
                    let bytes = 2 + (b >= 0xE0) as usize + (b >= 0xF0) as usize;
                    let units = if unit == OffsetUnit::Utf16 && bytes == 4 { 2 } else { 1 };
                    saved += bytes - units;
                    steps.push((i + bytes, saved));
                }
            }
        }
        OffsetMap { unit, steps }
    }

    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// The offset in this map's unit of `byte`, which must lie on a char boundary.
    pub fn convert(&self, byte: usize) -> usize {
        // The last step at or before `byte` says how many bytes were saved up to here.
        let n = self.steps.partition_point(|&(at, _)| at <= byte);
        match n {
            0 => byte,
            _ => byte - self.steps[n - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, unit: OffsetUnit) {
        let map = OffsetMap::new(text, unit);
        for (i, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let expected = match unit {
                OffsetUnit::Byte => i,
                OffsetUnit::Utf16 => text[..i].encode_utf16().count(),
                OffsetUnit::CodePoint => text[..i].chars().count(),
            };
            assert_eq!(map.convert(i), expected, "{unit:?} at byte {i} of {text:?}");
        }
    }

    #[test]
    fn every_boundary_converts_like_a_recount() {
        for text in ["", "plain ascii", "Orbán’s “ghost” 😀 city\r\nnext", "e\u{301}\u{200D}👩‍👩‍👧 «x»", "日本語「引用」"]
        {
            for unit in [OffsetUnit::Byte, OffsetUnit::Utf16, OffsetUnit::CodePoint] {
                check(text, unit);
            }
        }
    }
}
