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
        pipe.write_all(input).unwrap();
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

/// A PostgreSQL database made for one test on the server `CLAIMGRAPH_TEST_PG` names, and
/// dropped when this is dropped.
pub struct PgDb {
    /// Its URL, for `--db`.
    pub url: String,
    admin: String,
    name: String,
}

impl PgDb {
    /// A fresh database, or `None` (skip, with a notice) on a developer machine without
    /// `CLAIMGRAPH_TEST_PG`; under CI (`CI` set) a missing server fails the test.
    pub fn create(tag: &str) -> Option<PgDb> {
        let Ok(admin) = std::env::var("CLAIMGRAPH_TEST_PG") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CLAIMGRAPH_TEST_PG is not set but CI is: start a server (scripts/ci-postgres start)"
            );
            eprintln!("note: CLAIMGRAPH_TEST_PG is not set; skipping the PostgreSQL variant of this test");
            return None;
        };
        let name = format!("cg_cli_{tag}_{}", std::process::id());
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let scheme_end = admin.find("://").unwrap() + 3;
        let rest = &admin[scheme_end..];
        let authority = rest.split(['/', '?']).next().unwrap();
        let query = rest.find('?').map_or("", |i| &rest[i..]);
        let url = format!("{}{authority}/{name}{query}", &admin[..scheme_end]);
        Some(PgDb { url, admin, name })
    }

    /// The one integer `sql` returns.
    pub fn query_i64(&self, sql: &str) -> i64 {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        c.query_one(sql, &[]).unwrap().get(0)
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
