//! sglint: a linter for AWS security groups written in Terraform.

pub mod diagnostic;
pub mod discover;
pub mod eval;
pub mod parse;
pub mod source;
