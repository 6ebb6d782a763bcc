//! A counting global allocator: what decoding allocates, per thread and for the process.
//! Also included (`#[path]`) by tl-tests' `shared_bytes` test and `allocations` benchmark,
//! which use part of it.
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Wraps [`System`], counting the bytes live in the whole process (and their peak) and, per
/// thread, the bytes allocated minus freed by that thread (and their peak) and the largest
/// single request. Per-thread numbers are exact even while other tests run in parallel.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static THREAD_CURRENT: Cell<isize> = const { Cell::new(0) };
    static THREAD_PEAK: Cell<isize> = const { Cell::new(0) };
    static THREAD_LARGEST: Cell<usize> = const { Cell::new(0) };
    static THREAD_ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn on_alloc(size: usize) {
    let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
    let _ = THREAD_CURRENT.try_with(|current| {
        let now = current.get() + size as isize;
        current.set(now);
        let _ = THREAD_PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
    let _ = THREAD_LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
    let _ = THREAD_ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
}

fn on_free(size: usize) {
    CURRENT.fetch_sub(size, Ordering::Relaxed);
    let _ = THREAD_CURRENT.try_with(|current| current.set(current.get() - size as isize));
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            on_alloc(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            on_alloc(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) };
        on_free(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // Counted as the new block first: a moving realloc holds both for a moment.
            on_alloc(new_size);
            on_free(layout.size());
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Serializes the tests that measure allocation, so that the process-wide peak is mostly
/// theirs (the other tests allocate little).
static ALLOC_LOCK: Mutex<()> = Mutex::new(());

pub(crate) fn alloc_lock() -> MutexGuard<'static, ()> {
    ALLOC_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a closure allocated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Usage {
    /// Peak of the bytes live in the whole process, above the level when measuring started.
    pub(crate) process_peak: usize,
    /// Peak of the bytes allocated (minus freed) by this thread during the closure.
    pub(crate) thread_peak: usize,
    /// The largest single allocation (or reallocation) this thread requested.
    pub(crate) largest: usize,
    /// The allocations (and reallocations) this thread requested.
    pub(crate) allocations: usize,
}

pub(crate) fn measure<R>(f: impl FnOnce() -> R) -> (R, Usage) {
    let process_base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(process_base, Ordering::Relaxed);
    let thread_base = THREAD_CURRENT.with(Cell::get);
    THREAD_PEAK.with(|peak| peak.set(thread_base));
    THREAD_LARGEST.with(|largest| largest.set(0));
    let allocations_base = THREAD_ALLOCATIONS.with(Cell::get);

    let result = std::hint::black_box(f());

    let usage = Usage {
        process_peak: PEAK.load(Ordering::Relaxed).saturating_sub(process_base),
        thread_peak: usize::try_from(THREAD_PEAK.with(Cell::get) - thread_base).unwrap_or(0),
        largest: THREAD_LARGEST.with(Cell::get),
        allocations: THREAD_ALLOCATIONS.with(Cell::get) - allocations_base,
    };
    (result, usage)
}

pub(crate) const KIB: usize = 1 << 10;
pub(crate) const MIB: usize = 1 << 20;
