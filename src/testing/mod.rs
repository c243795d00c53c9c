//! Author tests: the `tests:` block of a scenario, played through the real engine,
//! and the branch coverage those tests reach.

pub mod coverage;
pub mod examples;
pub mod runner;
pub mod transcript;

pub use coverage::Coverage;
pub use examples::check_examples;
pub use runner::{run_test, trace_line, TestResult};
