//! `claimgraph watch --once` against a feed server on loopback: articles are extracted and
//! stored, failures are reported, and a second run stores nothing new.

use super::util::*;

fn serve() -> String {
    let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let b = base.clone();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let header =
                |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
            let article = |i: usize| {
                format!(
                    "<!doctype html><html><head><title>Report {i}</title></head><body><article><p>{}</p></article></body></html>",
                    report(i)
                )
            };
            let resp = match req.url() {
                "/feed.xml" => {
                    let items: String = ["1", "2", "gone"]
                        .iter()
                        .map(|a| format!("<item><title>{a}</title><link>{b}/a/{a}</link><guid>{a}</guid><pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate></item>"))
                        .collect();
                    tiny_http::Response::from_data(
                        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>").into_bytes(),
                    )
                    .with_header(header("Content-Type", "application/rss+xml"))
                }
                "/a/1" => tiny_http::Response::from_data(article(1).into_bytes())
                    .with_header(header("Content-Type", "text/html")),
                "/a/2" => tiny_http::Response::from_data(article(2).into_bytes())
                    .with_header(header("Content-Type", "text/html")),
                _ => tiny_http::Response::from_data(b"no".to_vec()).with_status_code(404),
            };
            let _ = req.respond(resp);
        }
    });
    base
}

#[test]
fn watch_once_stores_new_articles_and_remembers_them() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let feed = format!("{base}/feed.xml");
    let args = ["watch", feed.as_str(), "--once", "--delay", "0s", "--json"];
    let o = run_in(p, &args, None);
    assert_eq!(o.status.code(), Some(1), "the 404 is a partial failure: {}", stderr(&o));
    assert!(stderr(&o).contains("HTTP status 404"), "{}", stderr(&o));
    let summary = &json_lines(&o)[0];
    assert_eq!((summary["ingested"].as_u64(), summary["skipped"].as_u64()), (Some(2), Some(1)));
    assert_eq!(doc_count(p, "claimgraph.db"), 2);
    let docs: Vec<serde_json::Value> =
        serde_json::from_slice(&run_in(p, &["docs", "--json"], None).stdout).unwrap();
    assert!(
        docs.iter().all(|d| d["url"].as_str().unwrap().starts_with(&base) && d["published"] == "2024-03-06")
    );
    let events: Vec<serde_json::Value> =
        serde_json::from_slice(&run_in(p, &["events", "--json"], None).stdout).unwrap();
    assert!(!events.is_empty(), "the articles were extracted");

    // Second run: nothing new, nothing fetched again, the skipped 404 is not retried.
    let o = run_in(p, &args, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = &json_lines(&o)[0];
    assert_eq!((summary["ingested"].as_u64(), summary["already_seen"].as_u64()), (Some(0), Some(3)));
    assert_eq!(doc_count(p, "claimgraph.db"), 2);
}

#[test]
fn watch_once_on_postgres_remembers_what_it_has_seen() {
    let Some(pg) = TestDb::postgres() else { return };
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let feed = format!("{base}/feed.xml");
    let args = ["--db", pg.locator.as_str(), "watch", feed.as_str(), "--once", "--delay", "0s", "--json"];
    let o = run_in(p, &args, None);
    assert_eq!(o.status.code(), Some(1), "the 404 is a partial failure: {}", stderr(&o));
    let summary = &json_lines(&o)[0];
    assert_eq!((summary["ingested"].as_u64(), summary["skipped"].as_u64()), (Some(2), Some(1)));
    assert_eq!(doc_count(p, &pg.locator), 2);
    assert_eq!(pg.query_i64("SELECT count(*) FROM feed_items"), 3);
    assert_eq!(pg.query_i64("SELECT count(*) FROM feeds WHERE last_status = 'ok'"), 1);
    assert!(!p.join("claimgraph.db").exists(), "no SQLite file on the side");

    let o = run_in(p, &args, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = &json_lines(&o)[0];
    assert_eq!((summary["ingested"].as_u64(), summary["already_seen"].as_u64()), (Some(0), Some(3)));
    assert_eq!(doc_count(p, &pg.locator), 2);
}

#[test]
fn watch_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["watch"][..], &["watch", "http://127.0.0.1:9/f", "--every", "soon"]] {
        let o = run_in(dir.path(), args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}
