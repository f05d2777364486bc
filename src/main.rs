//! The `sglint` binary.

fn main() -> std::process::ExitCode {
    sglint::cli::run()
}
