//! THE stable sort of the crate's lists (entities, mentions, attributions, candidates, names):
//! equal items keeping their order.
//!
//! Why not `slice::sort_by_key`/`sort_unstable_by` at each call: the standard sorts are compiled
//! anew for every element type and every comparison closure, 2–6 KB of wasm each (a dozen call
//! sites were 50 KB of the module's code, issue 17). Here one merge sort of indices is compiled
//! once for the whole crate, comparing through a `dyn` closure; what depends on the element type
//! is the closure and a permutation loop. The merge is our own, not the standard `sort_unstable`
//! of the indices: that one brings its sorting networks and pattern-defeating quicksort, 10 KB
//! of code (4 KB gzipped) for lists of a few hundred items, most of them in order already.

use std::cmp::Ordering;

/// Sorts `items` by `key` (two numbers, compared in order), stably: items with equal keys keep
/// their order. O(n log n) time, O(n) extra memory.
pub(crate) fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> (usize, usize)) {
    let keys: Vec<(usize, usize)> = items.iter().map(key).collect();
    let from = sorted(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    permute(items, from);
}

/// Sorts `items` by `compare`, stably: items it finds equal keep their order.
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let from = sorted(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, from);
}

/// The indices `0..n` in the order of `compare` (of two indices), equal ones by index; not
/// generic, so compiled once. A bottom-up merge sort, stable (a tie takes the left run's first),
/// after one pass that returns a list already in order as it is.
fn sorted(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    if (1..n).all(|i| compare(i - 1, i) != Ordering::Greater) {
        return from;
    }
    let mut into = vec![0; n];
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let (mid, end) = ((start + width).min(n), (start + 2 * width).min(n));
            let (mut a, mut b) = (start, mid);
            for slot in &mut into[start..end] {
                let left = a < mid && (b == end || compare(from[b], from[a]) != Ordering::Less);
                *slot = if left { from[a] } else { from[b] };
                if left {
                    a += 1;
                } else {
                    b += 1;
                }
            }
        }
        std::mem::swap(&mut from, &mut into);
        width *= 2;
    }
    from
}

/// Makes `items[i]` the item that was at `from[i]`: follows each cycle of the permutation,
/// swapping along it; a position done points at itself.
fn permute<T>(items: &mut [T], mut from: Vec<usize>) {
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

#[cfg(test)]
mod tests {
    use super::{sort_by, sort_by_key};

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
            let mut got = list.clone();
            sort_by(&mut got, |x, y| (x.0, x.1).cmp(&(y.0, y.1)));
            assert_eq!(got, want, "{list:?}");
        }
    }
}
