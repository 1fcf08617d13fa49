//! Splitting one line of a text page into cells: at pipes, tabs and runs of
//! spaces, or where an operation name meets its value (`SubmitJobs 100`,
//! `SubmitJobs100`, `QueryMediaListByURL30次/分钟`).

use super::cell::looks_like_limit;
use super::fold::{fold, is_ideograph};
use super::header::{is_limit_header, is_name_header};
use crate::names::is_pascal_case;

/// The cells of one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// The line's cells, one when the line has no column break.
    Cells(Vec<String>),
    /// The line runs an operation name into its value and splits into
    /// more than one (name, value) pair.
    Ambiguous(Vec<(String, String)>),
}

/// Returns true for a word shaped like an API operation name: PascalCase
/// with at least two capitals and a lowercase letter, such as `SubmitJobs`
/// or `QueryMediaListByURL`. Single words (`Transcoding`) and acronyms
/// (`API`) are not, so headings and header cells are not read as rows.
pub(crate) fn looks_like_operation(word: &str) -> bool {
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    is_pascal_case(word) && capitals >= 2 && word.chars().any(|c| c.is_ascii_lowercase())
}

/// Splits a trimmed line into cells.
pub(crate) fn split_line(text: &str) -> Split {
    let text = fold(text);
    let text = text.trim();
    if text.contains('|') {
        return Split::Cells(split_at_pipes(text));
    }
    if text.contains('\t') {
        return Split::Cells(
            text.split('\t')
                .map(|cell| cell.trim().to_owned())
                .collect(),
        );
    }
    if text.contains("  ") {
        return Split::Cells(
            text.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_owned)
                .collect(),
        );
    }
    if let Some(split) = run_together(text) {
        return split;
    }
    if let Some((word, rest)) = text.split_once(' ')
        && looks_like_operation(word)
    {
        return Split::Cells(vec![word.to_owned(), rest.trim().to_owned()]);
    }
    if let Some(cells) = header_run_together(text) {
        return Split::Cells(cells);
    }
    if let Some(cells) = name_then_value(text) {
        return Split::Cells(cells);
    }
    Split::Cells(vec![text.to_owned()])
}

/// Splits at pipes, ignoring one pipe at each end: `| SubmitJobs | 100 |`.
fn split_at_pipes(text: &str) -> Vec<String> {
    let inner = text.strip_prefix('|').unwrap_or(text);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|cell| cell.trim().to_owned())
        .collect()
}

/// Splits a name run into its value, such as `SubmitJobs100`. Every digit
/// where the rest reads as a limit is a candidate split. A name that ends
/// in digits makes several candidates (`DescribeV2100`), and then the line
/// is ambiguous rather than read one way.
fn run_together(text: &str) -> Option<Split> {
    let mut named: Vec<(String, String)> = Vec::new();
    let mut unnamed: Option<(String, String)> = None;
    for (at, c) in text.char_indices() {
        if at == 0 || !c.is_ascii_digit() {
            continue;
        }
        let (head, rest) = text.split_at(at);
        if head.ends_with(char::is_whitespace) || !looks_like_limit(rest) {
            continue;
        }
        if is_pascal_case(head) {
            named.push((head.to_owned(), rest.to_owned()));
        } else if unnamed.is_none()
            && head.chars().any(is_ideograph)
            && !head.ends_with(|c: char| c.is_ascii_digit())
        {
            unnamed = Some((head.to_owned(), rest.to_owned()));
        }
    }
    if let Some(split) = name_then_ideographs(text) {
        named.push(split);
    }
    match named.len() {
        0 => unnamed.map(|(head, rest)| Split::Cells(vec![head, rest])),
        1 => named
            .pop()
            .map(|(head, rest)| Split::Cells(vec![head, rest])),
        _ => Some(Split::Ambiguous(named)),
    }
}

/// Splits a name run into a Chinese value, such as `GetPlayInfo不限`.
fn name_then_ideographs(text: &str) -> Option<(String, String)> {
    let at = text.find(|c: char| !c.is_ascii_alphanumeric())?;
    let (head, rest) = text.split_at(at);
    let value = rest.starts_with(is_ideograph) && looks_like_limit(rest);
    (looks_like_operation(head) && value).then(|| (head.to_owned(), rest.to_owned()))
}

/// Splits a header run together, such as `API单用户QPS限制(单位:次/秒)` or
/// `API Per-account QPS limit`.
fn header_run_together(text: &str) -> Option<Vec<String>> {
    text.char_indices().skip(1).find_map(|(at, _)| {
        let (head, rest) = text.split_at(at);
        let rest = rest.trim();
        (is_name_header(head) && is_limit_header(rest))
            .then(|| vec![head.trim().to_owned(), rest.to_owned()])
    })
}

/// Splits at the first space after which the rest reads as a limit, such as
/// `Submit transcoding jobs 100`: a row whose name is not an identifier,
/// which the section reader then rejects by name.
fn name_then_value(text: &str) -> Option<Vec<String>> {
    text.match_indices(' ').find_map(|(at, _)| {
        let (head, rest) = text.split_at(at);
        let rest = rest.trim();
        looks_like_limit(rest).then(|| vec![head.trim().to_owned(), rest.to_owned()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<String> {
        match split_line(text) {
            Split::Cells(cells) => cells,
            Split::Ambiguous(readings) => panic!("{text} is ambiguous: {readings:?}"),
        }
    }

    #[test]
    fn column_breaks() {
        assert_eq!(cells("| SubmitJobs | 100 |"), ["SubmitJobs", "100"]);
        assert_eq!(cells("SubmitJobs\t100"), ["SubmitJobs", "100"]);
        assert_eq!(
            cells("SubmitJobs     30 per minute"),
            ["SubmitJobs", "30 per minute"]
        );
        assert_eq!(
            cells("SubmitJobs 30 per minute"),
            ["SubmitJobs", "30 per minute"]
        );
    }

    #[test]
    fn names_run_into_values() {
        assert_eq!(cells("SubmitJobs100"), ["SubmitJobs", "100"]);
        assert_eq!(
            cells("QueryMediaListByURL30次/分钟"),
            ["QueryMediaListByURL", "30次/分钟"]
        );
        assert_eq!(
            cells("DescribeIpv6Addresses100"),
            ["DescribeIpv6Addresses", "100"]
        );
        assert_eq!(
            cells("QueryMediaListByURL30 per minute"),
            ["QueryMediaListByURL", "30 per minute"]
        );
        assert_eq!(cells("SubmitJobs about 100"), ["SubmitJobs", "about 100"]);
        assert_eq!(cells("GetPlayInfo不限"), ["GetPlayInfo", "不限"]);
        assert_eq!(
            cells("API单用户QPS限制(单位:次/秒)"),
            ["API", "单用户QPS限制(单位:次/秒)"]
        );
    }

    #[test]
    fn names_ending_in_digits_are_ambiguous() {
        let Split::Ambiguous(readings) = split_line("DescribeV2100") else {
            panic!("DescribeV2100 was split one way");
        };
        assert_eq!(readings.len(), 2);
    }

    #[test]
    fn headings_stay_whole() {
        assert_eq!(cells("Transcoding APIs"), ["Transcoding APIs"]);
        assert_eq!(cells("Media workflow APIs"), ["Media workflow APIs"]);
    }
}
