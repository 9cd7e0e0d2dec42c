//! Where a write goes: a transaction of its own, or a savepoint inside the transaction
//! already open (a batch of documents, or a merge batch), so that one document's failure
//! undoes only that document while the batch commits once.

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};

use crate::error::Result;

/// A write scope; it derefs to the connection, and undoes its writes when dropped
/// without [`commit`](Scope::commit).
pub(super) enum Scope<'c> {
    /// A transaction of its own (IMMEDIATE: the write lock is taken first; a deferred
    /// transaction that reads first and writes later can fail with SQLITE_BUSY that the busy
    /// timeout cannot retry).
    Tx(Transaction<'c>),
    /// A savepoint inside the open transaction.
    Sp(Savepoint<'c>),
}

impl std::ops::Deref for Scope<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            Scope::Tx(t) => t,
            Scope::Sp(s) => s,
        }
    }
}

impl Scope<'_> {
    /// Commits the transaction, or releases the savepoint into the enclosing transaction.
    pub(super) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Scope::Tx(t) => t.commit(),
            Scope::Sp(s) => s.commit(),
        }
    }
}

/// A transaction when none is open, else a savepoint in the open one.
pub(super) fn write_scope(conn: &mut Connection) -> Result<Scope<'_>> {
    if conn.is_autocommit() {
        Ok(Scope::Tx(conn.transaction_with_behavior(TransactionBehavior::Immediate)?))
    } else {
        Ok(Scope::Sp(conn.savepoint()?))
    }
}
