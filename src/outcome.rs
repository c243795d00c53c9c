//! How a command ends: success, or a [`Failure`] with a message and an exit
//! code; and [`warn`], the one way anything below the dispatcher writes a note
//! to standard error. Every command returns an [`Outcome`]; only the dispatcher
//! (`app::run`) turns it into an exit code.

use crate::diagnostic::Diagnostic;

/// Exit codes: 0 done, 1 the thing checked has problems, 2 could not run at all.
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// A command's failure: a message for standard error and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: EXIT_FAILURE,
        }
    }

    /// The checked content has problems (already printed); exit 1 without more text.
    pub fn problems() -> Failure {
        Failure {
            message: String::new(),
            code: EXIT_PROBLEMS,
        }
    }

    /// Standard output was closed by its reader (`rehearse history | head -1`).
    /// That is how pipes end, not a failure: stop quietly, with success, as
    /// `cat` or `grep` do. Anything already journaled stays (each turn is synced
    /// before it is printed).
    pub fn output_closed() -> Failure {
        Failure {
            message: String::new(),
            code: 0,
        }
    }
}

/// Every command's output goes through `?` on an `io::Result`, so this is the
/// one place a closed pipe is told apart from a real error.
impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::output_closed()
        } else {
            Failure::new(err.to_string())
        }
    }
}

/// Writes `rehearse: MESSAGE` to standard error. Unlike `eprintln!` it cannot
/// panic: if standard error is closed too (`rehearse … 2>&1 | head`), there is
/// nowhere left to say anything, and the command goes on.
pub fn warn(message: impl std::fmt::Display) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "rehearse: {message}");
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Failure {
        Failure::new(d.to_string())
    }
}

pub type Outcome = Result<(), Failure>;
