//! Text helpers shared by the command line, the screens and the cost steps: numbers as a
//! learner writes them, counted nouns, amounts in a unit, and "did you mean" suggestions.
//!
//! Money-specific forms (cents, price-book rates) live in `pricing::format`, on top of these.

use std::borrow::Cow;

/// A number as a learner would write it: thousands separated and no float noise: `1,500,000`,
/// `0.5`, `0.0009765625`, `-2,500`. About ten significant digits are kept, trailing zeros
/// dropped.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let a = x.abs();
    let decimals = if a == 0.0 {
        0
    } else if a < 1.0 {
        // Leading zeros after the point, then ten significant digits.
        ((-a.log10()).floor() as usize + 10).min(15)
    } else {
        let int_digits = a.log10().floor() as usize + 1;
        10usize.saturating_sub(int_digits)
    };
    signed(x, &group(&trim(&fixed(a, decimals), 0)))
}

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls (ESC, BEL, CSI, line
/// breaks, tabs), DEL, the bidirectional marks and overrides that reorder what is shown, and
/// the Unicode line and paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    // The controls (`char::is_control`) are exactly U+0000-U+001F and U+007F-U+009F.
    matches!(
        c,
        '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` safe to print inside a one-line message: every character of [`is_unsafe_char`]
/// written as Rust writes it, `\u{1b}`, so `ESC ] 52` (a clipboard write) or `ESC [ 2 J`
/// quoted from a file shows as text instead of acting on the terminal.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Something [`plural`] can count: a whole count (`usize`, `u32`, `u64`) or a measured amount
/// (`f64`: "0.5 hours").
pub trait Quantity: Copy {
    fn as_f64(self) -> f64;
}

impl Quantity for f64 {
    fn as_f64(self) -> f64 {
        self
    }
}

impl Quantity for usize {
    fn as_f64(self) -> f64 {
        self as f64
    }
}

impl Quantity for u32 {
    fn as_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Quantity for u64 {
    fn as_f64(self) -> f64 {
        self as f64
    }
}

/// The count, written with [`num`], and `word` with an "s" unless the count is exactly one:
/// "1 task", "3,000 tasks", "0.5 hours", "0 cards".
pub fn plural(n: impl Quantity, word: &str) -> String {
    let count = num(n.as_f64());
    if count == "1" { format!("{count} {word}") } else { format!("{count} {word}s") }
}

/// `value` with `decimals` decimals (halves rounded up), thousands separated, in `unit`:
/// `$3.50` for "USD", `25%` for "%", `1,200 GB-s` for any other unit, the bare number for none.
/// A value that rounds to zero shows no minus sign.
pub fn amount(value: f64, unit: &str, decimals: usize) -> String {
    if !value.is_finite() {
        return with_unit(&value.to_string(), unit);
    }
    with_unit(&signed(value, &group(&fixed(value.abs(), decimals))), unit)
}

/// The decimals a numeric question's answer is given to: those its answer is written with,
/// or more when the tolerance asks for them. A tolerance of half a unit in the last place
/// (0.005 for cents) or a whole one (0.01) both mean two decimals; no tolerance means the
/// answer's own. `answer_decimals(3.5, 0.01)` is 2, so [`amount`] shows `$3.50`.
pub fn answer_decimals(answer: f64, tolerance: f64) -> usize {
    let own = decimals(answer);
    if !(tolerance.is_finite() && tolerance > 0.0) {
        return own;
    }
    // Twice the tolerance is the step the answer is read to: 0.005 -> 0.01 -> 2 decimals.
    // The nudge absorbs float noise in the logarithm (log10 of 0.01 may miss -2 by a hair).
    let step = (2.0 * tolerance).log10();
    let from_tolerance = if step >= 0.0 { 0 } else { (-step - 1e-9).ceil() as usize };
    own.max(from_tolerance.min(15))
}

/// How many decimals [`num`] writes for `x`: 2 for 18.74, 0 for 1,874.
pub fn decimals(x: f64) -> usize {
    num(x).split_once('.').map_or(0, |(_, frac)| frac.len())
}

/// The known name closest to `wanted`, for "did you mean": at most three edits away and
/// fewer than half the name's length, so a short name is not offered for anything at all.
/// On a tie the first in `known` wins.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .filter(|(d, k)| *d <= 3 && 2 * d < k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// `s` safe to print on a terminal as [`escape`] makes it, but its line breaks kept, for a
/// multi-line message (a card id, a rating in progress.toml, quoted in an error).
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe_char(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split('\n').map(escape).collect::<Vec<_>>().join("\n"))
}

/// `amount` as written in `unit`: "USD" becomes a leading `$`, "%" follows directly, anything
/// else follows after a space.
pub(crate) fn with_unit(amount: &str, unit: &str) -> String {
    match unit {
        "USD" => match amount.strip_prefix('-') {
            Some(rest) => format!("-${rest}"),
            None => format!("${amount}"),
        },
        "" => amount.to_string(),
        "%" => format!("{amount}%"),
        _ => format!("{amount} {unit}"),
    }
}

/// `a` (zero or more) with `decimals` decimals, rounding halves up as a person would: the
/// tiny nudge undoes binary noise such as 0.88065 being stored as 0.880649999... It is a
/// billionth of a percent, but never more than a thousandth of the last place: at 10^12 a
/// relative nudge would be a whole unit (1,000,000,000,001).
pub(crate) fn fixed(a: f64, decimals: usize) -> String {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(i32::MAX));
    let x = a * scale;
    let rounded = (x + (x * 1e-12).min(1e-3)).round() / scale;
    format!("{rounded:.decimals$}")
}

/// Puts the sign back, except on a value that shows as zero.
pub(crate) fn signed(x: f64, digits: &str) -> String {
    if x < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        format!("-{digits}")
    } else {
        digits.to_string()
    }
}

/// Drops trailing zeros after the point, keeping at least `min` decimals.
pub(crate) fn trim(text: &str, min: usize) -> String {
    let Some((int, frac)) = text.split_once('.') else {
        return if min == 0 { text.to_string() } else { format!("{text}.{}", "0".repeat(min)) };
    };
    let mut frac = frac.trim_end_matches('0').to_string();
    while frac.len() < min {
        frac.push('0');
    }
    if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") }
}

/// Thousands separators in the integer part of an unsigned decimal.
pub(crate) fn group(text: &str) -> String {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible_escapes() {
        assert_eq!(escape_controls("rating `\u{1b}[2J` and \u{202e}evil"), "rating `\\u{1b}[2J` and \\u{202e}evil");
        assert_eq!(escape_controls("a\tb\rc\u{7}\u{9b}"), "a\\u{9}b\\u{d}c\\u{7}\\u{9b}");
        assert!(matches!(escape_controls("two\nlines, caf\u{e9}"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_get_separators_and_lose_float_noise() {
        assert_eq!(num(3_000_000.0), "3,000,000");
        assert_eq!(num(1_500_000.000_000_000_2), "1,500,000");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(512.0 / 1024.0 / 512.0), "0.0009765625");
        assert_eq!(num(1000.0 / 1024.0), "0.9765625");
        assert_eq!(num(6_000_000_000.0), "6,000,000,000");
        assert_eq!(num(1e12), "1,000,000,000,000");
        assert_eq!(num(999_999_999_999_999.0), "999,999,999,999,999");
        assert_eq!(amount(2_500_000_000_000.5, "", 0), "2,500,000,000,001", "halves still round up");
        assert_eq!(num(123.0), "123");
        assert_eq!(num(1234.5), "1,234.5");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-2500.0), "-2,500");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(18.74), "18.74");
        assert_eq!(num(f64::INFINITY), "inf");
    }

    #[test]
    fn escape_writes_out_every_character_that_acts_on_a_terminal() {
        assert!(matches!(escape("plain `text`, ─ and é"), Cow::Borrowed(_)));
        assert_eq!(escape("a\x1b]52;c;aGk=\x07b"), "a\\u{1b}]52;c;aGk=\\u{7}b");
        assert_eq!(escape("\x1b[2J"), "\\u{1b}[2J");
        assert_eq!(escape("x\u{9b}y\u{7f}z"), "x\\u{9b}y\\u{7f}z", "C1 CSI and DEL");
        assert_eq!(escape("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}", "bidi controls");
        assert_eq!(escape("two\nlines\ttab"), "two\\u{a}lines\\u{9}tab");
        for c in ['\u{0}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9f}', '\u{202a}', '\u{2069}'] {
            assert!(!escape(&c.to_string()).contains(c), "{c:?}");
        }
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(
                is_unsafe_char(c),
                c.is_control()
                    || (c as u32 >= 0x202A && c as u32 <= 0x202E)
                    || (c as u32 >= 0x2066 && c as u32 <= 0x2069)
                    || matches!(c as u32, 0x061C | 0x200E | 0x200F | 0x2028 | 0x2029),
                "{c:?}"
            );
        }
    }

    #[test]
    fn plurals_count_any_kind_of_number() {
        assert_eq!(plural(1.0, "task"), "1 task");
        assert_eq!(plural(3000.0, "task"), "3,000 tasks");
        assert_eq!(plural(0.5, "hour"), "0.5 hours");
        assert_eq!(plural(1usize, "card"), "1 card");
        assert_eq!(plural(0usize, "card"), "0 cards");
        assert_eq!(plural(2usize, "new card"), "2 new cards");
        assert_eq!(plural(1_000_000u64, "request"), "1,000,000 requests");
        assert_eq!(plural(1u32, "question"), "1 question");
    }

    #[test]
    fn amounts_show_their_unit_and_precision() {
        assert_eq!(amount(3.5, "USD", 2), "$3.50");
        assert_eq!(amount(18.735, "USD", 2), "$18.74");
        assert_eq!(amount(1234.5, "USD", 2), "$1,234.50");
        assert_eq!(amount(-3.0, "USD", 2), "-$3.00");
        assert_eq!(amount(-0.001, "USD", 2), "$0.00");
        assert_eq!(amount(1200.0, "GB-s", 0), "1,200 GB-s");
        assert_eq!(amount(3_200_000.0, "seconds", 0), "3,200,000 seconds");
        assert_eq!(amount(12.5, "%", 1), "12.5%");
        assert_eq!(amount(700.0, "", 0), "700");
        assert_eq!(amount(7.5, "EUR", 2), "7.50 EUR");
        assert_eq!(amount(0.000_016_666_7, "USD", 10), "$0.0000166667");
    }

    #[test]
    fn the_tolerance_sets_the_decimals_of_an_answer() {
        // As the shipped questions write them.
        assert_eq!(answer_decimals(3.5, 0.01), 2);
        assert_eq!(answer_decimals(68.0, 0.005), 2);
        assert_eq!(answer_decimals(18.74, 0.005), 2);
        assert_eq!(answer_decimals(300_000.0, 0.0), 0);
        assert_eq!(answer_decimals(4.94, 0.01), 2);
        // The answer's own decimals win over a loose tolerance.
        assert_eq!(answer_decimals(0.25, 0.5), 2);
        assert_eq!(answer_decimals(1200.0, 0.5), 0);
        assert_eq!(answer_decimals(12.0, 0.05), 1);
        assert_eq!(answer_decimals(12.0, 5.0), 0);
        assert_eq!(amount(3.5, "USD", answer_decimals(3.5, 0.01)), "$3.50");
        assert_eq!(amount(1200.0, "GB-s", answer_decimals(1200.0, 0.0)), "1,200 GB-s");
    }

    #[test]
    fn decimals_are_those_a_learner_would_write() {
        assert_eq!(decimals(18.74), 2);
        assert_eq!(decimals(1874.0), 0);
        assert_eq!(decimals(0.1 + 0.2), 1);
    }

    #[test]
    fn the_closest_name_is_offered_only_when_it_is_close() {
        let topics = ["docker", "ecs", "ecr", "fargate", "lambda"];
        assert_eq!(closest("lambd", topics), Some("lambda"));
        assert_eq!(closest("fargte", topics), Some("fargate"));
        assert_eq!(closest("ecss", topics), Some("ecs"));
        assert_eq!(closest("ecx", topics), Some("ecs"), "a tie goes to the first");
        assert_eq!(closest("kubernetes", topics), None);
        assert_eq!(closest("x", topics), None, "three edits would turn anything into ecs");
        assert_eq!(closest("t3.mikro", ["t3.micro", "t4g.small"]), Some("t3.micro"));
    }
}
