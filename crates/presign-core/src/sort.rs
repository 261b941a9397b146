//! Stable sorting with one copy of the sort code.
//!
//! std's stable sort is generic: every element type and comparator sorted somewhere gets its own
//! copy of the whole algorithm (six of them in the page; docs/performance.md has the cost).
//! `sort_by` therefore sorts a permutation of indices with a single non-generic instance of
//! std's sort, then moves the elements into place. It is stable, like std's.

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`, like `<[T]>::sort_by`.
pub fn sort_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    sort_by_indices(v, compare);
}

/// Sorts `v` stably by `key`, like `<[T]>::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably, like `<[T]>::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The page's sort: the order as a permutation of indices, from one instance of std's stable
/// sort, then applied in place cycle by cycle.
pub fn sort_by_indices<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order = sorted_order(v.len(), &mut |a, b| compare(&v[a], &v[b]));
    // `order[i]` is the index of the element that belongs at `i`. Following each cycle once,
    // an entry is set to its own index when its place is filled.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            v.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// `0..n` sorted stably by `compare` on the indices. Not generic, so compiled once.
fn sorted_order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_std_and_stably(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            // Sorted by the first field only: equal keys must keep their order.
            let mut ours = v.clone();
            sort_by_indices(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sorts_owned_strings(v in proptest::collection::vec("[a-c]{0,3}", 0..100)) {
            let mut ours = v.clone();
            sort_by_indices(&mut ours, String::cmp);
            let mut std = v;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }
}
