//! sglint: a linter for AWS security groups written in Terraform.

pub mod address;
pub mod baseline;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod emit;
pub mod eval;
pub mod files;
pub mod graph;
pub mod lint;
pub mod memory;
pub mod model;
pub mod parse;
pub mod plan;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod tf_json;
pub mod tree;
