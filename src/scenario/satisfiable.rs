//! Conditions no reply can ever make true, found before anyone plays.
//!
//! Every name a condition reads has a range that is guaranteed, not merely
//! usual: scores go from 0 to 1 (the scorer host clamps them), dials from 0 to
//! 10 (updates are clamped), `turn` counts from 1, `words` and `quiet_turns`
//! are whole numbers from 0, the yes/no facts are 0 or 1. A condition whose
//! comparisons cannot all hold inside those ranges (`blame > 1`,
//! `tension >= 6 && tension < 4`) is a rule that never fires: almost always a
//! typo or a mix-up of `&&` and `||`.
//!
//! What is *not* here, on purpose: limits between two different scores. The
//! scorers' documented caps (docs/scoring.md: blame caps `repair` at 0.35,
//! `validation` at 0.3…) are applied when a blame *rule* matches, while the
//! `blame` score can also reach 0.5 through the phrase model alone; and a
//! complete I-statement followed by a jab in its own sentence keeps
//! `i_statement` at 0.6 beside `blame`. So `blame >= 0.5 && i_statement >= 0.5`
//! can be true, and warning about it would be wrong.
//!
//! Only the plain shape authors write is read: comparisons of one name with a
//! number, joined by `&&`, `||`, `!` and parentheses. Anything else (arithmetic,
//! two names compared) is left alone: no warning is better than a wrong one.

use crate::facts::{BEST_PREFIX, FIRST_PREFIX, QUIET_TURNS};
use crate::scenario::expr::{TURN, WORDS};
use crate::scenario::{DIAL_MAX, DIAL_MIN};

/// The values a name can take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: f64,
    pub high: f64,
    /// Only whole numbers (`turn`, `words`, the yes/no facts).
    pub whole: bool,
    /// How the range is said in a hint: "scores go from 0 to 1".
    pub words: &'static str,
}

/// The guaranteed range of `name`, given the scenario's dials and score names.
pub fn range_of(name: &str, dials: &[&str], scores: &[&str]) -> Option<Range> {
    let range = |low: f64, high: f64, whole: bool, words: &'static str| {
        Some(Range {
            low,
            high,
            whole,
            words,
        })
    };
    if scores.contains(&name) {
        return range(0.0, 1.0, false, "scores go from 0 to 1");
    }
    if dials.contains(&name) {
        return range(DIAL_MIN, DIAL_MAX, false, "dials stay between 0 and 10");
    }
    match name {
        TURN => range(1.0, f64::INFINITY, true, "`turn` counts replies from 1"),
        WORDS => range(0.0, f64::INFINITY, true, "`words` is a whole number from 0"),
        QUIET_TURNS => range(0.0, f64::INFINITY, true, "`quiet_turns` is a whole number from 0"),
        n if n.starts_with(BEST_PREFIX) && scores.contains(&&n[BEST_PREFIX.len()..]) => {
            range(0.0, 1.0, false, "best_<score> goes from 0 to 1")
        }
        n if n.starts_with(FIRST_PREFIX) && scores.contains(&&n[FIRST_PREFIX.len()..]) => range(
            0.0,
            f64::INFINITY,
            true,
            "first_<score> is a turn number, or 0 when it never happened",
        ),
        n if crate::facts::FIXED_NAMES.contains(&n) => range(0.0, 1.0, true, "the yes/no facts are 0 or 1"),
        _ => None,
    }
}

/// An interval with open or closed ends.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Interval {
    low: f64,
    low_open: bool,
    high: f64,
    high_open: bool,
}

impl Interval {
    fn of(range: &Range) -> Interval {
        Interval {
            low: range.low,
            low_open: false,
            high: range.high,
            high_open: false,
        }
    }

    fn meet(self, other: Interval) -> Interval {
        let (low, low_open) = if other.low > self.low || (other.low == self.low && other.low_open) {
            (other.low, other.low_open)
        } else {
            (self.low, self.low_open)
        };
        let (high, high_open) = if other.high < self.high || (other.high == self.high && other.high_open) {
            (other.high, other.high_open)
        } else {
            (self.high, self.high_open)
        };
        Interval {
            low,
            low_open,
            high,
            high_open,
        }
    }

    fn holds_a_value(&self, whole: bool) -> bool {
        if self.low > self.high || (self.low == self.high && (self.low_open || self.high_open)) {
            return false;
        }
        if !whole {
            return true;
        }
        let mut first = self.low.ceil();
        if self.low_open && first == self.low {
            first += 1.0;
        }
        first < self.high || (first == self.high && !self.high_open)
    }
}

/// One comparison, `name OP number`, the number on the right.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Compare(String, Op, f64),
    Constant(bool),
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Less,
    LessEq,
    Greater,
    GreaterEq,
    Equal,
    NotEqual,
}

impl Op {
    fn negated(self) -> Op {
        match self {
            Op::Less => Op::GreaterEq,
            Op::LessEq => Op::Greater,
            Op::Greater => Op::LessEq,
            Op::GreaterEq => Op::Less,
            Op::Equal => Op::NotEqual,
            Op::NotEqual => Op::Equal,
        }
    }

    /// `5 < x` is `x > 5`.
    fn flipped(self) -> Op {
        match self {
            Op::Less => Op::Greater,
            Op::LessEq => Op::GreaterEq,
            Op::Greater => Op::Less,
            Op::GreaterEq => Op::LessEq,
            other => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Number(f64),
    Op(Op),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn tokens(source: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1
            }
            ')' => {
                out.push(Token::Close);
                i += 1
            }
            '&' if next == Some('&') => {
                out.push(Token::And);
                i += 2
            }
            '|' if next == Some('|') => {
                out.push(Token::Or);
                i += 2
            }
            '!' if next == Some('=') => {
                out.push(Token::Op(Op::NotEqual));
                i += 2
            }
            '!' => {
                out.push(Token::Not);
                i += 1
            }
            '=' if next == Some('=') => {
                out.push(Token::Op(Op::Equal));
                i += 2
            }
            '<' | '>' => {
                let eq = next == Some('=');
                out.push(Token::Op(match (c, eq) {
                    ('<', true) => Op::LessEq,
                    ('<', false) => Op::Less,
                    (_, true) => Op::GreaterEq,
                    (_, false) => Op::Greater,
                }));
                i += if eq { 2 } else { 1 };
            }
            c if c.is_ascii_digit() || c == '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '_') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().filter(|c| **c != '_').collect();
                out.push(Token::Number(text.parse().ok()?));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push(Token::Name(chars[start..i].iter().collect()));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A recursive-descent reader of the plain shape; `None` for anything else.
struct Reader {
    tokens: Vec<Token>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn take(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn or(&mut self, depth: usize) -> Option<Node> {
        let mut node = self.and(depth)?;
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            node = Node::Or(Box::new(node), Box::new(self.and(depth)?));
        }
        Some(node)
    }

    fn and(&mut self, depth: usize) -> Option<Node> {
        let mut node = self.unary(depth)?;
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            node = Node::And(Box::new(node), Box::new(self.unary(depth)?));
        }
        Some(node)
    }

    fn unary(&mut self, depth: usize) -> Option<Node> {
        if depth > 32 {
            return None;
        }
        match self.take()? {
            Token::Not => Some(Node::Not(Box::new(self.unary(depth + 1)?))),
            Token::Open => {
                let node = self.or(depth + 1)?;
                (self.take()? == Token::Close).then_some(node)
            }
            Token::Name(name) if name == "true" || name == "false" => Some(Node::Constant(name == "true")),
            Token::Name(name) => match (self.take()?, self.take()?) {
                (Token::Op(op), Token::Number(n)) => Some(Node::Compare(name, op, n)),
                _ => None,
            },
            Token::Number(n) => match (self.take()?, self.take()?) {
                (Token::Op(op), Token::Name(name)) => Some(Node::Compare(name, op.flipped(), n)),
                _ => None,
            },
            _ => None,
        }
    }
}

fn parse(source: &str) -> Option<Node> {
    let mut reader = Reader {
        tokens: tokens(source)?,
        at: 0,
    };
    let node = reader.or(0)?;
    (reader.at == reader.tokens.len()).then_some(node)
}

/// One way for the condition to hold: a range per name (names not listed are free).
type Case = Vec<(String, Interval)>;

/// Past this many cases the condition is too tangled to judge: no warning.
const MAX_CASES: usize = 256;

/// The ways `node` (with `negate` applied) can hold, as cases; `None` when there
/// are too many to judge.
fn cases(node: &Node, negate: bool) -> Option<Vec<Case>> {
    let compare = |name: &str, op: Op, n: f64| -> Vec<Case> {
        let interval = |low, low_open, high, high_open| {
            vec![(
                name.to_string(),
                Interval {
                    low,
                    low_open,
                    high,
                    high_open,
                },
            )]
        };
        let inf = f64::INFINITY;
        match op {
            Op::Less => vec![interval(-inf, false, n, true)],
            Op::LessEq => vec![interval(-inf, false, n, false)],
            Op::Greater => vec![interval(n, true, inf, false)],
            Op::GreaterEq => vec![interval(n, false, inf, false)],
            Op::Equal => vec![interval(n, false, n, false)],
            Op::NotEqual => vec![interval(-inf, false, n, true), interval(n, true, inf, false)],
        }
    };
    let out = match (node, negate) {
        (Node::Compare(name, op, n), false) => compare(name, *op, *n),
        (Node::Compare(name, op, n), true) => compare(name, op.negated(), *n),
        (Node::Constant(value), _) => {
            if *value != negate {
                vec![Vec::new()]
            } else {
                Vec::new()
            }
        }
        (Node::Not(inner), _) => cases(inner, !negate)?,
        (Node::And(a, b), false) | (Node::Or(a, b), true) => {
            let (left, right) = (cases(a, negate)?, cases(b, negate)?);
            if left.len() * right.len() > MAX_CASES {
                return None;
            }
            let mut both = Vec::new();
            for l in &left {
                for r in &right {
                    let mut case = l.clone();
                    case.extend(r.iter().cloned());
                    both.push(case);
                }
            }
            both
        }
        (Node::Or(a, b), false) | (Node::And(a, b), true) => {
            let mut either = cases(a, negate)?;
            either.extend(cases(b, negate)?);
            either
        }
    };
    (out.len() <= MAX_CASES).then_some(out)
}

/// Why a condition can never be true, in words, or `None` when it can (or when
/// its shape is beyond this check). `range` gives each name's guaranteed range.
pub fn never_true(source: &str, range: impl Fn(&str) -> Option<Range>) -> Option<String> {
    let node = parse(source)?;
    let all = cases(&node, false)?;
    let mut reasons: Vec<&'static str> = Vec::new();
    for case in &all {
        let mut names: Vec<&str> = case.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let mut possible = true;
        for name in names {
            let known = range(name)?;
            let meet = case
                .iter()
                .filter(|(n, _)| n == name)
                .fold(Interval::of(&known), |acc, (_, i)| acc.meet(*i));
            if !meet.holds_a_value(known.whole) {
                possible = false;
                if !reasons.contains(&known.words) {
                    reasons.push(known.words);
                }
            }
        }
        if possible {
            return None;
        }
    }
    Some(reasons.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(source: &str) -> Option<String> {
        never_true(source, |n| {
            range_of(n, &["tension", "trust"], &["blame", "i_statement"])
        })
    }

    #[test]
    fn conditions_that_can_hold_pass() {
        for ok in [
            "blame >= 0.5",
            "blame >= 0.5 && i_statement >= 0.5",
            "tension >= 6 || tension < 4",
            "!(blame < 0.5) && turn >= 3",
            "quiet_turns >= 3 || turn >= 10",
            "best_blame == 1",
            "limit_stated == 1 && said_need != 0",
            "0.5 <= blame",
            "true",
        ] {
            assert_eq!(judge(ok), None, "{ok}");
        }
    }

    #[test]
    fn conditions_outside_the_guaranteed_ranges_never_hold() {
        for (never, why) in [
            ("blame > 1", "scores go from 0 to 1"),
            ("blame >= 50", "scores go from 0 to 1"),
            ("tension > 10", "dials stay between 0 and 10"),
            ("tension >= 6 && tension < 4", "dials"),
            ("turn < 1", "`turn` counts"),
            ("turn > 2 && turn < 3", "`turn` counts"),
            ("said_feeling == 0.5", "yes/no facts"),
            ("!(blame <= 1)", "scores"),
            (
                "(blame > 1 || tension > 11) && trust >= 0",
                "scores go from 0 to 1; dials",
            ),
            ("false", ""),
        ] {
            let reason = judge(never).unwrap_or_else(|| panic!("`{never}` should never hold"));
            assert!(reason.contains(why), "{never}: {reason}");
        }
    }

    #[test]
    fn shapes_beyond_the_check_are_left_alone() {
        for unknown in ["blame + 1 > 3", "tension > trust", "nobody > 1", "blame >= 0.5 &&"] {
            assert_eq!(judge(unknown), None, "{unknown}");
        }
    }
}
