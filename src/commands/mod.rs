//! One file per command: each loads what it needs through `load` and prints.

pub mod check;
pub mod completions;
pub mod corpus_file;
pub mod eval;
pub mod export;
pub mod forget;
pub mod graph;
pub mod handout;
pub mod history;
pub mod list;
pub mod new;
pub mod play;
pub mod play_set;
pub mod progress;
pub mod report;
pub mod resume;
pub mod run;
pub mod schema;
pub mod score;
pub mod start_options;
pub mod test;
pub mod train;
pub mod why;
