//! How numbers appear in the calculation steps and the text output: thousands separators,
//! money rounded to cents (totals) or to a readable precision (intermediate amounts), and
//! rates exactly as the price book gives them. Plain numbers and counted nouns are the
//! crate's shared ones ([`crate::fmt`]), re-exported here for the cost models.

use crate::fmt::{amount, fixed, group, signed, trim, with_unit};
pub use crate::fmt::{num, plural};

/// A derived quantity rounded for reading: three decimals, or three significant digits below
/// one: `1.142`, `0.289`, `0.000417`, `54,321.5`.
pub fn approx(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let a = x.abs();
    let decimals = if a == 0.0 || a >= 1.0 { 3 } else { ((-a.log10()).floor() as usize + 3).min(15) };
    signed(x, &group(&trim(&fixed(a, decimals), 0)))
}

/// Money rounded to cents, as text output shows lines and totals: `$18.73`, `$1,234.50`.
pub fn money(x: f64, currency: &str) -> String {
    amount(x, currency, 2)
}

/// An intermediate amount in the steps: four decimals (at least two) from a cent up, and
/// three significant digits below a cent so that tiny charges don't show as zero:
/// `$18.3334`, `$0.40`, `$0.0000309`.
pub fn money_detail(x: f64, currency: &str) -> String {
    let a = x.abs();
    let decimals = if a == 0.0 || a >= 0.01 { 4 } else { ((-a.log10()).floor() as usize + 3).min(15) };
    with_unit(&signed(x, &group(&trim(&fixed(a, decimals), 2))), currency)
}

/// A price per unit exactly as written in the price book, with at least two decimals:
/// `$0.0000166667`, `$0.20`, `$0.04048`. A rate worked out from others (a task's price per
/// hour) is shown to 12 significant digits, so float noise stays out: `$0.024685`.
pub fn price(x: f64, currency: &str) -> String {
    // `Display` for f64 is the shortest text that reads back as the same number; the book's
    // rates have far fewer than 12 digits, so rounding to 12 first leaves them as written.
    let rounded: f64 = format!("{:.11e}", x.abs()).parse().unwrap_or(x.abs());
    let text = format!("{rounded}");
    let text = if text.contains('.') { text } else { format!("{text}.00") };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = if frac.len() < 2 { format!("{frac:0<2}") } else { frac.to_string() };
    with_unit(&signed(x, &group(&format!("{int}.{frac}"))), currency)
}

/// Items joined with commas and a final "or": "1, 2 or 4".
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximations_keep_three_digits() {
        assert_eq!(approx(3_000_000.0 / 2_628_000.0), "1.142");
        assert_eq!(approx(512.0 / 1769.0), "0.289");
        assert_eq!(approx(0.000_416_7), "0.000417");
        assert_eq!(approx(54_321.5), "54,321.5");
        assert_eq!(approx(2.0), "2");
    }

    #[test]
    fn money_rounds_to_cents_with_separators() {
        assert_eq!(money(18.733_37, "USD"), "$18.73");
        assert_eq!(money(0.4, "USD"), "$0.40");
        assert_eq!(money(1234.5, "USD"), "$1,234.50");
        assert_eq!(money(0.0, "USD"), "$0.00");
        assert_eq!(money(-0.001, "USD"), "$0.00");
        assert_eq!(money(-3.0, "USD"), "-$3.00");
        assert_eq!(money(7.5, "EUR"), "7.50 EUR");
    }

    #[test]
    fn detailed_money_keeps_small_charges_visible() {
        assert_eq!(money_detail(18.333_37, "USD"), "$18.3334");
        assert_eq!(money_detail(0.4, "USD"), "$0.40");
        assert_eq!(money_detail(0.0, "USD"), "$0.00");
        assert_eq!(money_detail(0.000_030_9, "USD"), "$0.0000309");
        assert_eq!(money_detail(0.880_65, "USD"), "$0.8807");
        assert_eq!(money_detail(28_500_000.0 * 0.000_000_030_9, "USD"), "$0.8807");
        assert_eq!(money(18.735, "USD"), "$18.74");
        assert_eq!(money(792.585, "USD"), "$792.59");
        assert_eq!(money_detail(12_345.678_91, "USD"), "$12,345.6789");
    }

    #[test]
    fn prices_read_as_written_in_the_price_book() {
        assert_eq!(price(0.000_016_666_7, "USD"), "$0.0000166667");
        assert_eq!(price(0.000_015, "USD"), "$0.000015");
        assert_eq!(price(0.2, "USD"), "$0.20");
        assert_eq!(price(0.04048, "USD"), "$0.04048");
        assert_eq!(price(5.0, "USD"), "$5.00");
        assert_eq!(price(0.000_000_030_9, "USD"), "$0.0000000309");
        assert_eq!(price(0.5 * 0.040_48 + 0.004_445, "USD"), "$0.024685", "no float noise in a derived rate");
        assert_eq!(price(1_234.5, "USD"), "$1,234.50");
    }

    #[test]
    fn lists() {
        assert_eq!(or_list(&["1".into(), "2".into(), "4".into()]), "1, 2 or 4");
        assert_eq!(or_list(&["8".into()]), "8");
    }
}
