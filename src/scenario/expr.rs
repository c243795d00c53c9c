//! Conditions (`blame >= 0.5 && tension > 6`) and dial updates (`tension + 2`).
//!
//! They are rhai expressions, compiled once when the scenario loads, against the
//! exact set of names the scenario can read, so a misspelt name is an error at
//! load time with its line, never a surprise mid-conversation.

use rhai::packages::{Package, StandardPackage};
use rhai::{Dynamic, Engine, Scope, AST};
use std::sync::OnceLock;

/// The names every condition can read besides scores and dials.
pub const TURN: &str = "turn";
pub const WORDS: &str = "words";

/// The shared, locked-down engine for scenario expressions.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut engine = Engine::new_raw();
        engine.register_global_module(StandardPackage::new().as_shared_module());
        engine.set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
        engine.disable_symbol("eval");
        engine.set_strict_variables(true);
        engine.set_max_operations(10_000);
        engine.set_max_expr_depths(32, 32);
        engine.set_max_string_size(1024);
        engine.on_print(|_| {});
        engine.on_debug(|_, _, _| {});
        engine
    })
}

/// The names a condition can read, for a hint: scores, dials, `turn`, `words`,
/// then the session facts in one short phrase rather than two names per score.
fn readable(known: &[&str]) -> String {
    let is_fact = |n: &&str| {
        n.starts_with(crate::facts::BEST_PREFIX)
            || n.starts_with(crate::facts::FIRST_PREFIX)
            || crate::facts::FIXED_NAMES.contains(n)
    };
    let mut plain: Vec<&str> = known.iter().copied().filter(|n| !is_fact(n)).collect();
    plain.dedup();
    let mut out = plain.join(", ");
    if known.iter().any(is_fact) {
        out.push_str(&format!(
            ", and the session facts best_<score>, first_<score>, {}",
            crate::facts::FIXED_NAMES.join(", ")
        ));
    }
    out
}

/// A compiled expression with the text it came from.
#[derive(Debug, Clone)]
pub struct Expr {
    pub source: String,
    ast: AST,
}

/// Why an expression was refused, with the column inside the expression text.
#[derive(Debug, Clone)]
pub struct ExprError {
    pub message: String,
    pub hint: Option<String>,
    /// 1-based column inside the expression, when rhai knows it.
    pub column: Option<usize>,
}

/// Values for every name an expression may read.
pub type Bindings<'a> = &'a [(&'a str, f64)];

fn scope_of(bindings: Bindings) -> Scope<'static> {
    let mut scope = Scope::new();
    // Variables, not constants: rhai's optimiser folds scope constants into the
    // compiled expression, which would freeze the load-time placeholder values.
    for (name, value) in bindings {
        scope.push((*name).to_string(), *value);
    }
    scope
}

/// The scope of [`scope_of`] for the bindings last asked for, kept: a scenario
/// compiles every condition and dial update against the same names and
/// starting values, and building a scope of some forty names for each of its
/// hundreds of expressions was a tenth of checking it.
#[derive(Default)]
pub struct CheckScope {
    bindings: Vec<(String, f64)>,
    scope: Scope<'static>,
}

impl CheckScope {
    /// A scope holding exactly `bindings`, reused when they are the last ones.
    fn holding(&mut self, bindings: Bindings) -> &mut Scope<'static> {
        let same = self.bindings.len() == bindings.len()
            && self
                .bindings
                .iter()
                .zip(bindings)
                .all(|((name, value), (other, v))| name == other && value.to_bits() == v.to_bits());
        if !same {
            self.bindings = bindings.iter().map(|(n, v)| ((*n).to_string(), *v)).collect();
            self.scope = scope_of(bindings);
        }
        &mut self.scope
    }
}

/// What kind of value an expression must produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Condition,
    Number,
}

impl Expr {
    /// Compiles `source` for the names in `bindings`, then evaluates it once with
    /// those values to check it yields the right kind of value.
    pub fn compile(source: &str, bindings: Bindings, want: Want, known: &[&str]) -> Result<Expr, ExprError> {
        Expr::compile_in(&mut CheckScope::default(), source, bindings, want, known)
    }

    /// [`Expr::compile`] with the scope for `bindings` taken from `scopes`
    /// (built there once for all of a scenario's expressions).
    pub fn compile_in(
        scopes: &mut CheckScope,
        source: &str,
        bindings: Bindings,
        want: Want,
        known: &[&str],
    ) -> Result<Expr, ExprError> {
        let scope = scopes.holding(bindings);
        let ast = engine().compile_expression_with_scope(scope, source).map_err(|err| {
            let column = err.position().position();
            let (message, hint) = match err.err_type() {
                rhai::ParseErrorType::VariableUndefined(name) => {
                    let hint = match crate::diagnostic::did_you_mean(name, known.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`? Conditions can read: {}", readable(known)),
                        None => format!("conditions can read: {}", readable(known)),
                    };
                    (format!("`{name}` is not a score, a dial or `turn`/`words`"), Some(hint))
                }
                other => (
                    format!("`{source}` is not a valid expression: {other}"),
                    Some(match want {
                        Want::Condition => "write a comparison such as `blame >= 0.5 && tension > 6`".to_string(),
                        Want::Number => "write a number or arithmetic such as `tension + 2`".to_string(),
                    }),
                ),
            };
            ExprError { message, hint, column }
        })?;
        let expr = Expr {
            source: source.to_string(),
            ast,
        };
        let value = expr.eval_in(scope).map_err(|message| ExprError {
            message,
            hint: None,
            column: None,
        })?;
        match want {
            Want::Condition if !value.is_bool() => Err(ExprError {
                message: format!("`{source}` gives {}, not true or false", kind_of(&value)),
                hint: Some("compare with `>=`, `<=`, `==`… (note `==`, not `=`), e.g. `blame >= 0.5`".into()),
                column: None,
            }),
            Want::Number if as_number(&value).is_none() => Err(ExprError {
                message: format!("`{source}` gives {}, not a number", kind_of(&value)),
                hint: Some("write a number or arithmetic such as `tension + 2`".into()),
                column: None,
            }),
            // 0/0 or x/0 with the starting values: in play the dial would stop being
            // a number. The engine would keep the old value, but say it here.
            Want::Number if as_number(&value).is_some_and(|v| !v.is_finite()) => Err(ExprError {
                message: format!("`{source}` gives no number with the starting values (it divides by zero)"),
                hint: Some("divide only by a number that can never be 0, or leave the division out".into()),
                column: None,
            }),
            _ => Ok(expr),
        }
    }

    fn eval(&self, bindings: Bindings) -> Result<Dynamic, String> {
        self.eval_in(&mut scope_of(bindings))
    }

    /// Evaluates in `scope`, which is left as it was (an expression declares
    /// no variables and assigns none, but the scope is reused).
    fn eval_in(&self, scope: &mut Scope<'static>) -> Result<Dynamic, String> {
        let size = scope.len();
        let value = engine()
            .eval_ast_with_scope::<Dynamic>(scope, &self.ast)
            .map_err(|e| format!("`{}` failed: {e}", self.source));
        scope.rewind(size);
        value
    }

    /// Evaluates a condition; a failure (which load-time checks make unlikely) is an error.
    pub fn test(&self, bindings: Bindings) -> Result<bool, String> {
        self.eval(bindings)?
            .as_bool()
            .map_err(|t| format!("`{}` gave a {t}, not true or false", self.source))
    }

    /// Evaluates a numeric expression.
    pub fn number(&self, bindings: Bindings) -> Result<f64, String> {
        let value = self.eval(bindings)?;
        as_number(&value).ok_or_else(|| format!("`{}` gave a {}, not a number", self.source, value.type_name()))
    }
}

/// A value's kind in an author's words.
fn kind_of(value: &Dynamic) -> &'static str {
    if as_number(value).is_some() {
        "a number"
    } else if value.is_bool() {
        "true or false"
    } else if value.is_string() {
        "text"
    } else {
        "something else"
    }
}

fn as_number(value: &Dynamic) -> Option<f64> {
    value.as_float().ok().or_else(|| value.as_int().ok().map(|i| i as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [(&str, f64); 3] = [("blame", 0.7), ("tension", 6.0), ("turn", 2.0)];
    const KNOWN: [&str; 3] = ["blame", "tension", "turn"];

    #[test]
    fn conditions_mix_integers_and_decimals() {
        let e = Expr::compile(
            "blame >= 0.5 && tension > 5 && turn == 2",
            &NAMES,
            Want::Condition,
            &KNOWN,
        )
        .unwrap();
        assert!(e.test(&NAMES).unwrap());
    }

    #[test]
    fn values_are_read_when_tested_not_when_compiled() {
        let zeros = [("blame", 0.0), ("tension", 0.0), ("turn", 1.0)];
        let e = Expr::compile("blame >= 0.5", &zeros, Want::Condition, &KNOWN).unwrap();
        assert!(e.test(&NAMES).unwrap());
        assert!(!e.test(&zeros).unwrap());
    }

    #[test]
    fn unknown_names_are_refused_with_a_suggestion() {
        let err = Expr::compile("blam >= 0.5", &NAMES, Want::Condition, &KNOWN).unwrap_err();
        assert!(err.message.contains("`blam`"), "{}", err.message);
        assert!(err.hint.unwrap().contains("did you mean `blame`"));
    }

    #[test]
    fn a_number_is_not_a_condition() {
        let err = Expr::compile("tension + 1", &NAMES, Want::Condition, &KNOWN).unwrap_err();
        assert!(err.message.contains("not true or false"), "{}", err.message);
    }

    #[test]
    fn updates_are_numbers() {
        let e = Expr::compile("tension + 2", &NAMES, Want::Number, &KNOWN).unwrap();
        assert_eq!(e.number(&NAMES).unwrap(), 8.0);
    }
}
