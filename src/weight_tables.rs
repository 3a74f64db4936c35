//! The weight tables build.rs compiles from `feature<TAB>weight…` files (`quote_kinds.tsv`,
//! `linker.tsv`): the feature names one a line, and the weights as their decimal digits, so the
//! module reads them without a float parser (issue 17). See build.rs `weight_table` for the layout.

/// The rows of a compiled table: each feature name with its `N` weights, in the file's order.
/// `weights` is one byte `d` then `N` little-endian i32s per name, each weight `i32 / 10^d`.
/// A table cut short yields the rows it holds (build.rs writes whole tables).
pub(crate) fn rows<'a, const N: usize>(names: &'a str, weights: &'a [u8]) -> impl Iterator<Item = (&'a str, [f32; N])> + 'a {
    let (scale, digits) = match weights.split_first() {
        Some((&d, rest)) => (10f64.powi(i32::from(d)), rest),
        None => (1.0, &[][..]),
    };
    names.lines().zip(digits.chunks_exact(4 * N)).map(move |(name, row)| {
        let mut w = [0f32; N];
        for (slot, bytes) in w.iter_mut().zip(row.chunks_exact(4)) {
            let digits = i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            *slot = (f64::from(digits) / scale) as f32;
        }
        (name, w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_their_digits_over_the_scale() {
        let mut bytes = vec![2u8];
        for d in [150i32, -7, 0, 12345] {
            bytes.extend_from_slice(&d.to_le_bytes());
        }
        let got: Vec<(&str, [f32; 2])> = rows("a=b\nc\n", &bytes).collect();
        assert_eq!(got, [("a=b", [1.5, -0.07]), ("c", [0.0, 123.45])]);
        assert_eq!(rows::<1>("x\n", &[]).count(), 0, "an empty table, not a panic");
        assert_eq!(rows::<1>("x\ny\n", &[0, 1, 0, 0, 0, 9]).count(), 1, "a row cut short is dropped");
    }
}
