//! The error types of `claimgraph-watch`.

use claimgraph_store::StoreError;

/// Errors that stop a poll.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// Why one request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an `http`/`https` URL.
    #[error("not an http(s) URL: {0}")]
    BadUrl(String),
    /// The server answered with an error status.
    #[error("HTTP status {0}")]
    Status(u16),
    /// More redirects than allowed (or a redirect loop).
    #[error("too many redirects (a redirect loop?)")]
    TooManyRedirects,
    /// The response is larger than the limit.
    #[error("response larger than {0} bytes")]
    TooLarge(u64),
    /// The response is not of the expected type.
    #[error("unexpected content type {0:?}")]
    ContentType(String),
    /// No complete answer in time.
    #[error("timed out")]
    Timeout,
    /// Connection, TLS or protocol failure.
    #[error("network error: {0}")]
    Network(String),
    /// The feed cannot be parsed.
    #[error("not a valid RSS or Atom feed: {0}")]
    BadFeed(String),
}

impl FetchError {
    /// True when trying again later may succeed (timeouts, connection errors, 429, 5xx).
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Timeout | FetchError::Network(_) => true,
            FetchError::Status(s) => *s == 429 || *s >= 500,
            _ => false,
        }
    }
}

/// Result alias for `claimgraph-watch`.
pub type Result<T, E = WatchError> = std::result::Result<T, E>;
