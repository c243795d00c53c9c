//! Reading a file's values from the events its position index already parsed,
//! so a scenario file is parsed once, not twice (yaml-rust2 for the index, then
//! serde_yaml for the values: about half of `check`'s time before this).
//!
//! The values must be exactly what serde_yaml would have given, and every
//! problem must still be told in serde_yaml's words and at its place. So this
//! reader takes only the plain shapes every scenario is written in (mappings,
//! lists, text, numbers, with no anchors, aliases, tags or second documents, and
//! only characters both parsers read alike), resolves plain scalars with
//! serde_yaml's own rules (copied below), and gives up at the first thing it is
//! not sure of; [`super::yaml_file::YamlText::deserialize`] then hands the whole
//! text to serde_yaml, which reads it, or says what is wrong, as before.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;
use yaml_rust2::scanner::TScalarStyle;

/// One event of the file, as the position index recorded it.
#[derive(Debug)]
pub enum YamlEvent {
    MappingStart,
    MappingEnd,
    SequenceStart,
    SequenceEnd,
    Scalar { value: String, plain: bool },
}

impl YamlEvent {
    /// A scalar as recorded: only its text and whether it was written plain
    /// (unquoted) matter to serde_yaml's reading of it.
    pub fn scalar(value: String, style: TScalarStyle) -> YamlEvent {
        YamlEvent::Scalar {
            value,
            plain: style == TScalarStyle::Plain,
        }
    }
}

/// Whether both parsers read `text` alike as far as this module can tell:
/// libyaml refuses characters yaml-rust2 lets through (control characters, and
/// some others YAML calls unprintable) and breaks lines at NEL, LS and PS,
/// which yaml-rust2 keeps as text; and tabs, which each allows in slightly
/// different places. A file with any of them goes to serde_yaml.
pub fn same_in_both(text: &str) -> bool {
    // Byte by byte, as UTF-8: every character from U+00A0 up is printable to
    // YAML except the few whose encodings are matched here.
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' | b'\r' | 0x20..=0x7e | 0x80..=0xc1 | 0xc3..=0xe1 | 0xe3..=0xee | 0xf0..=0xff => {}
            // U+0080 to U+009F (C1 controls, NEL among them); U+00A0 up is fine.
            0xc2 if bytes.get(i + 1).is_some_and(|&n| n < 0xa0) => return false,
            // U+2028 and U+2029, line and paragraph separators.
            0xe2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) => return false,
            // U+FEFF (a byte-order mark inside the text), U+FFFE and U+FFFF.
            0xef if matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ) =>
            {
                return false
            }
            0xc2 | 0xe2 | 0xef => {}
            // Tabs, other control characters and DEL.
            _ => return false,
        }
        i += 1;
    }
    true
}

/// The value of type `T` that `events` (one whole document) hold, or `None`
/// when they hold something this reader leaves to serde_yaml, or do not make a
/// `T` (serde_yaml then says why).
pub fn read<T: DeserializeOwned>(events: &[YamlEvent]) -> Option<T> {
    let mut reader = Reader { events, at: 0 };
    let value = T::deserialize(&mut reader).ok()?;
    (reader.at == events.len()).then_some(value)
}

/// "Leave this file to serde_yaml": what every error of this reader means.
#[derive(Debug)]
struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<M: fmt::Display>(_: M) -> Self {
        GiveUp
    }
}

struct Reader<'a> {
    events: &'a [YamlEvent],
    at: usize,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<&'a YamlEvent, GiveUp> {
        let event = self.events.get(self.at).ok_or(GiveUp)?;
        self.at += 1;
        Ok(event)
    }

    fn peek(&self) -> Result<&'a YamlEvent, GiveUp> {
        self.events.get(self.at).ok_or(GiveUp)
    }

    /// The next event, which must be a plain scalar: its text.
    fn plain(&mut self) -> Result<&'a str, GiveUp> {
        match self.next()? {
            YamlEvent::Scalar { value, plain: true } => Ok(value),
            _ => Err(GiveUp),
        }
    }

    /// Skips one whole value (a scalar, or a container and all it holds).
    fn skip(&mut self) -> Result<(), GiveUp> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                YamlEvent::MappingStart | YamlEvent::SequenceStart => depth += 1,
                YamlEvent::MappingEnd | YamlEvent::SequenceEnd => depth = depth.checked_sub(1).ok_or(GiveUp)?,
                YamlEvent::Scalar { .. } => {}
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    fn sequence<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        let value = visitor.visit_seq(Items { reader: self })?;
        // serde_yaml refuses a list with items the visitor did not take.
        match self.next()? {
            YamlEvent::SequenceEnd => Ok(value),
            _ => Err(GiveUp),
        }
    }

    fn mapping<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        let value = visitor.visit_map(Entries { reader: self })?;
        match self.next()? {
            YamlEvent::MappingEnd => Ok(value),
            _ => Err(GiveUp),
        }
    }
}

struct Items<'r, 'a> {
    reader: &'r mut Reader<'a>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = GiveUp;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, GiveUp> {
        match self.reader.peek()? {
            YamlEvent::SequenceEnd => Ok(None),
            _ => seed.deserialize(&mut *self.reader).map(Some),
        }
    }
}

struct Entries<'r, 'a> {
    reader: &'r mut Reader<'a>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = GiveUp;
    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, GiveUp> {
        match self.reader.peek()? {
            YamlEvent::MappingEnd => Ok(None),
            _ => seed.deserialize(&mut *self.reader).map(Some),
        }
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, GiveUp> {
        seed.deserialize(&mut *self.reader)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'_> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            YamlEvent::Scalar { value, plain: true } => untagged_scalar(visitor, value),
            YamlEvent::Scalar { value, plain: false } => visitor.visit_str(value),
            YamlEvent::MappingStart => self.mapping(visitor),
            YamlEvent::SequenceStart => self.sequence(visitor),
            YamlEvent::MappingEnd | YamlEvent::SequenceEnd => Err(GiveUp),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_bool(parse_bool(self.plain()?).ok_or(GiveUp)?)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_i64(parse_signed_int(self.plain()?, i64::from_str_radix).ok_or(GiveUp)?)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_u64(parse_unsigned_int(self.plain()?, u64::from_str_radix).ok_or(GiveUp)?)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_f64(parse_f64(self.plain()?).ok_or(GiveUp)?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    /// Any scalar is text, whatever it looks like (`say: 42` is "42").
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            YamlEvent::Scalar { value, .. } => visitor.visit_str(value),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    /// Nothing, `~` or `null` written plain is `None`; anything else is a value.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek()? {
            YamlEvent::Scalar { value, plain: true } if value.is_empty() || is_null(value) => {
                self.at += 1;
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let value = self.plain()?;
        if value.is_empty() || is_null(value) {
            visitor.visit_unit()
        } else {
            Err(GiveUp)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_newtype_struct(self)
    }

    /// A list; a key with nothing after it is an empty one, as in serde_yaml.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            YamlEvent::SequenceStart => self.sequence(visitor),
            YamlEvent::Scalar { value, plain: true } if value.is_empty() => visitor.visit_seq(Empty),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_seq(visitor)
    }

    /// `key: value` lines; a key with nothing after it is an empty mapping.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            YamlEvent::MappingStart => self.mapping(visitor),
            YamlEvent::Scalar { value, plain: true } if value.is_empty() => visitor.visit_map(Empty),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_map(visitor)
    }

    /// Only unit variants written as a scalar (`category: conflict`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        match self.next()? {
            YamlEvent::Scalar { value, .. } if !value.is_empty() => {
                visitor.visit_enum(IntoDeserializer::<GiveUp>::into_deserializer(value.as_str()))
            }
            _ => Err(GiveUp),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// The empty list or mapping a key with nothing after it stands for.
struct Empty;

impl<'de> de::SeqAccess<'de> for Empty {
    type Error = GiveUp;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, _: S) -> Result<Option<S::Value>, GiveUp> {
        Ok(None)
    }
}

impl<'de> de::MapAccess<'de> for Empty {
    type Error = GiveUp;
    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, _: S) -> Result<Option<S::Value>, GiveUp> {
        Ok(None)
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, _: S) -> Result<S::Value, GiveUp> {
        Err(GiveUp)
    }
}

// What follows is serde_yaml 0.9's reading of a plain scalar, copied so both
// readers give the same value: `1` is a whole number, `1.0` and `.inf` numbers,
// `true` a yes/no, `~` nothing, `012` text (YAML 1.2), the rest text.

/// serde_yaml's `visit_untagged_scalar`.
fn untagged_scalar<'de, V: Visitor<'de>>(visitor: V, v: &str) -> Result<V::Value, GiveUp> {
    if v.is_empty() || is_null(v) {
        return visitor.visit_unit();
    }
    if let Some(boolean) = parse_bool(v) {
        return visitor.visit_bool(boolean);
    }
    if let Some(int) = parse_unsigned_int(v, u64::from_str_radix) {
        return visitor.visit_u64(int);
    }
    if let Some(int) = parse_negative_int(v, i64::from_str_radix) {
        return visitor.visit_i64(int);
    }
    // Whole numbers past 64 bits: serde_yaml tries 128 bits; left to it.
    if parse_unsigned_int(v, u128::from_str_radix).is_some() || parse_negative_int(v, i128::from_str_radix).is_some() {
        return Err(GiveUp);
    }
    if !digits_but_not_number(v) {
        if let Some(float) = parse_f64(v) {
            return visitor.visit_f64(float);
        }
    }
    visitor.visit_str(v)
}

fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type Radix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

/// serde_yaml's `parse_unsigned_int`.
fn parse_unsigned_int<T>(scalar: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

/// serde_yaml's `parse_signed_int`.
fn parse_signed_int<T>(scalar: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        unpositive
    } else {
        scalar
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
        if let Some(rest) = scalar.strip_prefix('-').and_then(|s| s.strip_prefix(prefix)) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

/// serde_yaml's `parse_negative_int`.
fn parse_negative_int<T>(scalar: &str, from_str_radix: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

/// serde_yaml's `parse_f64`.
fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        unpositive
    } else {
        scalar
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros then digits are text in YAML 1.2 (`012`).
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::positions::PositionIndex;
    use super::*;

    /// What both readers make of `text`, as `Debug` text (`None`: an error).
    fn both<T: DeserializeOwned + fmt::Debug>(text: &str) -> (Option<String>, Option<String>) {
        let index = PositionIndex::build(text);
        let fast = index.events().and_then(read::<T>).map(|v| format!("{v:?}"));
        let slow = serde_yaml::from_str::<T>(text).ok().map(|v| format!("{v:?}"));
        (fast, slow)
    }

    #[test]
    fn scalars_read_as_serde_yaml_reads_them() {
        use super::super::raw::Expression;
        use indexmap::IndexMap;
        for text in [
            "a: 1\nb: -2\nc: 0x1f\nd: 1.5\ne: .inf\nf: true\ng: '3'\nh: 012\ni: +4\nj: 1e3\n",
            "a: tension + 2\nb: \"x\"\nc: >\n  folded\n  text\nd: |\n  kept\n  lines\n",
        ] {
            let (fast, slow) = both::<IndexMap<String, Expression>>(text);
            assert_eq!(fast, slow, "{text}");
            assert!(fast.is_some(), "{text}");
        }
        let (fast, slow) = both::<IndexMap<String, Option<String>>>("a:\nb: ~\nc: null\nd: x\ne: ''\n");
        assert_eq!(fast, slow);
        let (fast, slow) = both::<IndexMap<String, f64>>("a: 1\nb: 2.5\nc: -3\n");
        assert_eq!(fast, slow);
    }

    /// Every scenario file in the repository, broken fixtures included, reads
    /// the same both ways (or is left to serde_yaml); the bundled ones are read
    /// from their events, not parsed twice.
    #[test]
    fn every_scenario_file_reads_as_serde_yaml_reads_it() {
        use super::super::raw::RawScenario;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut folders = vec![root.join("scenarios"), root.join("tests")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "{} files", files.len());
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let (fast, slow) = both::<RawScenario>(&text);
            if fast.is_some() {
                assert_eq!(fast, slow, "{}", path.display());
            }
            if path.starts_with(root.join("scenarios")) {
                assert!(fast.is_some(), "{} was parsed twice", path.display());
            }
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde_yaml() {
        use indexmap::IndexMap;
        for text in ["a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\n---\nb: 2\n", "a: [1,\n"] {
            let index = PositionIndex::build(text);
            assert!(
                index.events().and_then(read::<IndexMap<String, String>>).is_none(),
                "{text}"
            );
        }
        assert!(!same_in_both("a: \u{1}\n"));
        assert!(!same_in_both("a: x\u{2028}y\n"));
        assert!(same_in_both("say: \"Don\u{2019}t go\"\r\n"));
        // Tabs are left to serde_yaml: the two parsers may disagree on where they may be.
        assert!(!same_in_both("say:\tHi\n"));
        for c in ['\u{85}', '\u{9f}', '\u{2029}', '\u{feff}', '\u{fffe}', '\u{7f}'] {
            assert!(!same_in_both(&format!("say: a{c}b\n")), "{c:?}");
        }
        for c in [
            '\u{a0}',
            '\u{e9}',
            '\u{2019}',
            '\u{2027}',
            '\u{202a}',
            '\u{fffd}',
            '\u{1f600}',
        ] {
            assert!(same_in_both(&format!("say: a{c}b\n")), "{c:?}");
        }
    }
}
