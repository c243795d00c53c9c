//! Where the REPL's lines come from: rustyline on a terminal, plain lines otherwise.
//!
//! With piped input there is no terminal to edit on, so lines are read with the
//! same safe reader as `rehearse play` (invalid UTF-8 and huge lines are reported,
//! not fatal).

use super::helper::ReplHelper;
use crate::input::{LineProblem, Lines};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// What reading one line gave.
#[derive(Debug)]
pub enum Read {
    Line(String),
    /// Ctrl-C: the line was cancelled.
    Interrupted,
    /// Ctrl-D or end of input.
    Eof,
    /// The line could not be used; reading can go on.
    Problem(String),
}

pub enum Source {
    Terminal {
        editor: Box<Editor<ReplHelper, DefaultHistory>>,
        history: Option<PathBuf>,
    },
    Piped(Lines<Box<dyn BufRead>>),
}

impl Source {
    /// A line editor on a terminal (history in `history`, if given), else plain lines.
    pub fn open(helper: ReplHelper, history: Option<PathBuf>) -> Source {
        if std::io::stdin().is_terminal() {
            let config = Config::builder()
                .auto_add_history(false)
                .max_history_size(1000)
                .map(|b| b.build());
            if let Ok(config) = config {
                if let Ok(mut editor) = Editor::with_config(config) {
                    editor.set_helper(Some(helper));
                    if let Some(path) = &history {
                        let _ = editor.load_history(path);
                    }
                    return Source::Terminal {
                        editor: Box::new(editor),
                        history,
                    };
                }
            }
        }
        let reader: Box<dyn BufRead> = Box::new(std::io::BufReader::new(std::io::stdin()));
        Source::Piped(Lines::new(reader))
    }

    /// Gives the line helper the scenario ids to complete.
    pub fn set_scenario_ids(&mut self, ids: Vec<String>) {
        if let Source::Terminal { editor, .. } = self {
            if let Some(helper) = editor.helper_mut() {
                helper.scenario_ids = ids;
            }
        }
    }

    /// The width to wrap the REPL's text at: the terminal's, when both ends are
    /// a terminal; `None` (no wrapping) when output goes to a pipe or a file.
    /// `COLUMNS`, when exported, overrides what the terminal reports.
    pub fn width(&mut self) -> Option<usize> {
        match self {
            Source::Terminal { editor, .. } => {
                if !std::io::stdout().is_terminal() {
                    return None;
                }
                let exported = std::env::var("COLUMNS")
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&columns| columns > 0);
                exported.or_else(|| editor.dimensions().map(|(columns, _)| columns))
            }
            Source::Piped(_) => None,
        }
    }

    pub fn read(&mut self, prompt: &str) -> Read {
        match self {
            Source::Terminal { editor, history } => match editor.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                        if let Some(path) = history {
                            if editor.append_history(path).is_err() {
                                let _ = editor.save_history(path);
                            }
                            let _ = crate::data_dir::make_private(path);
                        }
                    }
                    Read::Line(crate::safe_text::typed(&line))
                }
                Err(ReadlineError::Interrupted) => Read::Interrupted,
                Err(ReadlineError::Eof) => Read::Eof,
                Err(err) => Read::Problem(format!("could not read the line: {err}")),
            },
            Source::Piped(lines) => match lines.next() {
                None => Read::Eof,
                Some(line) => match line.text {
                    Ok(text) => {
                        let text = crate::safe_text::typed(&text);
                        // Nothing echoes piped input, so show it after the prompt, as a
                        // terminal would: the output then reads as a transcript. If
                        // nothing can be shown any more (the reader of our output has
                        // gone), reading on would only play to no one.
                        let mut out = std::io::stdout().lock();
                        match writeln!(out, "{prompt}{text}").and_then(|()| out.flush()) {
                            Ok(()) => Read::Line(text),
                            Err(_) => Read::Eof,
                        }
                    }
                    Err(problem @ (LineProblem::NotUtf8 | LineProblem::TooLong { .. })) => {
                        Read::Problem(format!("input line {}: {problem}", line.number))
                    }
                },
            },
        }
    }
}
