//! Word-wrapping text for a terminal of a given width.
//!
//! A terminal breaks a long line at its edge wherever the edge falls, in the
//! middle of a word ("ove/rwork"). The REPL wraps what it prints itself, on word
//! boundaries, so a reply's feedback stays readable in a narrow window. Only
//! interactive output is wrapped: piped output, transcripts and snapshots keep
//! one line per line, so they diff and grep the same on every machine.
//!
//! Colour codes (`ESC [ … m`) take no room on screen, so they are not counted;
//! characters are measured with `unicode-width` (a CJK character takes two
//! columns, a combining accent none). A colour that is on where a line breaks is
//! switched off before the break and on again after the indent, so the indent is
//! never painted and the colour carries on where the words do.

use unicode_width::UnicodeWidthChar;

/// Narrower than this, wrapping helps no one: lines are left as they are.
pub const MIN_WIDTH: usize = 20;

/// The widest label (`Sam: `, `  hurt:   `) whose text continues under itself
/// rather than under the label; a longer one would leave too little room.
const MAX_HANG: usize = 24;

/// How many columns `text` takes on screen, colour codes not counted.
pub fn visible_width(text: &str) -> usize {
    let mut width = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            skip_escape(&mut chars);
            continue;
        }
        width += c.width().unwrap_or(0);
    }
    width
}

/// Skips the rest of an escape sequence whose `ESC` was just read: a CSI
/// (`ESC [` parameters, then one final byte in `@`..=`~`) or a two-byte one.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut seq = String::from('\x1b');
    match chars.next() {
        Some('[') => {
            seq.push('[');
            for c in chars.by_ref() {
                seq.push(c);
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(c) => seq.push(c),
        None => {}
    }
    seq
}

/// Wraps every line of `text` to `width` columns on spaces. Lines that fit are
/// unchanged; a word longer than the whole width gets a line of its own (the
/// terminal breaks it, as it must). A continuation line is indented like its
/// first line, and under the text after a short leading label such as `Sam: `
/// or `  tip:    `, so the label stands out.
pub fn wrap(text: &str, width: usize) -> String {
    if width < MIN_WIDTH {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if visible_width(line) <= width {
            out.push_str(line);
        } else {
            wrap_line(line, width, &mut out);
        }
    }
    out
}

/// One piece of a line: the spaces before a word, and the word itself (which
/// may contain colour codes).
struct Piece<'a> {
    spaces: &'a str,
    word: &'a str,
}

fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let word_start = rest.find(|c: char| c != ' ').unwrap_or(rest.len());
        let after = &rest[word_start..];
        let word_len = after.find(' ').unwrap_or(after.len());
        pieces.push(Piece {
            spaces: &rest[..word_start],
            word: &after[..word_len],
        });
        rest = &after[word_len..];
    }
    pieces
}

/// The colour switched on at the end of `text`, if any: the last SGR code,
/// unless it was a reset.
fn colour_at_end(text: &str, mut active: Option<String>) -> Option<String> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            let seq = skip_escape(&mut chars);
            if seq.ends_with('m') {
                active = if seq == "\x1b[0m" || seq == "\x1b[m" {
                    None
                } else {
                    Some(seq)
                };
            }
        }
    }
    active
}

/// The indent for continuation lines: the line's leading spaces, plus a short
/// label (`Sam:`, `hurt:`) and the spaces after it.
fn hanging_indent(pieces: &[Piece<'_>], width: usize) -> usize {
    let Some(first) = pieces.first() else {
        return 0;
    };
    let lead = visible_width(first.spaces);
    let label = first.word;
    let plain_label: String = {
        let mut s = String::new();
        let mut chars = label.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                skip_escape(&mut chars);
            } else {
                s.push(c);
            }
        }
        s
    };
    if plain_label.ends_with(':') && pieces.len() > 1 {
        // Up to the first visible word after the label: a coloured label may
        // be followed by its own reset code and more spaces.
        let mut hang = lead + visible_width(label);
        for piece in &pieces[1..] {
            hang += visible_width(piece.spaces);
            if visible_width(piece.word) > 0 {
                break;
            }
        }
        if hang <= MAX_HANG && hang * 2 <= width {
            return hang;
        }
    }
    lead
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    let pieces = pieces(line);
    let indent = " ".repeat(hanging_indent(&pieces, width));
    let mut column = 0;
    let mut has_word = false;
    let mut colour: Option<String> = None;
    for piece in &pieces {
        let spaces = visible_width(piece.spaces);
        let word = visible_width(piece.word);
        if word == 0 {
            // Only colour codes: never a reason to break, and spaces that would
            // run past the edge are dropped rather than wrap to an empty line.
            if column + spaces <= width {
                out.push_str(piece.spaces);
                column += spaces;
            }
        } else if has_word && column + spaces + word > width {
            if colour.is_some() {
                out.push_str("\x1b[0m");
            }
            out.push('\n');
            out.push_str(&indent);
            if let Some(code) = &colour {
                out.push_str(code);
            }
            column = indent.len();
        } else {
            out.push_str(piece.spaces);
            column += spaces;
        }
        out.push_str(piece.word);
        column += word;
        has_word |= word > 0;
        colour = colour_at_end(piece.word, colour);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_between_words_never_inside_one() {
        let text = "Sam: I have been working overtime all week and I am tired of coming home to this.";
        let wrapped = wrap(text, 30);
        for line in wrapped.lines() {
            assert!(visible_width(line) <= 30, "{line:?}");
        }
        let words: Vec<&str> = wrapped.split_whitespace().collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        // Continuation lines hang under the text, not under the name.
        let second = wrapped.lines().nth(1).unwrap_or_default();
        assert!(
            second.starts_with("     ") && !second.starts_with("      "),
            "{wrapped}"
        );
    }

    #[test]
    fn short_lines_and_narrow_widths_are_left_alone() {
        assert_eq!(wrap("a short line\nand another", 80), "a short line\nand another");
        assert_eq!(
            wrap("too narrow to help anyone here", 10),
            "too narrow to help anyone here"
        );
    }

    #[test]
    fn colour_codes_take_no_room_and_survive_a_break() {
        let red = "\x1b[31m";
        let reset = "\x1b[0m";
        let text = format!("  hurt:   blame 0.90 — {red}\"you never listen to a single word\"{reset} (absolute)");
        assert_eq!(
            visible_width(&text),
            visible_width(&text.replace(red, "").replace(reset, ""))
        );
        let wrapped = wrap(&text, 40);
        for line in wrapped.lines() {
            assert!(visible_width(line) <= 40, "{line:?}");
        }
        // The colour is switched off at the break and back on after the indent.
        assert!(wrapped.contains(&format!("{reset}\n")), "{wrapped:?}");
        assert!(wrapped.contains(&format!("\n{}{red}to", " ".repeat(10))), "{wrapped:?}");
        assert_eq!(
            wrapped
                .replace(red, "")
                .replace(reset, "")
                .split_whitespace()
                .collect::<Vec<_>>(),
            text.replace(red, "")
                .replace(reset, "")
                .split_whitespace()
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_coloured_label_hangs_its_text_under_the_first_word() {
        // As `render::feedback` paints it: the label's spaces inside the colour.
        let text = "  \x1b[31mhurt:  \x1b[0m blame 0.90 — one two three four five six seven eight";
        let wrapped = wrap(text, 40);
        let second = wrapped.lines().nth(1).unwrap_or_default();
        assert!(
            second.starts_with(&" ".repeat(10)) && !second.starts_with(&" ".repeat(11)),
            "{wrapped:?}"
        );
        for line in wrapped.lines() {
            assert!(visible_width(line) <= 40, "{line:?}");
        }
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(visible_width("日本"), 4);
        assert_eq!(visible_width("e\u{301}"), 1);
    }
}
