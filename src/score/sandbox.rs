//! The rhai engine that scorer scripts run in, locked down.
//!
//! Scripts may come from someone else (a colleague's scenario pack). They must not
//! read files, import modules, `eval` strings, loop forever or exhaust memory, and
//! they must not write to the terminal the REPL is drawing on.

use super::cpu_clock::thread_cpu_time;
use super::patterns::compiling_micros_on_this_thread;
use rhai::packages::{Package, StandardPackage};
use rhai::{Dynamic, Engine};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Operations one `score` call may use on a short reply: far above what a real
/// scorer needs for a few sentences (tens of thousands), low enough that a runaway
/// loop stops in well under a second.
pub const MAX_OPERATIONS: u64 = 3_000_000;
/// Operations added to a call's budget for every byte of the reply. A scorer's work
/// grows with the number of sentences and cues, so a long paste (a 15 KB letter,
/// "Sorry! " four hundred times) needs more than a short reply; a loop that never
/// ends still stops, at the latest when the CPU-time limit runs out.
pub const OPERATIONS_PER_BYTE: u64 = 2_000;
/// The most operations any call may use: the budget of the longest reply scored.
pub const MAX_OPERATIONS_CEILING: u64 =
    MAX_OPERATIONS + OPERATIONS_PER_BYTE * super::rhai_scorer::MAX_SCORED_BYTES as u64;

/// What the progress callback stops a call with when it has used its operations
/// (rhai's own limit is the ceiling; the per-call budget depends on the reply).
pub const OPERATION_LIMIT_TOKEN: &str = "operation limit";

/// The operation budget of one call on a reply of `reply_bytes` bytes.
pub fn operation_budget(reply_bytes: usize) -> u64 {
    MAX_OPERATIONS.saturating_add(OPERATIONS_PER_BYTE.saturating_mul(reply_bytes as u64))
}
/// CPU-time budget for one call, a backstop for work that is slow without being
/// many operations. The operation limit is what stops a runaway loop (well under a
/// second). It is the CPU time of the scoring thread, not wall-clock time, so a
/// busy machine cannot make a reply fail to score (see [`super::cpu_clock`]).
/// Time spent compiling patterns during the call is not counted either (see
/// [`Deadline`]): a first call that compiles hundreds of patterns on a slow
/// machine could otherwise run out of time.
pub const MAX_CALL_TIME: Duration = Duration::from_secs(3);

/// The most compiling time one call is not charged for: enough for a first
/// call that compiles every bundled pattern on a slow, busy machine, while a
/// script that compiles a new pattern on every turn of a loop still stops soon.
pub const MAX_COMPILE_CREDIT: Duration = Duration::from_secs(6);

/// How many operations run between two looks at the clock (a wall-clock read
/// costs about as much as one simple operation).
const DEADLINE_EVERY: u64 = 32;

/// Marks when the current call must stop, shared with the progress callback
/// (which runs on the thread that armed it, so both read the same CPU clock).
///
/// The budget is CPU time, but reading a thread's CPU clock is a system call, too
/// dear to make every 32 operations. Wall-clock time is cheap and never less than
/// the CPU time a thread used since the same moment, so the CPU clock is read only
/// once the wall-clock budget has run out: on an idle machine that is exactly when
/// the call has used its time; on a busy one the call goes on until it really has.
#[derive(Debug, Clone)]
pub struct Deadline {
    epoch: Instant,
    /// Microseconds after `epoch` from which the CPU clock is looked at; 0 means
    /// "no call running".
    wall_until_micros: Arc<AtomicU64>,
    /// The thread's CPU time, in microseconds, at which the call must stop.
    cpu_until_micros: Arc<AtomicU64>,
    /// This thread's pattern-compiling time when the call started: compiling
    /// during the call moves the deadline back by as much.
    compiling_at_arm: Arc<AtomicU64>,
    /// Operations the current call may use ([`operation_budget`]).
    operations: Arc<AtomicU64>,
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline {
            epoch: Instant::now(),
            wall_until_micros: Arc::new(AtomicU64::new(0)),
            cpu_until_micros: Arc::new(AtomicU64::new(0)),
            compiling_at_arm: Arc::new(AtomicU64::new(0)),
            operations: Arc::new(AtomicU64::new(MAX_OPERATIONS)),
        }
    }
}

impl Deadline {
    /// Starts the clock for one call on a reply of `reply_bytes` bytes.
    pub fn arm(&self, reply_bytes: usize) {
        self.operations.store(operation_budget(reply_bytes), Ordering::Relaxed);
        let wall_until = self.epoch.elapsed() + MAX_CALL_TIME;
        let cpu_until = thread_cpu_time() + MAX_CALL_TIME;
        self.cpu_until_micros
            .store(cpu_until.as_micros() as u64, Ordering::Relaxed);
        self.wall_until_micros
            .store(wall_until.as_micros().max(1) as u64, Ordering::Relaxed);
        self.compiling_at_arm
            .store(compiling_micros_on_this_thread(), Ordering::Relaxed);
    }

    pub fn disarm(&self) {
        self.wall_until_micros.store(0, Ordering::Relaxed);
        self.operations.store(MAX_OPERATIONS, Ordering::Relaxed);
    }

    fn operations_used_up(&self, ops: u64) -> bool {
        ops > self.operations.load(Ordering::Relaxed)
    }

    fn passed(&self) -> bool {
        let wall_until = self.wall_until_micros.load(Ordering::Relaxed);
        if wall_until == 0 {
            return false;
        }
        let compiling = compiling_micros_on_this_thread()
            .saturating_sub(self.compiling_at_arm.load(Ordering::Relaxed))
            .min(MAX_COMPILE_CREDIT.as_micros() as u64);
        if (self.epoch.elapsed().as_micros() as u64) <= wall_until.saturating_add(compiling) {
            return false;
        }
        let cpu_until = self.cpu_until_micros.load(Ordering::Relaxed);
        thread_cpu_time().as_micros() as u64 > cpu_until.saturating_add(compiling)
    }
}

/// rhai's standard library, built once per process and shared by every
/// engine (it is read-only): a scenario that brings its own scripts gets an
/// engine of its own, and building the library anew for each was a twentieth
/// of checking a large library.
fn standard_library() -> rhai::Shared<rhai::Module> {
    static LIBRARY: std::sync::OnceLock<rhai::Shared<rhai::Module>> = std::sync::OnceLock::new();
    LIBRARY
        .get_or_init(|| StandardPackage::new().as_shared_module())
        .clone()
}

/// A fresh engine with the standard library only, strict variables, limits, no
/// module resolver, no `eval`, and `print`/`debug` silenced.
pub fn sandboxed_engine(deadline: &Deadline) -> Engine {
    let mut engine = Engine::new_raw();
    engine.register_global_module(standard_library());
    engine.set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
    engine.disable_symbol("eval");
    // No module resolver is installed, but refuse `import` outright so a script
    // that tries it fails at load with its line, not silently.
    engine.disable_symbol("import");
    engine.set_strict_variables(true);
    engine.set_max_operations(MAX_OPERATIONS_CEILING);
    engine.set_max_call_levels(32);
    engine.set_max_expr_depths(64, 64);
    engine.set_max_string_size(256 * 1024);
    engine.set_max_array_size(20_000);
    engine.set_max_map_size(20_000);
    engine.set_max_modules(0);
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});
    let deadline = deadline.clone();
    engine.on_progress(move |ops| {
        // Checked often: one operation can be a host call that compiles a regex,
        // so every 4,096 operations let a hostile loop run 40 seconds past its time.
        if ops % DEADLINE_EVERY != 0 {
            None
        } else if deadline.operations_used_up(ops) {
            Some(Dynamic::from(OPERATION_LIMIT_TOKEN))
        } else if deadline.passed() {
            Some(Dynamic::from("time limit"))
        } else {
            None
        }
    });
    engine
}
