//! The CPU time the current thread has used, for a script's time limit.
//!
//! A wall-clock limit made scoring depend on how busy the machine was: with every
//! core taken by other work, a long reply's scorer could be descheduled past its
//! limit, fail, count as 0 and send the conversation down another branch (seen in
//! play-test 6 at a load average of 12). Time this thread actually ran is the same
//! however busy the machine is, so the same reply always gets the same scores,
//! while a script that loops forever still stops.

use std::time::Duration;

/// CPU time used by the calling thread so far. On systems without a per-thread
/// CPU clock it falls back to wall-clock time since the first call, which keeps
/// the limit working, only less steady under load.
pub fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is a
        // clock every supported unix provides for the calling thread.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc == 0 {
            return Duration::new(ts.tv_sec.max(0) as u64, ts.tv_nsec.clamp(0, 999_999_999) as u32);
        }
    }
    wall_clock_since_start()
}

fn wall_clock_since_start() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_while_the_thread_works_and_not_while_it_sleeps() {
        let before = thread_cpu_time();
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        let worked = thread_cpu_time();
        assert!(worked > before);
        std::thread::sleep(Duration::from_millis(200));
        let slept = thread_cpu_time() - worked;
        // Sleeping costs (almost) no CPU; a wall clock would have moved 200 ms.
        #[cfg(unix)]
        assert!(slept < Duration::from_millis(100), "{slept:?}");
        let _ = slept;
    }
}
