//! How numbers appear in the calculation steps and the text output: thousands separators,
//! money rounded to cents (totals) or to a readable precision (intermediate amounts), and
//! rates exactly as the price book gives them.

/// A quantity with thousands separators and no float noise: `1,500,000`, `0.5`,
/// `0.0009765625`. About ten significant digits are kept, trailing zeros dropped.
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
    with_currency(&signed(x, &group(&fixed(x.abs(), 2))), currency)
}

/// An intermediate amount in the steps: four decimals (at least two) from a cent up, and
/// three significant digits below a cent so that tiny charges don't show as zero:
/// `$18.3334`, `$0.40`, `$0.0000309`.
pub fn money_detail(x: f64, currency: &str) -> String {
    let a = x.abs();
    let decimals = if a == 0.0 || a >= 0.01 { 4 } else { ((-a.log10()).floor() as usize + 3).min(15) };
    with_currency(&signed(x, &group(&trim(&fixed(a, decimals), 2))), currency)
}

/// A price per unit exactly as written in the price book, with at least two decimals:
/// `$0.0000166667`, `$0.20`, `$0.04048`.
pub fn price(x: f64, currency: &str) -> String {
    // `Display` for f64 is the shortest text that reads back as the same number.
    let text = format!("{}", x.abs());
    let text = if text.contains('.') { text } else { format!("{text}.00") };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = if frac.len() < 2 { format!("{frac:0<2}") } else { frac.to_string() };
    with_currency(&signed(x, &group(&format!("{int}.{frac}"))), currency)
}

/// `word` for exactly one, `word` + "s" otherwise: "1 task", "2 tasks", "0.5 hours".
pub fn plural(n: f64, word: &str) -> String {
    let count = num(n);
    if count == "1" { format!("{count} {word}") } else { format!("{count} {word}s") }
}

/// Items joined with commas and a final "or": "1, 2 or 4".
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// `a` (zero or more) with `decimals` decimals, rounding halves up as a person would: the
/// tiny nudge undoes binary noise such as 0.88065 being stored as 0.880649999...
fn fixed(a: f64, decimals: usize) -> String {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(i32::MAX));
    let rounded = (a * scale * (1.0 + 1e-12)).round() / scale;
    format!("{rounded:.decimals$}")
}

fn with_currency(amount: &str, currency: &str) -> String {
    if currency == "USD" {
        match amount.strip_prefix('-') {
            Some(rest) => format!("-${rest}"),
            None => format!("${amount}"),
        }
    } else {
        format!("{amount} {currency}")
    }
}

/// Puts the sign back, except on a value that shows as zero.
fn signed(x: f64, digits: &str) -> String {
    if x < 0.0 && digits.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        format!("-{digits}")
    } else {
        digits.to_string()
    }
}

/// Drops trailing zeros after the point, keeping at least `min` decimals.
fn trim(text: &str, min: usize) -> String {
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
fn group(text: &str) -> String {
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
    fn quantities_get_separators_and_lose_float_noise() {
        assert_eq!(num(3_000_000.0), "3,000,000");
        assert_eq!(num(1_500_000.000_000_000_2), "1,500,000");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(512.0 / 1024.0 / 512.0), "0.0009765625");
        assert_eq!(num(1000.0 / 1024.0), "0.9765625");
        assert_eq!(num(6_000_000_000.0), "6,000,000,000");
        assert_eq!(num(123.0), "123");
        assert_eq!(num(1234.5), "1,234.5");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-2500.0), "-2,500");
        assert_eq!(num(0.1 + 0.2), "0.3");
    }

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
    }

    #[test]
    fn plurals_and_lists() {
        assert_eq!(plural(1.0, "task"), "1 task");
        assert_eq!(plural(3000.0, "task"), "3,000 tasks");
        assert_eq!(or_list(&["1".into(), "2".into(), "4".into()]), "1, 2 or 4");
        assert_eq!(or_list(&["8".into()]), "8");
    }
}
