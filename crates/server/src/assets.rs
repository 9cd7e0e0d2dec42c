//! The web workspace: one HTML shell, one script module and one stylesheet, embedded in the
//! binary. The script routes by path (`/`, `/doc/ID`, `/actor/KEY`, `/boards`, `/board/ID`).

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

const HTML: &str = include_str!("../assets/app.html");
const JS: &str = include_str!("../assets/app.js");
const CSS: &str = include_str!("../assets/style.css");
const ICON: &str = include_str!("../assets/icon.svg");

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(page))
        .route("/doc/{id}", get(page))
        .route("/actor/{key}", get(page))
        .route("/incident/{id}", get(page))
        .route("/boards", get(page))
        .route("/board/{id}", get(page))
        .route("/static/app.js", get(|| asset("text/javascript; charset=utf-8", JS)))
        .route("/static/style.css", get(|| asset("text/css; charset=utf-8", CSS)))
        .route("/favicon.ico", get(|| asset("image/svg+xml", ICON)))
        .fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "not found") })
}

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], HTML).into_response()
}

async fn asset(ctype: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, ctype), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}
