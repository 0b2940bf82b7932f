//! Shared by the benches: measuring by the benchmark thread's own CPU time.
//!
//! On a shared machine wall-clock time also counts the time other processes
//! hold the core; the CPU time of the measuring thread
//! (`CLOCK_THREAD_CPUTIME_ID` through the `cpu-time` crate, exact to the
//! nanosecond) does not. An earlier version read
//! `/proc/thread-self/schedstat`, which the kernel refreshes only at
//! scheduler ticks: short samples came out as zero and criterion refused
//! them.

use std::time::{Duration, Instant};

use cpu_time::ThreadTime;

/// CPU time this thread has run so far, when the platform tells.
pub fn thread_cpu_time() -> Option<Duration> {
    ThreadTime::try_now().ok().map(|t| t.as_duration())
}

/// Runs `routine` `iters` times and returns the thread CPU time it took
/// (wall-clock time where the platform does not tell), for
/// `Bencher::iter_custom`.
pub fn cpu_time_of(iters: u64, mut routine: impl FnMut()) -> Duration {
    let wall = Instant::now();
    let start = ThreadTime::try_now().ok();
    for _ in 0..iters {
        routine();
    }
    match start {
        Some(t) => t.try_elapsed().unwrap_or_else(|_| wall.elapsed()),
        None => wall.elapsed(),
    }
}
