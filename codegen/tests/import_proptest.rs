//! Random pages and mutated fixture pages never make the importer panic,
//! every problem it reports names a line of the page, and every table it
//! returns is valid.

use proptest::prelude::*;
use proptest::sample::Index;
use qps_limits_codegen::import::{Format, ImportError, ImportOptions, read_page_bytes};
use qps_limits_codegen::{parse_table, table_to_yaml};

const FIXTURES: &[&str] = &[
    include_str!("fixtures/docs/mps-qps-limits-en-2026-03.txt"),
    include_str!("fixtures/docs/mps-qps-limits-markdown.md"),
    include_str!("fixtures/docs/mps-qps-limits-zh-runtogether.txt"),
    include_str!("fixtures/docs/video-qps-limits-regions.html"),
    include_str!("fixtures/docs/vod-text-regions.txt"),
    include_str!("fixtures/docs/vod-markdown-cells.md"),
    include_str!("fixtures/docs/vod-html-nested.html"),
];

/// Returns the number of lines in `bytes`, counting a line feed, a carriage
/// return and the pair of them each as one line break, as editors do.
fn line_count(bytes: &[u8]) -> usize {
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|(index, byte)| match byte {
            b'\n' => true,
            b'\r' => bytes.get(index + 1) != Some(&b'\n'),
            _ => false,
        })
        .count();
    breaks + 1
}

/// Imports `bytes` in every format and checks the outcome.
fn check_page(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lines = line_count(bytes);
    let formats = [
        None,
        Some(Format::Text),
        Some(Format::Markdown),
        Some(Format::Html),
    ];
    for format in formats {
        let options = ImportOptions {
            format,
            service: Some("mps".to_owned()),
            title: Some("ApsaraVideo Media Processing".to_owned()),
            allow_partial: format == Some(Format::Text),
            ..ImportOptions::new("page")
        };
        let read = read_page_bytes(bytes, &options).and_then(|page| page.to_table(&options));
        match read {
            Ok(table) => {
                prop_assert!(table.operations().count() > 0);
                prop_assert_eq!(
                    parse_table(&table_to_yaml(&table), "limits.yaml").ok(),
                    Some(table)
                );
            }
            Err(ImportError::Page { problems, .. }) => {
                prop_assert!(!problems.is_empty());
                for problem in problems {
                    prop_assert!(
                        (1..=lines).contains(&problem.line),
                        "line {} of {lines}: {}",
                        problem.line,
                        problem.message
                    );
                    prop_assert!(!problem.message.is_empty() && !problem.fix.is_empty());
                }
            }
            Err(error @ ImportError::Missing { .. }) => prop_assert!(false, "{error}"),
        }
    }
    Ok(())
}

/// A change to a fixture page.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(Index),
    SwapLines(Index, Index),
    DuplicateLine(Index),
    Cut(Index),
    InsertBytes(Index, Vec<u8>),
    ReplaceLine(Index, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        any::<Index>().prop_map(Mutation::Cut),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..12))
            .prop_map(|(at, bytes)| Mutation::InsertBytes(at, bytes)),
        (any::<Index>(), "\\PC{0,40}").prop_map(|(at, text)| Mutation::ReplaceLine(at, text)),
    ]
}

fn apply(page: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = page
        .split('\n')
        .map(|line| line.as_bytes().to_vec())
        .collect();
    for mutation in mutations {
        match mutation {
            Mutation::DeleteLine(at) if lines.len() > 1 => {
                lines.remove(at.index(lines.len()));
            }
            Mutation::SwapLines(a, b) => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
            }
            Mutation::DuplicateLine(at) => {
                let at = at.index(lines.len());
                lines.insert(at, lines[at].clone());
            }
            Mutation::Cut(at) => {
                let mut joined = lines.join(&b'\n');
                joined.truncate(at.index(joined.len() + 1));
                lines = joined
                    .split(|byte| *byte == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
            }
            Mutation::InsertBytes(at, bytes) => {
                let count = lines.len();
                let line = &mut lines[at.index(count)];
                let position = at.index(line.len() + 1);
                line.splice(position..position, bytes.iter().copied());
            }
            Mutation::ReplaceLine(at, text) => {
                let at = at.index(lines.len());
                lines[at] = text.as_bytes().to_vec();
            }
            Mutation::DeleteLine(_) => {}
        }
    }
    lines.join(&b'\n')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text(text in "\\PC{0,300}") {
        check_page(text.as_bytes())?;
    }

    #[test]
    fn random_lines_of_table_words(lines in prop::collection::vec(
        prop_oneof![
            Just("API".to_owned()),
            Just("Per-account QPS limit".to_owned()),
            Just("| API | QPS limit |".to_owned()),
            Just("|---|---|".to_owned()),
            Just("<table><tr><td>API</td><td>QPS</td></tr>".to_owned()),
            Just("<tr><td>SubmitJobs</td><td>100</td></tr>".to_owned()),
            Just("Transcoding APIs".to_owned()),
            Just("Other regions: 60".to_owned()),
            Just(String::new()),
            "[A-Z][a-z]{1,6}[A-Z][a-z]{1,6}[0-9]{0,4}",
            "[0-9]{1,7}( per (second|minute|day))?",
            "\\PC{0,20}",
        ],
        0..40,
    )) {
        check_page(lines.join("\n").as_bytes())?;
    }

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_page(&bytes)?;
    }

    #[test]
    fn mutated_fixtures(fixture in 0..FIXTURES.len(), mutations in prop::collection::vec(mutation(), 1..4)) {
        check_page(&apply(FIXTURES[fixture], &mutations))?;
    }
}
