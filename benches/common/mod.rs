//! Shared by the benches: measuring by the benchmark thread's own CPU time.
//!
//! On a shared machine wall-clock time also counts the time other processes
//! hold the core; the CPU time of the measuring thread, from Linux's
//! `/proc/thread-self/schedstat` (nanoseconds), does not.

use std::time::{Duration, Instant};

/// CPU time this thread has run so far, when the platform tells.
pub fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `routine` `iters` times and returns the thread CPU time it took
/// (wall-clock time where the platform does not tell), for
/// `Bencher::iter_custom`.
pub fn cpu_time_of(iters: u64, mut routine: impl FnMut()) -> Duration {
    let wall = Instant::now();
    let start = thread_cpu_time();
    for _ in 0..iters {
        routine();
    }
    match (start, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    }
}
