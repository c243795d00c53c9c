//! `rehearse score` on a fixed set of tricky replies, as a reviewed snapshot: a
//! change to any scoring rule or word list shows up here as a diff.

mod common;

const TRICKY: &[&str] = &[
    "You never help with anything around here.",
    "I feel like you never listen to me.",
    "I feel ignored when you're on your phone at dinner.",
    "I feel lonely when we eat in silence, and I'd love us to put our phones away at dinner.",
    "I feel hurt when you cancel, because you're so selfish.",
    "When you said 'you always do this', I felt hurt, and I'd like to talk about it.",
    "I'm not saying it's your fault. I'm tired and I need a hand tonight.",
    "Could you help me with the bins tonight?",
    "You never have to apologise for crying.",
    "I love you. You always make the best coffee.",
    "Sorry if you were offended.",
    "I'm sorry, but you started it.",
    "Fine, I'm sorry, happy now?",
    "I'm sorry I snapped at you in front of your friends. It embarrassed you, and next time I'll ask to step outside.",
    "It sounds like you felt left out when we made the plan without you. That makes sense.",
    "Oh, poor you.",
    "I'm not able to lend money any more. I know that's hard to hear.",
    "Please stop calling me at work.",
    "One more time and we're done.",
    "Can we start over? I came in hot.",
    "Whatever. I'm done talking.",
    "i feel like u never listen tbh",
    "ur always on ur phone",
    "Nice job, genius.",
    // No rule covers these wordings; the phrase model does (rule `phrasing`).
    "I guess some people just get to sleep in while the rest of us sort the kids out.",
    "Nice that your phone works fine for everyone else.",
    // Dismissal and martyrdom rules.
    "Calm down, it's not a big deal.",
    "Fine, I'll do it myself. As usual.",
];

#[test]
fn score_output_for_tricky_replies() {
    let input = TRICKY.join("\n") + "\n";
    let out = common::rehearse(&["score"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    common::snapshot_settings().bind(|| insta::assert_snapshot!("score_tricky_replies", common::text(&out.stdout)));
}

/// A wording no rule covers is still caught, by the phrase model, and the feedback
/// says so and quotes the words behind it; a rule that fires keeps the quote.
#[test]
fn the_phrase_model_fills_gaps_and_rules_keep_the_word() {
    let out = common::rehearse(
        &[
            "score",
            "--json",
            "Nice that your phone works fine for everyone else.",
            "You never listen.",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    let lines: Vec<serde_json::Value> = common::text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let rules = |v: &serde_json::Value| -> Vec<String> {
        v["matches"]
            .as_array()
            .expect("matches")
            .iter()
            .filter(|m| m["score"] == "blame")
            .map(|m| m["rule"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(lines[0]["scores"]["blame"].as_f64().unwrap() >= 0.5);
    assert_eq!(rules(&lines[0]), ["phrasing"]);
    assert!(lines[0]["tips"].to_string().contains("usually land as blame"));
    assert_eq!(
        rules(&lines[1]),
        ["absolute"],
        "a rule decided, so the model is not quoted"
    );
}
