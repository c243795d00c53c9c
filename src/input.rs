//! Reading replies from piped standard input, one per line, safely.
//!
//! Piped input can be anything: a 1 MB line, invalid UTF-8, Windows line endings.
//! Each line becomes a reply or a problem naming the line; nothing panics, and a
//! huge line is skipped without holding more than a bounded amount in memory.

use std::io::BufRead;

/// Lines longer than this are skipped (a reply is at most a few thousand characters).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Why a line could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    NotUtf8,
    TooLong { bytes: usize },
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineProblem::NotUtf8 => write!(f, "not valid UTF-8 text; skipped (save the file as UTF-8)"),
            LineProblem::TooLong { bytes } => {
                write!(f, "{bytes} bytes long; lines over {MAX_LINE_BYTES} bytes are skipped")
            }
        }
    }
}

/// One line of input: its 1-based number and its text or problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputLine {
    pub number: usize,
    pub text: Result<String, LineProblem>,
}

/// Iterates the lines of `reader`; stops at the end or at a read error.
pub struct Lines<R> {
    reader: R,
    number: usize,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Lines<R> {
        Lines { reader, number: 0 }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = InputLine;

    fn next(&mut self) -> Option<InputLine> {
        let mut buf = Vec::new();
        let mut total = 0usize;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return None,
            };
            if chunk.is_empty() {
                if total == 0 {
                    return None;
                }
                break;
            }
            let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], i + 1),
                None => (chunk, chunk.len()),
            };
            let found_newline = done > piece.len();
            if buf.len() < MAX_LINE_BYTES {
                let room = MAX_LINE_BYTES - buf.len();
                buf.extend_from_slice(&piece[..piece.len().min(room)]);
            }
            total += piece.len();
            self.reader.consume(done);
            if found_newline {
                break;
            }
        }
        self.number += 1;
        let text = if total > MAX_LINE_BYTES {
            Err(LineProblem::TooLong { bytes: total })
        } else {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            String::from_utf8(buf).map_err(|_| LineProblem::NotUtf8)
        };
        Some(InputLine {
            number: self.number,
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<InputLine> {
        Lines::new(std::io::BufReader::with_capacity(16, bytes)).collect()
    }

    #[test]
    fn splits_lines_and_strips_crlf() {
        let lines = read(b"one\r\ntwo\nthree");
        let texts: Vec<_> = lines.iter().map(|l| l.text.clone().unwrap()).collect();
        assert_eq!(texts, ["one", "two", "three"]);
    }

    #[test]
    fn invalid_utf8_is_a_problem_not_a_panic() {
        let lines = read(b"ok\n\xff\xfe\nfine\n");
        assert_eq!(lines[1].text, Err(LineProblem::NotUtf8));
        assert_eq!(lines[2].text.as_deref(), Ok("fine"));
    }

    #[test]
    fn huge_lines_are_skipped_and_reading_goes_on() {
        let mut input = vec![b'a'; MAX_LINE_BYTES + 10];
        input.extend_from_slice(b"\nnext\n");
        let lines = read(&input);
        assert_eq!(
            lines[0].text,
            Err(LineProblem::TooLong {
                bytes: MAX_LINE_BYTES + 10
            })
        );
        assert_eq!(lines[1].text.as_deref(), Ok("next"));
        assert_eq!(lines[1].number, 2);
    }
}
