//! claimgraph server: the HTTP API (`/api/...`) and the web workspace (search, document
//! reader, actor pages, hypothesis boards) in one process, for `claimgraph serve`.
//!
//! * Reads run on a small pool of store handles ([`ServerStore`]: SQLite, where WAL lets
//!   readers work while the one writer writes, or PostgreSQL), each store call on tokio's
//!   blocking pool.
//! * Writes (ingest, boards) need the bearer token that [`auth::ensure_token`] creates on
//!   first start; tokens are kept only as SHA-256 hashes and compared in constant time.
//!   Writes are rate-limited per client address and bodies are capped.
//! * Incidents (the merge crate's view of many reports) have their API and page.
//! * Every response carries a strict Content-Security-Policy; the pages build their DOM
//!   with `textContent`, never from document text as HTML.
//! * Extraction is not this crate's: the binary hands it a [`DocumentIngester`], so the
//!   server depends only on the core types and the store.
//!
//! ```no_run
//! use std::sync::Arc;
//! use claimgraph_server::{Config, DocumentIngester, run};
//! # fn ingester() -> Arc<dyn DocumentIngester> { unimplemented!() }
//! let config = Config::new("claimgraph.db".into(), "127.0.0.1:8080".parse().unwrap());
//! run(config, ingester(), |addr| println!("listening on http://{addr}/"))?;
//! # Ok::<(), claimgraph_server::ServerError>(())
//! ```

mod api;
mod assets;
pub mod auth;
mod error;
mod pool;
mod security;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use claimgraph_core::{Extraction, Meta};
use claimgraph_merge::Merger;

pub use api::OPENAPI;
pub use error::{Result, ServerError};
pub use pool::{Pool, ServerStore, open_store};

/// Largest request body accepted (a posted document), in bytes.
pub const DEFAULT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// How a posted document's body is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// Plain text (any encoding the readers recognise).
    Text,
    /// An HTML page: its main text and metadata.
    Html,
    /// A JSON object as in JSON Lines input: `text` or `html`, plus metadata fields.
    Json,
}

/// Turns a posted body into an extraction: the binary implements it with the same readers
/// and extractor as `claimgraph ingest`.
pub trait DocumentIngester: Send + Sync {
    /// Reads `body` as `format`, applies the metadata overrides in `meta`, and extracts.
    /// `source` names the input in errors. The error is a message for the client.
    fn ingest(
        &self,
        body: &[u8],
        format: BodyFormat,
        meta: &Meta,
        source: &str,
    ) -> std::result::Result<Ingested, String>;
}

/// What a [`DocumentIngester`] made of a body.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The extraction to store.
    pub extraction: Extraction,
    /// Things the reader noticed that did not stop it.
    pub warnings: Vec<String>,
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store: a SQLite file, or a `postgres://` URL.
    pub db: PathBuf,
    /// Address to listen on (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// Read connections in the pool.
    pub readers: usize,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// Writes each client address may make per minute (a burst of as many is allowed).
    pub writes_per_minute: u32,
    /// Merges each posted document into incidents, as `claimgraph ingest` does (`None`:
    /// posted documents are stored only; `claimgraph merge` catches up).
    pub merger: Option<Merger<'static>>,
}

impl Config {
    /// Defaults for `db` and `addr`: 4 readers, 8 MB bodies, 120 writes a minute.
    pub fn new(db: PathBuf, addr: SocketAddr) -> Self {
        Config { db, addr, readers: 4, body_limit: DEFAULT_BODY_LIMIT, writes_per_minute: 120, merger: None }
    }
}

/// Shared by every request.
pub(crate) struct AppState {
    pub pool: Pool,
    pub ingester: Arc<dyn DocumentIngester>,
    pub tokens: auth::Tokens,
    pub limiter: security::RateLimiter,
    pub loopback_only: bool,
    pub merger: Option<Merger<'static>>,
}

/// The whole application: API, pages, security layers. `tokens` are the accepted token
/// hashes (see [`auth::ensure_token`]).
pub fn router(config: &Config, ingester: Arc<dyn DocumentIngester>, tokens: auth::Tokens) -> Result<Router> {
    let pool = Pool::open(&config.db, config.readers)?;
    let state = Arc::new(AppState {
        pool,
        ingester,
        tokens,
        limiter: security::RateLimiter::new(config.writes_per_minute),
        loopback_only: config.addr.ip().is_loopback(),
        merger: config.merger,
    });
    Ok(Router::new()
        .nest("/api", api::routes(config.body_limit))
        .merge(assets::routes())
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::guard))
        .with_state(state))
}

/// Runs the server until Ctrl-C (or SIGTERM), calling `on_listen` with the bound address
/// once it accepts connections (the port may have been 0).
pub fn run(
    config: Config,
    ingester: Arc<dyn DocumentIngester>,
    on_listen: impl FnOnce(SocketAddr),
) -> Result<()> {
    let tokens = auth::Tokens::load(&config.db)?;
    let app = router(&config, ingester, tokens)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ServerError::Io)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| ServerError::Bind(config.addr, e))?;
        on_listen(listener.local_addr().map_err(ServerError::Io)?);
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(ServerError::Io)
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
