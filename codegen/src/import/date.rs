//! Dates as pages write them: `Mar 25, 2026`, `2026-03-25`, `2026年3月25日`.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Finds the first date in `text` and returns it as `YYYY-MM-DD`.
pub(crate) fn find_date(text: &str) -> Option<String> {
    let words = split_words(text);
    for start in 0..words.len() {
        let date = numeric_date(&words[start..]).or_else(|| english_date(&words[start..]));
        if let Some((year, month, day)) = date
            && is_valid(year, month, day)
        {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

/// Splits `text` into words and numbers, dropping separators: `Mar 25, 2026`
/// gives `mar`, `25`, `2026`, and `2026年3月25日` gives `2026`, `年`, `3` …
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    for c in text.chars() {
        let is_digit = c.is_ascii_digit();
        let is_letter = c.is_alphabetic();
        let same_kind =
            !current.is_empty() && current_is_digit == is_digit && (is_digit || is_letter);
        if !same_kind && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if is_digit || is_letter {
            current.push(c.to_ascii_lowercase());
            current_is_digit = is_digit;
        } else if ['-', '/', '.'].contains(&c) {
            words.push(c.to_string());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn number(word: Option<&String>, max_len: usize) -> Option<u32> {
    let word = word?;
    if word.is_empty() || word.len() > max_len || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// Reads `2026-03-25`, `2026/3/25`, `2026.03.25` and `2026年3月25日`.
fn numeric_date(words: &[String]) -> Option<(u32, u32, u32)> {
    let year = number(words.first(), 4).filter(|year| *year >= 1000)?;
    let separator = words.get(1)?;
    let closing = match separator.as_str() {
        "-" | "/" | "." => separator.as_str(),
        "年" => "月",
        _ => return None,
    };
    let month = number(words.get(2), 2)?;
    if words.get(3).map(String::as_str) != Some(closing) {
        return None;
    }
    let day = number(words.get(4), 2)?;
    Some((year, month, day))
}

/// Reads `Mar 25, 2026` and `March 25 2026`.
fn english_date(words: &[String]) -> Option<(u32, u32, u32)> {
    let name = words.first()?;
    let month = MONTHS
        .iter()
        .position(|month| name.starts_with(month) && is_month_name(name))?;
    let day = number(words.get(1), 2)?;
    let year = number(words.get(2), 4).filter(|year| *year >= 1000)?;
    Some((year, month as u32 + 1, day))
}

fn is_month_name(word: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    FULL.iter().any(|full| full.starts_with(word)) || word == "sept"
}

fn is_valid(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_dates() {
        assert_eq!(
            find_date("Last Updated:Mar 25, 2026").as_deref(),
            Some("2026-03-25")
        );
        assert_eq!(
            find_date("Last Updated: September 14, 2026").as_deref(),
            Some("2026-09-14")
        );
        assert_eq!(
            find_date("更新时间:2026-03-25").as_deref(),
            Some("2026-03-25")
        );
        assert_eq!(
            find_date("更新时间：2026年3月5日").as_deref(),
            Some("2026-03-05")
        );
    }

    #[test]
    fn impossible_dates_are_skipped() {
        assert_eq!(find_date("Feb 30, 2026"), None);
        assert_eq!(find_date("2026-13-01"), None);
        assert_eq!(find_date("no date here"), None);
    }
}
