//! Extractions written for these tests (own French/English sentences with non-ASCII text).
#![allow(dead_code)]

pub mod backend;
mod sample;

#[allow(unused_imports)] // not every test binary uses every sample
pub use sample::*;
