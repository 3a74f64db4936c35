//! THE stable sort of the crate's lists of spans (entities, mentions, attributions, candidates):
//! by a key of two offsets, equal keys keeping their order.
//!
//! Why not `slice::sort_by_key` at each call: the standard stable sort is compiled anew for
//! every element type and every key closure, 3–6 KB of wasm each (a dozen call sites were 50 KB
//! of the module's code, issue 17). Here one `sort_unstable` of `(key, index)` pairs is compiled
//! once for the whole crate, and what depends on the element type is a permutation loop. The
//! index makes every key distinct, so the result is exactly the stable sort's.

/// Sorts `items` by `key` (two numbers, compared in order), stably: items with equal keys keep
/// their order. O(n log n) time, O(n) extra memory.
pub(crate) fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> (usize, usize)) {
    let keys: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i)
        })
        .collect();
    let mut from: Vec<usize> = sorted(keys);
    // `items[i]` must become the item now at `from[i]`: follow each cycle of the permutation,
    // swapping along it; a position done points at itself.
    for start in 0..from.len() {
        let mut at = start;
        loop {
            let next = from[at];
            from[at] = at;
            if next == start || next == at {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

/// The indices (third numbers) of `keys` in key order; not generic, so compiled once.
fn sorted(mut keys: Vec<(usize, usize, usize)>) -> Vec<usize> {
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::sort_by_key;

    /// Same result as the standard stable sort, equal keys included, on lists of every small
    /// length and order, and on a longer one with many ties.
    #[test]
    fn it_is_the_standard_stable_sort() {
        let mut lists: Vec<Vec<(usize, usize, char)>> = Vec::new();
        for n in 0..7usize {
            for seed in 0..50usize {
                lists.push((0..n).map(|i| ((i * 7 + seed * 3) % 4, (i + seed) % 2, (b'a' + i as u8) as char)).collect());
            }
        }
        lists.push((0..1000usize).map(|i| ((i * 7919) % 13, (i * 31) % 3, char::from_u32(0x100 + i as u32).unwrap_or('x'))).collect());
        for list in lists {
            let mut want = list.clone();
            want.sort_by_key(|&(a, b, _)| (a, b));
            let mut got = list.clone();
            sort_by_key(&mut got, |&(a, b, _)| (a, b));
            assert_eq!(got, want, "{list:?}");
        }
    }
}
