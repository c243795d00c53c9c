//! The YAML shape of a scenario file, exactly as an author writes it.
//!
//! Every struct denies unknown keys, so a typo like `sya:` is reported at its line
//! instead of being silently ignored. Checking meaning (does `goto` name a beat?)
//! happens afterwards, in `check.rs`, with positions from `positions.rs`.

use indexmap::IndexMap;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub difficulty: i64,
    pub summary: String,
    pub content_notes: Vec<String>,
    pub persona: RawPersona,
    #[serde(default)]
    pub setting: Option<String>,
    #[serde(default)]
    pub state: IndexMap<String, f64>,
    /// Wordings of the scenario's own, per skill, that tips quote instead of a
    /// generic example: `examples: { boundary: "I can't lend money again." }`.
    #[serde(default)]
    pub examples: IndexMap<String, Lines>,
    /// Scorer scripts that come with this scenario, beside its file (`jealousy.rhai`).
    #[serde(default)]
    pub scorers: Vec<String>,
    /// Scripts beside the file that notice something only this scenario reacts to
    /// (`cues: [debt.rhai]`: "the six hundred was named"). Their scores steer
    /// conditions like any other, but the person is not shown them as skills.
    #[serde(default)]
    pub cues: Vec<String>,
    pub start: String,
    pub beats: IndexMap<String, RawBeat>,
    pub endings: IndexMap<String, RawEnding>,
    #[serde(default)]
    pub tests: Vec<RawTest>,
}

/// The three families of scenario the product ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Conflict,
    Boundary,
    Repair,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Conflict, Category::Boundary, Category::Repair];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Conflict => "conflict",
            Category::Boundary => "boundary",
            Category::Repair => "repair",
        }
    }

    /// The heading used in menus.
    pub fn heading(self) -> &'static str {
        match self {
            Category::Conflict => "Conflict — raising a complaint without attacking",
            Category::Boundary => "Boundary-setting — saying no, asking for space",
            Category::Repair => "Repair — apologising and reconnecting after a fight",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPersona {
    pub name: String,
    pub relation: String,
    #[serde(default)]
    pub pronouns: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBeat {
    pub say: Lines,
    /// Lines for coming back to this beat later in the same conversation.
    #[serde(default)]
    pub say_again: Option<Lines>,
    #[serde(default)]
    pub coach: Option<String>,
    pub on_reply: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    #[serde(default)]
    pub when: Option<Expression>,
    #[serde(default)]
    pub set: IndexMap<String, Expression>,
    #[serde(default)]
    pub note: Option<String>,
    pub goto: String,
}

/// How a conversation can end; every scenario should have at least a good one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EndingKind {
    Good,
    Stuck,
    Escalated,
}

impl EndingKind {
    pub const ALL: [EndingKind; 3] = [EndingKind::Good, EndingKind::Stuck, EndingKind::Escalated];

    pub fn as_str(self) -> &'static str {
        match self {
            EndingKind::Good => "good",
            EndingKind::Stuck => "stuck",
            EndingKind::Escalated => "escalated",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnding {
    pub kind: EndingKind,
    /// What the ending is called on screen ("Still friends"); the id when absent.
    #[serde(default)]
    pub title: Option<String>,
    pub say: Lines,
    pub debrief: RawDebrief,
}

/// A debrief: one paragraph, or a list of parts, some shown only when their
/// condition holds at the end of the conversation.
#[derive(Debug, Clone)]
pub enum RawDebrief {
    Text(String),
    Parts(Vec<RawDebriefPart>),
}

impl<'de> Deserialize<'de> for RawDebrief {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Text(String),
            Parts(Vec<RawDebriefPart>),
        }
        match Shape::deserialize(deserializer) {
            Ok(Shape::Text(t)) => Ok(RawDebrief::Text(t)),
            Ok(Shape::Parts(p)) => Ok(RawDebrief::Parts(p)),
            Err(_) => Err(de::Error::custom(
                "a debrief is a paragraph of text, or a list of parts: plain lines, or `- when: …` with `text:` (and optionally `try:`)",
            )),
        }
    }
}

/// One part of a debrief: a plain sentence, or `{ when, text, try }`.
#[derive(Debug, Clone)]
pub struct RawDebriefPart {
    pub when: Option<Expression>,
    pub text: String,
    /// A wording to suggest; the part is left out when the person already said it.
    pub suggestion: Option<String>,
}

impl<'de> Deserialize<'de> for RawDebriefPart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            #[serde(default)]
            when: Option<Expression>,
            text: String,
            #[serde(default, rename = "try")]
            suggestion: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Text(String),
            Full(Full),
        }
        match Shape::deserialize(deserializer) {
            Ok(Shape::Text(text)) => Ok(RawDebriefPart {
                when: None,
                text,
                suggestion: None,
            }),
            Ok(Shape::Full(f)) => Ok(RawDebriefPart {
                when: f.when,
                text: f.text,
                suggestion: f.suggestion,
            }),
            Err(_) => Err(de::Error::custom(
                "a debrief part is a line of text, or `when:` (a condition), `text:` (what to say) and optionally `try:` (a wording to suggest)",
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTest {
    pub name: String,
    #[serde(default)]
    pub seed: Option<u64>,
    /// The beat the test starts at, instead of `start:`.
    #[serde(default)]
    pub from: Option<String>,
    /// Dials that start at other values than `state:` gives them.
    #[serde(default)]
    pub state: IndexMap<String, f64>,
    pub replies: Vec<String>,
    #[serde(default)]
    pub ends: Option<String>,
    #[serde(default)]
    pub reaches: Option<String>,
    #[serde(default)]
    pub expect: Vec<RawExpect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    pub turn: usize,
    #[serde(default)]
    pub scores: IndexMap<String, Expression>,
    #[serde(default)]
    pub state: IndexMap<String, Expression>,
    #[serde(default)]
    pub beat: Option<String>,
}

/// One line or a list of variants: `say: "Hi."` and `say: ["Hi.", "Hello."]` both work.
#[derive(Debug, Clone)]
pub struct Lines(pub Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LinesVisitor;
        impl<'de> Visitor<'de> for LinesVisitor {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a line of text, or a list of lines (one is picked at random)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    lines.push(line);
                }
                Ok(Lines(lines))
            }
        }
        deserializer.deserialize_any(LinesVisitor)
    }
}

/// A rhai expression written as YAML: `tension + 2`, `blame >= 0.5`, or a bare number.
#[derive(Debug, Clone)]
pub struct Expression(pub String);

impl<'de> Deserialize<'de> for Expression {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExpressionVisitor;
        impl<'de> Visitor<'de> for ExpressionVisitor {
            type Value = Expression;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an expression such as `tension + 2` or `blame >= 0.5`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Expression, E> {
                Ok(Expression(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Expression, E> {
                Ok(Expression(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Expression, E> {
                Ok(Expression(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Expression, E> {
                Ok(Expression(format!("{v:?}")))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Expression, E> {
                Ok(Expression(v.to_string()))
            }
        }
        deserializer.deserialize_any(ExpressionVisitor)
    }
}
