//! Every page in fixtures/docs imports to the table beside it, or fails
//! with the error beside it:
//!
//! - `NAME.expected.yaml`: the table, as limits.yaml text,
//! - `NAME.expected.err`: the error, as the command prints it,
//! - `NAME.partial.expected.yaml`: the table imported with `allow_partial`.
//!
//! The service id is the page name up to its first `-` (`mps-…`, `vod-…`).
//! After a deliberate change, regenerate the expected files with
//! `UPDATE_GOLDEN=1 cargo test -p qps-limits-codegen --test import_fixtures`
//! and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use qps_limits_codegen::import::{ImportOptions, import_page};
use qps_limits_codegen::table_to_yaml;

/// Titles for pages that do not name their service.
const TITLES: &[(&str, &str)] = &[("mps-qps-limits-markdown.md", "ApsaraVideo Media Processing")];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs")
}

/// Returns the pages: every fixture that is not an expectation or a README.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = file_name(path);
            !name.contains(".expected.") && !name.eq_ignore_ascii_case("README.md")
        })
        .collect();
    pages.sort();
    pages
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Returns the path of an expectation: `kind` is `expected.yaml`,
/// `expected.err` or `partial.expected.yaml`.
fn expectation(page: &Path, kind: &str) -> PathBuf {
    let name = file_name(page);
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(stem, _)| stem);
    page.with_file_name(format!("{stem}.{kind}"))
}

/// Imports a page and returns the YAML, or the error text.
fn outcome(page: &Path, allow_partial: bool) -> (bool, String) {
    let name = file_name(page);
    let text = fs::read_to_string(page).unwrap();
    let options = ImportOptions {
        service: name.split('-').next().map(str::to_owned),
        title: TITLES
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, title)| (*title).to_owned()),
        allow_partial,
        ..ImportOptions::new(name.clone())
    };
    match import_page(&text, &options) {
        Ok(table) => (true, table_to_yaml(&table)),
        Err(error) => (false, format!("{error}\n")),
    }
}

#[test]
fn every_page_has_an_expectation() {
    let missing: Vec<String> = pages()
        .iter()
        .filter(|page| {
            ["expected.yaml", "expected.err", "partial.expected.yaml"]
                .iter()
                .all(|kind| !expectation(page, kind).exists())
        })
        .map(|page| file_name(page))
        .collect();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    assert!(
        update || missing.is_empty(),
        "pages without an expected file: {missing:?}"
    );
}

#[test]
fn pages_import_to_expected_tables() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for page in pages() {
        let (imported, actual) = outcome(&page, false);
        let path = expectation(
            &page,
            if imported {
                "expected.yaml"
            } else {
                "expected.err"
            },
        );
        check(&path, &actual, update, &mut mismatches);

        let partial = expectation(&page, "partial.expected.yaml");
        if partial.exists() {
            let (_, actual) = outcome(&page, true);
            check(&partial, &actual, update, &mut mismatches);
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

fn check(path: &Path, actual: &str, update: bool, mismatches: &mut Vec<String>) {
    if update {
        fs::write(path, actual).unwrap();
        return;
    }
    match fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => mismatches.push(format!(
            "{}:\n--- expected\n{expected}--- actual\n{actual}",
            path.display()
        )),
        Err(_) => mismatches.push(format!(
            "{} is missing; the import gave:\n{actual}",
            path.display()
        )),
    }
}

#[test]
fn mps_page_expectation_is_limits_yaml() {
    let expected =
        fs::read_to_string(fixtures().join("mps-qps-limits-en-2026-03.expected.yaml")).unwrap();
    let committed =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../limits.yaml")).unwrap();
    assert_eq!(expected, committed);
}
