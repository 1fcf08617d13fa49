//! The `qps-limits` binary: show, lint, import and check, with their exit
//! statuses, standard output and standard error.

use std::fs;
use std::io::Write;
#[cfg(feature = "fetch")]
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
#[cfg(feature = "fetch")]
use std::thread;

use tempfile::TempDir;

const EN_PAGE: &str = "mps-qps-limits-en-2026-03.txt";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/docs").join(name)
}

fn limits_yaml() -> String {
    fs::read_to_string(manifest().join("../limits.yaml")).unwrap()
}

/// Returns a temporary directory holding a copy of limits.yaml.
fn workspace() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("limits.yaml"), limits_yaml()).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    run_with_input(dir, args, "")
}

fn run_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qps-limits"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn show_lists_every_operation() {
    let dir = workspace();
    let output = run(dir.path(), &["show"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "ApsaraVideo Media Processing (mps): limits per account, 52 operations in 12 groups"
        ),
        "{text}"
    );
    let row = text
        .lines()
        .find(|line| line.starts_with("ListAllMediaBucket"))
        .unwrap();
    let words: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "ListAllMediaBucket",
            "Media",
            "bucket",
            "APIs",
            "10",
            "second"
        ]
    );
}

#[test]
fn show_describes_regions_windows_and_no_limit() {
    let dir = tempfile::tempdir().unwrap();
    let table = "service: vod\ntitle: VOD\ngroups:\n  - name: Upload\n    limits:\n      CreateUploadVideo:\n        count: 60\n\
                 \x20       regions:\n          cn-shanghai: 120\n      UploadMediaByURL:\n        count: 20\n\
                 \x20       windows:\n          - { count: 200000, unit: day }\n      DescribePlayTopVideos: unlimited\n";
    fs::write(dir.path().join("vod.yaml"), table).unwrap();
    let output = run(dir.path(), &["show", "--table", "vod.yaml"]);
    let text = stdout(&output);
    assert!(text.contains("in 120 cn-shanghai"), "{text}");
    assert!(text.contains("also 200000 per day"), "{text}");
    assert!(
        text.lines()
            .any(|line| line.starts_with("DescribePlayTopVideos") && line.contains("unlimited")),
        "{text}"
    );
}

#[test]
fn show_without_a_table_fails() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["show"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("limits.yaml: failed to read the table: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn lint_accepts_a_valid_table() {
    let dir = workspace();
    let output = run(dir.path(), &["lint"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "limits.yaml: valid, 52 operations in 12 groups (service mps)\n"
    );
}

#[test]
fn lint_reports_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let table = "service: mps\ntitle: MPS\ngroups:\n  - name: G\n    limits:\n      SubmitJobs: 0\n      submit_job: 5\n";
    fs::write(dir.path().join("bad.yaml"), table).unwrap();
    let output = run(dir.path(), &["lint", "bad.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let errors = stderr(&output);
    let lines: Vec<&str> = errors.lines().collect();
    assert!(
        lines[0].starts_with("bad.yaml:6:19: the limit of `SubmitJobs` is 0; "),
        "{errors}"
    );
    assert_eq!(
        lines[1],
        "bad.yaml:7:7: operation name `submit_job` is not a PascalCase identifier; write it as `SubmitJob`"
    );
    assert_eq!(lines[2], "bad.yaml: 2 problems");
}

#[test]
fn import_prints_limits_yaml() {
    let dir = workspace();
    let page = fixture(EN_PAGE);
    let output = run(
        dir.path(),
        &["import", page.to_str().unwrap(), "--service", "mps"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), limits_yaml());
}

#[test]
fn import_reads_standard_input() {
    let dir = workspace();
    let page = fs::read_to_string(fixture(EN_PAGE)).unwrap();
    let output = run_with_input(dir.path(), &["import", "-", "--service", "mps"], &page);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), limits_yaml());
}

#[test]
fn import_writes_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture(EN_PAGE);
    let output = run(
        dir.path(),
        &[
            "import",
            page.to_str().unwrap(),
            "--service",
            "mps",
            "-o",
            "out.yaml",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "wrote out.yaml: 52 operations in 12 groups\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out.yaml")).unwrap(),
        limits_yaml()
    );
}

#[test]
fn failed_import_leaves_the_output_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("out.yaml"), "original\n").unwrap();
    let page = fixture("mps-refuse-value-not-limit.txt");
    let output = run(
        dir.path(),
        &[
            "import",
            page.to_str().unwrap(),
            "--service",
            "mps",
            "-o",
            "out.yaml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let errors = stderr(&output);
    assert!(errors.contains("mps-refuse-value-not-limit.txt:11: value cell \"about 100\" of SubmitJobs is not a limit; "), "{errors}");
    assert_eq!(
        fs::read_to_string(dir.path().join("out.yaml")).unwrap(),
        "original\n"
    );
    let files: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(files, ["out.yaml"]);
}

#[test]
fn import_without_service_fails() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture(EN_PAGE);
    let output = run(
        dir.path(),
        &["import", page.to_str().unwrap(), "-o", "out.yaml"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .ends_with(": the service id is not known; pass --service, such as --service mps\n")
    );
    assert!(!dir.path().join("out.yaml").exists());
}

#[test]
fn import_of_a_cut_page_with_allow_partial() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("mps-text-cut.txt");
    let page = page.to_str().unwrap();
    let rejected = run(dir.path(), &["import", page, "--service", "mps"]);
    assert_eq!(rejected.status.code(), Some(1));

    let accepted = run(
        dir.path(),
        &["import", page, "--service", "mps", "--allow-partial"],
    );
    assert_eq!(accepted.status.code(), Some(0), "{}", stderr(&accepted));
    assert!(stdout(&accepted).contains("SubmitMediaCensorJob: 100"));
    assert!(!stdout(&accepted).contains("QueryMediaCensorJobDetail"));
    assert!(
        stderr(&accepted).starts_with("warning: ")
            && stderr(&accepted)
                .contains("mps-text-cut.txt:17: the page ends in the middle of the row"),
        "{}",
        stderr(&accepted)
    );
}

#[test]
fn import_merge_keeps_notes_and_reports() {
    let dir = workspace();
    let table = limits_yaml().replace(
        "      SubmitJobs: 100\n",
        "      SubmitJobs:\n        count: 90\n        note: Raised on request.\n",
    );
    fs::write(dir.path().join("limits.yaml"), table).unwrap();
    let page = fixture(EN_PAGE);
    let output = run(
        dir.path(),
        &["import", page.to_str().unwrap(), "--merge", "limits.yaml"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("      SubmitJobs:\n        count: 100\n        note: Raised on request.\n")
    );
    let report = stderr(&output);
    assert!(report.starts_with("merged with limits.yaml: kept from the existing table: `service`, `scope`, the note of SubmitJobs"), "{report}");
    assert!(
        report.contains("changed  SubmitJobs: 90 per second -> 100 per second"),
        "{report}"
    );
}

#[test]
fn check_agrees_with_the_page() {
    let dir = workspace();
    let page = fixture(EN_PAGE);
    let output = run(
        dir.path(),
        &["check", page.to_str().unwrap(), "--table", "limits.yaml"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("limits.yaml agrees with "));
}

#[test]
fn check_reports_differences() {
    let dir = workspace();
    let table = limits_yaml()
        .replace("      SubmitJobs: 100\n", "      SubmitJobs: 120\n")
        .replace("      ListJob: 100\n", "")
        .replace(
            "      QueryMediaCensorJobDetail: 100\n",
            "      QueryMediaCensorJobDetail: 100\n      SubmitOldJob: 5\n",
        );
    fs::write(dir.path().join("limits.yaml"), table).unwrap();
    let page = fixture(EN_PAGE);
    let output = run(dir.path(), &["check", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let expected = format!(
        "from limits.yaml (the table) to {} (the page):\n\
         changed  SubmitJobs: 120 per second -> 100 per second\n\
         added    ListJob: 100 per second (group \"Transcoding APIs\")\n\
         removed  SubmitOldJob: 5 per second (group \"Media review APIs\")\n",
        page.display()
    );
    assert_eq!(stdout(&output), expected);
    assert!(
        stderr(&output).starts_with("limits.yaml differs from "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_of_an_unreadable_page_fails() {
    let dir = workspace();
    let output = run(dir.path(), &["check", "missing.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("missing.txt: failed to read the page: "),
        "{}",
        stderr(&output)
    );
}

/// Serves `response` to each of `connections` requests on 127.0.0.1.
#[cfg(feature = "fetch")]
fn serve(response: String, connections: usize) -> String {
    use std::io::Read;

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for _ in 0..connections {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut request = Vec::new();
            let mut buffer = [0; 1024];
            while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(read) => request.extend_from_slice(&buffer[..read]),
                }
            }
            let _ = stream.write_all(response.as_bytes());
        }
    });
    url
}

#[test]
#[cfg(feature = "fetch")]
fn import_and_check_by_url() {
    let page = fs::read_to_string(fixture(EN_PAGE)).unwrap();
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    let url = format!("{}/qps-limits", serve(response, 2));
    let dir = workspace();
    let output = run(dir.path(), &["import", &url, "--service", "mps"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = limits_yaml().replace(
        "source: https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits",
        &format!("source: {url}"),
    );
    assert_eq!(stdout(&output), expected);

    let output = run(dir.path(), &["check", &url]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
#[cfg(feature = "fetch")]
fn import_by_url_reports_failed_fetch() {
    let url = format!(
        "{}/missing",
        serve(
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
            1
        )
    );
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        dir.path(),
        &["import", &url, "--service", "mps", "-o", "out.yaml"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("failed to fetch {url}: the server returned HTTP status 404; check the address\n")
    );
    assert!(!dir.path().join("out.yaml").exists());
}

/// Returns the MPS page up to the "Media workflow APIs" heading: seven whole
/// groups with 25 operations, as a copy that stopped between two rows.
fn page_cut_between_rows() -> String {
    let page = fs::read_to_string(fixture(EN_PAGE)).unwrap();
    let end = page.find("Media workflow APIs").unwrap();
    page[..end].to_owned()
}

#[test]
fn import_refuses_to_drop_operations() {
    let dir = workspace();
    fs::write(dir.path().join("cut.txt"), page_cut_between_rows()).unwrap();
    let output = run(
        dir.path(),
        &["import", "cut.txt", "--service", "mps", "-o", "limits.yaml"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "the page lacks 27 operations of limits.yaml: AddMediaWorkflow, ActivateMediaWorkflow,"
        ),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("pass --allow-removals"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("limits.yaml")).unwrap(),
        limits_yaml()
    );
}

#[test]
fn merge_refuses_to_drop_operations() {
    let dir = workspace();
    fs::write(dir.path().join("cut.txt"), page_cut_between_rows()).unwrap();
    let output = run(
        dir.path(),
        &[
            "import",
            "cut.txt",
            "--service",
            "mps",
            "--merge",
            "limits.yaml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the page lacks 27 operations of limits.yaml"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn allow_removals_writes_shorter_table() {
    let dir = workspace();
    fs::write(dir.path().join("cut.txt"), page_cut_between_rows()).unwrap();
    let args = [
        "import",
        "cut.txt",
        "--service",
        "mps",
        "-o",
        "limits.yaml",
        "--allow-removals",
    ];
    let output = run(dir.path(), &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "wrote limits.yaml: 25 operations in 7 groups\n"
    );
}

#[test]
fn show_takes_file_argument() {
    let dir = workspace();
    let positional = run(dir.path(), &["show", "limits.yaml"]);
    let flag = run(dir.path(), &["show", "--table", "limits.yaml"]);
    assert_eq!(positional.status.code(), Some(0), "{}", stderr(&positional));
    assert_eq!(stdout(&positional), stdout(&flag));
    assert!(stdout(&positional).contains("52 operations in 12 groups"));
}

#[test]
fn counts_use_singular_for_one() {
    let dir = workspace();
    let table = "service: mps\ntitle: MPS\ngroups:\n  - name: Transcoding APIs\n    limits:\n      SubmitJobs: 100\n";
    fs::write(dir.path().join("one.yaml"), table).unwrap();
    let output = run(dir.path(), &["lint", "one.yaml"]);
    assert_eq!(
        stdout(&output),
        "one.yaml: valid, 1 operation in 1 group (service mps)\n"
    );
}
