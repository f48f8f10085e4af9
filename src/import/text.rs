//! Text as the Markdown files write it, made into text the content rules accept: one line
//! where the schema wants one, no control characters, tabs or bidi overrides, the common
//! HTML entities and inline markup resolved. Also the stable hash that question ids take.

/// Inline Markdown and HTML made plain, control characters dropped, spaces collapsed,
/// trimmed. The result is one line.
pub fn clean(s: &str) -> String {
    let s = links(s);
    let s = tags(&s);
    let s = entities(&s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `\*` and friends: the character itself.
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.extend(chars.next());
            }
            // Bold (`**`, `__`) and code spans: the words only. A single `*` or `_` stays,
            // as it may be part of the text (`t3.*`, `snake_case`).
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
            }
            '\t' | '\n' | '\r' | '\u{a0}' => out.push(' '),
            '`' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{feff}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](url)` becomes `text (url)` (or the url alone when the text is the url), and
/// `<https://...>` the url.
fn links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let parsed = after.find("](").and_then(|close| {
            let url_part = &after[close + 2..];
            url_part.find(')').map(|end| (&after[..close], &url_part[..end], &url_part[end + 1..]))
        });
        match parsed {
            Some((text, url, tail)) if !text.contains('[') && !url.contains(char::is_whitespace) => {
                out.push_str(&rest[..open]);
                if text.trim() == url || text.trim().is_empty() {
                    out.push_str(url);
                } else {
                    out.push_str(text);
                    out.push_str(" (");
                    out.push_str(url);
                    out.push(')');
                }
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    autolinks(&out)
}

/// `<https://...>` becomes the address.
fn autolinks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find("<http") {
        let after = &rest[open + 1..];
        let end = after.find('>').filter(|&e| {
            let inner = &after[..e];
            (inner.starts_with("https://") || inner.starts_with("http://")) && !inner.contains(char::is_whitespace)
        });
        out.push_str(&rest[..open]);
        match end {
            Some(e) => {
                out.push_str(&after[..e]);
                rest = &after[e + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML tags these files use for layout dropped (`<br>` becomes a space); any other
/// `<...>` stays, as it may be text (`<your-bucket>`).
fn tags(s: &str) -> String {
    const LAYOUT: [&str; 14] =
        ["br", "p", "b", "i", "em", "strong", "code", "sup", "sub", "span", "summary", "div", "u", "hr"];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            out.push('<');
            rest = after;
            continue;
        };
        let inner = after[..close].trim_start_matches('/');
        let name: String =
            inner.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let is_tag = LAYOUT.contains(&name.as_str())
            && inner[name.len()..].chars().next().is_none_or(|c| c.is_whitespace() || c == '/');
        if is_tag {
            out.push(' ');
        } else {
            out.push('<');
            out.push_str(&after[..close]);
            out.push('>');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&rsquo;", "\u{2019}")
        .replace("&lsquo;", "\u{2018}")
        .replace("&ndash;", "\u{2013}")
        .replace("&mdash;", "\u{2014}")
        .replace("&amp;", "&")
}

/// Every `https://` address in `s`, without the punctuation that ends a sentence or a
/// Markdown link around it.
pub fn urls(s: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("https://") {
        let tail = &rest[at..];
        let end = tail.find(|c: char| c.is_whitespace() || "<>\"'`()[]".contains(c)).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '*']);
        if url.len() > "https://".len() && !url.chars().any(char::is_control) {
            found.push(url.to_string());
        }
        rest = &tail[end..];
    }
    found
}

/// Lowercase kebab case from any name: ASCII letters and digits kept, every run of anything
/// else one `-`. Empty when the name has no letter or digit.
pub fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The count that "(Choose TWO.)", "Select 3" and the like ask for, if the stem says one.
pub fn choose_count(stem: &str) -> Option<usize> {
    choose_hint(stem).map(|(_, n)| n)
}

/// Where the hint is in `stem` (a byte range) and its count.
fn choose_hint(stem: &str) -> Option<(std::ops::Range<usize>, usize)> {
    const VERBS: [&str; 3] = ["choose", "select", "pick"];
    const COUNTS: [(&str, usize); 10] = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("1", 1),
        ("2", 2),
        ("3", 3),
        ("4", 4),
        ("5", 5),
    ];
    let lower = stem.to_ascii_lowercase();
    for verb in VERBS {
        let mut from = 0;
        while let Some(at) = lower[from..].find(verb).map(|i| i + from) {
            from = at + verb.len();
            let starts_word = at == 0 || !lower[..at].ends_with(|c: char| c.is_ascii_alphanumeric());
            let rest = &lower[from..];
            let word = rest.trim_start();
            if !starts_word || word.len() == rest.len() {
                continue;
            }
            let word_at = from + (rest.len() - word.len());
            for (name, n) in COUNTS {
                if word.starts_with(name) && !word[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                    let mut start = at;
                    let mut end = word_at + name.len();
                    // "(Choose TWO.)" goes as a whole.
                    if lower[..start].ends_with('(')
                        && let Some(close) = lower[end..].find(')').filter(|&i| lower[end..end + i].trim() == ".")
                    {
                        start -= 1;
                        end += close + 1;
                    } else if lower[..start].ends_with('(') && lower[end..].starts_with(')') {
                        start -= 1;
                        end += 1;
                    }
                    return Some((start..end, n));
                }
            }
        }
    }
    None
}

/// The stem as its id sees it: lowercase words of letters and digits, without a "Choose
/// TWO" hint, so that fixing case, spacing, punctuation, markup or the hint keeps the id.
pub fn normalised_stem(stem: &str) -> String {
    let stem = match choose_hint(stem) {
        Some((range, _)) => format!("{} {}", &stem[..range.start], &stem[range.end..]),
        None => stem.to_string(),
    };
    stem.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// 64-bit FNV-1a: small, and unlike std's hasher the same on every build and platform, which
/// ids need (they are kept in progress.toml).
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The slug of a question id: `q-` and 12 hex digits of the normalised stem's hash (48 bits:
/// a clash between two different stems in one topic of 10,000 questions is about 1 in 6
/// million, and would still be caught and numbered).
pub fn stem_slug(stem: &str) -> String {
    format!("q-{:012x}", fnv1a(&normalised_stem(stem)) >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_resolves_markup_and_drops_what_would_corrupt_a_terminal() {
        assert_eq!(clean("  **Which** `t3.micro`\tinstance?  "), "Which t3.micro instance?");
        assert_eq!(clean("A &amp; B &lt;x&gt; <br/> C<br>D"), "A & B <x> C D");
        assert_eq!(
            clean("see [the docs](https://aws.amazon.com/ec2/)."),
            "see the docs (https://aws.amazon.com/ec2/)."
        );
        assert_eq!(clean("[https://a.example/x](https://a.example/x)"), "https://a.example/x");
        assert_eq!(clean("<https://a.example/x> and <your-bucket>"), "https://a.example/x and <your-bucket>");
        assert_eq!(clean("a\u{202E}b\u{7}c\\*d snake_case t3.*"), "abc*d snake_case t3.*");
        assert_eq!(clean("[not a link] (x)"), "[not a link] (x)");
    }

    #[test]
    fn urls_are_found_without_surrounding_punctuation() {
        let text = "Read https://docs.aws.amazon.com/lambda/latest/dg/welcome.html. Also (https://aws.amazon.com/ec2/), \
                    [x](https://aws.amazon.com/fargate/) and http://insecure.example";
        assert_eq!(
            urls(text),
            [
                "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
                "https://aws.amazon.com/ec2/",
                "https://aws.amazon.com/fargate/"
            ]
        );
    }

    #[test]
    fn kebab_keeps_ascii_letters_and_digits() {
        assert_eq!(kebab("My AWS Exams!"), "my-aws-exams");
        assert_eq!(kebab("--practice_exam-12.md"), "practice-exam-12-md");
        assert_eq!(kebab("Übung"), "bung");
        assert_eq!(kebab("!!!"), "");
    }

    #[test]
    fn choose_hints_are_read_and_left_out_of_the_id() {
        assert_eq!(choose_count("Which are serverless? (Choose TWO.)"), Some(2));
        assert_eq!(choose_count("Select three answers."), Some(3));
        assert_eq!(choose_count("Pick 2 of these"), Some(2));
        assert_eq!(choose_count("Which service should the company choose?"), None);
        assert_eq!(choose_count("Choosetwo"), None);
        assert_eq!(choose_count("(Choose twofold)"), None);
        assert_eq!(normalised_stem("Which are  **serverless**? (Choose TWO.)"), "which are serverless");
        assert_eq!(normalised_stem("Which are serverless? (Choose two)"), "which are serverless");
        assert_eq!(stem_slug("Which are serverless? (Choose TWO.)"), stem_slug("which ARE serverless"));
        assert_ne!(stem_slug("Which are serverless?"), stem_slug("Which are not serverless?"));
    }

    #[test]
    fn the_hash_is_fnv1a_so_ids_never_change_between_builds() {
        // Reference values of 64-bit FNV-1a.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stem_slug("a"), "q-af63dc4c8601");
    }
}
