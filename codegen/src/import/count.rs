//! Counts as pages write them: `100`, `200,000`, `200.000` (a thousands
//! separator, as some locales write it), `2万` (ten thousands).

use std::fmt;

/// The reason a count could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CountError {
    /// Digits and separators that do not form a number, such as `1,00`.
    Malformed,
    /// A decimal fraction such as `1.5`.
    NotWhole,
    /// Zero admits no call, so it cannot be a documented limit.
    Zero,
    /// More than `u32::MAX`.
    TooLarge,
}

impl fmt::Display for CountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CountError::Malformed => "is not a number",
            CountError::NotWhole => "is not a whole number",
            CountError::Zero => "admits no call",
            CountError::TooLarge => "is larger than 4294967295",
        })
    }
}

/// Splits a leading count off `text`: the digits with their separators and
/// an optional `万` or `千`, and the rest. Returns `None` when `text` does not
/// start with a digit.
pub(crate) fn split_count(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut end = 0;
    while end < bytes.len() {
        let byte = bytes[end];
        let separator =
            matches!(byte, b',' | b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !byte.is_ascii_digit() && !separator {
            break;
        }
        end += 1;
    }
    let rest = &text[end..];
    for multiplier in ["万", "千"] {
        if let Some(after) = rest.strip_prefix(multiplier) {
            let end = text.len() - after.len();
            return Some((&text[..end], after));
        }
    }
    Some((&text[..end], rest))
}

/// Reads a count token returned by [`split_count`].
pub(crate) fn parse_count(token: &str) -> Result<u32, CountError> {
    let (digits, multiplier) = if let Some(digits) = token.strip_suffix('万') {
        (digits, 10_000)
    } else if let Some(digits) = token.strip_suffix('千') {
        (digits, 1_000)
    } else {
        (token, 1)
    };
    let value = grouped_number(digits)? * multiplier;
    match u32::try_from(value) {
        Ok(0) => Err(CountError::Zero),
        Ok(count) => Ok(count),
        Err(_) => Err(CountError::TooLarge),
    }
}

/// Reads digits with optional thousands separators: either all `,` or all
/// `.`, each followed by exactly three digits.
fn grouped_number(digits: &str) -> Result<u64, CountError> {
    let has_comma = digits.contains(',');
    let has_dot = digits.contains('.');
    if has_comma && has_dot {
        return Err(CountError::Malformed);
    }

    let separator = if has_comma { ',' } else { '.' };
    let groups: Vec<&str> = digits.split(separator).collect();
    let first = groups[0];
    let all_digits = groups
        .iter()
        .all(|group| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return Err(CountError::Malformed);
    }
    if groups.len() > 1 {
        let thousands = first.len() <= 3 && groups[1..].iter().all(|group| group.len() == 3);
        if !thousands {
            return Err(if has_dot {
                CountError::NotWhole
            } else {
                CountError::Malformed
            });
        }
    }
    if first.len() > 1 && first.starts_with('0') {
        return Err(CountError::Malformed);
    }

    let mut value: u64 = 0;
    for byte in groups.concat().bytes() {
        value = value
            .checked_mul(10)
            .and_then(|value| value.checked_add(u64::from(byte - b'0')))
            .ok_or(CountError::TooLarge)?;
        if value > u64::from(u32::MAX) {
            return Err(CountError::TooLarge);
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_group_thousands() {
        assert_eq!(parse_count("100"), Ok(100));
        assert_eq!(parse_count("200,000"), Ok(200_000));
        assert_eq!(parse_count("200.000"), Ok(200_000));
        assert_eq!(parse_count("1,000,000"), Ok(1_000_000));
        assert_eq!(parse_count("2万"), Ok(20_000));
    }

    #[test]
    fn malformed_counts_are_errors() {
        assert_eq!(parse_count("1,00"), Err(CountError::Malformed));
        assert_eq!(parse_count("1.5"), Err(CountError::NotWhole));
        assert_eq!(parse_count("0"), Err(CountError::Zero));
        assert_eq!(parse_count("00"), Err(CountError::Malformed));
        assert_eq!(parse_count("4294967296"), Err(CountError::TooLarge));
        assert_eq!(
            parse_count("99999999999999999999999"),
            Err(CountError::TooLarge)
        );
        assert_eq!(parse_count("1,000.000"), Err(CountError::Malformed));
    }

    #[test]
    fn split_stops_at_words() {
        assert_eq!(
            split_count("200,000 per day"),
            Some(("200,000", " per day"))
        );
        assert_eq!(split_count("30次/分钟"), Some(("30", "次/分钟")));
        assert_eq!(split_count("20万次/天"), Some(("20万", "次/天")));
        assert_eq!(
            split_count("100, 1000 per day"),
            Some(("100", ", 1000 per day"))
        );
        assert_eq!(split_count("per day"), None);
    }
}
