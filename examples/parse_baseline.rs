//! The benchmark baseline: discover the same files and parse them with hcl-edit on the same
//! threads (rayon), doing nothing else. `cargo run --release --example parse_baseline -- DIR`.

use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).expect("usage: parse_baseline DIR"));
    let files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "tf"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let parsed = files
        .par_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            hcl_edit::parser::parse_body(&text).is_ok()
        })
        .count();
    println!("parsed {parsed} of {} files", files.len());
}

/// The same allocator as the `sglint` binary, so the comparison measures only sglint's own work.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
