//! Interval fuzz: spreads reviews of cards learned together over nearby days, so they do not
//! stay bunched on the same day forever.
//!
//! The ranges are Anki's (and py-fsrs's): no fuzz under 2.5 days; then plus or minus 1 day,
//! plus 15% of the part of the interval between 2.5 and 7 days, 10% of the part between 7 and
//! 20, and 5% of the part over 20. The pick is deterministic: a hash of the card id and the
//! review time, so replaying a review log always gives the same due dates.

use jiff::Timestamp;

/// (start, end, factor) of each band.
const RANGES: [(f64, f64, f64); 3] = [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f64::INFINITY, 0.05)];

/// The smallest and largest interval fuzz may give for `days`.
pub fn range(days: u32, maximum_days: u32) -> (u32, u32) {
    let ivl = f64::from(days);
    let delta: f64 =
        1.0 + RANGES.iter().map(|&(start, end, factor)| factor * (ivl.min(end) - start).max(0.0)).sum::<f64>();
    let lo = ((ivl - delta).round_ties_even().max(2.0)) as u32;
    let hi = ((ivl + delta).round_ties_even() as u32).min(maximum_days);
    (lo.min(hi), hi)
}

/// `days` fuzzed for this card and review time.
pub fn apply(days: u32, maximum_days: u32, card_id: &str, at: Timestamp) -> u32 {
    if f64::from(days) < 2.5 {
        return days;
    }
    let (lo, hi) = range(days, maximum_days);
    let pick = unit(card_id, at) * f64::from(hi - lo + 1);
    (lo + pick as u32).min(hi)
}

/// A number in [0, 1) fixed by the card id and review time. FNV-1a then a SplitMix64 finish:
/// stable across platforms and Rust versions, unlike std's hasher.
fn unit(card_id: &str, at: Timestamp) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let time = at.as_nanosecond().to_le_bytes();
    for &b in card_id.as_bytes().iter().chain([0xff].iter()).chain(time.iter()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_follow_anki() {
        // Under 2.5 days nothing moves.
        assert_eq!(apply(1, 36_500, "a.b", t("2026-01-01T00:00:00Z")), 1);
        assert_eq!(apply(2, 36_500, "a.b", t("2026-01-01T00:00:00Z")), 2);
        // 3 days: delta = 1 + 0.15 * 0.5 = 1.075 -> 2..4.
        assert_eq!(range(3, 36_500), (2, 4));
        // 10 days: delta = 1 + 0.15 * 4.5 + 0.1 * 3 = 1.975 -> 8..12.
        assert_eq!(range(10, 36_500), (8, 12));
        // 100 days: delta = 1 + 0.675 + 1.3 + 0.05 * 80 = 6.975 -> 93..107.
        assert_eq!(range(100, 36_500), (93, 107));
        // The cap holds.
        assert_eq!(range(36_500, 36_500).1, 36_500);
    }

    #[test]
    fn the_pick_is_deterministic_and_spreads_over_the_range() {
        let at = t("2026-11-27T15:00:00Z");
        assert_eq!(apply(100, 36_500, "lambda.x", at), apply(100, 36_500, "lambda.x", at));
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..400 {
            let days = apply(100, 36_500, &format!("topic.card-{i}"), at);
            assert!((93..=107).contains(&days), "{days}");
            seen.insert(days);
        }
        // Every value of the range turns up, ends included.
        assert_eq!(seen.len(), 15);
        // Another review time gives another pick for most cards.
        let later = t("2026-11-27T15:00:01Z");
        let moved = (0..100).filter(|i| {
            let id = format!("topic.card-{i}");
            apply(100, 36_500, &id, at) != apply(100, 36_500, &id, later)
        });
        assert!(moved.count() > 50);
    }

    #[test]
    fn unit_stays_below_one() {
        for i in 0..10_000 {
            let u = unit(&i.to_string(), Timestamp::UNIX_EPOCH);
            assert!((0.0..1.0).contains(&u));
        }
    }
}
