//! Classification methods: equal intervals, natural breaks, the dataset's thresholds, the method
//! tokens links use, and per-class counts.

use std::collections::BTreeSet;

use atlas_core::classify::{
    equal_interval_breaks, jenks_breaks, quantile_breaks, ClassIndex, Classes, Fallback, Method,
    MAX_CLASSES,
};
use proptest::prelude::*;

fn assert_strictly_increasing(bounds: &[f64]) {
    assert!(
        bounds.windows(2).all(|w| w[0] < w[1]),
        "bounds not strictly increasing: {bounds:?}"
    );
}

/// Sum of squared deviations from the mean.
fn squared_deviation(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    values.iter().map(|v| (v - mean) * (v - mean)).sum()
}

/// The squared deviation within each class of `bounds`, summed over the classes.
fn within_class_deviation(values: &[f64], bounds: &[f64]) -> f64 {
    let c = Classes {
        bounds: bounds.to_vec(),
    };
    let mut groups = vec![Vec::new(); c.len()];
    for &v in values {
        if let ClassIndex::Class(i) = c.class_of(Some(v)) {
            groups[i].push(v);
        }
    }
    groups.iter().map(|g| squared_deviation(g)).sum()
}

/// The least within-class deviation over every split of the sorted distinct values into `k`
/// runs, by trying them all.
fn brute_force_least_deviation(values: &[f64], k: usize) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut distinct = sorted.clone();
    distinct.dedup();
    let m = distinct.len();
    let k = k.min(m);
    let mut least = f64::INFINITY;
    // Each subset of the m - 1 gaps with k - 1 members is one split.
    for mask in 0u32..(1 << (m - 1)) {
        if mask.count_ones() as usize != k - 1 {
            continue;
        }
        let mut groups: Vec<Vec<f64>> = vec![Vec::new()];
        for (i, d) in distinct.iter().enumerate() {
            if i > 0 && mask & (1 << (i - 1)) != 0 {
                groups.push(Vec::new());
            }
            if let Some(g) = groups.last_mut() {
                g.extend(sorted.iter().filter(|v| *v == d));
            }
        }
        least = least.min(groups.iter().map(|g| squared_deviation(g)).sum());
    }
    least
}

// ---------------------------------------------------------------------------------------------
// equal intervals

#[test]
fn equal_intervals_have_one_width_and_may_leave_classes_empty() {
    let values = [0.0, 1.0, 2.0, 3.0, 100.0];
    let b = equal_interval_breaks(&values, 4);
    assert_eq!(b, [0.0, 25.0, 50.0, 75.0, 100.0]);
    let c = Classes::equal_intervals(&values, 4);
    assert_eq!(c.counts(values.iter().map(|v| Some(*v))), [4, 0, 0, 1]);
}

#[test]
fn equal_intervals_follow_the_quantile_contract_at_the_edges() {
    assert_eq!(equal_interval_breaks(&[], 5), Vec::<f64>::new());
    assert_eq!(equal_interval_breaks(&[f64::NAN], 5), Vec::<f64>::new());
    assert_eq!(equal_interval_breaks(&[1.0, 2.0], 0), Vec::<f64>::new());
    assert_eq!(equal_interval_breaks(&[3.0, 3.0], 4), [3.0, 3.0]);
    // Two distinct values give at most two classes.
    assert_eq!(equal_interval_breaks(&[0.0, 0.0, 8.0], 5), [0.0, 4.0, 8.0]);
    assert_eq!(
        equal_interval_breaks(&[f64::NEG_INFINITY, 0.0, 1.0, 6.0, f64::NAN], 3),
        [0.0, 2.0, 4.0, 6.0]
    );
}

#[test]
fn equal_intervals_fold_negative_zero_and_survive_the_widest_range() {
    let b = equal_interval_breaks(&[-0.0, 4.0], 2);
    assert_eq!(b, [0.0, 2.0, 4.0]);
    assert_eq!(b[0].to_bits(), 0.0f64.to_bits(), "-0.0 is 0.0");
    let b = equal_interval_breaks(&[-f64::MAX, f64::MAX], 2);
    assert_eq!(b, [-f64::MAX, 0.0, f64::MAX]);
    let b = equal_interval_breaks(&[-f64::MAX, f64::MAX, 0.0, 1.0], 4);
    assert_eq!(b.len(), 5);
    assert_strictly_increasing(&b);
    assert!(b.iter().all(|v| v.is_finite()));
    // Adjacent floats: no room for a bound between them, so one class is dropped, not repeated.
    let next = f64::from_bits(1.0f64.to_bits() + 1);
    let b = equal_interval_breaks(&[1.0, next], 2);
    assert_strictly_increasing(&b);
}

// ---------------------------------------------------------------------------------------------
// natural breaks

#[test]
fn natural_breaks_match_the_textbook_example() {
    // 1 2 4 5 7 9 10 20 in three classes. Squared deviations from each class's mean:
    //   {1 2 4 5} {7 9 10} {20}: mean 3 → 4+1+1+4 = 10;  mean 26/3 → 25/9+1/9+16/9 = 14/3;  0
    //                            total 14.67 (the least)
    //   {1 2 4} {5 7 9 10} {20}: 14/3 + 14.75 + 0 = 19.42
    //   {1 2 4 5 7} {9 10} {20}: 22.8 + 0.5 + 0 = 23.3
    //   {1 2} {4 5 7 9 10} {20}: 0.5 + 26 + 0 = 26.5
    //   and every other split is worse still (the test's brute force checks them all).
    // Breaks halfway between the classes: (5 + 7) / 2 = 6 and (10 + 20) / 2 = 15.
    let values = [1.0, 2.0, 4.0, 5.0, 7.0, 9.0, 10.0, 20.0];
    assert_eq!(jenks_breaks(&values, 3), [1.0, 6.0, 15.0, 20.0]);
    let least = brute_force_least_deviation(&values, 3);
    assert!((least - 44.0 / 3.0).abs() < 1e-12, "{least}");
    // In any order, with noise the method ignores.
    let shuffled = [
        20.0,
        f64::NAN,
        7.0,
        1.0,
        10.0,
        4.0,
        f64::INFINITY,
        9.0,
        2.0,
        5.0,
    ];
    assert_eq!(jenks_breaks(&shuffled, 3), [1.0, 6.0, 15.0, 20.0]);
}

#[test]
fn natural_breaks_find_obvious_clusters_and_keep_ties_together() {
    let values = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 30.0, 31.0, 32.0];
    assert_eq!(jenks_breaks(&values, 3), [1.0, 6.5, 21.0, 32.0]);
    // Equal values never straddle a break, and no class is empty.
    let ties = [1.0, 1.0, 1.0, 1.0, 2.0, 9.0, 9.0];
    assert_eq!(jenks_breaks(&ties, 3), [1.0, 1.5, 5.5, 9.0]);
    assert_eq!(jenks_breaks(&ties, 7), [1.0, 1.5, 5.5, 9.0]);
    assert_eq!(jenks_breaks(&[-0.0, 0.0, 0.0], 2), [0.0, 0.0]);
    assert_eq!(jenks_breaks(&[], 3), Vec::<f64>::new());
    assert_eq!(jenks_breaks(&[1.0, 2.0], 0), Vec::<f64>::new());
}

#[test]
fn natural_breaks_survive_extreme_values() {
    let b = jenks_breaks(&[-f64::MAX, -f64::MAX / 2.0, f64::MAX / 2.0, f64::MAX], 2);
    assert_eq!(b, [-f64::MAX, 0.0, f64::MAX]);
    let tiny = f64::from_bits(1);
    let b = jenks_breaks(&[0.0, tiny, 1e300], 3);
    assert_eq!(b.len(), 4);
    assert_strictly_increasing(&b);
}

#[test]
fn natural_breaks_of_three_hundred_regions_are_quick_and_exact_enough() {
    // Two clusters far apart and a lone top value: the breaks fall in the two gaps.
    let mut values: Vec<f64> = (0..150).map(|i| f64::from(i) / 10.0).collect();
    values.extend((0..149).map(|i| 1000.0 + f64::from(i) / 10.0));
    values.push(5000.0);
    let b = jenks_breaks(&values, 3);
    assert_eq!(b.len(), 4);
    assert!(b[1] > 14.9 && b[1] < 1000.0, "{b:?}");
    assert!(b[2] > 1014.8 && b[2] < 5000.0, "{b:?}");
}

// ---------------------------------------------------------------------------------------------
// the dataset's thresholds

#[test]
fn thresholds_make_one_more_class_than_they_are_whatever_the_figures() {
    let values = [500.0, 2000.0, 3000.0, 25000.0, 30000.0];
    let c = Classes::from_thresholds(&values, &[1000.0, 5000.0, 20000.0]);
    assert_eq!(c.bounds, [500.0, 1000.0, 5000.0, 20000.0, 30000.0]);
    assert_eq!(c.counts(values.iter().map(|v| Some(*v))), [1, 2, 0, 2]);
    // A figure on a threshold belongs to the class above it.
    assert_eq!(c.class_of(Some(1000.0)), ClassIndex::Class(1));
    assert_eq!(c.class_of(Some(20000.0)), ClassIndex::Class(3));

    // Figures all between two thresholds: the end classes stay, empty, at the thresholds.
    let c = Classes::from_thresholds(&[2000.0, 3000.0], &[20000.0, 1000.0, 5000.0]);
    assert_eq!(c.bounds, [1000.0, 1000.0, 5000.0, 20000.0, 20000.0]);
    assert_eq!(c.len(), 4);
    assert_eq!(c.counts([Some(2000.0), Some(3000.0)]), [0, 2, 0, 0]);
}

#[test]
fn thresholds_are_cleaned_and_capped() {
    let c = Classes::from_thresholds(&[0.0, 10.0], &[5.0, f64::NAN, 5.0, -0.0]);
    assert_eq!(c.bounds, [0.0, 0.0, 5.0, 10.0]);
    let many: Vec<f64> = (1..=20).map(f64::from).collect();
    let c = Classes::from_thresholds(&[0.0, 100.0], &many);
    assert_eq!(c.len(), MAX_CLASSES);
    assert_eq!(c.bounds, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 100.0]);
    assert!(Classes::from_thresholds(&[], &[1.0]).is_empty());
    assert!(Classes::from_thresholds(&[1.0], &[]).is_empty());
    assert!(Classes::from_thresholds(&[1.0], &[f64::INFINITY]).is_empty());
}

// ---------------------------------------------------------------------------------------------
// methods

#[test]
fn method_tokens_are_stable_and_parse_back() {
    let tokens: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
    assert_eq!(tokens, ["quantiles", "equal", "jenks", "dataset"]);
    for m in Method::ALL {
        assert_eq!(Method::parse(m.as_str()), Some(m));
    }
    assert_eq!(Method::parse("JENKS"), Some(Method::NaturalBreaks));
    assert_eq!(Method::default(), Method::Quantiles);
    for bad in ["", "quantile", "natural", "<script>", "jenks ", "équal"] {
        assert_eq!(Method::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn each_method_gives_its_own_classes() {
    let values = [1.0, 2.0, 4.0, 5.0, 7.0, 9.0, 10.0, 20.0];
    let by = |m: Method, t: Option<&[f64]>| Classes::by_method(m, &values, 3, t);
    let q = by(Method::Quantiles, None);
    assert_eq!(q.classes.bounds, quantile_breaks(&values, 3));
    assert_eq!(
        (q.method, q.fallback, q.applied()),
        (Method::Quantiles, None, Method::Quantiles)
    );
    let e = by(Method::EqualIntervals, None);
    assert_eq!(
        e.classes.bounds,
        [1.0, 7.333333333333333, 13.666666666666666, 20.0]
    );
    let j = by(Method::NaturalBreaks, Some(&[3.0]));
    assert_eq!(j.classes.bounds, [1.0, 6.0, 15.0, 20.0]);
    assert_eq!(j.applied(), Method::NaturalBreaks);
    let d = by(Method::Dataset, Some(&[3.0, 8.0]));
    assert_eq!(d.classes.bounds, [1.0, 3.0, 8.0, 20.0]);
    assert_eq!((d.fallback, d.applied()), (None, Method::Dataset));
    // Asked for thresholds the indicator does not have: quantiles, and the result says so.
    for none in [None, Some(&[][..]), Some(&[f64::NAN][..])] {
        let f = by(Method::Dataset, none);
        assert_eq!(f.classes, q.classes);
        assert_eq!(f.method, Method::Dataset);
        assert_eq!(f.fallback, Some(Fallback::NoThresholds));
        assert_eq!(f.applied(), Method::Quantiles);
    }
    // The cap holds for every method.
    let wide: Vec<f64> = (0..100).map(f64::from).collect();
    for m in [
        Method::Quantiles,
        Method::EqualIntervals,
        Method::NaturalBreaks,
    ] {
        assert_eq!(
            Classes::by_method(m, &wide, 20, None).classes.len(),
            MAX_CLASSES,
            "{m:?}"
        );
    }
}

#[test]
fn counts_leave_missing_figures_out() {
    let c = Classes::quantiles(&[1.0, 2.0, 3.0, 4.0], 2);
    let counts = c.counts([
        Some(1.0),
        None,
        Some(f64::NAN),
        Some(4.0),
        Some(3.0),
        Some(-9.0),
    ]);
    assert_eq!(counts, [2, 2]);
    assert!(Classes::default().counts([Some(1.0), None]).is_empty());
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        -1e6..1e6f64,
        (0..5u8).prop_map(f64::from),
        Just(-0.0)
    ]
}

proptest! {
    #[test]
    fn every_method_keeps_the_contract(
        values in prop::collection::vec(value(), 0..60),
        classes in 0usize..10,
    ) {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let distinct: BTreeSet<u64> = finite.iter().map(|v| (v + 0.0).to_bits()).collect();
        for (name, b, may_be_empty) in [
            ("equal", equal_interval_breaks(&values, classes), true),
            ("jenks", jenks_breaks(&values, classes), false),
        ] {
            if finite.is_empty() || classes == 0 {
                prop_assert!(b.is_empty(), "{}: {:?}", name, b);
                continue;
            }
            if distinct.len() == 1 {
                prop_assert_eq!(b.len(), 2, "{}", name);
                continue;
            }
            prop_assert!(b.windows(2).all(|w| w[0] < w[1]), "{}: {:?}", name, b);
            prop_assert!(b.len() >= 2 && b.len() <= classes.min(distinct.len()) + 1, "{}: {:?}", name, b);
            prop_assert!(b.iter().all(|v| v.is_finite()), "{}: {:?}", name, b);
            let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
            let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert_eq!((b[0], b[b.len() - 1]), (min + 0.0, max + 0.0), "{}", name);
            let c = Classes { bounds: b.clone() };
            let counts = c.counts(values.iter().map(|v| Some(*v)));
            prop_assert_eq!(counts.iter().sum::<usize>(), finite.len(), "{}", name);
            if !may_be_empty {
                prop_assert!(counts.iter().all(|&n| n > 0), "{}: {:?} {:?}", name, b, counts);
            }
        }
    }

    #[test]
    fn natural_breaks_are_the_least_deviation_split(
        values in prop::collection::vec(0..40u8, 1..12),
        classes in 1usize..5,
    ) {
        let values: Vec<f64> = values.into_iter().map(f64::from).collect();
        let b = jenks_breaks(&values, classes);
        let found = within_class_deviation(&values, &b);
        let least = brute_force_least_deviation(&values, classes);
        prop_assert!((found - least).abs() <= 1e-9 * (1.0 + least), "{:?}: {} vs {}", b, found, least);
    }

    #[test]
    fn threshold_classes_count_every_figure_once(
        values in prop::collection::vec(prop::option::of(value()), 0..40),
        thresholds in prop::collection::vec(-1e6..1e6f64, 1..=MAX_CLASSES - 1),
    ) {
        let finite: Vec<f64> = values.iter().flatten().copied().filter(|v| v.is_finite()).collect();
        let c = Classes::from_thresholds(&finite, &thresholds);
        if finite.is_empty() {
            prop_assert!(c.is_empty());
        } else {
            let distinct: BTreeSet<u64> = thresholds.iter().map(|v| (v + 0.0).to_bits()).collect();
            prop_assert_eq!(c.len(), distinct.len() + 1);
            prop_assert!(c.bounds.windows(2).all(|w| w[0] <= w[1]), "{:?}", c.bounds);
            prop_assert_eq!(c.counts(values.iter().copied()).iter().sum::<usize>(), finite.len());
        }
    }
}
