//! Where the REPL's text goes: standard output, word-wrapped at the terminal's
//! width when it is a terminal (a terminal would otherwise break lines in the
//! middle of a word), unchanged when it is a pipe or a file.
//!
//! Every write returns `io::Result` instead of panicking like `println!`, so a
//! closed pipe (`rehearse < replies.txt | head`) ends the session quietly.

use std::io::{self, Write};

#[derive(Debug, Default)]
pub struct Screen {
    /// The terminal's width in columns; `None` for pipes and files.
    width: Option<usize>,
}

impl Screen {
    /// Sets the width to wrap at; asked again before every prompt, so resizing
    /// the window takes effect at the next reply.
    pub fn set_width(&mut self, width: Option<usize>) {
        self.width = width;
    }

    /// Writes `text` as it is (wrapped), and flushes it before the next prompt.
    pub fn print(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        match self.width {
            Some(width) => out.write_all(crate::wrap::wrap(text, width).as_bytes())?,
            None => out.write_all(text.as_bytes())?,
        }
        out.flush()
    }

    /// Writes `text` and a line break.
    pub fn line(&self, text: &str) -> io::Result<()> {
        self.print(&format!("{text}\n"))
    }

    /// An empty line.
    pub fn blank(&self) -> io::Result<()> {
        self.print("\n")
    }
}
