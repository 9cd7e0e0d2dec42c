//! Helpers: run the binary, make fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimgraph"))
}

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// `../shared` beside the repository.
pub fn shared() -> PathBuf {
    repo().join("../shared")
}

/// Runs `claimgraph ARGS` in `dir` with `stdin` and returns its output.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir).args(args).env_remove("CLAIMGRAPH_DB");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn claimgraph");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        // A command that fails on its arguments exits without reading its input; the
        // broken pipe is then expected and its exit status tells the test what happened.
        match pipe.write_all(input) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            r => r.unwrap(),
        }
    }
    child.wait_with_output().unwrap()
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses JSON Lines output.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o).lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A short report written for the tests.
pub fn report(i: usize) -> String {
    let places = ["Kandahar", "Mosul", "Goma", "Menaka", "Aleppo", "Sanaa", "Mogadishu", "Kharkiv"];
    let place = places[i % places.len()];
    format!(
        "Report {i}: Militants attacked a checkpoint near {place} on Tuesday, killing {} police officers and \
         wounding {} others, a provincial spokesman said.\n\nTwo residents told reporters that the gunmen \
         arrived before dawn. The group denied responsibility.",
        2 + i % 5,
        3 + i % 11
    )
}

/// `counts` of a store as JSON, read through `docs --json` and friends.
pub fn doc_count(dir: &Path, db: &str) -> usize {
    let o = run_in(dir, &["--db", db, "docs", "--json", "--limit", "1000000"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout).unwrap().len()
}

/// A database of the store tests for one test; the PostgreSQL one is created on the server
/// `CLAIMGRAPH_TEST_PG` names and dropped at the end.
pub use crate::common::backend::TestDb;
