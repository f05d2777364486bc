//! The `sglint` binary.

fn main() -> std::process::ExitCode {
    // mimalloc keeps freed memory for a second by default; a plan's text (often hundreds of
    // megabytes) is freed while rules still allocate, so return memory after 10 ms instead, as
    // mimalloc 2 did. Runs on linted trees are not slower with it.
    // SAFETY: sets a plain option value; called before any other thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
    }
    sglint::cli::run()
}

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h` (the bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc: linting allocates many small, short-lived syntax nodes on several threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
