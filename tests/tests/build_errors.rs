//! `cargo build` of the runtime crate against a broken limits.yaml: the build
//! fails with the file, line and column of the problem, and a valid change
//! rebuilds the generated module.
//!
//! The codegen, runtime and macros crates are copied once into the target
//! directory; each case writes its limits.yaml there and builds offline.
//! Cargo names the artifacts of workspace members by their path inside the
//! workspace, so two copies would overwrite each other's builds: the cases
//! share the one copy and take turns.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, OnceLock};

const CRATES: [&str; 3] = ["codegen", "runtime", "macros"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies the crates the runtime build needs into a workspace of their own,
/// once per test run.
fn workspace_copy() -> &'static Path {
    static COPY: OnceLock<PathBuf> = OnceLock::new();
    COPY.get_or_init(|| {
        let root = workspace_root();
        let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-errors/workspace");
        if copy.exists() {
            fs::remove_dir_all(&copy).unwrap();
        }
        for name in CRATES {
            copy_dir(&root.join(name), &copy.join(name));
        }
        fs::copy(root.join("Cargo.lock"), copy.join("Cargo.lock")).unwrap();
        let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let members = manifest
            .lines()
            .find(|line| line.starts_with("members"))
            .unwrap();
        let manifest = manifest.replace(members, r#"members = ["codegen", "runtime", "macros"]"#);
        fs::write(copy.join("Cargo.toml"), manifest).unwrap();
        copy
    })
}

/// Takes the copy for one case and writes its limits.yaml.
fn workspace_with(limits: &str) -> (MutexGuard<'static, ()>, &'static Path) {
    static TURN: Mutex<()> = Mutex::new(());
    let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let workspace = workspace_copy();
    fs::write(workspace.join("limits.yaml"), limits).unwrap();
    (turn, workspace)
}

fn build(workspace: &Path) -> Output {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-errors-target");
    Command::new(env!("CARGO"))
        .args([
            "build",
            "--offline",
            "--verbose",
            "-p",
            "qps-limits",
            "--lib",
        ])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

fn limits_with(rows: &str) -> String {
    let original = fs::read_to_string(workspace_root().join("limits.yaml")).unwrap();
    original.replace("      SubmitJobs: 100\n", rows)
}

/// Builds a copy whose limits.yaml has `rows` in place of the SubmitJobs row,
/// and returns the build's stderr after checking that the build failed.
fn failed_build(case: &str, rows: &str) -> String {
    let (_turn, workspace) = workspace_with(&limits_with(rows));
    let output = build(workspace);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !output.status.success(),
        "the build of {case} succeeded:\n{stderr}"
    );
    stderr
}

fn assert_reports(stderr: &str, expected: &str) {
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in the build output:\n{stderr}"
    );
}

#[test]
fn zero_limit_fails_build() {
    let stderr = failed_build("zero", "      SubmitJobs: 0\n");
    assert_reports(&stderr, "limits.yaml:18:19: the limit of `SubmitJobs` is 0");
}

#[test]
fn duplicated_operation_fails_build() {
    let stderr = failed_build(
        "duplicate",
        "      SubmitJobs: 100\n      SubmitJobs: 100\n",
    );
    assert_reports(
        &stderr,
        "limits.yaml:19:7: operation `SubmitJobs` is listed twice (first at 18:7); remove one",
    );
}

#[test]
fn misspelt_unit_fails_build() {
    let stderr = failed_build("unit", "      SubmitJobs: { count: 100, unit: secnd }\n");
    assert_reports(
        &stderr,
        "limits.yaml:18:39: unknown unit `secnd`; the closest unit is `second`",
    );
}

#[test]
fn non_pascal_case_name_fails_build() {
    let stderr = failed_build("name", "      submit_jobs: 100\n");
    assert_reports(
        &stderr,
        "limits.yaml:18:7: operation name `submit_jobs` is not a PascalCase identifier",
    );
}

#[test]
fn changed_limit_rebuilds_module() {
    let (_turn, workspace) = workspace_with(&limits_with("      SubmitJobs: 100\n"));
    let first = build(workspace);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    let unchanged = build(workspace);
    let unchanged = String::from_utf8_lossy(&unchanged.stderr).into_owned();
    assert_reports(&unchanged, "Fresh qps-limits ");

    fs::write(
        workspace.join("limits.yaml"),
        limits_with("      SubmitJobs: 80\n"),
    )
    .unwrap();
    let changed = build(workspace);
    let changed_stderr = String::from_utf8_lossy(&changed.stderr).into_owned();
    assert!(changed.status.success(), "{changed_stderr}");
    assert!(
        !changed_stderr.contains("Fresh qps-limits "),
        "{changed_stderr}"
    );
    assert!(
        generated_modules()
            .iter()
            .any(|module| module.contains("`SubmitJobs`: 80 calls per second"))
    );
}

/// Returns the text of every generated mps module in the shared target directory.
fn generated_modules() -> Vec<String> {
    let build = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-errors-target/debug/build");
    fs::read_dir(build)
        .unwrap()
        .filter_map(|entry| fs::read_to_string(entry.unwrap().path().join("out/mps.rs")).ok())
        .collect()
}
