//! Value cells: the limit of one operation as a page writes it.
//!
//! A cell contains one of:
//! - a count with an optional unit: `100`, `30 per minute`, `1000次/分钟`,
//!   `200,000 per day`;
//! - several limits on the same operation: `20 per second and 200,000 per
//!   day`, `10次/秒，1000次/天`;
//! - counts by region, one per line or separated by `;`: `China (Shanghai)
//!   and China (Beijing): 120` and `Other regions: 60`;
//! - no limit: `No limit`, `Unlimited`, `无`, `不限`.
//!
//! Anything else is rejected rather than read loosely, because a wrong
//! limit is worse than none.

use super::count::{CountError, parse_count, split_count};
use super::fold::{compact, squeeze, strip_bullet};
use super::region::{is_other_regions, region_id, split_names};
use super::unit::unit_after_count;
use crate::limit::{Limit, RegionCount, Unit, Window};

/// Why a value cell is not a limit: the end of a sentence that starts with
/// the cell, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CellProblem {
    /// Continues `value cell "…" of SubmitJobs `, such as `is not a limit`.
    pub(crate) reason: String,
    pub(crate) fix: String,
}

const BY_HAND: &str = "or transcribe this operation into limits.yaml by hand";

impl CellProblem {
    fn new(reason: impl Into<String>, fix: &str) -> CellProblem {
        CellProblem {
            reason: reason.into(),
            fix: format!("{fix}, {BY_HAND}"),
        }
    }

    fn not_a_limit() -> CellProblem {
        CellProblem::new(
            "is not a limit",
            "a value cell must be a count with an optional unit, such as \"100\" or \"30 per minute\"; \
             correct the page copy",
        )
    }
}

/// Phrases that state an operation is not limited, compared after [`compact`].
const UNLIMITED: &[&str] = &[
    "nolimit",
    "nolimits",
    "notlimited",
    "unlimited",
    "none",
    "noqpslimit",
    "nothrottling",
    "无",
    "不限",
    "不限制",
    "无限制",
    "无限流",
    "不限流",
    "无上限",
    "无qps限制",
    "不做限制",
    "不做流控",
    "无流控",
];

/// Returns true for a cell that states the operation is not limited.
pub(crate) fn is_unlimited(text: &str) -> bool {
    UNLIMITED.contains(&compact(text).trim_end_matches(['.', '。']))
}

/// Reads a value cell. `unit` applies to counts that name none, and comes
/// from the column header or the page's stated default.
pub(crate) fn parse_cell(text: &str, unit: Option<Unit>) -> Result<Limit, CellProblem> {
    let items = items(text);
    if items.is_empty() {
        return Err(CellProblem::new(
            "is empty",
            "write the operation's limit, or \"No limit\"",
        ));
    }
    if items.len() == 1 && is_unlimited(&items[0]) {
        return Ok(Limit::default());
    }
    if items.iter().any(|item| item.contains(':')) {
        return regional(&items, unit);
    }
    let mut windows: Vec<Window> = Vec::new();
    for piece in items.iter().flat_map(|item| split_windows(item)) {
        let window = window(&piece, unit)?;
        if windows.iter().any(|known| known.unit == window.unit) {
            return Err(CellProblem::new(
                format!("gives two limits per {}", window.unit),
                "keep the one the page means",
            ));
        }
        windows.push(window);
    }
    Ok(Limit {
        windows,
        ..Limit::default()
    })
}

/// Returns true when `text` reads as a limit under some unit. Readers use it
/// to tell a row from prose, while [`parse_cell`] decides the actual value.
pub(crate) fn looks_like_limit(text: &str) -> bool {
    parse_cell(text, Some(Unit::Second)).is_ok()
}

/// Splits a cell into items: its lines, and the parts of each line between
/// semicolons, without list bullets or a closing full stop.
fn items(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| line.split([';', '；']))
        .map(|item| squeeze(strip_bullet(item)))
        .map(|item| {
            item.trim_end_matches(['.', '。', ',', '，'])
                .trim()
                .to_owned()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

/// Splits one item into the limits it joins with `and`, commas or `和`. A
/// comma between digits is a thousands separator, not a split.
fn split_windows(item: &str) -> Vec<String> {
    let chars: Vec<char> = item.chars().collect();
    let mut marked = String::with_capacity(item.len());
    for (index, c) in chars.iter().enumerate() {
        let between_digits = index > 0
            && chars[index - 1].is_ascii_digit()
            && chars.get(index + 1).is_some_and(char::is_ascii_digit);
        match c {
            ',' | '，' if !between_digits => marked.push('\u{1}'),
            '、' | '和' | '且' => marked.push('\u{1}'),
            _ => marked.push(*c),
        }
    }
    let marked = marked
        .replace(" and ", "\u{1}")
        .replace(" And ", "\u{1}")
        .replace("以及", "\u{1}");
    marked
        .split('\u{1}')
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads one limit: a count and an optional unit phrase.
fn window(text: &str, unit: Option<Unit>) -> Result<Window, CellProblem> {
    let Some((token, rest)) = split_count(text) else {
        return Err(CellProblem::not_a_limit());
    };
    let count = parse_count(token).map_err(|error| count_problem(token, &error))?;
    let unit = match unit_after_count(rest) {
        Ok(Some(unit)) => unit,
        Ok(None) => unit.ok_or_else(|| {
            CellProblem::new(
                "names no unit, and neither its column header nor the page states one",
                "add the unit to the column header, such as \"(calls/second)\"",
            )
        })?,
        Err(()) => return Err(CellProblem::not_a_limit()),
    };
    Ok(Window { count, unit })
}

fn count_problem(token: &str, error: &CountError) -> CellProblem {
    CellProblem::new(
        format!("has the count \"{token}\", which {error}"),
        "a limit is a whole number of calls, at least 1",
    )
}

/// Reads counts by region: each item is `NAMES: LIMIT`, and one item names
/// the other regions, which gives the operation's count everywhere else.
fn regional(items: &[String], unit: Option<Unit>) -> Result<Limit, CellProblem> {
    let mut base: Option<Window> = None;
    let mut regions: Vec<(RegionCount, Unit)> = Vec::new();
    for item in items {
        let Some((names, value)) = item.split_once(':') else {
            return Err(CellProblem::new(
                format!("mixes regional counts with \"{item}\""),
                "write one \"Regions: count\" item per line",
            ));
        };
        let window = window(value.trim(), unit)?;
        if is_other_regions(names) {
            if base.is_some() {
                return Err(CellProblem::new(
                    "gives two counts for the other regions",
                    "keep one",
                ));
            }
            base = Some(window);
            continue;
        }
        for name in split_names(names) {
            let Some(id) = region_id(&name) else {
                return Err(CellProblem::new(
                    format!(
                        "names the region \"{name}\", which is not an Alibaba Cloud region this importer knows"
                    ),
                    "write the region as Alibaba Cloud names it, such as \"China (Shanghai)\" or \"华东2（上海）\"",
                ));
            };
            if regions.iter().any(|(known, _)| known.region == id) {
                return Err(CellProblem::new(
                    format!("names the region {id} twice"),
                    "keep one count per region",
                ));
            }
            regions.push((
                RegionCount {
                    region: id.to_owned(),
                    count: window.count,
                },
                window.unit,
            ));
        }
    }
    let Some(base) = base else {
        return Err(CellProblem::new(
            "gives counts for named regions but none for the other regions",
            "add the count for the other regions, such as \"Other regions: 60\"",
        ));
    };
    if regions.iter().any(|(_, unit)| *unit != base.unit) {
        return Err(CellProblem::new(
            "gives regional counts in different units",
            "write every regional count in the unit of the other regions' count",
        ));
    }
    let regions = regions.into_iter().map(|(region, _)| region).collect();
    Ok(Limit {
        windows: vec![base],
        regions,
        pool: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(text: &str) -> Limit {
        parse_cell(text, Some(Unit::Second)).unwrap()
    }

    #[test]
    fn counts_with_units() {
        assert_eq!(limit("100"), Limit::new(100, Unit::Second));
        assert_eq!(limit("30 per minute"), Limit::new(30, Unit::Minute));
        assert_eq!(limit("1000次/分钟"), Limit::new(1000, Unit::Minute));
        assert_eq!(limit("200,000 per day"), Limit::new(200_000, Unit::Day));
        assert_eq!(limit("200.000 per day"), Limit::new(200_000, Unit::Day));
        assert_eq!(limit("200000次/天"), Limit::new(200_000, Unit::Day));
    }

    #[test]
    fn two_limits_in_one_cell() {
        let expected = Limit {
            windows: vec![
                Window {
                    count: 20,
                    unit: Unit::Second,
                },
                Window {
                    count: 200_000,
                    unit: Unit::Day,
                },
            ],
            ..Limit::default()
        };
        assert_eq!(limit("20 per second and 200,000 per day"), expected);
        assert_eq!(limit("20次/秒，200000次/天"), expected);
    }

    #[test]
    fn regional_counts() {
        let parsed = limit("• China (Shanghai) and China (Beijing): 120\n• Other regions: 60");
        assert_eq!(
            parsed.windows,
            [Window {
                count: 60,
                unit: Unit::Second
            }]
        );
        let ids: Vec<&str> = parsed
            .regions
            .iter()
            .map(|entry| entry.region.as_str())
            .collect();
        assert_eq!(ids, ["cn-shanghai", "cn-beijing"]);
        assert!(parsed.regions.iter().all(|entry| entry.count == 120));
    }

    #[test]
    fn unlimited_phrases() {
        for text in ["No limit", "Unlimited", "无", "不限", "no limit."] {
            assert_eq!(limit(text), Limit::default(), "{text}");
        }
    }

    #[test]
    fn loose_values_are_rejected() {
        for text in [
            "about 100",
            "~100",
            "100+",
            "-",
            "N/A",
            "1.5",
            "0",
            "100 per 10 seconds",
            "Other regions",
        ] {
            assert!(
                parse_cell(text, Some(Unit::Second)).is_err(),
                "{text} was accepted"
            );
        }
    }

    #[test]
    fn bare_count_needs_a_unit() {
        let problem = parse_cell("100", None).unwrap_err();
        assert!(problem.reason.starts_with("names no unit"));
    }
}
