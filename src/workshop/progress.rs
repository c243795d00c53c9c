//! A one-line progress bar on standard error, for runs long enough to wonder
//! about. Only on a terminal: piped or redirected, standard error gets nothing,
//! so a log file holds no carriage returns. And only while the results go
//! somewhere else (`> results.json`): results printed to the same screen show
//! the progress themselves, and a bar redrawn between them would garble them.

use std::io::{IsTerminal, Write};

/// Width of the bar in characters.
const WIDTH: usize = 30;

pub struct Progress {
    total: usize,
    done: usize,
    shown: bool,
    /// The last filled width drawn: redrawn only when it changes.
    drawn: Option<usize>,
}

impl Progress {
    /// A bar for `total` items, shown only when standard error is a terminal
    /// and standard output is not.
    pub fn on_terminal(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            shown: std::io::stderr().is_terminal() && !std::io::stdout().is_terminal(),
            drawn: None,
        }
    }

    /// One more item is done.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.shown {
            return;
        }
        let filled = WIDTH * self.done / self.total.max(1);
        if self.drawn == Some(filled) && self.done != self.total {
            return;
        }
        self.drawn = Some(filled);
        let bar = format!("{}{}", "█".repeat(filled), "░".repeat(WIDTH - filled.min(WIDTH)));
        let _ = write!(std::io::stderr(), "\r{bar} {}/{}", self.done, self.total);
    }

    /// Clears the bar's line.
    pub fn finish(self) {
        if self.shown && self.drawn.is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
