//! Where each value of a YAML file is: a path → line and column index.
//!
//! serde_yaml reports positions for syntax and type errors, but once a file has
//! parsed, the values carry none. Meaning checks ("`goto: nowhere` names no beat")
//! look the offending value up here by its path, e.g. `beats.opening.on_reply.0.goto`,
//! so every diagnostic points at the exact spot. One mechanism, used everywhere.

use super::limits::{MAX_ALIAS_BYTES, MAX_DEPTH};
// ahash, not the standard SipHash: a scenario has thousands of paths, and
// hashing them was a tenth of indexing it (no map here is ever iterated).
use super::yaml_events::{self, YamlEvent};
use ahash::{AHashMap as HashMap, AHashSet as HashSet};
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

/// A file that goes past one of the limits in [`super::limits`], and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitExceeded {
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Default)]
pub struct PositionIndex {
    /// Each path written in the file: where its value and its key are, and its
    /// text if it is a scalar. One map, not three: a scenario has thousands of
    /// paths, and building and freeing them was a quarter of `check`.
    entries: HashMap<String, Entry>,
    /// The file's events in order, kept so its values can be read from them
    /// instead of parsing the file again ([`super::yaml_events`]).
    events: Vec<YamlEvent>,
    /// Whether `events` are one whole document that `yaml_events` can read:
    /// it parsed to its end, with no anchor, alias, tag or second document.
    readable: bool,
    pub duplicates: Vec<DuplicateKey>,
    /// Set when the file nests too deep or its aliases expand too far; the index
    /// stops there, and the file must not be handed to serde_yaml.
    pub limit: Option<LimitExceeded>,
}

/// What the index knows of one path.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the value starts (the first one, if the path is written twice).
    value: Pos,
    /// Where its key is written (the last one, if the key appears twice).
    key: Option<Pos>,
    /// The scalar's place in `events`: the value as written, before YAML reads
    /// it (`+1` and `1` are the same number to YAML, but not to an author who
    /// meant "add one").
    scalar: Option<u32>,
}

impl PositionIndex {
    /// Indexes `text`; a file that fails to parse gives a partial index (serde_yaml
    /// reports the syntax error itself).
    ///
    /// Events are pulled one at a time in a loop: yaml-rust2's own `load` recurses
    /// once per level of nesting, and a line of 40,000 `- ` overflowed the stack.
    pub fn build(text: &str) -> PositionIndex {
        if let Some(limit) = flow_too_deep(text) {
            return PositionIndex {
                limit: Some(limit),
                ..PositionIndex::default()
            };
        }
        let mut builder = Builder::default();
        builder.index.readable = yaml_events::same_in_both(text);
        let mut parser = Parser::new_from_str(text);
        let mut ended = false;
        while let Ok((event, mark)) = parser.next_token() {
            if event == Event::StreamEnd {
                ended = true;
                break;
            }
            builder.on_event(event, mark);
            if builder.index.limit.is_some() {
                break;
            }
        }
        builder.index.readable &= ended && builder.documents == 1;
        builder.index
    }

    /// The file's events, when [`super::yaml_events::read`] can read its values
    /// from them; `None` when the file must go to serde_yaml.
    pub fn events(&self) -> Option<&[YamlEvent]> {
        (self.readable && self.limit.is_none()).then_some(self.events.as_slice())
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.entries.get(path).map(|e| e.value)
    }

    /// The value at `path` exactly as written in the file, if it is a scalar.
    pub fn scalar(&self, path: &str) -> Option<&str> {
        match self.events.get(self.entries.get(path)?.scalar? as usize)? {
            YamlEvent::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Where the key of the value at `path` is written (`beats.opening` → the
    /// `opening:` key). Falls back to the value.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.entries.get(path).map(|e| e.key.unwrap_or(e.value))
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
            if let Some(pos) = self.key(current) {
                return pos;
            }
        }
        Pos { line: 1, column: 1 }
    }
}

/// `[[[[…` or `{{{{…` nested past [`MAX_DEPTH`], found by counting brackets before
/// any YAML parsing: the scanner looks ahead through a whole flow collection
/// before giving its first event, so 100,000 `[` took it 20 seconds. Brackets in
/// quoted text count too; real text never nests 64 of them.
fn flow_too_deep(text: &str) -> Option<LimitExceeded> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1usize, 0usize);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
            }
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(LimitExceeded {
                        pos: Pos { line, column },
                        message: format!("brackets `[` or `{{` nest more than {MAX_DEPTH} deep here"),
                        hint: "a scenario never needs more than a few; look for a run of `[[[[` or `{{{{`".to_string(),
                    });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

enum Frame {
    Mapping {
        path: String,
        pending_key: Option<(String, Pos)>,
        seen: HashSet<String>,
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
    /// Anchored containers still open: anchor id, where it started, and the bytes
    /// aliases inside it add, so an alias to it counts everything it expands to.
    open_anchors: Vec<(usize, usize, u64)>,
    /// Anchor id → the bytes one reference to it expands to.
    anchor_bytes: HashMap<usize, u64>,
    /// Bytes added by every alias so far.
    alias_bytes: u64,
    /// Documents begun (`---`, or the one a file without it is).
    documents: usize,
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
    /// Called when a value (scalar or container) starts; returns its path and
    /// where its key is, or None when the scalar is a mapping key (recorded as
    /// pending instead).
    fn place_value(&mut self, pos: Pos, scalar: Option<&str>) -> Option<(String, Option<Pos>)> {
        match self.stack.last_mut() {
            None => Some((String::new(), None)),
            Some(Frame::Sequence { path, next }) => {
                let p = join(path, &next.to_string());
                *next += 1;
                Some((p, None))
            }
            Some(Frame::Mapping {
                path,
                pending_key,
                seen,
            }) => match pending_key.take() {
                Some((key, key_pos)) => Some((join(path, &key), Some(key_pos))),
                None => {
                    let key = scalar.unwrap_or("?").to_string();
                    if !seen.insert(key.clone()) {
                        self.index.duplicates.push(DuplicateKey {
                            path: path.clone(),
                            key: key.clone(),
                            pos,
                        });
                    }
                    *pending_key = Some((key, pos));
                    None
                }
            },
        }
    }
}

impl Builder {
    /// Records the value at `path` starting at `pos`: the first value and
    /// scalar written at a path are kept, and the last key, as before the
    /// index was one map.
    fn record(&mut self, (path, key): (String, Option<Pos>), pos: Pos, scalar: Option<u32>) {
        let entry = self.index.entries.entry(path).or_insert(Entry {
            value: pos,
            key: None,
            scalar: None,
        });
        if key.is_some() {
            entry.key = key;
        }
        if entry.scalar.is_none() {
            entry.scalar = scalar;
        }
    }

    /// Opens a container, refusing to go deeper than [`MAX_DEPTH`].
    fn enter(&mut self, frame: Frame, anchor: usize, mark: Marker) {
        self.stack.push(frame);
        self.open_anchors.push((anchor, mark.index(), 0));
        if self.stack.len() > MAX_DEPTH && self.index.limit.is_none() {
            self.index.limit = Some(LimitExceeded {
                pos: pos_of(mark),
                message: format!("the file nests lists and mappings more than {MAX_DEPTH} levels deep here"),
                hint: "a scenario needs about 6 levels (beats → beat → on_reply → rule → set); check the indentation, or for a run of `- - - -` or `[[[[`".to_string(),
            });
        }
    }

    /// Closes a container; an anchored one now knows what a reference to it costs.
    fn leave(&mut self, mark: Marker) {
        self.stack.pop();
        if let Some((anchor, start, extra)) = self.open_anchors.pop() {
            if anchor > 0 {
                let own = mark.index().saturating_sub(start) as u64;
                self.anchor_bytes.insert(anchor, own + extra);
            }
        }
    }

    /// Counts what an alias to `anchor` expands to, everywhere it will be repeated.
    fn alias(&mut self, anchor: usize, mark: Marker) {
        let bytes = self.anchor_bytes.get(&anchor).copied().unwrap_or(0);
        self.alias_bytes = self.alias_bytes.saturating_add(bytes);
        for open in &mut self.open_anchors {
            open.2 = open.2.saturating_add(bytes);
        }
        if self.alias_bytes > MAX_ALIAS_BYTES && self.index.limit.is_none() {
            self.index.limit = Some(LimitExceeded {
                pos: pos_of(mark),
                message: format!(
                    "the `*` references in this file repeat their anchored values to more than {} KB",
                    MAX_ALIAS_BYTES / 1024
                ),
                hint: "write the text out where it is needed, or use fewer `*` references".to_string(),
            });
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let pos = pos_of(mark);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                if anchor > 0 {
                    self.anchor_bytes.insert(anchor, value.len() as u64);
                    self.index.readable = false;
                }
                if tag.is_some() {
                    self.index.readable = false;
                }
                let placed = self.place_value(pos, Some(&value));
                let at = u32::try_from(self.index.events.len()).ok();
                self.index.events.push(YamlEvent::scalar(value, style));
                if let Some(placed) = placed {
                    self.record(placed, pos, at);
                }
            }
            Event::Alias(anchor) => {
                self.index.readable = false;
                self.alias(anchor, mark);
                if let Some(placed) = self.place_value(pos, None) {
                    self.record(placed, pos, None);
                }
            }
            Event::MappingStart(anchor, tag) => {
                self.index.readable &= anchor == 0 && tag.is_none();
                let placed = self.place_value(pos, None).unwrap_or_default();
                let path = placed.0.clone();
                self.record(placed, pos, None);
                self.index.events.push(YamlEvent::MappingStart);
                self.enter(
                    Frame::Mapping {
                        path,
                        pending_key: None,
                        seen: HashSet::new(),
                    },
                    anchor,
                    mark,
                );
            }
            Event::SequenceStart(anchor, tag) => {
                self.index.readable &= anchor == 0 && tag.is_none();
                let placed = self.place_value(pos, None).unwrap_or_default();
                let path = placed.0.clone();
                self.record(placed, pos, None);
                self.index.events.push(YamlEvent::SequenceStart);
                self.enter(Frame::Sequence { path, next: 0 }, anchor, mark);
            }
            Event::MappingEnd => {
                self.index.events.push(YamlEvent::MappingEnd);
                self.leave(mark);
            }
            Event::SequenceEnd => {
                self.index.events.push(YamlEvent::SequenceEnd);
                self.leave(mark);
            }
            Event::DocumentStart => self.documents += 1,
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
