//! One file per command: each loads what it needs through `app` and prints.

pub mod check;
pub mod corpus_file;
pub mod eval;
pub mod export;
pub mod forget;
pub mod graph;
pub mod history;
pub mod list;
pub mod new;
pub mod play;
pub mod progress;
pub mod report;
pub mod resume;
pub mod run;
pub mod score;
pub mod test;
pub mod train;
pub mod why;
