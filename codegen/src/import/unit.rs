//! Units of time as pages write them, in English and Chinese: `per minute`,
//! `calls/second`, `QPS`, `次/秒`, `次/分钟`, `每天`.

use super::fold::{compact, squeeze};
use crate::limit::Unit;

/// Words that name a unit on their own, after `per`, `/` or `每`.
const UNIT_WORDS: &[(&str, Unit)] = &[
    ("second", Unit::Second),
    ("seconds", Unit::Second),
    ("sec", Unit::Second),
    ("secs", Unit::Second),
    ("s", Unit::Second),
    ("秒", Unit::Second),
    ("秒钟", Unit::Second),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("min", Unit::Minute),
    ("mins", Unit::Minute),
    ("分钟", Unit::Minute),
    ("分", Unit::Minute),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("hr", Unit::Hour),
    ("hrs", Unit::Hour),
    ("h", Unit::Hour),
    ("小时", Unit::Hour),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("d", Unit::Day),
    ("天", Unit::Day),
    ("日", Unit::Day),
];

/// Nouns for what is counted, which may stand between a count and its unit.
const NOUNS: &[&str] = &[
    "requests",
    "request",
    "calls",
    "call",
    "times",
    "time",
    "queries",
    "query",
    "次",
    "个请求",
];

/// Words between the noun and the unit.
const PER: &[&str] = &["per", "every", "each", "a", "/", "每", "/每"];

/// Short forms that carry their own unit.
const RATES: &[(&str, Unit)] = &[("qps", Unit::Second), ("qpm", Unit::Minute)];

/// Reads the words after a count, such as ` per minute`, `calls/second`,
/// `次/秒` or ` QPS`. Returns `Ok(None)` when they name no unit (`""`,
/// `calls`, `次`) and `Err(())` when they are not a unit phrase at all.
pub(crate) fn unit_after_count(words: &str) -> Result<Option<Unit>, ()> {
    let text = compact(words);
    if text.is_empty() {
        return Ok(None);
    }
    if let Some((_, unit)) = RATES.iter().find(|(rate, _)| *rate == text) {
        return Ok(Some(*unit));
    }
    let after_noun = NOUNS
        .iter()
        .find_map(|noun| text.strip_prefix(noun))
        .unwrap_or(&text);
    if after_noun.is_empty() {
        return Ok(None);
    }
    PER.iter()
        .filter_map(|per| after_noun.strip_prefix(per))
        .find_map(unit_word)
        .map(Some)
        .ok_or(())
}

fn unit_word(text: &str) -> Option<Unit> {
    UNIT_WORDS
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, unit)| *unit)
}

/// Phrases that name a unit inside a header or a sentence.
const PHRASES: &[(&str, Unit)] = &[
    ("per second", Unit::Second),
    ("per sec", Unit::Second),
    ("/second", Unit::Second),
    ("/sec", Unit::Second),
    ("/s", Unit::Second),
    ("per minute", Unit::Minute),
    ("per min", Unit::Minute),
    ("/minute", Unit::Minute),
    ("/min", Unit::Minute),
    ("per hour", Unit::Hour),
    ("/hour", Unit::Hour),
    ("/h", Unit::Hour),
    ("per day", Unit::Day),
    ("/day", Unit::Day),
    ("/d", Unit::Day),
    ("次/秒", Unit::Second),
    ("/秒", Unit::Second),
    ("每秒", Unit::Second),
    ("次/分钟", Unit::Minute),
    ("/分钟", Unit::Minute),
    ("每分钟", Unit::Minute),
    ("次/分", Unit::Minute),
    ("次/小时", Unit::Hour),
    ("/小时", Unit::Hour),
    ("每小时", Unit::Hour),
    ("次/天", Unit::Day),
    ("/天", Unit::Day),
    ("每天", Unit::Day),
    ("次/日", Unit::Day),
    ("每日", Unit::Day),
];

/// Finds the first unit named in `text`, such as the `(calls/minute)` of a
/// column header or the `per second` of "the default unit is requests per
/// second". `QPS` alone does not count: callers decide what it implies.
pub(crate) fn find_unit(text: &str) -> Option<Unit> {
    let lower = squeeze(text).to_lowercase().replace(" / ", "/");
    let mut best: Option<(usize, usize, Unit)> = None;
    for (phrase, unit) in PHRASES {
        for (at, _) in lower.match_indices(phrase) {
            let after = lower[at + phrase.len()..].chars().next();
            if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let better = match best {
                None => true,
                Some((best_at, best_len, _)) => {
                    at < best_at || (at == best_at && phrase.len() > best_len)
                }
            };
            if better {
                best = Some((at, phrase.len(), *unit));
            }
            break;
        }
    }
    best.map(|(_, _, unit)| unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_after_counts() {
        assert_eq!(unit_after_count(""), Ok(None));
        assert_eq!(unit_after_count(" calls"), Ok(None));
        assert_eq!(unit_after_count(" per minute"), Ok(Some(Unit::Minute)));
        assert_eq!(unit_after_count(" calls/second"), Ok(Some(Unit::Second)));
        assert_eq!(unit_after_count(" requests per day"), Ok(Some(Unit::Day)));
        assert_eq!(unit_after_count("次/分钟"), Ok(Some(Unit::Minute)));
        assert_eq!(unit_after_count("次每秒"), Ok(Some(Unit::Second)));
        assert_eq!(unit_after_count("次/天"), Ok(Some(Unit::Day)));
        assert_eq!(unit_after_count(" QPS"), Ok(Some(Unit::Second)));
        assert_eq!(unit_after_count("/s"), Ok(Some(Unit::Second)));
        assert_eq!(unit_after_count(" per 10 seconds"), Err(()));
        assert_eq!(unit_after_count(" about"), Err(()));
    }

    #[test]
    fn units_in_headers_and_sentences() {
        assert_eq!(
            find_unit("Per-account QPS limit (calls/second)"),
            Some(Unit::Second)
        );
        assert_eq!(find_unit("单用户QPS限制(单位:次/秒)"), Some(Unit::Second));
        assert_eq!(find_unit("(unit: times per minute)"), Some(Unit::Minute));
        assert_eq!(find_unit("Per-account QPS limit"), None);
        assert_eq!(find_unit("calls per session"), None);
    }
}
