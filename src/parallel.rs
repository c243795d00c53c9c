//! Work spread over every core, with results handed back in input order.
//!
//! `score --json`, `eval`, `train`, `test` and workshop runs all have the same
//! shape: many independent items, each scored by a scorer that keeps per-reply
//! state (so each thread needs its own), and output that must come out in the
//! order the input went in. Memory stays bounded however long the input is: a
//! worker does not start an item more than [`WINDOW_PER_JOB`] × jobs ahead of
//! the oldest result not yet handed back.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// How far ahead of the oldest unfinished item each worker may run.
pub const WINDOW_PER_JOB: usize = 64;

/// The number of workers to use when the user does not say: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map(NonZeroUsize::get).unwrap_or(1)
}

/// The input side shared by the workers: the items not yet taken, the index of
/// the next one, and the oldest index whose result is still owed to `emit`.
struct Feed<I> {
    items: I,
    next: usize,
    owed: usize,
    done: bool,
}

/// Runs `work` over every item of `items` on `jobs` threads (at least one) and
/// calls `emit` with the results in input order, on the calling thread.
///
/// Each worker builds its own state with `make_state` (a scorer, say) once and
/// reuses it for every item it takes. With `jobs == 1` nothing is spawned.
pub fn for_each_ordered<I, T, R, S, M, W, E>(items: I, jobs: usize, make_state: M, work: W, mut emit: E)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    M: Fn() -> S + Sync,
    W: Fn(&mut S, T) -> R + Sync,
    E: FnMut(R),
{
    let jobs = jobs.max(1);
    if jobs == 1 {
        let mut state = make_state();
        for item in items {
            emit(work(&mut state, item));
        }
        return;
    }
    let window = jobs * WINDOW_PER_JOB;
    let feed = Mutex::new(Feed {
        items,
        next: 0,
        owed: 0,
        done: false,
    });
    let room = Condvar::new();
    let (results, inbox) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let results = results.clone();
            let (feed, room, make_state, work) = (&feed, &room, &make_state, &work);
            scope.spawn(move || {
                let mut state = make_state();
                while let Some((index, item)) = take(feed, room, window) {
                    if results.send((index, work(&mut state, item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results);
        let mut waiting = BTreeMap::new();
        let mut owed = 0usize;
        for (index, result) in inbox {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&owed) {
                emit(result);
                owed += 1;
            }
            if let Ok(mut feed) = feed.lock() {
                feed.owed = owed;
            }
            room.notify_all();
        }
    });
}

/// The next item for a worker, waiting while it would run too far ahead;
/// `None` once the input is used up.
fn take<I: Iterator<Item = T>, T>(feed: &Mutex<Feed<I>>, room: &Condvar, window: usize) -> Option<(usize, T)> {
    let mut feed = feed.lock().ok()?;
    loop {
        if feed.done {
            return None;
        }
        if feed.next < feed.owed + window {
            break;
        }
        feed = room.wait(feed).ok()?;
    }
    match feed.items.next() {
        Some(item) => {
            let index = feed.next;
            feed.next += 1;
            Some((index, item))
        }
        None => {
            feed.done = true;
            room.notify_all();
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_whatever_the_finishing_order() {
        let mut out = Vec::new();
        for_each_ordered(
            0..2_000u64,
            4,
            || 0u64,
            |calls, n| {
                *calls += 1;
                // Uneven work so later items often finish first.
                if n % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                n * 2
            },
            |r| out.push(r),
        );
        assert_eq!(out, (0..2_000u64).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn one_job_runs_on_the_calling_thread() {
        let here = std::thread::current().id();
        let mut seen = Vec::new();
        for_each_ordered(
            0..3,
            1,
            || (),
            |_, n| (n, std::thread::current().id()),
            |r| seen.push(r),
        );
        assert!(seen.iter().all(|(_, id)| *id == here));
        assert_eq!(seen.iter().map(|(n, _)| *n).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn an_empty_input_emits_nothing() {
        let mut count = 0;
        for_each_ordered(std::iter::empty::<u8>(), 3, || (), |_, n| n, |_| count += 1);
        assert_eq!(count, 0);
    }

    #[test]
    fn workers_never_run_more_than_the_window_ahead() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let started = AtomicUsize::new(0);
        let mut emitted = 0usize;
        let jobs = 2;
        for_each_ordered(
            0..1_000usize,
            jobs,
            || (),
            |_, n| {
                started.fetch_add(1, Ordering::SeqCst);
                n
            },
            |_| {
                emitted += 1;
                let ahead = started.load(Ordering::SeqCst) - emitted;
                assert!(ahead <= jobs * WINDOW_PER_JOB, "{ahead} items in flight");
            },
        );
        assert_eq!(emitted, 1_000);
    }
}
