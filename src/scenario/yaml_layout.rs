//! What an author most likely got wrong when YAML cannot read a file, or reads
//! it into the wrong shape: a line indented one step too far or too little,
//! a line of text that needed quotes. serde_yaml says where *it* noticed the
//! problem ("missing `on_reply`" at the start of a beat); this finds the line
//! that is actually wrong and says how to fix it, in plain words.
//!
//! Each function looks at the file's text around serde_yaml's position and
//! returns a better place, message and hint, or `None` to keep serde's.

use crate::diagnostic::did_you_mean;

/// A better account of a YAML problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// The keys of each part of a scenario, to tell which part a stray key belongs to.
const PARTS: [(&str, &[&str]); 5] = [
    (
        "the scenario (at the start of the line)",
        &[
            "id",
            "title",
            "category",
            "difficulty",
            "summary",
            "content_notes",
            "persona",
            "setting",
            "state",
            "examples",
            "scorers",
            "start",
            "beats",
            "endings",
            "tests",
        ],
    ),
    ("a beat", &["say", "coach", "on_reply"]),
    ("a rule", &["when", "set", "note", "goto"]),
    ("an ending", &["kind", "title", "say", "debrief"]),
    ("a test", &["name", "seed", "replies", "ends", "reaches", "expect"]),
];

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key a line starts with (`coach` for `    coach: …`, `when` for `- when: …`).
fn key_of(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = t.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')).then_some(key)
}

fn spaces(n: usize) -> String {
    match n {
        1 => "1 space".to_string(),
        n => format!("{n} spaces"),
    }
}

/// The better account of the problem serde_yaml reported as `message` at
/// (`line`, `column`), 1-based, in `text`; `None` when it has none.
pub fn diagnose(text: &str, line: usize, column: usize, message: &str) -> Option<Layout> {
    let lines: Vec<&str> = text.lines().collect();
    if let Some(field) = message
        .split("missing the line `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        return misplaced_after(&lines, line, column, field, message);
    }
    if message.contains("unknown field `") {
        return stray_key(&lines, line, message);
    }
    if message.contains("expected a beat") || message.contains("expected an ending") {
        return key_read_as_a_name(&lines, line, message);
    }
    if message.contains("did not find expected '-' indicator") {
        return not_a_list_item(&lines, line);
    }
    if message.contains("did not find expected key") || message.contains("mapping values are not allowed") {
        return quoting_or_indent(&lines, line);
    }
    None
}

/// "missing `on_reply`" reported at the start of a beat: usually a line below
/// it is indented less than the beat's other lines, which ends the beat early
/// and leaves what follows outside it.
fn misplaced_after(lines: &[&str], line: usize, column: usize, field: &str, message: &str) -> Option<Layout> {
    let start = *lines.get(line.checked_sub(1)?)?;
    let own = column.checked_sub(1)?;
    // The part's own lines are indented `own`; a line of the part above it,
    // its parent, is indented less. A list item's `- ` sits two to the left.
    let parent = if start.trim_start().starts_with("- ") {
        indent(start)
    } else {
        lines[..line - 1]
            .iter()
            .rev()
            .find(|l| !is_blank_or_comment(l) && indent(l) < own)
            .map_or(0, |l| indent(l))
    };
    let first_key = key_of(start)?;
    let (at, stray) = lines
        .iter()
        .enumerate()
        .skip(line)
        .find(|(_, l)| !is_blank_or_comment(l) && indent(l) < own)?;
    let stray_key = key_of(stray)?;
    let between = indent(stray) > parent;
    let next_is_the_field = lines
        .iter()
        .skip(at + 1)
        .find(|l| !is_blank_or_comment(l))
        .is_some_and(|l| indent(l) == own && key_of(l) == Some(field));
    if !(between || stray_key == field || next_is_the_field) {
        return None;
    }
    let part = message
        .split(": missing the line")
        .next()
        .and_then(|p| p.rsplit('.').next())
        .unwrap_or("");
    let part = if part.is_empty() || part.contains(' ') {
        String::new()
    } else {
        format!(" `{part}`")
    };
    Some(Layout {
        line: at + 1,
        column: indent(stray) + 1,
        message: format!(
            "`{stray_key}:` is indented less than `{first_key}:` above it ({} instead of {own}), so it is not read as part of{part}",
            spaces(indent(stray)),
        ),
        hint: format!("indent `{stray_key}:` with {}, exactly like `{first_key}:`", spaces(own)),
    })
}

/// The part whose keys include `key`, other than the one listed in `allowed`.
fn owner_of(key: &str, allowed: &[&str]) -> Option<(&'static str, &'static [&'static str])> {
    PARTS
        .iter()
        .find(|(_, keys)| keys.contains(&key) && !allowed.iter().all(|a| keys.contains(a)))
        .map(|(name, keys)| (*name, *keys))
}

/// "unknown field `coach`" inside a rule: a key of the beat, indented as if
/// it were part of the rule above.
fn stray_key(lines: &[&str], line: usize, message: &str) -> Option<Layout> {
    let mut quoted = message.split('`').skip(1).step_by(2);
    let key = quoted.next()?;
    let allowed: Vec<&str> = quoted.collect();
    if did_you_mean(key, allowed.iter().copied()).is_some() {
        return None;
    }
    let (part, keys) = owner_of(key, &allowed)?;
    // The part it was read into: the one whose keys are the allowed ones.
    let here_part = PARTS
        .iter()
        .find(|(_, keys)| allowed.iter().all(|a| keys.contains(a)))
        .map_or("the part".to_string(), |(name, _)| {
            let name = name.trim_end_matches(" (at the start of the line)");
            format!(
                "the {}",
                name.trim_start_matches("a ")
                    .trim_start_matches("an ")
                    .trim_start_matches("the ")
            )
        });
    let here = *lines.get(line.checked_sub(1)?)?;
    // A line of that part above, to line up with.
    let model = lines[..line - 1]
        .iter()
        .rev()
        .filter(|l| !is_blank_or_comment(l) && indent(l) < indent(here))
        .find(|l| key_of(l).is_some_and(|k| keys.contains(&k) && k != key));
    let hint = match model {
        Some(m) => format!(
            "`{key}:` belongs to {part}: indent it with {}, like `{}:` above",
            spaces(indent(m)),
            key_of(m).unwrap_or(key)
        ),
        None => format!("`{key}:` belongs to {part}: line it up with that part's other keys"),
    };
    Some(Layout {
        line,
        column: indent(here) + 1,
        message: format!("`{key}:` is indented as part of {here_part} above it, where it does not belong"),
        hint,
    })
}

/// "beats.coach: expected a beat": a beat's key lined up with the beat names,
/// so it reads as a beat of its own.
fn key_read_as_a_name(lines: &[&str], line: usize, message: &str) -> Option<Layout> {
    let path = message.split(':').next()?;
    let (group, name) = path.split_once('.')?;
    let (part, keys) = match group {
        "beats" => ("beat", PARTS[1].1),
        "endings" => ("ending", PARTS[3].1),
        _ => return None,
    };
    if !keys.contains(&name) {
        return None;
    }
    let at = (0..line.min(lines.len()))
        .rev()
        .find(|&i| key_of(lines[i]) == Some(name))?;
    let model = lines[..at].iter().rev().find(|l| {
        !is_blank_or_comment(l) && key_of(l).is_some_and(|k| keys.contains(&k)) && indent(l) > indent(lines[at])
    });
    let wanted = model.map_or(indent(lines[at]) + 2, |m| indent(m));
    Some(Layout {
        line: at + 1,
        column: indent(lines[at]) + 1,
        message: format!("`{name}:` is lined up with the {part} names, so it reads as a {part} called `{name}`"),
        hint: format!(
            "to make it part of the {part} above, indent it with {}, like that {part}'s other keys",
            spaces(wanted)
        ),
    })
}

/// "did not find expected '-' indicator": a key indented like the items of
/// the list above it (`coach:` under the lines of `say:`).
fn not_a_list_item(lines: &[&str], line: usize) -> Option<Layout> {
    let here = *lines.get(line.checked_sub(1)?)?;
    let key = key_of(here)?;
    let list = lines[..line - 1]
        .iter()
        .rev()
        .find(|l| !is_blank_or_comment(l) && indent(l) < indent(here) && !l.trim_start().starts_with("- "))?;
    let owner = key_of(list)?;
    Some(Layout {
        line,
        column: indent(here) + 1,
        message: format!("`{key}:` is indented like the list under `{owner}:`, but is not one of its items"),
        hint: format!(
            "if `{key}:` goes beside `{owner}:`, indent it with {} like `{owner}:`; if it is another item of the list, start it with `- `",
            spaces(indent(list))
        ),
    })
}

/// "did not find expected key" or "mapping values are not allowed": a line of
/// text that needed double quotes, or a key indented deeper than the line above.
fn quoting_or_indent(lines: &[&str], line: usize) -> Option<Layout> {
    let here = *lines.get(line.checked_sub(1)?)?;
    let column = indent(here) + 1;
    let Some((key, value)) = here.trim_start().trim_start_matches("- ").split_once(": ") else {
        return deeper_than_above(lines, line);
    };
    let value = value.trim();
    let key_part = &here[..here.len() - here.trim_start().len()];
    let item = if here.trim_start().starts_with("- ") { "- " } else { "" };
    let quoted = |text: &str| format!("{key_part}{item}{key}: \"{}\"", text.replace('"', "'"));
    let key = key.trim();
    // `say: 'I don't know.'`: the apostrophe ends the single-quoted text.
    if value.starts_with('\'') && value[1..].trim_end_matches('\'').contains('\'') {
        return Some(Layout {
            line,
            column,
            message: format!(
                "the text of `{key}:` is in single quotes and has an apostrophe inside, which ends it early"
            ),
            hint: format!(
                "put it in double quotes instead: {}",
                quoted(value.trim_matches('\'')).trim_start()
            ),
        });
    }
    // `say: "Fine" she said.`: the quote closes before the line ends.
    if value.starts_with('"') && value.len() > 1 && !value.ends_with('"') {
        return Some(Layout {
            line,
            column,
            message: format!("the text of `{key}:` starts with a quote, so YAML ends it at the next quote"),
            hint: format!(
                "put the whole line in double quotes, with single quotes inside: {}",
                quoted(value).trim_start()
            ),
        });
    }
    // `say: Listen: please.`: a second `: ` reads as another key.
    if value.contains(": ") && !value.starts_with(['"', '\'', '{', '[']) {
        return Some(Layout {
            line,
            column,
            message: format!("the text of `{key}:` has `: ` in it, which YAML reads as another `key: value`"),
            hint: format!("put the whole text in double quotes: {}", quoted(value).trim_start()),
        });
    }
    deeper_than_above(lines, line)
}

/// A key indented deeper than the `key: value` line above it.
fn deeper_than_above(lines: &[&str], line: usize) -> Option<Layout> {
    let here = *lines.get(line.checked_sub(1)?)?;
    let key = key_of(here)?;
    let above = lines[..line - 1].iter().rev().find(|l| !is_blank_or_comment(l))?;
    let model = key_of(above)?;
    if indent(here) <= indent(above) || above.trim_end().ends_with(':') {
        return None;
    }
    Some(Layout {
        line,
        column: indent(here) + 1,
        message: format!("`{key}:` is indented more than `{model}:` above it"),
        hint: format!("line it up with `{model}:` ({})", spaces(indent(above))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_from_lines_and_list_items() {
        assert_eq!(key_of("    coach: Try."), Some("coach"));
        assert_eq!(key_of("      - when: blame >= 0.5"), Some("when"));
        assert_eq!(key_of("      - \"Opening line\""), None);
    }

    #[test]
    fn a_part_is_found_by_its_keys() {
        assert_eq!(
            owner_of("coach", &["when", "set", "note", "goto"]).map(|p| p.0),
            Some("a beat")
        );
        assert_eq!(
            owner_of("endings", &["say", "coach", "on_reply"]).map(|p| p.0),
            Some("the scenario (at the start of the line)")
        );
        assert_eq!(owner_of("flavour", &["say"]), None);
    }
}
