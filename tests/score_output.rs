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
];

#[test]
fn score_output_for_tricky_replies() {
    let input = TRICKY.join("\n") + "\n";
    let out = common::rehearse(&["score"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    common::snapshot_settings().bind(|| insta::assert_snapshot!("score_tricky_replies", common::text(&out.stdout)));
}
