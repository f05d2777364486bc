//! The `sglint` binary.

fn main() -> std::process::ExitCode {
    #[cfg(not(target_os = "linux"))]
    configure_allocator();
    sglint::cli::run()
}

/// mimalloc: linting allocates many small, short-lived syntax nodes on several threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sets mimalloc's options before its first allocation, which the Rust runtime makes before
/// `main`: on Linux from the ELF constructors, which run first.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = configure_allocator;

/// mimalloc 3 commits a whole arena when it first reserves one (6 MB of every run's peak memory
/// that no allocation asked for): commit pages as they are used instead. And it keeps freed memory
/// for a second; a plan's text (often hundreds of megabytes) is freed while rules still allocate,
/// so return memory after 10 ms, as mimalloc 2 did. Runs are not slower (docs/benchmarks.md).
extern "C" fn configure_allocator() {
    // SAFETY: sets plain option values, before any other thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
    }
}

/// `mi_option_arena_eager_commit` in mimalloc 3's `mimalloc.h` (the bindings do not name it).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h`.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
