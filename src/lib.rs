//! rehearse: practise hard conversations before having them.
//!
//! Data flows one way: scenarios (YAML) and scorer scripts (rhai) are loaded and
//! checked once; a [`session::Session`] plays a scenario as a pure state machine;
//! front ends (the REPL, `play`, `test`, reports) only display its events.

pub mod app;
pub mod cli;
pub mod coaching;
pub mod commands;
pub mod content;
pub mod data_dir;
pub mod debrief;
pub mod diagnostic;
pub mod exercise_set;
pub mod facts;
pub mod handout;
pub mod input;
pub mod journal;
pub mod late_scorer;
pub mod load;
pub mod markup;
pub mod outcome;
pub mod parallel;
pub mod render;
pub mod repl;
pub mod replay_diff;
pub mod safe_text;
pub mod scenario;
pub mod score;
pub mod session;
pub mod style;
pub mod testing;
pub mod watch;
pub mod workshop;
pub mod wrap;
