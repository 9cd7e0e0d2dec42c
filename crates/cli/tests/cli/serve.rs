//! `claimgraph serve`: a real process on a free loopback port, spoken to over TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use super::util::{TestDb, bin, run_in, stderr};

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `serve` on port 0; returns the server, its address and the token it printed.
fn start(db: &str) -> (Server, String, Option<String>) {
    let mut child = Command::new(bin())
        .args(["--db", db, "serve", "--addr", "127.0.0.1:0"])
        .env_remove("CLAIMGRAPH_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut token = None;
    let server = Server(child);
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("cg_") {
            token = Some(line);
        } else if let Some(rest) = line.split(" on http://").nth(1) {
            let addr = rest.split('/').next().unwrap().to_string();
            return (server, addr, token);
        }
    }
    panic!("serve printed no address");
}

/// One HTTP/1.1 request; returns the status code and the body.
fn http(addr: &str, method: &str, path: &str, auth: Option<&str>, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let auth = auth.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split(' ').nth(1).unwrap().parse().unwrap();
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn serve_prints_a_token_once_and_guards_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    token_and_writes(db.to_str().unwrap());
}

/// The same on PostgreSQL: tokens, documents and the workspace live in the database.
#[test]
fn serve_runs_on_postgres() {
    let Some(pg) = TestDb::postgres() else { return };
    token_and_writes(&pg.locator);
    assert_eq!(pg.query_i64("SELECT count(*) FROM api_tokens"), 1);
    assert_eq!(pg.query_i64("SELECT count(*) FROM documents"), 1);
}

fn token_and_writes(db: &str) {
    let (server, addr, token) = start(db);
    let token = token.expect("a token on first start");
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    let (status, body) = http(&addr, "GET", "/api/stats", None, "");
    assert_eq!(status, 200, "{body}");
    let report = "Rebels attacked a police station in Goma on Monday, killing three officers, the army said.";
    assert_eq!(http(&addr, "POST", "/api/documents?published=2024-05-01", None, report).0, 401);
    let (status, body) = http(&addr, "POST", "/api/documents?published=2024-05-01", Some(&token), report);
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("\"outcome\":\"inserted\""), "{body}");
    assert!(body.contains("\"events\":1"), "the real extractor ran: {body}");
    drop(server);
    // The next start prints no token: only its hash is kept.
    let (_server, addr, again) = start(db);
    assert_eq!(again, None);
    let (status, body) = http(&addr, "GET", "/api/documents", None, "");
    assert_eq!(status, 200);
    assert!(body.contains("Goma") || body.contains("\"chars\""), "{body}");
}

#[test]
fn serve_refuses_a_file_that_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.db"), b"not a database at all, just text").unwrap();
    let out = run_in(dir.path(), &["--db", "x.db", "serve", "--addr", "127.0.0.1:0"], None);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn serve_names_an_unreachable_postgres_server_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on port 9: the store cannot be opened.
    let url = "postgres://u:secret@127.0.0.1:9/db";
    let out = run_in(dir.path(), &["--db", url, "serve", "--addr", "127.0.0.1:0"], None);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot open the store") && err.contains("u:***@"), "{err}");
    assert!(!err.contains("secret"), "{err}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing created");
}
