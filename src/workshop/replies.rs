//! A workshop's replies, from whatever the facilitator collected them in: a text
//! file per person (typed up from paper), a folder of them, or a spreadsheet or
//! form export saved as CSV.
//!
//! Every file is read through [`SourceFile::read`], so the content size cap and
//! the refusal of pipes and devices hold here too; text lines go through
//! [`Lines`], which copes with Windows line endings, invalid UTF-8 and huge lines.
//! A problem names the file and line and says what to change, because the person
//! fixing it is a facilitator with a spreadsheet, not a programmer.

use crate::content::{read_paths, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::input::Lines;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One reply and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    /// 1-based line of the file it came from.
    pub line: usize,
}

/// One person's replies, in the order they are played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The name the facilitator gave: a file's stem, or a CSV's participant cell.
    pub name: String,
    /// Where the replies came from, as shown to the facilitator (never in an
    /// anonymous report).
    pub source: String,
    pub replies: Vec<Reply>,
    /// Things worth knowing that did not stop the run (a line skipped, a turn
    /// number missing), each already naming its file and line.
    pub notes: Vec<String>,
}

/// The files the facilitator can give: these extensions are read inside folders.
const EXTENSIONS: [&str; 2] = ["txt", "csv"];

/// Reads every participant from `paths` (files, or folders of `.txt` and `.csv`
/// files, sorted by name), in order. All problems are returned, not only the first.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Participant>, Vec<Diagnostic>> {
    let files = read_paths(paths, &EXTENSIONS).map_err(|e| vec![Diagnostic::whole_file("replies", e.to_string())])?;
    let mut participants = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        match from_file(file) {
            Ok(found) => participants.extend(found),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() && participants.is_empty() {
        problems.push(
            Diagnostic::whole_file(
                paths
                    .iter()
                    .map(|p| crate::content::display_path(p))
                    .collect::<Vec<_>>()
                    .join(", "),
                "no replies found here",
            )
            .with_hint(
                "give reply files (one reply per line), a folder of them, or a CSV export of a form or spreadsheet",
            ),
        );
    }
    if problems.is_empty() {
        Ok(participants)
    } else {
        Err(problems)
    }
}

/// The participants in one file: a CSV export, or a text file of one person's replies.
pub fn from_file(file: &SourceFile) -> Result<Vec<Participant>, Vec<Diagnostic>> {
    if let Some(problem) = &file.unreadable {
        return Err(vec![Diagnostic::whole_file(&file.display_path, problem.clone())]);
    }
    let is_csv = Path::new(&file.display_path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        from_csv(&file.display_path, &file.bytes)
    } else {
        Ok(vec![from_text(&file.display_path, &file.bytes)])
    }
}

/// A text file: one reply per line, blank lines skipped; the person is named
/// after the file (`ana.txt` is `ana`).
pub fn from_text(path: &str, bytes: &[u8]) -> Participant {
    let name = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path)
        .to_string();
    let mut participant = Participant {
        name,
        source: path.to_string(),
        replies: Vec::new(),
        notes: Vec::new(),
    };
    for line in Lines::new(without_bom(bytes)) {
        match line.text {
            Ok(text) if text.trim().is_empty() => {}
            Ok(text) => participant.replies.push(Reply {
                text,
                line: line.number,
            }),
            Err(problem) => participant.notes.push(format!("{path}:{}: {problem}", line.number)),
        }
    }
    participant
}

/// Spreadsheets saved as "CSV UTF-8" start with a byte-order mark; it is not text.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The separator a spreadsheet used: commas, or semicolons (Excel in many
/// countries), or tabs, whichever the header row has most of.
fn separator(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |sep: u8| header.iter().filter(|&&b| b == sep).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&sep| (count(sep), sep == b','))
        .unwrap_or(b',')
}

/// A column name reduced to its letters and digits, in lower case: "Reply #1" is
/// `reply1`, "Participant name" is `participantname`.
fn squashed(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column names taken to name the person, best first.
const PERSON_WORDS: [&str; 12] = [
    "participant",
    "name",
    "person",
    "who",
    "student",
    "learner",
    "attendee",
    "respondent",
    "pseudonym",
    "nickname",
    "initials",
    "email",
];
/// Column names taken to hold the turn number in the long shape.
const TURN_WORDS: [&str; 5] = ["turn", "turnnumber", "replynumber", "step", "number"];
/// Column names taken to hold the reply in the long shape.
const REPLY_WORDS: [&str; 6] = ["reply", "answer", "response", "text", "yourreply", "whatyouwouldsay"];
/// Words that may stand before a number in the wide shape: "turn 1", "Reply #2", "Q3".
const WIDE_WORDS: [&str; 9] = ["turn", "reply", "answer", "response", "question", "step", "q", "t", "r"];

/// The first column whose name is one of `words` (in the order of `words`), else
/// the first whose name contains one of them.
fn find_column(header: &[String], words: &[&str], taken: &[usize]) -> Option<usize> {
    let names: Vec<String> = header.iter().map(|h| squashed(h)).collect();
    let free = |i: &usize| !taken.contains(i);
    words
        .iter()
        .find_map(|w| (0..names.len()).filter(free).find(|&i| names[i] == *w))
        .or_else(|| {
            words
                .iter()
                .filter(|w| w.len() >= 4)
                .find_map(|w| (0..names.len()).filter(free).find(|&i| names[i].contains(w)))
        })
}

/// The turn number a wide column stands for: "turn1", "Reply 2", "Q3: what do
/// you say…", or a bare "4".
fn wide_turn(name: &str) -> Option<usize> {
    let lower = name.trim().to_lowercase();
    let rest = WIDE_WORDS
        .iter()
        .filter_map(|w| lower.strip_prefix(w))
        .map(|r| r.trim_start_matches(|c: char| c.is_whitespace() || c == '#' || c == '-' || c == '_' || c == '.'))
        .find(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .or_else(|| {
            lower
                .starts_with(|c: char| c.is_ascii_digit())
                .then_some(lower.as_str())
        })?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].chars().next();
    if after.is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n >= 1)
}

/// What the header row is expected to look like, for messages.
const SHAPES: &str = "use one of two shapes: columns `participant, turn, reply` (one reply per row), or `participant, turn 1, turn 2, …` (one row per person). Other columns, like a form's Timestamp, are ignored";

/// A CSV export, in the long shape (one reply per row) or the wide shape (one
/// row per person, one column per turn).
pub fn from_csv(path: &str, bytes: &[u8]) -> Result<Vec<Participant>, Vec<Diagnostic>> {
    let bytes = without_bom(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(bytes))
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for row in reader.records() {
        match row {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                rows.push((line, record.iter().map(str::to_string).collect::<Vec<String>>()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let message = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8 text".to_string(),
                    _ => format!("this row cannot be read as CSV ({e})"),
                };
                return Err(vec![Diagnostic::new(path, line, 0, message).with_hint(
                    "save the spreadsheet again as \"CSV UTF-8\" (File → Download → CSV in Google Sheets)",
                )]);
            }
        }
    }
    let Some((_, header)) = rows.first().cloned() else {
        return Err(vec![Diagnostic::whole_file(path, "the file is empty").with_hint(SHAPES)]);
    };
    let body: Vec<(usize, Vec<String>)> = rows
        .into_iter()
        .skip(1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let person = find_column(&header, &PERSON_WORDS, &[]);
    let taken: Vec<usize> = person.into_iter().collect();
    let wide: Vec<(usize, usize)> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| !taken.contains(i))
        .filter_map(|(i, name)| wide_turn(name).map(|turn| (i, turn)))
        .collect();
    let turn = find_column(&header, &TURN_WORDS, &taken).filter(|i| wide_turn(&header[*i]).is_none());
    let reply = turn.and_then(|t| {
        let mut taken = taken.clone();
        taken.push(t);
        find_column(&header, &REPLY_WORDS, &taken)
    });
    match (turn, reply) {
        (Some(turn), Some(reply)) => long_shape(path, &header, body, person, turn, reply),
        _ if !wide.is_empty() => wide_shape(path, &header, body, person, &wide),
        _ => Err(vec![Diagnostic::new(
            path,
            1,
            0,
            format!(
                "the header row has no columns for the replies (it has: {})",
                header
                    .iter()
                    .map(|h| format!("\"{}\"", h.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_hint(SHAPES)]),
    }
}

/// Column `index` of a row, trimmed; empty when the row is short.
fn cell(cells: &[String], index: usize) -> &str {
    cells.get(index).map_or("", |c| c.trim())
}

/// One reply per row: participant, turn, reply, in any order of rows.
fn long_shape(
    path: &str,
    header: &[String],
    body: Vec<(usize, Vec<String>)>,
    person: Option<usize>,
    turn: usize,
    reply: usize,
) -> Result<Vec<Participant>, Vec<Diagnostic>> {
    let Some(person) = person else {
        return Err(vec![Diagnostic::new(
            path,
            1,
            0,
            "there is no column saying whose reply each row is",
        )
        .with_hint(format!(
            "add a column called `participant` (or `name`) next to \"{}\" and \"{}\"",
            header[turn].trim(),
            header[reply].trim()
        ))]);
    };
    let mut problems = Vec::new();
    // Name → (turn → (line, reply)), people in the order they first appear.
    let mut order: Vec<String> = Vec::new();
    let mut by_person: BTreeMap<String, BTreeMap<usize, Reply>> = BTreeMap::new();
    for (line, cells) in body {
        let name = cell(&cells, person);
        let number = cell(&cells, turn);
        let text = cell(&cells, reply);
        if name.is_empty() {
            problems.push(
                Diagnostic::new(path, line, 0, format!("this row has no {}", header[person].trim()))
                    .with_hint("write whose reply it is, or delete the row"),
            );
            continue;
        }
        let number = match number.trim_start_matches('#').parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                problems.push(
                    Diagnostic::new(
                        path,
                        line,
                        0,
                        format!("the {} \"{number}\" is not a turn number", header[turn].trim()),
                    )
                    .with_hint("number each person's replies 1, 2, 3… in the order they were said"),
                );
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        if !by_person.contains_key(name) {
            order.push(name.to_string());
        }
        let turns = by_person.entry(name.to_string()).or_default();
        if let Some(earlier) = turns.get(&number) {
            problems.push(
                Diagnostic::new(
                    path,
                    line,
                    0,
                    format!("{name} already has a reply for turn {number} (line {})", earlier.line),
                )
                .with_hint("keep one of the two rows, or correct the turn number"),
            );
            continue;
        }
        turns.insert(
            number,
            Reply {
                text: text.to_string(),
                line,
            },
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(order
        .into_iter()
        .map(|name| {
            let turns = by_person.remove(&name).unwrap_or_default();
            participant_from_turns(path, name, turns)
        })
        .collect())
}

/// A person's numbered replies in turn order, with a note for each gap.
fn participant_from_turns(path: &str, name: String, turns: BTreeMap<usize, Reply>) -> Participant {
    let mut notes = Vec::new();
    let mut expected = 1;
    for &number in turns.keys() {
        if number > expected {
            let missing = if number == expected + 1 {
                format!("turn {expected} is")
            } else {
                format!("turns {expected} to {} are", number - 1)
            };
            notes.push(format!(
                "{path}: {missing} missing for {name}; the replies were played in order without {}",
                if number == expected + 1 { "it" } else { "them" }
            ));
        }
        expected = number + 1;
    }
    Participant {
        name,
        source: path.to_string(),
        replies: turns.into_values().collect(),
        notes,
    }
}

/// One row per person: a participant column and a column per turn. A form
/// without a name question still works: its people are called `row 2`, `row 3`…
fn wide_shape(
    path: &str,
    header: &[String],
    body: Vec<(usize, Vec<String>)>,
    person: Option<usize>,
    wide: &[(usize, usize)],
) -> Result<Vec<Participant>, Vec<Diagnostic>> {
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    for &(column, turn) in wide {
        if let Some(&other) = seen.get(&turn) {
            return Err(vec![Diagnostic::new(
                path,
                1,
                0,
                format!(
                    "two columns are turn {turn}: \"{}\" and \"{}\"",
                    header[other].trim(),
                    header[column].trim()
                ),
            )
            .with_hint("rename one of them, or delete the one you do not want played")]);
        }
        seen.insert(turn, column);
    }
    let mut participants = Vec::new();
    let mut problems = Vec::new();
    for (line, cells) in body {
        let name = match person {
            Some(p) if !cell(&cells, p).is_empty() => cell(&cells, p).to_string(),
            Some(p) => {
                problems.push(
                    Diagnostic::new(path, line, 0, format!("this row has no {}", header[p].trim()))
                        .with_hint("write whose replies they are, or delete the row"),
                );
                continue;
            }
            None => format!("row {line}"),
        };
        let turns: BTreeMap<usize, Reply> = seen
            .iter()
            .filter(|(_, &column)| !cell(&cells, column).is_empty())
            .map(|(&turn, &column)| {
                (
                    turn,
                    Reply {
                        text: cell(&cells, column).to_string(),
                        line,
                    },
                )
            })
            .collect();
        participants.push(participant_from_turns(path, name, turns));
    }
    if problems.is_empty() {
        Ok(participants)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_columns_are_recognised_in_the_ways_forms_name_them() {
        assert_eq!(wide_turn("turn1"), Some(1));
        assert_eq!(wide_turn("Reply #2"), Some(2));
        assert_eq!(wide_turn("Q3: what do you say?"), Some(3));
        assert_eq!(wide_turn("4"), Some(4));
        assert_eq!(wide_turn("Timestamp"), None);
        assert_eq!(wide_turn("turn"), None);
        assert_eq!(wide_turn("t2x"), None);
    }

    #[test]
    fn semicolon_exports_are_read() {
        let people = from_csv("x.csv", b"Name;Turn 1;Turn 2\nana;hi;bye\n").unwrap();
        assert_eq!(people[0].name, "ana");
        assert_eq!(people[0].replies.len(), 2);
    }

    #[test]
    fn a_form_without_a_name_question_numbers_its_rows() {
        let people = from_csv("x.csv", b"\xEF\xBB\xBFTimestamp,Reply 1\n2026-01-01,hello\n").unwrap();
        assert_eq!(people[0].name, "row 2");
        assert_eq!(people[0].replies[0].text, "hello");
    }
}
