//! The `sglint` binary.

fn main() {
    let code = sglint::cli::run();
    sglint::cli::exit(code)
}

/// mimalloc: linting allocates many small, short-lived syntax nodes on several threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
