//! Facts a page states about itself outside its tables: the service's name,
//! the "Last Updated" date, the default unit and the page's address.

use super::block::{Block, Cell};
use super::date::find_date;
use super::fold::{compact, fold, squeeze};
use super::unit::find_unit;
use crate::limit::Unit;

/// The facts a page states about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The service's display name, such as `ApsaraVideo Media Processing`.
    pub(crate) title: Option<String>,
    /// The "Last Updated" date as `YYYY-MM-DD`.
    pub(crate) updated: Option<String>,
    /// The unit the page states for counts that name none.
    pub(crate) unit: Option<Unit>,
    /// The page's own address, from an HTML canonical link.
    pub(crate) address: Option<String>,
    /// The page gives its date in English ("Last Updated"), as the English
    /// edition of the documentation does.
    pub(crate) english: bool,
}

/// English phrases that introduce the "Last Updated" date, after [`compact`].
const UPDATED_ENGLISH: &[&str] = &["lastupdated", "updatedat", "updatedon"];

/// Chinese phrases that introduce the "Last Updated" date.
const UPDATED_CHINESE: &[&str] = &["更新时间", "最后更新", "最近更新"];

/// Phrases that introduce the default unit, matched in lowercase text.
const DEFAULT_UNIT: &[&str] = &[
    "default unit",
    "unit is",
    "units are",
    "默认单位",
    "单位为",
    "单位是",
];

/// Words in a title part that name the topic rather than the service.
const TOPIC_WORDS: &[&str] = &["qps", "limit", "限制", "限流", "流控"];

/// Title parts that name the site, not the service.
const SITE_WORDS: &[&str] = &[
    "alibabacloud",
    "阿里云",
    "documentcenter",
    "帮助中心",
    "文档中心",
];

/// Collects the facts from the headings and prose of a page.
pub(crate) fn facts(blocks: &[Block]) -> Facts {
    let mut facts = Facts::default();
    let mut document_title = None;
    for block in blocks {
        match block {
            Block::Heading(cell) => {
                read_text(&mut facts, cell);
                if facts.title.is_none() {
                    facts.title = title_from_heading(&cell.text);
                }
            }
            Block::Prose(cell) => read_text(&mut facts, cell),
            Block::DocumentTitle(cell) => document_title = Some(cell.text.clone()),
            Block::Address(address) if facts.address.is_none() => {
                facts.address = Some(address.clone())
            }
            _ => {}
        }
    }
    if facts.title.is_none() {
        facts.title = document_title
            .as_deref()
            .and_then(title_from_document_title);
    }
    facts
}

fn read_text(facts: &mut Facts, cell: &Cell) {
    let words = compact(&cell.text);
    let english = UPDATED_ENGLISH.iter().any(|phrase| words.contains(phrase));
    let chinese = UPDATED_CHINESE.iter().any(|phrase| words.contains(phrase));
    if facts.updated.is_none() && (english || chinese) {
        facts.updated = find_date(&cell.text);
        facts.english = english && facts.updated.is_some();
    }
    if facts.unit.is_none() {
        facts.unit = default_unit(&cell.text);
    }
}

/// Reads the unit of a sentence such as "The default unit for QPS limits is
/// requests per second" or "默认单位为次/秒": the first unit named after the
/// phrase that introduces it, within the same sentence. The sentence after
/// it ("If a different unit, such as requests per minute, is used …") does
/// not count.
fn default_unit(text: &str) -> Option<Unit> {
    let folded = squeeze(text).to_lowercase();
    for sentence in folded.split(['.', '。', ';', ',', '!', '?']) {
        let Some(at) = DEFAULT_UNIT
            .iter()
            .filter_map(|phrase| sentence.find(phrase))
            .min()
        else {
            continue;
        };
        if let Some(unit) = find_unit(&sentence[at..]) {
            return Some(unit);
        }
    }
    None
}

/// Reads the service's name from a heading such as
/// "ApsaraVideo Media Processing:QPS limits" or "媒体处理:QPS限制".
fn title_from_heading(text: &str) -> Option<String> {
    let folded = fold(text);
    let (service, topic) = folded.split_once(':')?;
    let service = service.trim();
    let topic_words = compact(topic);
    let is_topic = TOPIC_WORDS.iter().any(|word| topic_words.contains(word));
    let plausible = !service.is_empty() && service.chars().count() <= 80 && !service.contains("//");
    (is_topic && plausible && !is_site(service)).then(|| service.to_owned())
}

/// Reads the service's name from an HTML title such as
/// "QPS limits on API operations - Example Video Service - Alibaba Cloud":
/// the first part that names neither the topic nor the site.
fn title_from_document_title(text: &str) -> Option<String> {
    let mut folded = squeeze(text);
    for separator in [" | ", " – ", " — "] {
        folded = folded.replace(separator, " - ");
    }
    folded
        .split(" - ")
        .map(str::trim)
        .find(|part| {
            let words = compact(part);
            !part.is_empty()
                && !TOPIC_WORDS.iter().any(|word| words.contains(word))
                && !is_site(part)
        })
        .map(str::to_owned)
}

fn is_site(text: &str) -> bool {
    let words = compact(text);
    SITE_WORDS.iter().any(|word| words.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Block {
        Block::Prose(Cell::new(text, 1))
    }

    #[test]
    fn default_unit_comes_from_its_own_sentence() {
        let text = "The default unit for QPS limits is requests per second. If a different unit, \
                    such as requests per minute, is used, the tables explicitly state it.";
        assert_eq!(facts(&[prose(text)]).unit, Some(Unit::Second));
        assert_eq!(
            facts(&[prose("默认单位为次/秒,其他单位会在单元格中注明。")]).unit,
            Some(Unit::Second)
        );
        assert_eq!(
            facts(&[prose("Calls per minute are counted per account.")]).unit,
            None
        );
    }

    #[test]
    fn title_and_date() {
        let blocks = [
            Block::Heading(Cell::new("ApsaraVideo Media Processing:QPS limits", 5)),
            prose("Last Updated:Mar 25, 2026"),
        ];
        let facts = facts(&blocks);
        assert_eq!(facts.title.as_deref(), Some("ApsaraVideo Media Processing"));
        assert_eq!(facts.updated.as_deref(), Some("2026-03-25"));
        assert!(facts.english);
    }

    #[test]
    fn title_from_html_title() {
        let blocks = [Block::DocumentTitle(Cell::new(
            "QPS limits on API operations - Example Video Service",
            3,
        ))];
        assert_eq!(
            facts(&blocks).title.as_deref(),
            Some("Example Video Service")
        );
    }
}
