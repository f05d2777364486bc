//! Replays inputs through the fuzz targets' bodies (`fuzz/src/lib.rs`), which assert what must
//! hold for any input: the inputs that made a target fail (`testdata/fuzz/<target>/`), so that
//! every bug the fuzzers found stays fixed, and the targets' seeds.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::fs;
use std::path::{Path, PathBuf};

/// Runs every file of `dirs` (recursively; missing directories are skipped) through `run` and
/// returns how many there were.
fn replay(dirs: &[&str], run: fn(&[u8])) -> usize {
    let files: Vec<PathBuf> = dirs
        .iter()
        .filter(|d| Path::new(d).is_dir())
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().map(|e| e.unwrap()))
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    for path in &files {
        let data = fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} fails", path.display());
    }
    files.len()
}

#[test]
fn hcl_inputs_that_failed_and_the_rule_fixtures() {
    assert!(replay(&["testdata/fuzz/hcl"], targets::hcl) > 0);
    assert!(replay(&["testdata/rules", "testdata/examples"], targets::hcl) > 50);
}

#[test]
fn plan_inputs_that_failed_and_the_plan_fixtures() {
    assert!(replay(&["testdata/fuzz/plan", "testdata/plans"], targets::plan) > 20);
}

#[test]
fn configuration_inputs_that_failed_and_the_seeds() {
    assert!(
        replay(
            &["testdata/fuzz/config", "fuzz/seeds/config"],
            targets::config
        ) >= 5
    );
}

#[test]
fn terraform_json_inputs_that_failed_and_the_seeds() {
    assert!(
        replay(
            &["testdata/fuzz/tf_json", "fuzz/seeds/tf_json"],
            targets::tf_json
        ) >= 2
    );
}
