//! One file per command: each loads what it needs through `app` and prints.

pub mod check;
pub mod eval;
pub mod list;
pub mod play;
pub mod score;
pub mod test;
