//! The HTTP API through the whole router (security layer included), with a stand-in
//! ingester: posted text becomes the store tests' sample extraction shape.

#[path = "../../store/tests/common/mod.rs"]
mod common;

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use claimgraph_core::{Document, Extraction, Meta};
use claimgraph_server::auth::{Tokens, ensure_token};
use claimgraph_server::{BodyFormat, Config, DocumentIngester, Ingested, OPENAPI, open_store, router};
use serde_json::{Value, json};
use tower::ServiceExt;

use common::backend::{Kind, TestDb};

/// Text bodies become an empty extraction of that text; `FAIL` is refused like unreadable input.
struct FakeIngester;

impl DocumentIngester for FakeIngester {
    fn ingest(&self, body: &[u8], format: BodyFormat, meta: &Meta, _: &str) -> Result<Ingested, String> {
        let text = String::from_utf8_lossy(body).to_string();
        if text.contains("FAIL") {
            return Err("cannot read this".into());
        }
        assert_ne!(format, BodyFormat::Json, "JSON bodies are not used here");
        let doc = Document::new(&text, meta.clone());
        Ok(Ingested { extraction: Extraction::empty(&doc), warnings: vec![] })
    }
}

/// Every test runs on both backends: `sqlite::name` and `postgres::name`, with the store
/// tests' databases ([`TestDb`]: the PostgreSQL variant needs the server
/// `CLAIMGRAPH_TEST_PG` names; under CI a missing one fails it).
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                super::$name(super::Kind::Sqlite).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                super::$name(super::Kind::Postgres).await;
            })*
        }
    };
}

on_both_backends!(
    every_response_carries_the_security_headers,
    listings_filter_and_page,
    bad_requests_get_json_errors,
    writes_need_the_token_and_keep_the_store_whole,
    bodies_over_the_limit_are_refused,
    writes_are_rate_limited,
    foreign_host_names_are_refused_on_loopback,
    boards_are_saved_scored_and_checked,
    actor_timeline_and_evidence,
    openapi_describes_every_route,
    incidents_and_grades,
);

struct App {
    router: Router,
    token: String,
    /// The store's file or URL, as `--db` takes it.
    db: std::path::PathBuf,
    /// Its database, deleted when the app is dropped.
    test_db: Option<TestDb>,
}

impl Drop for App {
    fn drop(&mut self) {
        // Dropping a PostgreSQL database connects with the blocking client.
        if let Some(db) = self.test_db.take() {
            off_runtime(move || drop(db));
        }
    }
}

/// Runs `f` on a thread of its own: the blocking PostgreSQL client refuses to run on a
/// thread that drives a tokio runtime (the server runs store calls on its blocking pool).
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join().unwrap())
}

fn app_with(kind: Kind, writes_per_minute: u32, body_limit: usize) -> Option<App> {
    off_runtime(|| make_app(kind, writes_per_minute, body_limit))
}

fn make_app(kind: Kind, writes_per_minute: u32, body_limit: usize) -> Option<App> {
    let test_db = match kind {
        Kind::Sqlite => TestDb::sqlite(),
        Kind::Postgres => TestDb::postgres()?,
    };
    let db = std::path::PathBuf::from(&test_db.locator);
    {
        let mut store = open_store(&db).unwrap();
        let merger = claimgraph_merge::Merger::shared().unwrap();
        for n in 0..3 {
            let x = common::sample(n);
            store.put_extraction(&x, "fixture", false).unwrap();
            merger.merge(&mut *store, &x).unwrap();
        }
    }
    let token = ensure_token(&db, false).unwrap().unwrap();
    let mut config = Config::new(db.clone(), "127.0.0.1:0".parse().unwrap());
    config.writes_per_minute = writes_per_minute;
    config.body_limit = body_limit;
    let router = router(&config, Arc::new(FakeIngester), Tokens::load(&db).unwrap()).unwrap();
    Some(App { router, token, db, test_db: Some(test_db) })
}

fn app(kind: Kind) -> Option<App> {
    app_with(kind, 1000, 1 << 20)
}

/// Documents in the app's store.
fn stored_documents(app: &App) -> u64 {
    off_runtime(|| open_store(&app.db).unwrap().counts().unwrap().documents)
}

async fn send(app: &App, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
    (status, headers, body)
}

async fn get(app: &App, uri: &str) -> (StatusCode, Value) {
    let (status, _, body) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

fn write(method: &str, uri: &str, token: Option<&str>, ctype: &str, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(uri).header(header::CONTENT_TYPE, ctype);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(body.into()).unwrap()
}

async fn every_response_carries_the_security_headers(kind: Kind) {
    let Some(app) = app(kind) else { return };
    for uri in ["/", "/doc/abc", "/static/app.js", "/api/stats", "/api/nope", "/nope"] {
        let (_, h, _) = send(&app, Request::get(uri).body(Body::empty()).unwrap()).await;
        let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{uri}: {csp}");
        assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff", "{uri}");
        assert_eq!(h.get(header::REFERRER_POLICY).unwrap(), "no-referrer", "{uri}");
    }
    // The page itself has no inline script or style for the CSP to block.
    let (_, _, html) = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    let html = String::from_utf8(html).unwrap();
    assert!(!html.contains("<script>") && !html.contains("style=") && !html.contains(" on"), "{html}");
}

async fn listings_filter_and_page(kind: Kind) {
    let Some(app) = app(kind) else { return };
    let (s, v) = get(&app, "/api/stats").await;
    assert_eq!((s, v["documents"].as_u64()), (StatusCode::OK, Some(3)));
    let (_, v) = get(&app, "/api/documents?limit=2").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let (_, v2) = get(&app, "/api/documents?limit=2&offset=2").await;
    assert_eq!(v2["items"].as_array().unwrap().len(), 1);
    let (_, v) = get(&app, "/api/events?type=AID").await;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|e| e["type"] == "AID" && e["actor"] == "Iran"));
    let (_, v) = get(&app, "/api/claims?stance=denies").await;
    assert!(v["items"].as_array().unwrap().iter().all(|c| c["stance"] == "denies"));
    let (_, v) = get(&app, "/api/entities?type=GPE&name=Iran").await;
    assert_eq!(v["items"][0]["kb_id"], "actor:IRN");
    assert_eq!(v["items"][0]["documents"], 3);
    let (_, v) = get(&app, "/api/search?q=Kaboul").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    let (s, v) = get(&app, "/api/search?q=%22NEAR(").await;
    assert_eq!((s, v["items"].as_array().unwrap().len()), (StatusCode::OK, 0));
    let id = common::sample(1).document.id;
    let (s, v) = get(&app, &format!("/api/documents/{}", &id[..20])).await;
    assert_eq!(s, StatusCode::OK);
    let x: Extraction = serde_json::from_value(v).unwrap();
    assert_eq!(x, common::sample(1));
}

async fn bad_requests_get_json_errors(kind: Kind) {
    let Some(app) = app(kind) else { return };
    for (uri, status) in [
        ("/api/events?type=EXPLODE", StatusCode::BAD_REQUEST),
        ("/api/events?limit=0", StatusCode::BAD_REQUEST),
        ("/api/events?limit=abc", StatusCode::BAD_REQUEST),
        ("/api/claims?stance=maybe", StatusCode::BAD_REQUEST),
        ("/api/events?doc=sha256:ffff", StatusCode::NOT_FOUND),
        ("/api/documents/sha256:ffff", StatusCode::NOT_FOUND),
        ("/api/actors/nobody", StatusCode::NOT_FOUND),
        ("/api/boards/999", StatusCode::NOT_FOUND),
        ("/api/timeline?bucket=week", StatusCode::BAD_REQUEST),
        ("/api/evidence", StatusCode::BAD_REQUEST),
        ("/api/no/such/route", StatusCode::NOT_FOUND),
    ] {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, status, "{uri}: {v}");
        assert!(v["error"].as_str().is_some_and(|m| !m.is_empty()), "{uri}: {v}");
    }
}

async fn writes_need_the_token_and_keep_the_store_whole(kind: Kind) {
    let Some(app) = app(kind) else { return };
    let body = "A new report about a protest.";
    let (s, _, b) = send(&app, write("POST", "/api/documents", None, "text/plain", body)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{}", String::from_utf8_lossy(&b));
    let (s, _, _) = send(&app, write("POST", "/api/documents", Some("cg_wrong"), "text/plain", body)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) =
        send(&app, write("POST", "/api/boards", None, "application/json", r#"{"title":"x"}"#)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(stored_documents(&app), 3);

    let t = Some(app.token.as_str());
    let uri = "/api/documents?title=Protest&published=2024-05-01";
    let (s, _, b) = send(&app, write("POST", uri, t, "text/plain; charset=utf-8", body)).await;
    assert_eq!(s, StatusCode::CREATED);
    let v: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!((v["outcome"].as_str(), v["title"].as_str()), (Some("inserted"), Some("Protest")));
    let (s, _, b) = send(&app, write("POST", uri, t, "text/plain", body)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Value>(&b).unwrap()["outcome"], "unchanged");

    for (ctype, body, status) in [
        ("image/png", "x", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        ("text/plain", "", StatusCode::BAD_REQUEST),
        ("text/plain", "FAIL", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let (s, _, b) = send(&app, write("POST", "/api/documents", t, ctype, body)).await;
        assert_eq!(s, status, "{ctype} {body:?}");
        assert!(serde_json::from_slice::<Value>(&b).unwrap()["error"].is_string());
    }
    let (s, _, _) =
        send(&app, write("POST", "/api/documents?published=yesterday", t, "text/plain", "x y")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(stored_documents(&app), 4);
}

async fn bodies_over_the_limit_are_refused(kind: Kind) {
    let Some(app) = app_with(kind, 1000, 1000) else { return };
    let big = "word ".repeat(1000);
    let (s, _, _) = send(&app, write("POST", "/api/documents", Some(&app.token), "text/plain", big)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(stored_documents(&app), 3);
}

async fn writes_are_rate_limited(kind: Kind) {
    let Some(app) = app_with(kind, 3, 1 << 20) else { return };
    let mut statuses = Vec::new();
    for i in 0..5 {
        let body = json!({ "title": format!("board {i}") }).to_string();
        let (s, _, _) =
            send(&app, write("POST", "/api/boards", Some(&app.token), "application/json", body)).await;
        statuses.push(s);
    }
    assert_eq!(&statuses[..3], &[StatusCode::CREATED; 3]);
    assert_eq!(&statuses[3..], &[StatusCode::TOO_MANY_REQUESTS; 2]);
    // Reads are not limited.
    assert_eq!(get(&app, "/api/boards").await.0, StatusCode::OK);
}

async fn foreign_host_names_are_refused_on_loopback(kind: Kind) {
    let Some(app) = app(kind) else { return };
    for (host, ok) in
        [("127.0.0.1:8080", true), ("localhost", true), ("[::1]:80", true), ("evil.example:8080", false)]
    {
        let req = Request::get("/api/stats").header(header::HOST, host).body(Body::empty()).unwrap();
        let (s, _, _) = send(&app, req).await;
        assert_eq!(s == StatusCode::OK, ok, "{host}: {s}");
    }
}

async fn boards_are_saved_scored_and_checked(kind: Kind) {
    let Some(app) = app(kind) else { return };
    let t = Some(app.token.as_str());
    let doc = common::sample(1).document.id;
    let board = json!({
        "title": "Who financed the attack?",
        "question": "Was the Kabul attack financed from abroad?",
        "hypotheses": ["Iran financed it", "Local funding"],
        "evidence": [
            { "doc_id": doc, "claim_id": "C1" },
            { "doc_id": doc, "claim_id": "C2", "credibility": 0.5 }
        ],
        "ratings": [
            { "hypothesis": 0, "evidence": 0, "rating": "consistent" },
            { "hypothesis": 0, "evidence": 1, "rating": "inconsistent" },
            { "hypothesis": 1, "evidence": 0, "rating": "inconsistent" }
        ]
    });
    let (s, h, b) = send(&app, write("POST", "/api/boards", t, "application/json", board.to_string())).await;
    assert_eq!(s, StatusCode::CREATED, "{}", String::from_utf8_lossy(&b));
    let loc = h.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    let (s, v) = get(&app, &loc).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["hypotheses"], board["hypotheses"]);
    assert_eq!(v["claims"][0]["claimant"], "deux sources");
    // H1: one inconsistent piece of credibility 0.5; H2: one of credibility 1 whose claim
    // (C1) is hedged, so it weighs half too. Both 0.5: they share rank 1.
    assert_eq!(v["scores"][0]["inconsistency"], 0.5);
    assert_eq!(v["scores"][1]["inconsistency"], 0.5);
    assert_eq!(v["scores"][0]["rank"], 1);
    let mut changed = board.clone();
    changed["ratings"][2] = json!({ "hypothesis": 1, "evidence": 1, "rating": "inconsistent" });
    changed["ratings"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "hypothesis": 1, "evidence": 0, "rating": "inconsistent" }));
    let (s, _, b) = send(&app, write("PUT", &loc, t, "application/json", changed.to_string())).await;
    assert_eq!(s, StatusCode::OK);
    let v: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(
        (v["scores"][1]["inconsistency"].as_f64(), v["scores"][1]["rank"].as_u64()),
        (Some(1.0), Some(2))
    );

    // Invalid boards change nothing.
    for bad in [
        json!({ "title": "" }),
        json!({ "title": "x", "hypotheses": ["a"], "ratings": [{ "hypothesis": 3, "evidence": 0, "rating": "consistent" }] }),
        json!({ "title": "x", "evidence": [{ "doc_id": doc, "claim_id": "C1", "credibility": 7 }] }),
    ] {
        let (s, _, _) = send(&app, write("PUT", &loc, t, "application/json", bad.to_string())).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let (s, _, _) = send(&app, write("PUT", &loc, t, "application/json", "{not json")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, v) = get(&app, &loc).await;
    assert_eq!(v["ratings"].as_array().unwrap().len(), 4);
    let (_, v) = get(&app, "/api/boards").await;
    assert_eq!(v["items"][0]["n_hypotheses"], 2);
    let (s, _, _) = send(&app, write("DELETE", &loc, t, "application/json", "")).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &loc).await.0, StatusCode::NOT_FOUND);
}

async fn actor_timeline_and_evidence(kind: Kind) {
    let Some(app) = app(kind) else { return };
    let (s, v) = get(&app, "/api/actors/actor:IRN").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["entity"]["name"], "Iran");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e["role"] == "actor" && e["type"] == "AID"));
    assert_eq!(v["network"][0]["name"], "combattants");
    assert_eq!(v["network"][0]["as_target"], 3);
    // An unresolved entity is keyed by its name; here it is a target.
    let (_, v) = get(&app, "/api/actors/combattants").await;
    let roles: Vec<&str> =
        v["events"].as_array().unwrap().iter().map(|e| e["role"].as_str().unwrap()).collect();
    assert_eq!(roles.iter().filter(|r| **r == "target").count(), 3);
    assert_eq!(roles.iter().filter(|r| **r == "actor").count(), 3);

    let (_, v) = get(&app, "/api/timeline?bucket=day").await;
    assert_eq!(
        v["items"],
        json!([{ "period": "2020-03-03", "type": "ASSAULT", "events": 3, "fatalities_min": 6 }])
    );
    let (_, v) = get(&app, "/api/timeline?actor=combattants&until=2020-02").await;
    assert_eq!(v["items"], json!([]));

    let (s, v) = get(&app, "/api/evidence?q=ministry%20attack").await;
    assert_eq!(s, StatusCode::OK);
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().any(|c| c["claimant"].as_str().unwrap().contains("ministry")), "{v}");
}

/// Every API route is described in the OpenAPI document and every described path answers.
async fn openapi_describes_every_route(kind: Kind) {
    let Some(app) = app(kind) else { return };
    let (s, served) = get(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    assert_eq!(served, spec);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let source = include_str!("../src/api.rs");
    let mut routes: Vec<String> = source
        .lines()
        .filter_map(|l| l.trim().strip_prefix(".route(\""))
        .map(|l| format!("/api{}", &l[..l.find('"').unwrap()]))
        .collect();
    routes.sort();
    let mut described: Vec<String> = spec["paths"].as_object().unwrap().keys().cloned().collect();
    described.sort();
    assert_eq!(routes, described);
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let needle = format!("{method}(");
            let line = source.lines().find(|l| l.contains(&format!("\"{}\"", &path[4..]))).unwrap();
            assert!(line.contains(&needle) || (method == "get" && line.contains("get(")), "{method} {path}");
        }
    }
}

async fn incidents_and_grades(kind: Kind) {
    let Some(app) = app(kind) else { return };
    let (s, v) = get(&app, "/api/incidents").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty());
    // The three samples tell the same assault: one incident with three documents.
    let assault = items.iter().find(|i| i["type"] == "ASSAULT").expect("an assault incident");
    assert_eq!(assault["documents"].as_array().unwrap().len(), 3, "{assault}");
    let id = assault["id"].as_str().unwrap();
    let (s, d) = get(&app, &format!("/api/incidents/{}", &id[..10])).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["id"], id);
    assert_eq!(d["reports"].as_array().unwrap().len(), 3);
    assert!(d["timeline"].as_array().is_some_and(|t| !t.is_empty()));
    let doc = common::sample(1).document.id;
    let (_, map) = get(&app, &format!("/api/documents/{doc}/incidents")).await;
    assert_eq!(map["V1"], id);
    assert_eq!(get(&app, "/api/incidents/ffffffffffff").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/incidents?type=NOPE").await.0, StatusCode::BAD_REQUEST);

    // An analyst's claim grade needs the token, is checked, and weighs on boards.
    let t = Some(app.token.as_str());
    let grade = |g: u8| json!({ "doc_id": doc, "claim_id": "C2", "grade": g }).to_string();
    let (s, _, _) = send(&app, write("PUT", "/api/grades/claims", None, "application/json", grade(5))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = send(&app, write("PUT", "/api/grades/claims", t, "application/json", grade(9))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _, _) = send(&app, write("PUT", "/api/grades/claims", t, "application/json", grade(5))).await;
    assert_eq!(s, StatusCode::OK);
    let (_, g) = get(&app, &format!("/api/grades/claims?doc_id={doc}&claim_id=C2")).await;
    assert_eq!(g["grade"], 5);
    let board = json!({
        "title": "graded",
        "hypotheses": ["h"],
        "evidence": [{ "doc_id": doc, "claim_id": "C2" }],
        "ratings": [{ "hypothesis": 0, "evidence": 0, "rating": "inconsistent" }]
    });
    let (_, _, b) = send(&app, write("POST", "/api/boards", t, "application/json", board.to_string())).await;
    let v: Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["scores"][0]["inconsistency"], 0.2, "grade 5 (improbable) weighs 0.2: {v}");
    let (s, _, _) = send(
        &app,
        write(
            "PUT",
            "/api/grades/sources",
            t,
            "application/json",
            r#"{"source":"Agence Exemple","grade":"B"}"#,
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (_, g) = get(&app, "/api/grades/sources").await;
    assert_eq!(g["items"][0]["grade"], "B");
}
