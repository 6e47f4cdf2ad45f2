//! citelint: a fast citation-consistency linter for fact-check drafts.
//!
//! The pipeline flows one way: `discover` files → `document::parse` each into a
//! `Document` → per-document `checks` → `report`. Parsing and checking run in
//! parallel per file; nothing but diagnostics crosses files.

pub mod atomic;
pub mod baseline;
pub mod changes;
pub mod claims;
pub mod cli;
pub mod config;
pub mod config_error;
pub mod config_toml;
pub mod data;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod engine;
pub mod fingerprint;
pub mod fix;
pub mod fsutil;
pub mod init;
pub mod pattern;
pub mod progress;
pub mod quantity;
pub mod registry;
pub mod report;
pub mod rules;
pub mod server;
pub mod suppress;
pub mod text;
pub mod watch;
