//! The weight tables build.rs compiles from `feature<TAB>weight…` files (`quote_kinds.tsv`,
//! `linker.tsv`): the feature names one a line, and the weights as their decimal digits, so the
//! module reads them without a float parser (issue 17). See build.rs `weight_table` for the layout.

/// The rows of a compiled table: each feature name with its `N` weights, in the file's order.
/// `weights` is one byte `d` then `N` zigzag LEB128 varints per name, each weight `varint / 10^d`.
/// A table cut short yields the rows it holds (build.rs writes whole tables).
pub(crate) fn rows<'a, const N: usize>(names: &'a str, weights: &'a [u8]) -> impl Iterator<Item = (&'a str, [f32; N])> + 'a {
    let (scale, mut digits) = match weights.split_first() {
        Some((&d, rest)) => (10f64.powi(i32::from(d)), rest),
        None => (1.0, &[][..]),
    };
    names.lines().map_while(move |name| {
        let mut w = [0f32; N];
        for slot in &mut w {
            let (value, rest) = varint(digits)?;
            digits = rest;
            *slot = (f64::from(value) / scale) as f32;
        }
        Some((name, w))
    })
}

/// The zigzag LEB128 varint at the start of `bytes` and the bytes after it; `None` when cut short
/// or longer than an i32.
fn varint(bytes: &[u8]) -> Option<(i32, &[u8])> {
    let mut zigzag = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        zigzag |= u32::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return Some(((zigzag >> 1) as i32 ^ -((zigzag & 1) as i32), &bytes[i + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The encoder of build.rs `weight_table`, written again from its description.
    fn encode(d: u8, values: &[i32]) -> Vec<u8> {
        let mut bytes = vec![d];
        for &v in values {
            let mut z = ((v << 1) ^ (v >> 31)) as u32;
            while z >= 0x80 {
                bytes.push(z as u8 | 0x80);
                z >>= 7;
            }
            bytes.push(z as u8);
        }
        bytes
    }

    #[test]
    fn weights_are_their_digits_over_the_scale() {
        let bytes = encode(2, &[150, -7, 0, 12345]);
        assert_eq!(bytes.len(), 1 + 2 + 1 + 1 + 3, "small weights take one or two bytes");
        let got: Vec<(&str, [f32; 2])> = rows("a=b\nc\n", &bytes).collect();
        assert_eq!(got, [("a=b", [1.5, -0.07]), ("c", [0.0, 123.45])]);
        let extremes = encode(0, &[i32::MIN, i32::MAX, -1, 63, -64, 64]);
        let got: Vec<f32> = rows::<1>("1\n2\n3\n4\n5\n6\n", &extremes).map(|(_, [w])| w).collect();
        assert_eq!(got, [i32::MIN as f32, i32::MAX as f32, -1.0, 63.0, -64.0, 64.0]);
    }

    #[test]
    fn a_table_cut_short_yields_the_rows_it_holds() {
        assert_eq!(rows::<1>("x\n", &[]).count(), 0, "an empty table, not a panic");
        assert_eq!(rows::<1>("x\ny\n", &[0, 2, 0x80]).count(), 1, "a varint cut short ends the table");
        assert_eq!(rows::<2>("x\n", &[0, 2]).count(), 0, "a row cut short is dropped");
        assert_eq!(rows::<1>("x\n", &[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0]).count(), 0, "no varint longer than an i32");
    }
}
