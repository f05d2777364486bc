//! The `sglint` binary.

fn main() -> std::process::ExitCode {
    sglint::cli::run()
}

/// mimalloc: linting allocates many small, short-lived syntax nodes on several threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
