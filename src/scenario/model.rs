//! A scenario after loading and checking: every `goto` resolved, every condition
//! compiled. The dialogue engine only ever sees this validated form.

use super::expr::Expr;
pub use super::raw::{Category, EndingKind};
use indexmap::IndexMap;

#[derive(Debug, Clone)]
pub struct Persona {
    pub name: String,
    pub relation: String,
    pub pronouns: Option<String>,
}

/// Where a rule leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Beat(String),
    Ending(String),
}

impl Target {
    pub fn id(&self) -> &str {
        match self {
            Target::Beat(id) | Target::Ending(id) => id,
        }
    }
}

/// A change to one dial, applied when a rule fires.
#[derive(Debug, Clone)]
pub struct Update {
    pub dial: String,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// 1-based position among the beat's rules, as authors count them.
    pub number: usize,
    /// `None` for the fallback rule.
    pub when: Option<Expr>,
    pub set: Vec<Update>,
    pub note: Option<String>,
    pub goto: Target,
    /// Line of the rule in the file, for reports.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Beat {
    pub id: String,
    pub say: Vec<String>,
    /// What the partner says on coming back to this beat after being here
    /// before ("Okay, I'm still not sure what you want"), so a conversation that
    /// circles does not replay the first visit's words as if nothing had been
    /// said. Empty: `say` serves every visit.
    pub say_again: Vec<String>,
    pub coach: Option<String>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
pub struct Ending {
    pub id: String,
    /// The name shown on screen; the id in words when the author gave none.
    pub title: String,
    pub kind: EndingKind,
    pub say: Vec<String>,
    pub debrief: Vec<DebriefPart>,
}

/// One part of an ending's debrief. Parts are shown in order when their condition
/// holds at the end of the conversation, so a debrief only says what is true of it.
#[derive(Debug, Clone)]
pub struct DebriefPart {
    /// `None`: always shown.
    pub when: Option<Expr>,
    pub text: String,
    /// A wording to suggest, shown after the text; the whole part is left out when
    /// the person already said something close to it.
    pub suggestion: Option<String>,
}

/// A comparison in a test expectation: `>= 0.5`, `== 6`, `< 3`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub op: CompareOp,
    pub value: f64,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Less,
    LessEq,
    Equal,
    NotEqual,
    GreaterEq,
    Greater,
}

impl Comparison {
    pub fn holds(&self, actual: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self.op {
            CompareOp::Less => actual < self.value,
            CompareOp::LessEq => actual <= self.value + EPS,
            CompareOp::Equal => (actual - self.value).abs() < EPS,
            CompareOp::NotEqual => (actual - self.value).abs() >= EPS,
            CompareOp::GreaterEq => actual + EPS >= self.value,
            CompareOp::Greater => actual > self.value,
        }
    }

    /// Parses `">= 0.5"`, `"<3"`, `"6"` (meaning `== 6`).
    pub fn parse(text: &str) -> Option<Comparison> {
        let t = text.trim();
        let ops = [
            (">=", CompareOp::GreaterEq),
            ("<=", CompareOp::LessEq),
            ("==", CompareOp::Equal),
            ("!=", CompareOp::NotEqual),
            (">", CompareOp::Greater),
            ("<", CompareOp::Less),
            ("=", CompareOp::Equal),
        ];
        let (op, rest) = ops
            .iter()
            .find_map(|(sym, op)| t.strip_prefix(sym).map(|rest| (*op, rest)))
            .unwrap_or((CompareOp::Equal, t));
        let value: f64 = rest.trim().parse().ok()?;
        value.is_finite().then(|| Comparison {
            op,
            value,
            source: t.to_string(),
        })
    }
}

/// Checks after a given turn of an author test.
#[derive(Debug, Clone)]
pub struct Expectation {
    pub turn: usize,
    pub scores: Vec<(String, Comparison)>,
    pub state: Vec<(String, Comparison)>,
    pub beat: Option<String>,
    pub line: usize,
}

/// How an author test must finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ends(String),
    Reaches(String),
    /// No final expectation: only the `expect` checks apply.
    Unspecified,
}

#[derive(Debug, Clone)]
pub struct AuthorTest {
    pub name: String,
    pub seed: u64,
    /// Where the conversation starts (`from:` and `state:`); the top by default.
    pub start: super::StartPoint,
    pub replies: Vec<String>,
    pub outcome: Outcome,
    pub expect: Vec<Expectation>,
    pub line: usize,
}

/// The seed used by tests and `play` when none is given.
pub const DEFAULT_SEED: u64 = 1;

#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub difficulty: u8,
    pub summary: String,
    pub content_notes: Vec<String>,
    pub persona: Persona,
    pub setting: Option<String>,
    /// Dials and their starting values.
    pub state: IndexMap<String, f64>,
    /// The scenario's own example wordings, by score name, for tips.
    pub examples: IndexMap<String, Vec<String>>,
    pub start: String,
    pub beats: IndexMap<String, Beat>,
    pub endings: IndexMap<String, Ending>,
    pub tests: Vec<AuthorTest>,
    /// The file it came from, as shown to the user.
    pub source: String,
    /// Problems that do not stop it playing, for `rehearse check` to show.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// The shared scorers plus the scenario's own scripts, when it brings some.
    pub own_scorer: Option<std::sync::Arc<crate::score::RhaiScorer>>,
}

/// Dials are kept in this range, so a long run of blame cannot push tension to 40.
pub const DIAL_MIN: f64 = 0.0;
pub const DIAL_MAX: f64 = 10.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_parse_and_hold() {
        let c = Comparison::parse(">= 0.5").unwrap();
        assert!(c.holds(0.5) && !c.holds(0.49));
        assert!(Comparison::parse("6").unwrap().holds(6.0));
        assert!(Comparison::parse("<3").unwrap().holds(2.0));
        assert!(Comparison::parse("about five").is_none());
    }
}
