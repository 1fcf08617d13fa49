//! Pages the importer rejects: each problem with its line, the reason and
//! the fix, and nothing imported.

use qps_limits_codegen::import::{
    ImportError, ImportOptions, PageProblem, import_page, read_page, read_page_bytes,
};

fn options(file: &str) -> ImportOptions {
    ImportOptions {
        service: Some("mps".to_owned()),
        title: Some("ApsaraVideo Media Processing".to_owned()),
        ..ImportOptions::new(file)
    }
}

/// Imports a page that must be rejected and returns its problems.
fn problems(file: &str, page: &str) -> Vec<PageProblem> {
    match import_page(page, &options(file)) {
        Ok(table) => panic!("the page was imported: {table:?}"),
        Err(error) => error.problems().to_vec(),
    }
}

const HEAD: &str =
    "The default unit for QPS limits is requests per second.\n\nTranscoding APIs\n\n";

#[test]
fn empty_name_cells_in_text() {
    let found = problems(
        "page.txt",
        &format!("{HEAD}API\n\nPer-account QPS limit\n\n100\n\n50\n"),
    );
    let lines: Vec<usize> = found.iter().map(|problem| problem.line).collect();
    assert_eq!(lines, [9, 11]);
    assert_eq!(
        found[0].message,
        "the row with the value \"100\" has an empty name cell"
    );
    assert!(
        found[0]
            .fix
            .starts_with("every row must name its API operation")
    );
}

#[test]
fn empty_name_cells_in_markdown() {
    let found = problems(
        "page.md",
        "## Transcoding APIs\n\n| API | QPS limit |\n|---|---|\n|  | 100 |\n",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 5);
    assert_eq!(
        found[0].message,
        "the row with the value \"100\" has an empty name cell"
    );
}

#[test]
fn empty_name_cells_in_html() {
    let page = "<h2>Transcoding APIs</h2>\n<table>\n<tr><th>API</th><th>QPS limit</th></tr>\n<tr><td></td><td>100</td></tr>\n</table>";
    let found = problems("page.html", page);
    assert_eq!(found[0].line, 4);
    assert_eq!(
        found[0].message,
        "the row with the value \"100\" has an empty name cell"
    );
}

#[test]
fn value_cell_that_is_not_a_limit() {
    let error = import_page(
        &format!("{HEAD}API | QPS limit\nCancelJob | 50\nSubmitJobs | about 100\n"),
        &options("page.txt"),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "page.txt:7: value cell \"about 100\" of SubmitJobs is not a limit; a value cell must be a count with an \
         optional unit, such as \"100\" or \"30 per minute\"; correct the page copy, or transcribe this operation \
         into limits.yaml by hand"
    );
}

#[test]
fn descriptions_in_place_of_names() {
    let found = problems(
        "page.txt",
        &format!("{HEAD}API\nPer-account QPS limit\nSubmit transcoding jobs\n100\n"),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 7);
    assert_eq!(
        found[0].message,
        "name cell \"Submit transcoding jobs\" is not an API operation identifier"
    );
}

#[test]
fn translated_names_in_place_of_names() {
    let found = problems(
        "page.txt",
        "转码接口\n\nAPI | 单用户QPS限制(单位:次/秒)\n提交转码作业 | 100\n取消转码作业100\n",
    );
    let messages: Vec<&str> = found
        .iter()
        .map(|problem| problem.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "name cell \"提交转码作业\" is not an API operation identifier",
            "name cell \"取消转码作业\" is not an API operation identifier",
        ]
    );
    assert_eq!(found[1].line, 5);
}

#[test]
fn text_cut_in_the_middle_of_a_row() {
    let page = format!("{HEAD}API\nPer-account QPS limit\nSubmitJobs\n100\nCancelJob\n");
    let found = problems("page.txt", &page);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 9);
    assert_eq!(
        found[0].message,
        "the page ends in the middle of the row \"CancelJob\"; 1 complete row was read, the last one SubmitJobs at line 7"
    );
    assert!(found[0].fix.contains("--allow-partial"));
}

#[test]
fn markdown_cut_in_the_middle_of_a_row() {
    let page = "## Transcoding APIs\n\n| API | QPS limit |\n|---|---|\n| SubmitJobs | 100 |\n| CancelJob | 10";
    let found = problems("page.md", page);
    assert_eq!(found[0].line, 6);
    assert!(
        found[0]
            .message
            .starts_with("the page ends in the middle of the row \"CancelJob | 10\"")
    );
}

#[test]
fn html_cut_inside_a_table() {
    let page = "<h2>Transcoding APIs</h2>\n<table>\n<tr><th>API</th><th>QPS limit</th></tr>\n\
                <tr><td>SubmitJobs</td><td>100</td></tr>\n<tr><td>CancelJob</td><td>10";
    let found = problems("page.html", page);
    assert_eq!(found[0].line, 5);
    assert!(
        found[0]
            .message
            .starts_with("the page ends in the middle of the row \"CancelJob | 10\"")
    );

    let between_rows = "<h2>Transcoding APIs</h2>\n<table>\n<tr><th>API</th><th>QPS limit</th></tr>\n\
                        <tr><td>SubmitJobs</td><td>100</td></tr>\n";
    let found = problems("page.html", between_rows);
    assert!(
        found[0]
            .message
            .starts_with("the page ends inside a table; 1 complete row was read"),
        "{}",
        found[0].message
    );
}

#[test]
fn cut_page_accepted_with_allow_partial() {
    let page = format!("{HEAD}API\nPer-account QPS limit\nSubmitJobs\n100\nCancelJob\n");
    let options = ImportOptions {
        allow_partial: true,
        ..options("page.txt")
    };
    let read = read_page(&page, &options).unwrap();
    let cut = read.cut.clone().unwrap();
    assert_eq!(cut.line, 9);
    assert_eq!(cut.rows, 1);
    let table = read.to_table(&options).unwrap();
    assert_eq!(table.operation_names(), ["SubmitJobs"]);
}

#[test]
fn operation_listed_twice_with_different_limits() {
    let page = format!(
        "{HEAD}API | QPS limit\nSubmitJobs | 100\n\nSnapshot APIs\n\nAPI | QPS limit\nSubmitJobs | 50\n"
    );
    let found = problems("page.txt", &page);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 11);
    assert_eq!(
        found[0].message,
        "operation SubmitJobs is listed twice with different limits: 100 per second at line 6 and 50 per second here"
    );
}

#[test]
fn names_run_into_counts_ambiguously() {
    let found = problems(
        "page.txt",
        &format!("{HEAD}API单用户QPS限制\nDescribeV2100\n"),
    );
    assert_eq!(found[0].line, 6);
    assert_eq!(
        found[0].message,
        "\"DescribeV2100\" runs an operation name into its value and splits in more than one way \
         (DescribeV 2100 or DescribeV2 100)"
    );
}

#[test]
fn rows_without_a_header() {
    let found = problems("page.txt", &format!("{HEAD}SubmitJobs 100\n"));
    assert_eq!(found[0].line, 5);
    assert_eq!(
        found[0].message,
        "\"SubmitJobs 100\" reads like a table row, but no header row comes before it"
    );

    let markdown = "## Transcoding APIs\n\n| SubmitJobs | 100 |\n|---|---|\n| CancelJob | 50 |\n";
    let found = problems("page.md", markdown);
    assert_eq!(found[0].line, 3);
    assert!(
        found[0].message.ends_with("has no header row"),
        "{}",
        found[0].message
    );
}

#[test]
fn page_without_a_table() {
    let found = problems(
        "page.txt",
        "MPS limits calls.\n\nThe QPS limit for SubmitJobs is 100 requests per second.\n",
    );
    assert_eq!(found[0].line, 3);
    assert_eq!(found[0].message, "the page has no limits table");
}

#[test]
fn page_that_is_not_utf8() {
    let error = read_page_bytes(
        b"Transcoding APIs\n\nAPI | QPS limit\nSubmitJobs | 1\xff0\n",
        &options("page.txt"),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "page.txt:4: the page is not valid UTF-8 (byte 49); save the page as UTF-8"
    );
}

#[test]
fn every_problem_is_reported() {
    let page = format!("{HEAD}API | QPS limit\nSubmitJobs | about 100\n提交 | 5\nListJob | 0\n");
    let error = import_page(&page, &options("page.txt")).unwrap_err();
    let ImportError::Page { problems, .. } = &error else {
        panic!("{error:?}");
    };
    let lines: Vec<usize> = problems.iter().map(|problem| problem.line).collect();
    assert_eq!(lines, [6, 7, 8]);
}
