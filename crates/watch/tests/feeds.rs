//! The watcher against a feed server started on loopback: RSS and Atom, good articles,
//! redirects, 404s, a redirect loop, a huge body, binary bodies, a server error, a broken
//! and a missing feed, ETag/304, and a restart that re-ingests nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use claimgraph_core::Extraction;
use claimgraph_ingest::Loaded;
use claimgraph_store::{FeedLog, ItemStatus, SqliteStore, Store};
use claimgraph_watch::{PollReport, WatchConfig, Watcher};
use tiny_http::{Header, Response, Server};

const LIMIT: u64 = 200_000;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title><meta name=\"author\" content=\"Desk\"></head><body>\
         <nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p><p>{body} Officials said the \
         investigation continues and more details would follow later in the week.</p></article></body></html>"
    )
}

/// Starts the server; returns its base URL and the number of requests per path.
fn serve() -> (String, Arc<Mutex<HashMap<String, usize>>>) {
    let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let (srv, counts, b) = (server.clone(), hits.clone(), base.clone());
    std::thread::spawn(move || {
        for req in srv.incoming_requests() {
            let path = req.url().to_string();
            *counts.lock().unwrap().entry(path.clone()).or_default() += 1;
            let header = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
            let html = header("Content-Type", "text/html; charset=utf-8");
            let if_none_match = req
                .headers()
                .iter()
                .find(|h| h.field.equiv("If-None-Match"))
                .map(|h| h.value.as_str().to_string());
            let resp = match path.as_str() {
                "/rss.xml" if if_none_match.as_deref() == Some("\"v1\"") => {
                    Response::from_data(Vec::new()).with_status_code(304)
                }
                "/rss.xml" => {
                    let items: String = ["1", "404", "loop", "huge", "binary", "binary-html", "500", "redirect"]
                        .iter()
                        .map(|a| format!("<item><title>Item {a}</title><link>{b}/a/{a}</link><guid>item-{a}</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"))
                        .collect();
                    let rss = format!(
                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test desk</title>{items}</channel></rss>"
                    );
                    Response::from_data(rss.into_bytes())
                        .with_header(header("Content-Type", "application/rss+xml"))
                        .with_header(header("ETag", "\"v1\""))
                }
                "/atom.xml" => {
                    let atom = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom desk</title><id>urn:desk</id><updated>2024-03-06T00:00:00Z</updated><entry><title>Third</title><id>urn:a3</id><updated>2024-03-06T00:00:00Z</updated><link href=\"/a/3\"/></entry></feed>";
                    Response::from_data(atom.as_bytes().to_vec())
                        .with_header(header("Content-Type", "application/atom+xml"))
                }
                "/broken.xml" => {
                    Response::from_data(b"<rss version=\"2.0\"><channel><item><title>x".to_vec())
                        .with_header(header("Content-Type", "application/rss+xml"))
                }
                "/a/1" => Response::from_data(
                    page(
                        "Checkpoint attacked",
                        "Gunmen attacked a checkpoint near the river crossing on Monday.",
                    )
                    .into_bytes(),
                )
                .with_header(html),
                "/a/2" => Response::from_data(
                    page("Convoy delayed", "A relief convoy was delayed at the border for two days.")
                        .into_bytes(),
                )
                .with_header(html),
                "/a/3" => Response::from_data(
                    page("Talks resume", "Negotiators resumed talks in the capital on Wednesday.")
                        .into_bytes(),
                )
                .with_header(html),
                "/a/redirect" => Response::from_data(Vec::new())
                    .with_status_code(301)
                    .with_header(header("Location", "/a/2")),
                "/a/loop" => Response::from_data(Vec::new())
                    .with_status_code(302)
                    .with_header(header("Location", "/a/loop2")),
                "/a/loop2" => Response::from_data(Vec::new())
                    .with_status_code(302)
                    .with_header(header("Location", "/a/loop")),
                "/a/huge" => Response::from_data(page("Huge", &"word ".repeat(LIMIT as usize)).into_bytes())
                    .with_header(html),
                "/a/binary" => Response::from_data(vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3])
                    .with_header(header("Content-Type", "image/png")),
                "/a/binary-html" => {
                    Response::from_data((0u8..=255).cycle().take(4096).collect::<Vec<u8>>()).with_header(html)
                }
                "/a/500" => Response::from_data(b"oops".to_vec()).with_status_code(500),
                _ => Response::from_data(b"not found".to_vec()).with_status_code(404),
            };
            let _ = req.respond(resp);
        }
    });
    (base, hits)
}

fn config() -> WatchConfig {
    WatchConfig {
        timeout: Duration::from_secs(10),
        max_bytes: LIMIT,
        max_redirects: 4,
        retries: 1,
        backoff: Duration::from_millis(10),
        politeness: Duration::from_millis(1),
        max_attempts: 3,
        ..WatchConfig::default()
    }
}

/// Stores an empty extraction of the document (the analysis is not this crate's job).
fn ingest(store: &mut SqliteStore, loaded: Loaded) -> Result<String, String> {
    let x = Extraction::empty(&loaded.document);
    store.put_extraction(&x, &loaded.source, false).map_err(|e| e.to_string())?;
    Ok(x.document.id)
}

fn poll(w: &mut Watcher, store: &mut SqliteStore, feeds: &[String], log: &mut Vec<String>) -> PollReport {
    w.poll(store, feeds, ingest, |level, m| log.push(format!("{level:?} {m}"))).unwrap()
}

#[test]
fn watcher_survives_failures_and_remembers() {
    let (base, hits) = serve();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let mut store = SqliteStore::open(&db).unwrap();
    let feeds: Vec<String> = ["/rss.xml", "/atom.xml", "/broken.xml", "/missing.xml"]
        .iter()
        .map(|p| format!("{base}{p}"))
        .chain(["not a url".to_string()])
        .collect();
    let mut log = Vec::new();
    let mut w = Watcher::new(config());
    let r = poll(&mut w, &mut store, &feeds, &mut log);
    let text = log.join("\n");
    assert_eq!((r.feeds_ok, r.feeds_not_modified, r.feeds_failed), (2, 0, 3), "{text}");
    assert_eq!(r.new_items, 9, "{text}");
    assert_eq!(r.ingested, 3, "a/1, a/redirect -> a/2, a/3: {text}");
    assert_eq!(r.skipped, 5, "404, loop, huge, binary, binary-html: {text}");
    assert_eq!(r.failed, 1, "500: {text}");
    assert!(text.contains("HTTP status 404"), "{text}");
    assert!(text.contains("too many redirects"), "{text}");
    assert!(text.contains("larger than"), "{text}");
    assert!(text.contains("image/png"), "{text}");
    assert!(text.contains("not a valid RSS or Atom feed"), "{text}");
    assert_eq!(store.counts().unwrap().documents, 3);
    assert_eq!(hits.lock().unwrap()["/a/500"], 2, "one retry of a transient failure");

    // The stored documents carry their URLs and the feed's dates.
    let docs = store.documents(&Default::default()).unwrap();
    let urls: Vec<&str> = docs.iter().filter_map(|d| d.url.as_deref()).collect();
    assert!(urls.contains(&format!("{base}/a/2").as_str()), "redirects are followed: {urls:?}");
    assert!(docs.iter().any(|d| d.published.as_deref() == Some("2024-03-05")));
    let rss = format!("{base}/rss.xml");
    let item = store.feed_item(&rss, "item-404").unwrap().unwrap();
    assert_eq!(item.status, ItemStatus::Skipped);
    assert_eq!(store.feed_item(&rss, "item-1").unwrap().unwrap().status, ItemStatus::Ingested);
    assert_eq!(store.feed_state(&rss).unwrap().unwrap().etag.as_deref(), Some("\"v1\""));

    // A restart (new watcher, store reopened): the RSS feed answers 304, nothing is fetched
    // or stored again.
    drop(store);
    let mut store = SqliteStore::open(&db).unwrap();
    let mut w = Watcher::new(config());
    let r = poll(&mut w, &mut store, &feeds, &mut log);
    assert_eq!((r.feeds_ok, r.feeds_not_modified, r.feeds_failed), (1, 1, 3));
    assert_eq!((r.new_items, r.ingested, r.already_seen), (0, 0, 1));
    assert_eq!(store.counts().unwrap().documents, 3);
    let hits = hits.lock().unwrap();
    for article in ["/a/1", "/a/2", "/a/3", "/a/404", "/a/huge", "/a/binary"] {
        assert_eq!(hits[article], 1, "{article} fetched once");
    }
    assert_eq!(hits["/rss.xml"], 2);
}
