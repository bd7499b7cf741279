//! Stable sorting through one shared instantiation of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site with its
//! own element type or closure compiles its own copy of the sorting machinery (about 4 kB of wasm
//! each). The atlas sorts small lists (regions, search hits, chart rows) in several places; here
//! they all sort a list of positions with a `dyn` comparison, and only moving the elements into
//! that order is generic.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their given order, like `slice::sort_by`.
pub fn sort_stable_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    apply_order(items, order);
}

/// The positions `0..n` in the order `cmp` gives them, ties in position order: for a list that
/// is read in that order rather than rearranged.
#[inline(never)]
pub fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`. Each step swaps the
/// element wanted at `i` into place; if an earlier step moved it, it follows `order` to where
/// it went (`order` maps a position to the one its element came from, and every position before
/// `i` is final).
fn apply_order<T>(items: &mut [T], order: Vec<usize>) {
    for i in 0..items.len() {
        let mut from = order[i];
        while from < i {
            from = order[from];
        }
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            // Sorting by the first field only: equal keys must keep their order (the second field tells).
            let mut expected = v.clone();
            expected.sort_by_key(|a| a.0);
            let mut got = v;
            sort_stable_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn positions_follow_the_order_with_ties_in_position_order() {
        let names = ["b", "a", "b", "a"];
        assert_eq!(
            sorted_positions(names.len(), &|i, j| names[i].cmp(names[j])),
            [1, 3, 0, 2]
        );
    }

    #[test]
    fn sorts_strings_and_empty_lists() {
        let mut names = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        sort_stable_by(&mut names, |a, b| a.cmp(b));
        assert_eq!(names, ["a", "b", "c"]);
        let mut none: Vec<u8> = Vec::new();
        sort_stable_by(&mut none, |a, b| a.cmp(b));
        assert!(none.is_empty());
    }
}
