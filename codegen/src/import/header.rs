//! Header rows: which column names the operation, which gives its limit,
//! and the unit the header states for bare counts.

use super::fold::compact;
use super::unit::find_unit;
use crate::limit::Unit;

/// Header cells of the name column, compared after [`compact`].
const NAME_HEADERS: &[&str] = &[
    "api",
    "apiname",
    "apioperation",
    "operation",
    "operationname",
    "action",
    "api名称",
    "api名",
    "api接口",
    "接口",
    "接口名称",
    "接口名",
    "操作",
    "操作名称",
];

/// Words that mark the limit column's header, compared after [`compact`].
const LIMIT_WORDS: &[&str] = &[
    "qps", "limit", "throttl", "quota", "rate", "限制", "限流", "流控", "频率", "上限", "配额",
];

/// Header cells of columns the importer does not read, after [`compact`].
const OTHER_HEADERS: &[&str] = &[
    "description",
    "apidescription",
    "remarks",
    "remark",
    "note",
    "notes",
    "描述",
    "说明",
    "备注",
    "功能",
    "功能描述",
    "接口描述",
    "接口说明",
];

/// The columns of a limits table, read from its header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    /// Number of header cells.
    pub(crate) count: usize,
    /// Index of the operation name column.
    pub(crate) name: usize,
    /// Index of the limit column.
    pub(crate) limit: usize,
    /// Unit the limit header states, such as `(calls/minute)`.
    pub(crate) unit: Option<Unit>,
    /// The limit header says QPS, queries per second.
    pub(crate) qps: bool,
    /// The header cells, to tell a repeated header from a new table.
    pub(crate) cells: Vec<String>,
}

/// Returns true for the header cell of the name column, such as `API`.
pub(crate) fn is_name_header(text: &str) -> bool {
    NAME_HEADERS.contains(&compact(text).as_str())
}

/// Returns true for the header cell of the limit column, such as
/// `Per-account QPS limit` or `单用户QPS限制`: short, not a sentence, with a
/// word for a limit.
pub(crate) fn is_limit_header(text: &str) -> bool {
    let words = compact(text);
    let short =
        text.chars().count() <= 60 && !text.trim_end().ends_with(['.', '。', '!', '?', '！', '？']);
    short && !is_name_header(text) && LIMIT_WORDS.iter().any(|word| words.contains(word))
}

/// Returns true for any cell a limits table's header row may hold.
pub(crate) fn is_header_cell(text: &str) -> bool {
    is_name_header(text) || is_limit_header(text) || OTHER_HEADERS.contains(&compact(text).as_str())
}

/// Reads a header row: a name column and a limit column. Returns `None` for
/// any other row.
pub(crate) fn read_header<S: AsRef<str>>(cells: &[S]) -> Option<Columns> {
    let name = cells
        .iter()
        .position(|cell| is_name_header(cell.as_ref()))?;
    let limit = cells
        .iter()
        .enumerate()
        .position(|(index, cell)| index != name && is_limit_header(cell.as_ref()))?;
    let limit_text = cells[limit].as_ref();
    Some(Columns {
        count: cells.len(),
        name,
        limit,
        unit: find_unit(limit_text),
        qps: compact(limit_text).contains("qps"),
        cells: cells.iter().map(|cell| compact(cell.as_ref())).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_headers() {
        let columns = read_header(&["API", "Per-account QPS limit"]).unwrap();
        assert_eq!(
            (columns.name, columns.limit, columns.unit, columns.qps),
            (0, 1, None, true)
        );
        let columns = read_header(&["API", "单用户QPS限制(单位:次/秒)"]).unwrap();
        assert_eq!(columns.unit, Some(Unit::Second));
        let columns = read_header(&["接口名称", "描述", "QPS限制（次/分钟）"]).unwrap();
        assert_eq!(
            (columns.name, columns.limit, columns.unit),
            (0, 2, Some(Unit::Minute))
        );
    }

    #[test]
    fn other_rows_are_not_headers() {
        assert!(read_header(&["SubmitJobs", "100"]).is_none());
        assert!(read_header(&["Error code", "Description"]).is_none());
        assert!(read_header(&["API"]).is_none());
    }
}
