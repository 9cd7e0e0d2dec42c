//! The error type of `claimgraph-server`.

use std::net::SocketAddr;

use claimgraph_store::StoreError;

/// Errors that stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened or read.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// The address is taken or not ours.
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, #[source] std::io::Error),
    /// The system's random source failed (token creation).
    #[error("no randomness for the API token: {0}")]
    Random(String),
    /// Any other I/O error.
    #[error("{0}")]
    Io(#[source] std::io::Error),
}

/// Result alias for `claimgraph-server`.
pub type Result<T, E = ServerError> = std::result::Result<T, E>;
