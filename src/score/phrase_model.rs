//! A phrase model: weights for words and word pairs, learned from the labelled
//! corpus, that give the probability a reply shows a skill.
//!
//! Why it exists: the hand-written rules in `scripts/` are precise and explain
//! themselves, but people blame in more wordings than any list holds ("Is your
//! phone broken or are you just ignoring me?"). On corpus files the rules had never
//! seen they found about half of the blaming replies; a plain logistic model over
//! words and word pairs, trained on a few thousand labelled replies from several
//! writers, found over 80%. The scripts call it through the `phrase_model` host
//! function and add its opinion to their own, so the rules still decide what is
//! said about a reply and the model only fills the gaps.
//!
//! The model is a plain text file in `scripts/models/` (`weight<TAB>phrase`), so a
//! reviewer can read which phrases push towards a skill. It is written by
//! `rehearse train`, never by hand.

use super::text;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The line that holds the model's bias (a phrase can never contain parentheses).
pub const BIAS: &str = "(bias)";

/// The line that names a word class: `(class)<TAB><token><TAB>lexicon lexicon…`.
pub const CLASS: &str = "(class)";

/// Stands for a quotation: someone else's words are not the speaker's.
const QUOTE_TOKEN: &str = "<quote>";

/// A word class: every single word of some word lists in `scripts/lexicons/`
/// stands also for one shared token ("idiot", "moron" → `<insult>`), so "you're
/// such a <insult>" is learned once for every insult, including ones no labelled
/// reply used. The lists are the authors' own files, read when the scripts load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordClass {
    /// The token the class's words share, in angle brackets (`<insult>`).
    pub token: String,
    /// The word lists it is made of, by file name without `.txt` (`insults`).
    pub lexicons: Vec<String>,
}

/// Which class each word belongs to (the first class that lists it).
pub type ClassMembers = HashMap<String, String>;

/// Folds a word list entry the way reply words are folded, so "U" or "Idiot" in a
/// list still finds "you" or "idiot" in a reply. Entries of several words are left
/// out: a class stands in for one word.
pub fn class_members<'a>(
    classes: &[WordClass],
    list: impl Fn(&str) -> Option<&'a [String]>,
) -> Result<ClassMembers, String> {
    let mut members = ClassMembers::new();
    for class in classes {
        for name in &class.lexicons {
            let Some(entries) = list(name) else {
                return Err(format!(
                    "the word class {} needs scripts/lexicons/{name}.txt, which is not there; \
                     restore the list (the phrase model is made with it and reads it)",
                    class.token
                ));
            };
            for entry in entries.iter().filter(|e| !e.trim().contains(char::is_whitespace)) {
                let word = normalise(entry.trim());
                if !word.is_empty() {
                    members.entry(word).or_insert_with(|| class.token.clone());
                }
            }
        }
    }
    Ok(members)
}

/// One normalised word of a reply and where it came from (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
    /// Whether this word runs on from the previous one inside the same clause (no
    /// full stop, comma, colon, dash or bracket between them). Word pairs are only
    /// made inside a clause: "night. you" or "me, you" is not a phrase anyone said,
    /// and quoting it as evidence would make no sense to the person who typed it.
    pub joined: bool,
}

/// Whether the text between two words ends a clause.
fn breaks_clause(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–' | '…' | '\n' | '"' | '“' | '”'
        )
    }) || gap.contains(" - ")
}

/// A word that ends a sentence on its own ("?" and "!" are tokens).
fn ends_sentence(word: &str) -> bool {
    word == "?" || word == "!"
}

/// A phrase that pushed the probability up, and where it is in the reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub phrase: String,
    pub weight: f64,
    pub start: usize,
    pub end: usize,
}

/// The model's opinion of one reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Opinion {
    pub probability: f64,
    /// Phrases with a positive weight, strongest first.
    pub phrases: Vec<Contribution>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhraseModel {
    pub bias: f64,
    pub weights: HashMap<String, f64>,
    /// The word classes it was trained with, as named in its file.
    pub classes: Vec<WordClass>,
    /// The words of those classes, filled in from the word lists when the scripts
    /// load ([`PhraseModel::read_classes`]).
    pub members: ClassMembers,
}

fn word_pattern() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(r"[\p{L}\p{N}'’]+|[?!]").expect("a fixed, valid pattern"))
}

/// Texting spellings folded into one form, so "u never" and "you never" share a weight.
fn normalise(word: &str) -> String {
    let lower = word.to_lowercase().replace('’', "'");
    let trimmed = lower.trim_matches('\'');
    let folded = match trimmed {
        "u" | "ya" | "yu" => "you",
        "ur" | "yr" => "your",
        "youre" => "you're",
        "r" => "are",
        "im" => "i'm",
        "ive" => "i've",
        "ill" => "i'll",
        "dont" => "don't",
        "cant" => "can't",
        "wont" => "won't",
        "didnt" => "didn't",
        "doesnt" => "doesn't",
        "isnt" => "isn't",
        "wasnt" => "wasn't",
        "havent" => "haven't",
        "thats" => "that's",
        "whats" => "what's",
        other => other,
    };
    folded.to_string()
}

/// The words of `reply`, normalised; a quotation becomes one `<quote>` token.
pub fn tokens(reply: &str) -> Vec<Token> {
    let quotes = text::quoted_spans(reply);
    let mut out = Vec::new();
    let mut quote_seen = vec![false; quotes.len()];
    for m in word_pattern().find_iter(reply) {
        if let Some(q) = quotes.iter().position(|q| q.start <= m.start() && m.end() <= q.end) {
            if !quote_seen[q] {
                quote_seen[q] = true;
                out.push(Token {
                    word: QUOTE_TOKEN.to_string(),
                    start: quotes[q].start,
                    end: quotes[q].end,
                    joined: false,
                });
            }
            continue;
        }
        let word = normalise(m.as_str());
        if word.is_empty() {
            continue;
        }
        let joined = out.last().is_some_and(|last: &Token| {
            !ends_sentence(&last.word) && !breaks_clause(reply.get(last.end..m.start()).unwrap_or("."))
        });
        out.push(Token {
            word,
            start: m.start(),
            end: m.end(),
            joined,
        });
    }
    out
}

/// The first-person subjects after which a class word describes the speaker.
const FIRST_PERSON_SUBJECTS: &[&str] = &["i", "i'm", "i've", "i'd", "myself"];

/// Words that may stand between that subject and the class word without changing
/// whom it describes: a copula or feeling verb, articles, intensifiers, hedges
/// ("i'm such a total idiot", "i was being so selfish", "i feel really stupid").
const SELF_DESCRIPTION_FILLERS: &[&str] = &[
    "am",
    "was",
    "been",
    "being",
    "be",
    "feel",
    "felt",
    "look",
    "looked",
    "sound",
    "sounded",
    "so",
    "such",
    "a",
    "an",
    "the",
    "total",
    "complete",
    "real",
    "absolute",
    "fucking",
    "really",
    "just",
    "too",
    "bit",
    "little",
    "kind",
    "sort",
    "of",
    "like",
    "truly",
    "honestly",
    "actually",
    "probably",
    "pretty",
    "very",
    "quite",
    "literally",
    "seriously",
    "always",
    "sometimes",
    "still",
    "also",
    "not",
    "utter",
    "massive",
    "huge",
    "big",
    "bloody",
    "damn",
    "definitely",
];

/// Verbs that make a bare "i" the subject of a description of the speaker ("i am",
/// "i was", "i feel"); "i hate lazy people" describes someone else.
const SELF_DESCRIPTION_VERBS: &[&str] = &[
    "am", "was", "been", "feel", "felt", "look", "looked", "sound", "sounded",
];

/// Whether the class word at `index` is said of the speaker: "i'm an idiot", "im
/// such a jerk sometimes", "i was so selfish", "i feel stupid". Round 17: name-calling
/// turned on oneself is self-blame, usually inside an apology ("im so sorry i missed
/// it, i'm an idiot"), and is no evidence against the listener; but Reddit's hostile
/// replies, which taught the model most of what it knows about insults, use the same
/// words at someone else, so as one shared `<insult>` token it read the apology as
/// contempt. Only the clause before the word is read, word by word back to the
/// subject, through nothing but a copula, articles and intensifiers: "i think you're
/// an idiot" or "you make me feel stupid" reach "you're" / "me" first and stay as
/// they were.
fn said_of_oneself(tokens: &[Token], index: usize) -> bool {
    let mut verb_seen = false;
    let mut at = index;
    for _ in 0..6 {
        if at == 0 || !tokens[at].joined {
            return false;
        }
        at -= 1;
        let word = tokens[at].word.as_str();
        if FIRST_PERSON_SUBJECTS.contains(&word) {
            return word != "i" || verb_seen;
        }
        if !SELF_DESCRIPTION_FILLERS.contains(&word) {
            return false;
        }
        verb_seen |= SELF_DESCRIPTION_VERBS.contains(&word);
    }
    false
}

/// The class token for a word said of the speaker: `<insult>` becomes `<insult:self>`.
fn self_token(class: &str) -> String {
    format!("{}:self>", class.trim_end_matches('>'))
}

/// Every phrase of a reply with its span: each word, each pair and run of three
/// neighbouring words in one clause, and the first and last word marked `^ word`
/// and `word $`. A word of a class also counts as its class token, alone and in a
/// pair (`you're <insult>`). A class word said of the speaker ("i'm an idiot") counts
/// only as `<insult:self>`, in place of itself, in every phrase it is part of (see
/// [`said_of_oneself`]). A phrase is listed once, at its first place.
pub fn phrases(tokens: &[Token], members: &ClassMembers) -> BTreeMap<String, (usize, usize)> {
    let mut out = BTreeMap::new();
    // Each token's word as the phrases see it, and its class (none for a word said
    // of the speaker, which already stands as its class).
    let mut words: Vec<String> = Vec::with_capacity(tokens.len());
    let mut classes: Vec<Option<&String>> = Vec::with_capacity(tokens.len());
    for (index, t) in tokens.iter().enumerate() {
        match members.get(&t.word) {
            Some(class) if said_of_oneself(tokens, index) => {
                words.push(self_token(class));
                classes.push(None);
            }
            class => {
                words.push(t.word.clone());
                classes.push(class);
            }
        }
    }
    for (index, t) in tokens.iter().enumerate() {
        out.entry(words[index].clone()).or_insert((t.start, t.end));
        if let Some(class) = classes[index] {
            out.entry(class.clone()).or_insert((t.start, t.end));
        }
    }
    for k in 1..tokens.len() {
        if !tokens[k].joined {
            continue;
        }
        let span = (tokens[k - 1].start, tokens[k].end);
        out.entry(format!("{} {}", words[k - 1], words[k])).or_insert(span);
        if let Some(class) = classes[k] {
            out.entry(format!("{} {class}", words[k - 1])).or_insert(span);
        }
        if let Some(class) = classes[k - 1] {
            out.entry(format!("{class} {}", words[k])).or_insert(span);
        }
    }
    for k in 2..tokens.len() {
        if tokens[k - 1].joined && tokens[k].joined {
            out.entry(format!("{} {} {}", words[k - 2], words[k - 1], words[k]))
                .or_insert((tokens[k - 2].start, tokens[k].end));
        }
    }
    if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
        out.entry(format!("^ {}", words[0])).or_insert((first.start, first.end));
        out.entry(format!("{} $", words[tokens.len() - 1]))
            .or_insert((last.start, last.end));
    }
    out
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

impl PhraseModel {
    /// The probability that `reply` shows the skill, and the phrases behind it.
    pub fn opinion(&self, reply: &str) -> Opinion {
        let mut z = self.bias;
        let mut pushed = Vec::new();
        for (phrase, (start, end)) in phrases(&tokens(reply), &self.members) {
            if let Some(&weight) = self.weights.get(&phrase) {
                z += weight;
                if weight > 0.0 && !phrase.contains(QUOTE_TOKEN) {
                    pushed.push(Contribution {
                        phrase,
                        weight,
                        start,
                        end,
                    });
                }
            }
        }
        pushed.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.start.cmp(&b.start)));
        Opinion {
            probability: sigmoid(z),
            phrases: pushed,
        }
    }

    /// Looks up the words of the model's classes in the loaded word lists.
    pub fn read_classes<'a>(&mut self, list: impl Fn(&str) -> Option<&'a [String]>) -> Result<(), String> {
        self.members = class_members(&self.classes, list)?;
        Ok(())
    }

    /// Reads a model file. Errors give the line and what to do.
    pub fn parse(source: &str) -> Result<PhraseModel, (usize, String)> {
        let mut model = PhraseModel::default();
        let mut saw_bias = false;
        for (index, line) in source.lines().enumerate() {
            let number = index + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((weight, phrase)) = line.split_once('\t') else {
                return Err((
                    number,
                    "expected `weight<TAB>phrase`; model files are written by `rehearse train`, retrain rather than edit"
                        .to_string(),
                ));
            };
            if weight.trim() == CLASS {
                let (token, lists) = phrase.split_once('\t').unwrap_or((phrase, ""));
                let lexicons: Vec<String> = lists.split_whitespace().map(str::to_string).collect();
                if !(token.starts_with('<') && token.ends_with('>')) || lexicons.is_empty() {
                    return Err((
                        number,
                        "expected `(class)<TAB><name><TAB>word lists`; retrain with `rehearse train`".to_string(),
                    ));
                }
                model.classes.push(WordClass {
                    token: token.to_string(),
                    lexicons,
                });
                continue;
            }
            let weight: f64 = weight.trim().parse().map_err(|_| {
                (
                    number,
                    format!("`{}` is not a number; retrain with `rehearse train`", weight.trim()),
                )
            })?;
            if !weight.is_finite() {
                return Err((number, "the weight is not a finite number".to_string()));
            }
            if phrase == BIAS {
                model.bias = weight;
                saw_bias = true;
            } else {
                model.weights.insert(phrase.to_string(), weight);
            }
        }
        if !saw_bias {
            return Err((
                1,
                format!("the file has no `{BIAS}` line; retrain with `rehearse train`"),
            ));
        }
        Ok(model)
    }

    /// The model as a file: a header, the bias, then every phrase in order.
    pub fn to_file(&self, header: &[String]) -> String {
        let mut out = String::new();
        for line in header {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        for class in &self.classes {
            out.push_str(&format!("{CLASS}\t{}\t{}\n", class.token, class.lexicons.join(" ")));
        }
        out.push_str(&format!("{:.4}\t{BIAS}\n", self.bias));
        let mut phrases: Vec<(&String, &f64)> = self.weights.iter().collect();
        phrases.sort_by(|a, b| a.0.cmp(b.0));
        for (phrase, weight) in phrases {
            out.push_str(&format!("{weight:.4}\t{phrase}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(reply: &str) -> Vec<String> {
        tokens(reply).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn texting_spellings_share_a_token() {
        assert_eq!(
            words_of("U NEVER listen, ur so rude!"),
            ["you", "never", "listen", "your", "so", "rude", "!"]
        );
    }

    #[test]
    fn a_quotation_is_one_token() {
        assert_eq!(
            words_of("When you said \"you always do this\", I froze."),
            ["when", "you", "said", "<quote>", "i", "froze"]
        );
    }

    #[test]
    fn word_pairs_stay_inside_a_clause() {
        let found = phrases(
            &tokens("Late again last night. You said, you know, it's fine? you're kind"),
            &ClassMembers::new(),
        );
        assert!(found.contains_key("again last"));
        assert!(!found.contains_key("night you"), "a pair across a full stop");
        assert!(!found.contains_key("said you"), "a pair across a comma");
        assert!(!found.contains_key("? you're"), "a pair after a question mark");
        assert!(found.contains_key("fine ?"), "the mark still closes its own sentence");
        assert!(found.contains_key("you're kind"));
    }

    #[test]
    fn phrases_carry_their_spans() {
        let reply = "You never call.";
        let found = phrases(&tokens(reply), &ClassMembers::new());
        let (start, end) = found["you never"];
        assert_eq!(&reply[start..end], "You never");
        assert!(found.contains_key("^ you"));
        assert!(found.contains_key("call $"));
    }

    #[test]
    fn a_class_word_also_counts_as_its_class() {
        let insults = vec!["Idiot".to_string(), "total idiot".to_string(), "moron".to_string()];
        let classes = [WordClass {
            token: "<insult>".into(),
            lexicons: vec!["insults".into()],
        }];
        let members = class_members(&classes, |name| (name == "insults").then_some(insults.as_slice())).unwrap();
        assert_eq!(members.len(), 2, "one-word entries only, folded: {members:?}");
        let reply = "Honestly you're such a moron";
        let found = phrases(&tokens(reply), &members);
        assert!(found.contains_key("<insult>"));
        let (start, end) = found["a <insult>"];
        assert_eq!(&reply[start..end], "a moron");
        assert!(found.contains_key("you're such a"), "a run of three words");
        assert!(class_members(&classes, |_| None).is_err(), "a missing list is reported");
    }

    #[test]
    fn a_class_word_said_of_oneself_is_its_own_token() {
        let insults = vec!["idiot".to_string()];
        let traits = vec!["stupid".to_string(), "lazy".to_string()];
        // The classes the bundled model is trained with.
        let classes = crate::score::phrase_training::TrainingSettings::default().classes;
        let members = class_members(&classes, |name| match name {
            "insults" => Some(insults.as_slice()),
            "traits" => Some(traits.as_slice()),
            _ => None,
        })
        .unwrap();
        let mine = phrases(&tokens("oh god, im so sorry, i'm such an idiot"), &members);
        assert!(mine.contains_key("<insult:self>"), "{mine:?}");
        assert!(mine.contains_key("an <insult:self>"));
        assert!(mine.contains_key("<insult:self> $"));
        assert!(!mine.contains_key("<insult>") && !mine.contains_key("idiot") && !mine.contains_key("an idiot"));
        assert!(phrases(&tokens("I feel so stupid"), &members).contains_key("<trait:self>"));
        assert!(phrases(&tokens("Holy shit I'm stupid"), &members).contains_key("<trait:self>"));
        for theirs in [
            "i think you're an idiot",
            "you make me feel stupid",
            "i hate lazy people",
            "i'm done. idiot",
        ] {
            let found = phrases(&tokens(theirs), &members);
            assert!(found.keys().all(|p| !p.contains(":self>")), "{theirs}: {found:?}");
        }
    }

    #[test]
    fn a_model_round_trips_through_its_file() {
        let mut model = PhraseModel {
            bias: -0.5,
            ..PhraseModel::default()
        };
        model.weights.insert("you never".into(), 1.25);
        model.weights.insert("thank".into(), -0.75);
        model.classes.push(WordClass {
            token: "<insult>".into(),
            lexicons: vec!["insults".into(), "traits".into()],
        });
        let file = model.to_file(&["test".to_string()]);
        assert_eq!(PhraseModel::parse(&file).unwrap(), model);
        let opinion = model.opinion("Thank you, but you never call.");
        assert_eq!(opinion.phrases.len(), 1);
        assert_eq!(opinion.phrases[0].phrase, "you never");
        assert!((opinion.probability - sigmoid(-0.5 + 1.25 - 0.75)).abs() < 1e-12);
    }

    #[test]
    fn a_damaged_line_is_reported_with_its_number() {
        let err = PhraseModel::parse("0.1\t(bias)\nnot a weight line\n").unwrap_err();
        assert_eq!(err.0, 2);
    }
}
