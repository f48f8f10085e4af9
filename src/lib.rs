//! cloudcram: a terminal study-and-quiz app for the "other compute" part of the AWS Certified
//! Cloud Practitioner exam (CLF-C02).
//!
//! The library holds everything that can run without a terminal; `main.rs` parses the command
//! line and hands over. The README's "Layout" says where each part lives.

pub mod app;
pub mod cli;
pub mod content;
pub mod export;
pub mod fmt;
pub mod generate;
pub mod import;
pub mod pricing;
pub mod progress;
pub mod quiz;
mod report;
pub mod screens;
pub mod srs;
pub mod stats;
#[cfg(test)]
pub(crate) mod testing;
mod toml_check;
pub mod tui;
pub mod ui;
mod variants;
