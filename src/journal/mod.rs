//! Journals: every practice session kept as it happens, so nothing a person types
//! is lost to a crash, a closed lid or Ctrl-C, and nobody else can read it.
//!
//! Each session is an append-only JSON Lines file in the data directory's
//! `sessions/` folder (0700 folder, 0600 file): a header, then one event per turn,
//! each synced to disk before the next reply is asked for. The engine stays pure:
//! front ends hand the [`Turn`](crate::session::Turn)s a session returns to a
//! [`JournalWriter`]. From journals come `resume`, `history`, `progress`,
//! `export` and `forget`.

pub mod atomic;
pub mod clock;
pub mod event;
pub mod export;
pub mod live;
pub mod reader;
pub mod record;
pub mod replay;
pub mod store;
pub mod transcript;
pub mod writer;

pub use clock::Clock;
pub use event::{Event, Header};
pub use reader::{load, LoadError};
pub use record::{Entry, Record};
pub use writer::JournalWriter;
