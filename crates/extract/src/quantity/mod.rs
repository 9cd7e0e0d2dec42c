//! Numbers and casualty counts: [`parse_number`] reads English number expressions
//! (`more than 70`, `dozens`, `between 5 and 7`), [`find_casualties`] finds statements of
//! people killed or injured (`killed two civilians`, `the death toll rose to 30`) and
//! returns each count as a [`Count`](claimgraph_core::extraction::Count) with its span.
//!
//! A count introduced by `including` (`injured more than 70 others, including four US
//! personnel`) is marked as a subset: [`totals`] never adds it to the total.

mod casualty;
mod number;
mod words;

pub use casualty::{
    CasualtyKind, CasualtyMatch, CasualtyTotals, find_casualties, find_casualties_at, totals,
};
pub use number::{NumberExpr, parse_number};
