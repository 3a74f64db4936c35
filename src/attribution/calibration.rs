//! Calibrated confidence: a logistic map from what the tagger and the linker saw of one
//! attribution (its evidence) to the probability that its content and source are both right.
//!
//! The map's weights are data: fitted by the trainer on cross-validated predictions over PolNeAR
//! train (so the tagger never scores text it was trained on) and stored in the model file.

/// The evidence vector's length, bias included.
pub(crate) const N_CALIBRATION: usize = 12;

/// What one attribution's confidence is computed from; every entry is in [0, 1] or a small range.
pub(crate) type Evidence = [f32; N_CALIBRATION];

/// `1 / (1 + e^-(w · x))`.
pub(crate) fn probability(weights: &[f32], x: &Evidence) -> f32 {
    let z: f32 = weights.iter().zip(x).map(|(w, v)| w * v).sum();
    1.0 / (1.0 + (-z).exp())
}

/// Logistic regression by full-batch gradient descent (deterministic: no sampling), with a
/// little L2 so that rare evidence does not run away.
#[cfg(any(test, feature = "internals"))]
pub(crate) fn fit(xs: &[Evidence], ys: &[bool]) -> Vec<f32> {
    let mut w = vec![0.0f64; N_CALIBRATION];
    let n = xs.len().max(1) as f64;
    let rate = 0.5;
    for _ in 0..3000 {
        let mut grad = vec![0.0f64; N_CALIBRATION];
        for (x, &y) in xs.iter().zip(ys) {
            let z: f64 = w.iter().zip(x).map(|(w, &v)| w * v as f64).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let e = p - if y { 1.0 } else { 0.0 };
            for (g, &v) in grad.iter_mut().zip(x) {
                *g += e * v as f64;
            }
        }
        for (k, (wk, g)) in w.iter_mut().zip(&grad).enumerate() {
            let l2 = if k == 0 { 0.0 } else { 1e-4 * *wk };
            *wk -= rate * (g / n + l2);
        }
    }
    w.into_iter().map(|v| v as f32).collect()
}

/// One row of a reliability table: predictions with confidence in `[low, high)`.
#[cfg(any(test, feature = "internals"))]
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // the bounds are printed by the trainer
pub(crate) struct Bin {
    pub low: f32,
    pub high: f32,
    pub count: usize,
    pub mean_confidence: f64,
    pub accuracy: f64,
}

/// The reliability table over `bins` equal-width bins, and the expected calibration error
/// (the count-weighted mean of |accuracy − confidence|).
#[cfg(any(test, feature = "internals"))]
pub(crate) fn reliability(ps: &[f32], ys: &[bool], bins: usize) -> (Vec<Bin>, f64) {
    let mut table: Vec<Bin> = (0..bins)
        .map(|b| Bin { low: b as f32 / bins as f32, high: (b + 1) as f32 / bins as f32, count: 0, mean_confidence: 0.0, accuracy: 0.0 })
        .collect();
    for (&p, &y) in ps.iter().zip(ys) {
        let b = ((p * bins as f32) as usize).min(bins - 1);
        table[b].count += 1;
        table[b].mean_confidence += p as f64;
        table[b].accuracy += y as u8 as f64;
    }
    let total = ps.len().max(1) as f64;
    let mut ece = 0.0;
    for bin in &mut table {
        if bin.count > 0 {
            bin.mean_confidence /= bin.count as f64;
            bin.accuracy /= bin.count as f64;
            ece += bin.count as f64 / total * (bin.accuracy - bin.mean_confidence).abs();
        }
    }
    (table, ece)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitted_map_follows_the_evidence_and_is_calibrated_on_its_data() {
        // Evidence 1 is right 80% of the time, evidence 0 20%.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..1000 {
            let mut x = [0.0; N_CALIBRATION];
            x[0] = 1.0;
            x[1] = (i % 2) as f32;
            xs.push(x);
            ys.push(if i % 2 == 1 { i % 10 != 1 } else { i % 10 == 0 });
        }
        let w = fit(&xs, &ys);
        let ps: Vec<f32> = xs.iter().map(|x| probability(&w, x)).collect();
        assert!((ps[1] - 0.8).abs() < 0.03, "{}", ps[1]);
        assert!((ps[0] - 0.2).abs() < 0.03, "{}", ps[0]);
        let (_, ece) = reliability(&ps, &ys, 10);
        assert!(ece < 0.03, "{ece}");
    }
}
