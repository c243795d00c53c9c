//! Where each value of a YAML file is: a path → line and column index.
//!
//! serde_yaml reports positions for syntax and type errors, but once a file has
//! parsed, the values carry none. Meaning checks ("`goto: nowhere` names no beat")
//! look the offending value up here by its path, e.g. `beats.opening.on_reply.0.goto`,
//! so every diagnostic points at the exact spot. One mechanism, used everywhere.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A key that appears twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub path: String,
    pub key: String,
    pub pos: Pos,
}

#[derive(Debug, Default)]
pub struct PositionIndex {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    pub duplicates: Vec<DuplicateKey>,
}

impl PositionIndex {
    /// Indexes `text`; a file that fails to parse gives a partial index (serde_yaml
    /// reports the syntax error itself).
    pub fn build(text: &str) -> PositionIndex {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        builder.index
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    /// Where the key of the value at `path` is written (`beats.opening` → the
    /// `opening:` key). Falls back to the value.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }

    /// The value's position, else its parent's, and so on up to the file start:
    /// a diagnostic always has somewhere to point.
    pub fn nearest(&self, path: &str) -> Pos {
        if let Some(pos) = self.value(path) {
            return pos;
        }
        // For a missing value, point at the key of the nearest parent that is
        // written in the file (`opening:`), where the author would add it.
        let mut current = path;
        while let Some(i) = current.rfind('.') {
            current = &current[..i];
            if let Some(pos) = self.keys.get(current).copied().or_else(|| self.value(current)) {
                return pos;
            }
        }
        Pos { line: 1, column: 1 }
    }
}

enum Frame {
    Mapping {
        path: String,
        pending_key: Option<(String, Pos)>,
        seen: Vec<String>,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    index: PositionIndex,
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

fn pos_of(mark: Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Builder {
    /// Called when a value (scalar or container) starts; returns its path, or None
    /// when the scalar is a mapping key (recorded as pending instead).
    fn place_value(&mut self, pos: Pos, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { path, next }) => {
                let p = join(path, &next.to_string());
                *next += 1;
                Some(p)
            }
            Some(Frame::Mapping {
                path,
                pending_key,
                seen,
            }) => match pending_key.take() {
                Some((key, key_pos)) => {
                    let p = join(path, &key);
                    self.index.keys.insert(p.clone(), key_pos);
                    Some(p)
                }
                None => {
                    let key = scalar.unwrap_or("?").to_string();
                    if seen.contains(&key) {
                        self.index.duplicates.push(DuplicateKey {
                            path: path.clone(),
                            key: key.clone(),
                            pos,
                        });
                    } else {
                        seen.push(key.clone());
                    }
                    *pending_key = Some((key, pos));
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let pos = pos_of(mark);
        match event {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.place_value(pos, Some(&value)) {
                    self.index.values.entry(path).or_insert(pos);
                }
            }
            Event::Alias(_) => {
                if let Some(path) = self.place_value(pos, None) {
                    self.index.values.entry(path).or_insert(pos);
                }
            }
            Event::MappingStart(..) => {
                let path = self.place_value(pos, None).unwrap_or_default();
                self.index.values.entry(path.clone()).or_insert(pos);
                self.stack.push(Frame::Mapping {
                    path,
                    pending_key: None,
                    seen: Vec::new(),
                });
            }
            Event::SequenceStart(..) => {
                let path = self.place_value(pos, None).unwrap_or_default();
                self.index.values.entry(path.clone()).or_insert(pos);
                self.stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id: x\nbeats:\n  opening:\n    say: [\"a\", \"b\"]\n    on_reply:\n      - when: blame > 0.5\n        goto: nowhere\n";

    #[test]
    fn finds_nested_values_and_keys() {
        let index = PositionIndex::build(TEXT);
        assert_eq!(index.value("id"), Some(Pos { line: 1, column: 5 }));
        assert_eq!(index.key("beats.opening"), Some(Pos { line: 3, column: 3 }));
        assert_eq!(index.value("beats.opening.say.1"), Some(Pos { line: 4, column: 16 }));
        assert_eq!(
            index.value("beats.opening.on_reply.0.goto"),
            Some(Pos { line: 7, column: 15 })
        );
        assert_eq!(
            index.value("beats.opening.on_reply.0.when"),
            Some(Pos { line: 6, column: 15 })
        );
    }

    #[test]
    fn nearest_falls_back_to_parents() {
        let index = PositionIndex::build(TEXT);
        assert_eq!(index.nearest("beats.opening.coach"), Pos { line: 3, column: 3 });
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let index = PositionIndex::build("beats:\n  a: 1\n  b: 2\n  a: 3\n");
        assert_eq!(
            index.duplicates,
            vec![DuplicateKey {
                path: "beats".into(),
                key: "a".into(),
                pos: Pos { line: 4, column: 3 }
            }]
        );
    }
}
