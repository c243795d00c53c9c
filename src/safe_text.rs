//! Text from a scenario, a script or a reply, made safe to show in a terminal or
//! an export.
//!
//! Scenario packs and scorer scripts are shared between strangers, and replies
//! are pasted from anywhere. An escape sequence in a partner's line could retitle
//! the window, clear the screen or fake a prompt; a right-to-left override can
//! make text read differently from what it is. So control characters are shown
//! as visible symbols (ESC as `␛`) and invisible direction overrides are dropped,
//! before the text reaches anything that prints it. Styling added by rehearse
//! itself comes later and is not touched.

/// Invisible characters that reorder the text around them: the bidi embeddings,
/// overrides and isolates, and the marks that steer them.
const BIDI_CONTROLS: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Whether `c` must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || BIDI_CONTROLS.contains(&c)
}

/// `text` with control characters shown as visible symbols (ESC as `␛`, BEL as
/// `␇`), other controls as `�`, and direction overrides removed. Line breaks and
/// tabs are kept: multi-line scenario text stays multi-line.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    text.chars()
        .filter(|c| !BIDI_CONTROLS.contains(c))
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\u{7F}' => '\u{2421}',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A line typed or piped by the person: every control character (line breaks
/// included) becomes a space and direction overrides are removed, so what is
/// scored, stored and echoed is what can be seen.
pub fn typed(text: &str) -> String {
    text.chars()
        .filter(|c| !BIDI_CONTROLS.contains(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible_and_overrides_disappear() {
        assert_eq!(visible("Hi \u{1b}]0;TITLE\u{7}\u{1b}[2J"), "Hi ␛]0;TITLE␇␛[2J");
        assert_eq!(visible("abc\u{202E}def"), "abcdef");
        assert_eq!(visible("two\nlines\tok"), "two\nlines\tok");
        assert_eq!(visible("\u{9b}2J"), "\u{FFFD}2J");
        assert_eq!(typed("a\u{1b}[2Jb\u{202E}c\nd"), "a [2Jbc d");
    }
}
