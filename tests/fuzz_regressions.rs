//! Replays the inputs that made a fuzz target fail (`testdata/fuzz/<target>/`) through the same
//! target bodies the fuzzers run, so that every bug they found stays fixed.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::fs;
use std::path::Path;

/// Runs every saved input of one target; the target itself asserts what must hold.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new("testdata/fuzz").join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
        count += 1;
    }
    count
}

#[test]
fn saved_hcl_inputs_lint_without_failing() {
    assert!(replay("hcl", targets::hcl) > 0);
}
