//! Training a [`PhraseModel`] from labelled replies: logistic regression by
//! stochastic gradient descent, with a fixed seed so the same corpus always gives
//! the same model file (a test retrains and compares with the file in `scripts/`).

use super::phrase_model::{phrases, sigmoid, tokens, ClassMembers, PhraseModel, WordClass};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeSet, HashMap};

/// The settings of one training run; the defaults are what the bundled model uses.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingSettings {
    pub epochs: usize,
    pub learning_rate: f64,
    /// Pulls every weight towards zero, so one rare phrase cannot decide alone.
    pub l2: f64,
    /// Phrases seen in fewer replies than this are left out.
    pub min_count: usize,
    pub seed: u64,
    /// The share of replies that show the skill where the model is used. The
    /// training files are written about half and half, real practice is not: the
    /// bias is moved from the training share to this one (prior correction), so
    /// the model does not expect blame twice as often as it comes.
    pub prior: Option<f64>,
    /// Word classes from the word lists in `scripts/lexicons/`, so a wording
    /// learned with one insult or trait carries over to the others.
    pub classes: Vec<WordClass>,
}

impl Default for TrainingSettings {
    fn default() -> Self {
        // Chosen by leaving each corpus file out in turn and measuring on it
        // (docs/scoring.md): more epochs or less regularisation did not help.
        TrainingSettings {
            epochs: 15,
            learning_rate: 0.1,
            l2: 0.001,
            min_count: 2,
            seed: 1,
            // About 28% of the replies people type in the bundled scenarios blame
            // (162 of the 567 scenario test replies, labelled blind; 145 of the 541
            // replies in dev.jsonl and heldout.jsonl).
            prior: Some(0.28),
            classes: vec![
                WordClass {
                    token: "<insult>".into(),
                    lexicons: vec!["insults".into()],
                },
                WordClass {
                    token: "<trait>".into(),
                    lexicons: vec!["traits".into()],
                },
            ],
        }
    }
}

impl TrainingSettings {
    pub fn describe(&self) -> String {
        let prior = match self.prior {
            Some(p) => format!(" · bias set for {:.0}% of replies showing the skill", 100.0 * p),
            None => String::new(),
        };
        let classes = if self.classes.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = self.classes.iter().map(|c| c.token.as_str()).collect();
            format!(" · word classes {}", names.join(" "))
        };
        format!(
            "epochs {} · learning rate {} · l2 {} · phrases seen in at least {} replies · seed {}{prior}{classes}",
            self.epochs, self.learning_rate, self.l2, self.min_count, self.seed
        )
    }
}

/// Weights smaller than this are dropped from the file: they change no decision.
const SMALLEST_KEPT_WEIGHT: f64 = 0.005;

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// Learns a model from `(reply, label)` pairs; `members` are the words of the
/// settings' classes, read from the word lists.
pub fn train(examples: &[(String, bool)], settings: &TrainingSettings, members: &ClassMembers) -> PhraseModel {
    let weighted: Vec<(String, bool, f64)> = examples.iter().map(|(t, l)| (t.clone(), *l, 1.0)).collect();
    train_weighted(&weighted, settings, members)
}

/// Learns a model from `(reply, label, weight)` triples. A row of weight 0.2 moves
/// the weights a fifth as far as a row of weight 1, counts a fifth towards a
/// phrase's `min_count` and a fifth towards the training share of the prior
/// correction: weak labels (a dataset's own tags mapped by a rule) can then sit
/// beside our own labels without outvoting them (`rehearse train --weight`).
pub fn train_weighted(
    examples: &[(String, bool, f64)],
    settings: &TrainingSettings,
    members: &ClassMembers,
) -> PhraseModel {
    let featurised: Vec<(Vec<String>, f64, f64)> = examples
        .iter()
        .map(|(text, label, weight)| {
            let found: Vec<String> = phrases(&tokens(text), members).into_keys().collect();
            (found, if *label { 1.0 } else { 0.0 }, *weight)
        })
        .collect();

    let mut counts: HashMap<&str, f64> = HashMap::new();
    for (found, _, weight) in &featurised {
        for phrase in found {
            *counts.entry(phrase.as_str()).or_default() += weight;
        }
    }
    // A small tolerance, so five rows of weight 0.2 count as one whole row.
    let least = settings.min_count as f64 - 1e-9;
    let vocabulary: BTreeSet<&str> = counts.iter().filter(|(_, &n)| n >= least).map(|(&p, _)| p).collect();
    let index: HashMap<&str, usize> = vocabulary.iter().enumerate().map(|(i, &p)| (p, i)).collect();
    let rows: Vec<(Vec<usize>, f64, f64)> = featurised
        .iter()
        .map(|(found, y, weight)| {
            (
                found.iter().filter_map(|p| index.get(p.as_str()).copied()).collect(),
                *y,
                *weight,
            )
        })
        .collect();

    let mut weights = vec![0.0_f64; vocabulary.len()];
    let mut bias = 0.0_f64;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
    let rate = settings.learning_rate;
    for _ in 0..settings.epochs {
        order.shuffle(&mut rng);
        for &i in &order {
            let (features, y, weight) = &rows[i];
            let z = bias + features.iter().map(|&f| weights[f]).sum::<f64>();
            let gradient = weight * (sigmoid(z) - y);
            bias -= rate * gradient;
            for &f in features {
                weights[f] = weights[f] * (1.0 - rate * settings.l2 * weight) - rate * gradient;
            }
        }
    }

    if let Some(prior) = settings.prior {
        let total: f64 = rows.iter().map(|(_, _, w)| w).sum();
        let present: f64 = rows.iter().filter(|(_, y, _)| *y > 0.5).map(|(_, _, w)| w).sum();
        let trained_share = if total > 0.0 { present / total } else { 0.0 };
        if trained_share > 0.0 && trained_share < 1.0 && prior > 0.0 && prior < 1.0 {
            bias += logit(prior) - logit(trained_share);
        }
    }
    let mut model = PhraseModel {
        bias,
        classes: settings.classes.clone(),
        members: members.clone(),
        ..PhraseModel::default()
    };
    for (phrase, weight) in vocabulary.iter().zip(weights) {
        if weight.abs() >= SMALLEST_KEPT_WEIGHT {
            model.weights.insert((*phrase).to_string(), weight);
        }
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<(String, bool)> {
        let blaming = [
            "you never listen",
            "you never help",
            "you never call me back",
            "why do you never listen",
        ];
        let kind = [
            "thank you for listening",
            "I love how you help",
            "could you call me back",
            "I need help",
        ];
        blaming
            .iter()
            .map(|t| (t.to_string(), true))
            .chain(kind.iter().map(|t| (t.to_string(), false)))
            .collect()
    }

    #[test]
    fn it_learns_the_phrase_that_separates_the_labels() {
        let model = train(&toy(), &TrainingSettings::default(), &ClassMembers::new());
        assert!(model.weights["you never"] > 0.5, "{:?}", model.weights.get("you never"));
        assert!(model.opinion("you never text").probability > 0.5);
        assert!(model.opinion("thank you for the help").probability < 0.5);
    }

    #[test]
    fn weight_one_is_the_unweighted_model() {
        let settings = TrainingSettings::default();
        let none = ClassMembers::new();
        let weighted: Vec<(String, bool, f64)> = toy().into_iter().map(|(t, l)| (t, l, 1.0)).collect();
        assert_eq!(
            train(&toy(), &settings, &none),
            train_weighted(&weighted, &settings, &none)
        );
    }

    #[test]
    fn a_light_row_moves_the_model_less_than_a_whole_one() {
        let settings = TrainingSettings::default();
        let none = ClassMembers::new();
        // "you never …" said kindly, labelled not blame, at full weight and at a tenth
        // of it: the light rows pull the model's opinion of them less far down.
        let kind = "you never have to apologise";
        let with = |weight: f64| {
            let mut rows: Vec<(String, bool, f64)> = toy().into_iter().map(|(t, l)| (t, l, 1.0)).collect();
            for _ in 0..4 {
                rows.push((kind.to_string(), false, weight));
            }
            train_weighted(&rows, &settings, &none).opinion(kind).probability
        };
        assert!(with(0.1) > with(1.0), "{} vs {}", with(0.1), with(1.0));
    }

    #[test]
    fn the_same_corpus_gives_the_same_model() {
        let settings = TrainingSettings::default();
        let none = ClassMembers::new();
        assert_eq!(train(&toy(), &settings, &none), train(&toy(), &settings, &none));
    }
}
