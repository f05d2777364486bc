//! Handing memory back to the operating system where a run has just dropped something large.

/// Returns the memory freed so far to the operating system at once. mimalloc, the binary's
/// allocator, keeps freed pages for a while so that later allocations reuse them instead of
/// faulting in pages the kernel must zero first: right for the many short-lived syntax trees of a
/// tree lint. A plan drops its configuration and its text once, and what they held would
/// otherwise still be resident while the model is built. Harmless when mimalloc is not the
/// global allocator (its heaps are then empty).
pub fn release_freed() {
    // SAFETY: `mi_collect` only walks and purges mimalloc's own heaps; any thread may call it at
    // any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
