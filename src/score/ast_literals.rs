//! A pattern's literal set worked out from its syntax tree (the regex crate's
//! `ast`), without translating the pattern to its high-level form (`hir`).
//!
//! A one-shot `score "…"` works out the literal sets of some 850 patterns
//! (over 500 KB of pattern text) before it can skip any search, and the
//! translation, with Unicode case folding of every letter, was most of that
//! cost: a third of the whole run. The tree alone holds what the set needs:
//! the literal characters, the small classes, the flags in force and the
//! shape (concatenations, alternations, repetitions).
//!
//! The set is a prefilter (see `patterns.rs`): it must only ever be *sound*,
//! every match of the pattern containing one of its literals (ASCII case
//! ignored). It is worked out by the same rules as the translated form's
//! (`patterns::necessary`), case folding included (a `k` under `(?i)` is also
//! the Kelvin sign), so it is sound for the same reasons; it can differ from
//! that set only where the translation rewrites the tree (lifting a common
//! prefix out of an alternation, say), and both are sound, so no search that
//! could match is ever skipped and output does not change.
//!
//! A pattern the translation could refuse (a Unicode class name that may not
//! exist; in ASCII mode `(?-u)`, anything that could match part of a
//! multi-byte character) is left to the full parser, so such a pattern still
//! has no set and its error is reported on its first search, as before.

use super::patterns::{useful, ConcatBest, MAX_CLASS_CHARS};
use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
use std::sync::OnceLock;

type Set = Vec<Vec<u8>>;

/// The flags that change what a literal matches, as the translator tracks them.
#[derive(Clone, Copy)]
struct Flags {
    case_insensitive: bool,
    unicode: bool,
}

impl Flags {
    fn apply(&mut self, set: &ast::Flags) {
        if let Some(on) = set.flag_state(ast::Flag::CaseInsensitive) {
            self.case_insensitive = on;
        }
        if let Some(on) = set.flag_state(ast::Flag::Unicode) {
            self.unicode = on;
        }
    }
}

const DEFAULT: Flags = Flags {
    case_insensitive: false,
    unicode: true,
};

/// The literal set of `pattern` (`Some(None)`: it has no useful one, or does
/// not parse), or `None` when only the full parser can say (see the module
/// documentation).
pub(super) fn necessary_literals(pattern: &str) -> Option<Option<Set>> {
    let Ok(tree) = ast::parse::Parser::new().parse(pattern) else {
        // The full parser starts with this same parse, so it fails too.
        return Some(None);
    };
    if may_not_translate(&tree, &mut DEFAULT.clone()) {
        return None;
    }
    Some(necessary(&tree, &mut DEFAULT.clone()))
}

/// Whether translating `tree` could fail: a Unicode class (its name may be
/// unknown), or in ASCII mode a dot, a negated class or a non-ASCII class
/// member or byte (each could match part of a character). Flags are tracked
/// as the translator tracks them: to the end of the enclosing group.
fn may_not_translate(tree: &Ast, flags: &mut Flags) -> bool {
    match tree {
        Ast::Empty(_) | Ast::Assertion(_) => false,
        Ast::Flags(set) => {
            flags.apply(&set.flags);
            false
        }
        Ast::Literal(literal) => !flags.unicode && literal.byte().is_some_and(|b| b > 0x7F),
        Ast::Dot(_) => !flags.unicode,
        Ast::ClassUnicode(_) => true,
        Ast::ClassPerl(class) => !flags.unicode && class.negated,
        Ast::ClassBracketed(class) => {
            !flags.unicode && (class.negated || class_may_not_translate(&class.kind)) || class_has_unicode(&class.kind)
        }
        Ast::Repetition(repetition) => may_not_translate(&repetition.ast, flags),
        Ast::Group(group) => {
            let saved = *flags;
            if let Some(set) = group.flags() {
                flags.apply(set);
            }
            let answer = may_not_translate(&group.ast, flags);
            *flags = saved;
            answer
        }
        Ast::Alternation(alternation) => alternation.asts.iter().any(|a| may_not_translate(a, flags)),
        Ast::Concat(concat) => concat.asts.iter().any(|a| may_not_translate(a, flags)),
    }
}

/// In ASCII mode: whether a class holds anything but ASCII members and
/// non-negated Perl or ASCII classes.
fn class_may_not_translate(set: &ClassSet) -> bool {
    match set {
        ClassSet::BinaryOp(_) => true,
        ClassSet::Item(item) => item_may_not_translate(item),
    }
}

fn item_may_not_translate(item: &ClassSetItem) -> bool {
    match item {
        ClassSetItem::Empty(_) | ClassSetItem::Ascii(_) => false,
        ClassSetItem::Literal(literal) => !literal.c.is_ascii(),
        ClassSetItem::Range(range) => !range.start.c.is_ascii() || !range.end.c.is_ascii(),
        ClassSetItem::Unicode(_) => true,
        ClassSetItem::Perl(class) => class.negated,
        ClassSetItem::Bracketed(inner) => inner.negated || class_may_not_translate(&inner.kind),
        ClassSetItem::Union(union) => union.items.iter().any(item_may_not_translate),
    }
}

/// Whether a class names a Unicode class anywhere (in any mode).
fn class_has_unicode(set: &ClassSet) -> bool {
    fn has_unicode(member: &ClassSetItem) -> bool {
        match member {
            ClassSetItem::Unicode(_) => true,
            ClassSetItem::Bracketed(inner) => class_has_unicode(&inner.kind),
            ClassSetItem::Union(union) => union.items.iter().any(has_unicode),
            _ => false,
        }
    }
    match set {
        ClassSet::BinaryOp(op) => class_has_unicode(&op.lhs) || class_has_unicode(&op.rhs),
        ClassSet::Item(member) => has_unicode(member),
    }
}

/// A set of literals one of which every match of `tree` contains, or `None`;
/// the rules of `patterns::necessary`, on the tree.
fn necessary(tree: &Ast, flags: &mut Flags) -> Option<Set> {
    match tree {
        Ast::Flags(set) => {
            flags.apply(&set.flags);
            None
        }
        Ast::Group(group) => {
            let saved = *flags;
            if let Some(set) = group.flags() {
                flags.apply(set);
            }
            let answer = necessary(&group.ast, flags);
            *flags = saved;
            answer
        }
        Ast::Repetition(repetition) if at_least_once(&repetition.op.kind) => necessary(&repetition.ast, flags),
        Ast::Literal(_) | Ast::ClassBracketed(_) => useful(letters(tree, flags)?),
        Ast::Concat(_) => {
            let mut parts = Vec::new();
            flatten(tree, flags, &mut parts);
            best_of(parts)
        }
        Ast::Alternation(alternation) => {
            let mut union = Vec::new();
            for branch in &alternation.asts {
                union.extend(necessary(branch, flags)?);
            }
            union.sort();
            union.dedup();
            useful(union)
        }
        _ => None,
    }
}

fn at_least_once(kind: &ast::RepetitionKind) -> bool {
    use ast::{RepetitionKind::*, RepetitionRange::*};
    match kind {
        ZeroOrOne | ZeroOrMore => false,
        OneOrMore => true,
        Range(Exactly(n) | AtLeast(n) | Bounded(n, _)) => *n >= 1,
    }
}

/// One part of a concatenation: the strings it stands for (a letter or a
/// small class), or the set any other part needs.
enum Part {
    /// One ASCII byte, the only string the part stands for (most letters):
    /// kept apart so a run of them grows in place instead of being crossed.
    Byte(u8),
    Letters(Set),
    Other(Option<Set>),
}

/// The parts of a concatenation, in order, with non-capturing groups opened
/// (as the translation does) and flags and empty pieces dropped (they match
/// nothing, so a run of letters goes on across them).
fn flatten(tree: &Ast, flags: &mut Flags, parts: &mut Vec<Part>) {
    match tree {
        Ast::Concat(concat) => {
            for piece in &concat.asts {
                flatten(piece, flags, parts);
            }
        }
        Ast::Flags(set) => flags.apply(&set.flags),
        Ast::Empty(_) => {}
        Ast::Group(group) if group.flags().is_some() => {
            let saved = *flags;
            if let Some(set) = group.flags() {
                flags.apply(set);
            }
            flatten(&group.ast, flags, parts);
            *flags = saved;
        }
        Ast::Literal(literal) if single_byte(literal.c, *flags).is_some() => {
            if let Some(byte) = single_byte(literal.c, *flags) {
                parts.push(Part::Byte(byte));
            }
        }
        other => match letters(other, flags) {
            Some(options) => parts.push(Part::Letters(options)),
            None => parts.push(Part::Other(necessary(other, flags))),
        },
    }
}

/// The best set of a concatenation's parts: a run of letters is one word (the
/// words it can spell), any other part brings its own set.
fn best_of(parts: Vec<Part>) -> Option<Set> {
    let mut best = ConcatBest::default();
    for part in parts {
        match part {
            Part::Byte(byte) => best.byte(byte),
            Part::Letters(options) => best.letters(options),
            Part::Other(set) => best.other(set),
        }
    }
    best.finish()
}

/// The strings a literal, a small class or an alternation of single letters
/// stands for, ASCII lower-cased (as `patterns::letters` gives them for the
/// translated form): at most [`MAX_CLASS_CHARS`], else `None`.
fn letters(tree: &Ast, flags: &mut Flags) -> Option<Set> {
    let chars: Vec<char> = match tree {
        Ast::Literal(literal) => vec![literal.c],
        Ast::ClassBracketed(class) if !class.negated => {
            let mut chars = Vec::new();
            class_chars(&class.kind, &mut chars)?;
            chars
        }
        Ast::Alternation(alternation) => {
            let mut chars = Vec::new();
            for branch in &alternation.asts {
                match branch {
                    Ast::Literal(literal) => chars.push(literal.c),
                    _ => return None,
                }
            }
            chars
        }
        _ => return None,
    };
    let mut chars = if flags.case_insensitive {
        folded(&chars, flags.unicode)
    } else {
        chars
    };
    chars.sort_unstable();
    chars.dedup();
    if chars.len() > MAX_CLASS_CHARS * 2 {
        return None;
    }
    let mut options: Set = chars
        .iter()
        .map(|c| {
            let mut bytes = c.to_string().into_bytes();
            bytes.make_ascii_lowercase();
            bytes
        })
        .collect();
    options.sort();
    options.dedup();
    (options.len() <= MAX_CLASS_CHARS).then_some(options)
}

/// The one string a literal `c` stands for when it is a single ASCII byte
/// after folding and lower-casing (what [`letters`] would give as its only
/// option): every ASCII character but `k` and `s` under Unicode `(?i)`.
fn single_byte(c: char, flags: Flags) -> Option<u8> {
    if !c.is_ascii() {
        return None;
    }
    let folds_outside_ascii =
        flags.case_insensitive && flags.unicode && ascii_folds()[c as usize].iter().any(|f| !f.is_ascii());
    (!folds_outside_ascii).then(|| c.to_ascii_lowercase() as u8)
}

/// The members of a class made of literals, small ranges and nested such
/// classes; `None` for anything bigger or computed (Perl, Unicode and ASCII
/// classes, set operations, negation).
fn class_chars(set: &ClassSet, chars: &mut Vec<char>) -> Option<()> {
    fn members(member: &ClassSetItem, chars: &mut Vec<char>) -> Option<()> {
        match member {
            ClassSetItem::Empty(_) => Some(()),
            ClassSetItem::Literal(literal) => {
                chars.push(literal.c);
                Some(())
            }
            ClassSetItem::Range(range) => {
                let (start, end) = (range.start.c, range.end.c);
                if (end as u32).saturating_sub(start as u32) as usize >= MAX_CLASS_CHARS * 2 {
                    return None;
                }
                chars.extend(start..=end);
                Some(())
            }
            ClassSetItem::Bracketed(inner) if !inner.negated => class_chars(&inner.kind, chars),
            ClassSetItem::Union(union) => union.items.iter().try_for_each(|m| members(m, chars)),
            _ => None,
        }
    }
    match set {
        ClassSet::Item(member) => members(member, chars),
        ClassSet::BinaryOp(_) => None,
    }
}

/// `chars` with every case variant the translation adds under `(?i)`: simple
/// Unicode case folding (`k` is also U+212A KELVIN SIGN), or in ASCII mode
/// the other case of an ASCII letter.
fn folded(chars: &[char], unicode: bool) -> Vec<char> {
    let mut all = Vec::with_capacity(chars.len() * 2);
    for &c in chars {
        if !unicode {
            all.push(c);
            if c.is_ascii_alphabetic() {
                all.push(c.to_ascii_uppercase());
                all.push(c.to_ascii_lowercase());
            }
        } else if c.is_ascii() {
            all.extend_from_slice(&ascii_folds()[c as usize]);
        } else {
            all.extend(unicode_fold(c));
        }
    }
    all
}

fn unicode_fold(c: char) -> Vec<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class.iter().flat_map(|r| r.start()..=r.end()).collect()
}

/// The folds of the 128 ASCII characters, worked out once: most pattern
/// letters are ASCII.
fn ascii_folds() -> &'static [Vec<char>] {
    static FOLDS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    FOLDS.get_or_init(|| (0u8..128).map(|b| unicode_fold(char::from(b))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set, checked against the regex on `texts`: every text the regex
    /// matches holds one of the literals (ASCII case ignored).
    fn sound(pattern: &str, texts: &[&str]) -> Option<Set> {
        let set = necessary_literals(pattern).expect("the tree decides");
        let re = regex::Regex::new(pattern).expect("compiles");
        for text in texts {
            if !re.is_match(text) {
                continue;
            }
            let lower = text.as_bytes().to_ascii_lowercase();
            if let Some(set) = &set {
                assert!(
                    set.iter().any(|l| memchr::memmem::find(&lower, l).is_some()),
                    "{pattern} matches {text:?} but the set {set:?} would skip it"
                );
            }
        }
        set
    }

    #[test]
    fn the_set_never_hides_a_match() {
        let cases = [
            (r"(?i)\bhow\s+convenient\b", "HOW   Convenient!"),
            (r"(?i)straße", "STRASSE strasse STRAẞE"),
            (r"(?i)kelvin", "\u{212A}elvin"),
            (r"(?i)\bsorry\b", "\u{17F}orry"),
            (
                r"(?i)\b(?:congrat(?:ulation)?s|well\s+done)\b[^.!?]{0,50}?\bfor\s+once\b",
                "Well done for once.",
            ),
            (r"(?i-u)\b(?:don(?:'|’)?t|never)\s+ever\b", "you DON’T ever"),
            (r"x*", "anything"),
            (r"a(?i)bc|de", "aBC DE"),
            (r"(?i:you)R", "YOUR"),
            (r"(?i)[’']re\s+(?:so|very)\s+kind", "’RE SO KIND"),
            (r"(?i)\b(?:a|b)(?:c|d)ing", "BDING"),
        ];
        for (pattern, text) in cases {
            sound(pattern, &[text, "nothing here"]);
        }
    }

    #[test]
    fn the_sets_agree_with_the_translated_forms_on_usual_patterns() {
        for pattern in [
            r"\b(?:you|u)\s+want\s+a\s+(?:medal|cookie)\b",
            r"(?i)\bhow\s+convenient\b",
            r"(?i)kelvin",
            r"(?i-u)\b(?:i\s+should(?:(?:'|’)?ve|\s+have)\s+known\s+better)\b",
            r"(?i)\b(?:you|u)\b",
            r"[a-z]+ing",
        ] {
            assert_eq!(
                necessary_literals(pattern),
                Some(super::super::patterns::necessary_literals_translated(pattern)),
                "{pattern}"
            );
        }
    }

    #[test]
    fn a_single_byte_is_what_letters_gives() {
        for unicode in [true, false] {
            for case_insensitive in [true, false] {
                let mut flags = Flags {
                    case_insensitive,
                    unicode,
                };
                for c in (0u8..128).map(char::from).chain(['’', 'é', 'K']) {
                    let literal = Ast::literal(ast::Literal {
                        span: ast::Span::splat(ast::Position::new(0, 1, 1)),
                        kind: ast::LiteralKind::Verbatim,
                        c,
                    });
                    if let Some(byte) = single_byte(c, flags) {
                        assert_eq!(letters(&literal, &mut flags), Some(vec![vec![byte]]), "{c:?}");
                    }
                }
                assert_eq!(single_byte('k', flags).is_none(), case_insensitive && unicode);
            }
        }
    }

    #[test]
    fn a_pattern_the_translation_could_refuse_is_left_to_it() {
        for pattern in [
            r"(?-u).",
            r"(?i-u)[’']",
            r"\p{Greek}",
            r"(?-u)\S",
            r"(?-u)[^a]",
            r"\p{NoSuchClass}x",
        ] {
            assert_eq!(necessary_literals(pattern), None, "{pattern}");
        }
        assert_eq!(necessary_literals("(unclosed"), Some(None));
        assert!(necessary_literals(r"(?i-u)(?:'|’)re\s+kind").is_some());
    }
}
