//! Kinds of lines outside tables: headings, sentences, callout labels and
//! page chrome.

use super::fold::{compact, fold, strip_bullet};

/// Labels of callouts, and page chrome such as navigation, after [`compact`].
const NOT_HEADINGS: &[&str] = &[
    "important",
    "note",
    "notice",
    "warning",
    "caution",
    "tip",
    "tips",
    "重要",
    "注意",
    "说明",
    "警告",
    "提示",
    "allproducts",
    "search",
    "documentcenter",
    "feedback",
    "onthispage",
    "所有产品",
    "搜索",
    "文档中心",
    "本页导读",
];

/// Returns true for a sentence: it ends like one and has several words, or
/// it is long.
pub(crate) fn is_prose(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    let sentence_end = text.ends_with(['.', '!', '?']) && words >= 4;
    sentence_end || text.ends_with(['。', '！', '？']) || words > 12
}

/// Returns true for a line that can be a section heading: short, and not a
/// sentence, a list item, a callout label, page chrome or a date line. A
/// heading may end with a colon, as in "Snapshot APIs:".
pub(crate) fn is_heading(text: &str) -> bool {
    let folded = fold(text);
    let trimmed = folded.trim().trim_end_matches(':').trim_end();
    let words = compact(trimmed);
    let short = trimmed.chars().count() <= 80 && trimmed.split_whitespace().count() <= 12;
    let sentence = trimmed.ends_with(['.', '。', '!', '?', '！', '？', ':', ';', ',', '，', '；']);
    let bullet = strip_bullet(trimmed) != trimmed;
    let dated = ["lastupdated", "updatedat", "更新时间", "最后更新"]
        .iter()
        .any(|phrase| words.contains(phrase));
    let has_letters = trimmed.chars().any(char::is_alphabetic);
    short
        && has_letters
        && !sentence
        && !bullet
        && !dated
        && !trimmed.contains("://")
        && !NOT_HEADINGS.contains(&words.as_str())
}

/// Returns true for a line that only draws table borders or a Markdown
/// alignment row: `|---|:--:|`, `+-----+`, `=====`.
pub(crate) fn is_separator(text: &str) -> bool {
    let dashes = text.chars().filter(|c| matches!(c, '-' | '=')).count();
    dashes >= 3
        && text
            .chars()
            .all(|c| matches!(c, '-' | '=' | ':' | '|' | '+' | '｜') || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_prose() {
        assert!(is_heading("Transcoding APIs"));
        assert!(is_heading("转码接口"));
        assert!(is_heading("Snapshot APIs:"));
        assert!(!is_heading("Note:"));
        assert!(!is_heading("Important"));
        assert!(!is_heading("Last Updated:Mar 25, 2026"));
        assert!(!is_heading("  • The default unit is requests per second."));
        assert!(is_prose(
            "MPS restricts the frequency of API calls from a single account."
        ));
        assert!(!is_prose("SubmitJobs 100"));
    }

    #[test]
    fn separators() {
        assert!(is_separator("|---|---|"));
        assert!(is_separator("| :-- | --: |"));
        assert!(is_separator("--- | ---"));
        assert!(is_separator("+-----+-----+"));
        assert!(!is_separator("-"));
        assert!(!is_separator("SubmitJobs | 100"));
    }
}
