//! What a listener hears in a reply that decides whether a tip fits it, whatever the
//! scores say. The scorers may miss a moment in dialect ("three nights runnin noo")
//! or read a "sorry" that softens a no as an apology; a tip built on that miss asks
//! for what the reply already has (play-tests 15–16, round 26d). Each check is one
//! rule a listener uses, stated on the function. They only ever hold a tip back or
//! narrow it: no score reads them.

use regex::Regex;
use std::sync::LazyLock;

/// Builds one of this file's fixed patterns (a typo here fails every coaching test).
fn pattern(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|e| panic!("coaching pattern: {e}"))
}

/// Whether `reply` says *when*: a day, a clock time, "last night", "this morning",
/// "an hour before", or a count of nights or times ("three nights runnin", "twice this
/// week"). Someone who told you when has given the moment: asking them to "add one
/// specific moment" asks for what they said (a dishes-again R1–R3, where "three nights
/// runnin noo" and "at eleven at night" went unread in Scots). A frequency alone ("most
/// nights", "every week") is not a moment.
pub fn names_a_time(reply: &str) -> bool {
    static WHEN: LazyLock<Regex> = LazyLock::new(|| {
        let n = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)";
        let clock = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})";
        pattern(&format!(
            r"(?ix)\b(?:
                (?:last|yesterday)\s+(?:night|week|weekend|month|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|year)
              | yesterday | the\s+other\s+(?:day|night|week)
              | this\s+(?:morning|afternoon|evening|week|weekend)
              | (?:on|last|this|every\s+other)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?
              | (?:at|till|until|til|by|after|before)\s+(?:half\s+past\s+)?{clock}(?:\s*(?:o['’]?clock|am|pm|at\s+night|in\s+the\s+morning)|:\d\d)?\b(?:\s+(?:at\s+night|last\s+night))?
              | half\s+past\s+{clock}
              | \d{{1,2}}(?::\d\d)?\s*(?:am|pm)
              | midnight
              | an?\s+(?:hour|half\s+hour|few\s+minutes|day)\s+before
              | {n}\s+(?:nights?|times|days|weekends|weeks)\s+(?:running|runnin|in\s+a\s+row|on\s+the\s+trot|this\s+(?:week|month)|since|oot\s+o|out\s+of)
              | (?:second|third|fourth|fifth)\s+(?:night|time|day|weekend)\s+(?:running|runnin|in\s+a\s+row|on\s+the\s+trot|this\s+(?:week|month))
              | (?:twice|three\s+times)\s+(?:this|last)\s+(?:week|month)
              | (?:on|at)\s+my\s+birthday | my\s+birthday
            )"
        ))
    });
    WHEN.is_match(reply)
}

/// Whether `reply` judges its own act as wrong: "that wis oot of order", "'do whatever
/// you want' was a horrible thing to say", "hanging up was worse", "no fair on ye",
/// "not fair of me". Someone who said that has named what they did and owned it; a tip
/// asking them to "name what you're sorry for" or to add "…that wasn't fair to you"
/// asks for what they said (a after-the-dinner R1, b calling-dad-back R1). A judgement
/// of the other person ("you were out of order", "what you did was wrong") is not this.
pub fn judges_own_act(reply: &str) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        let bad = r"(?:horrible|terrible|awful|crap|crappy|shitty|rotten|stupid|nasty|low|cheap|mean|cruel|daft)";
        let wrong = format!(
            r"(?:(?:so|such|really|totally|bang|well|pure|just|a\s+bit)\s+)*(?:out\s+of\s+order|oot\s+o[f']?\s+order|out\s+of\s+line|wrong|unfair|uncalled\s+for|crap|crappy|shite|shitty|(?:not|no|nae)\s+(?:ok|okay|on|fair|right|kind)|on\s+me|my\s+fault|an?\s+(?:(?:really|pretty|bit\s+of\s+a)\s+)?{bad}\s+(?:thing|move)(?:\s+to\s+(?:say|do))?)"
        );
        pattern(&format!(
            r#"(?ix)
              \b(?:that|it|this|which)\s+(?:was|wis|is|['’]s)\s+{wrong}\b
            | (?:^|[.!?;,]\s*|\band\s+|\bbut\s+|["”']\s*)[a-z]+(?:ing|in)\b(?:\s+[a-z'’-]+){{0,6}}?\s+(?:was|wis)\s+(?:{wrong}|worse|horrible|awful)\b
            | \bwhat\s+I\s+(?:said|did|wrote|sent)\b(?:\s+[a-z'’-]+){{0,5}}?\s+(?:was|wis)\s+{wrong}\b
            | \b(?:that|it|this)\s+(?:wasn['’]?t|wisnae|was\s+not|wis\s+no)\s+(?:ok|okay|on|fair|right|kind|cool)\b
            | ["”]\s*(?:was|wis)\s+{wrong}\b
            | (?:^|[.!?;,]\s*)(?:no|not|nae)\s+fair\s+(?:on|to)\s+(?:you|ye|u|her|him)\b
            | \b(?:not|no|nae|n['’]t)\s+(?:ok|okay|fair|right|kind|cool|nice)\s+of\s+me\b
            | \b(?:wrong|unfair|unkind|mean|rude|out\s+of\s+order|oot\s+o[f']?\s+order|crap|shite)\s+of\s+me\b
            | \b(?:my|ma)\s+(?:fault|bad|mistake)\b
            "#
        ))
    });
    static ABOUT_THEM: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"(?i)^\s*(?:that|how|when|of)\s+(?:you|ye|u|yer|your)\b"));
    static THEIRS: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"(?i)^\s*(?:you|ye|u|youre|you['’]re|what\s+you|yer|your)\b"));
    sentences(reply).any(|s| {
        OWN.find(s).is_some_and(|m| {
            // the clause the judgement sits in must not be about them
            let clause = s[..m.start()].rsplit([',', ';']).next().unwrap_or_default();
            !THEIRS.is_match(clause) && !THEIRS.is_match(s) && !ABOUT_THEM.is_match(&s[m.end()..])
        })
    })
}

/// Whether `reply` names something the person did, in the first person: "I showed ye
/// up", "I hung up", "I forgot", "I took it oot on you", "I shouldn't have…". With a
/// "sorry" near it, that is what the person is sorry for; "now name what you're sorry
/// for" would ask for it again.
pub fn names_own_act(reply: &str) -> bool {
    static DID: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?i)\bI\s+(?:just\s+|totally\s+|completely\s+|really\s+)?(?:showed|shouted|snapped|yelled|cut|hung\s+up|forgot|missed|let\s+(?:you|ye|u|her|him)\s+(?:down|doon)|took\s+it\s+(?:out|oot)|talked\s+over|interrupted|embarrassed|humiliated|ignored|bailed|cancelled|canceled|blew|lost\s+(?:it|my\s+temper|the\s+heid)|made\s+(?:you|ye|u)\s+look|treated|dismissed|brushed|spoke\s+over|said\s+(?:that|it|those)|shut\s+(?:you|ye|u)|should(?:n['’]?t|nae|\s+not)?\s+(?:have|['’]ve|of)|should['’]?ve)\b",
        )
    });
    DID.is_match(reply)
}

/// Whether the "sorry" in `reply` is kindness rather than an apology: it meets their
/// trouble ("that's a bloody nightmare wi the car, I'm sorry", "sorry to hear that") or
/// softens a no said in the same breath ("naw, sorry, it needs tae be the now"; "I'm
/// sorry. But naw, I'm no gonnae lend it"), and the reply owns nothing. A listener hears
/// sympathy, not an apology, so no apology tip fits it: "stop after the apology" or
/// "name what you're sorry for" would call the kindness an apology (a third-loan R1, a
/// whose-analysis R5).
pub fn sorry_is_kindness(reply: &str) -> bool {
    static SORRY: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"(?i)\b(?:sorry|i\s+apologi[sz]e|apologies|my\s+apologies)\b"));
    static SYMPATHY: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?i)\bsorry\s+(?:to\s+hear|about\s+(?:your|yer|the\s+car|the\s+job|that\s+happening)|for\s+your\s+loss|that\s+(?:happened|you|ye)|you['’]?re\s+(?:going|dealing|having)|ye['’]?re)\b|\b(?:that['’]?s|that\s+is|what\s+a|sounds\s+like)\s+(?:an?\s+)?(?:(?:bloody|really|so|proper|absolute|total|pure)\s+)*(?:nightmare|rough|awful|horrible|hard|shit|shite|crap|terrible|rubbish|stressful|scary|a\s+lot|gutting|brutal)\b",
        )
    });
    static NO: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?i)\b(?:no|naw|nah|nope)\b[\s,.!]*(?:$|(?:sorry|I|it|that|but|ye|you|the)\b|[a-z]+\s*,)|\b(?:can['’]?t|cannot|cannae|canny|won['’]?t|willnae|not\s+gonna|no\s+gonnae|not\s+gonnae|not\s+going\s+to|(?:I['’]?m|i\s+am|am)\s+(?:no|not)\s+(?:lendin|lending|doing|daein|coming|comin|moving|able|gonnae|gonna)|it['’]?s\s+a\s+(?:no|naw)|needs?\s+(?:to|tae)\s+be\s+(?:today|the\s+now|now))\b",
        )
    });
    if !SORRY.is_match(reply) || judges_own_act(reply) || names_own_act(reply) {
        return false;
    }
    let sents: Vec<&str> = sentences(reply).collect();
    sents.iter().enumerate().any(|(i, s)| {
        SORRY.is_match(s)
            && (SYMPATHY.is_match(s) || NO.is_match(s) || sents.get(i + 1).is_some_and(|next| NO.is_match(next)))
    })
}

/// Whether `reply` already reflects the other person: "I understand that pressure", "I
/// hear you, the rents are crazy", "I ken ye've been lonely", "that must've been
/// rotten". Asking someone who said that to "reflect what they feel" asks for what they
/// said (b whose-analysis R2, b just-a-few-months R1). A bare "I understand, but…" or
/// "I know, I know" reflects nothing of theirs, so it does not count.
pub fn reflects_them(reply: &str) -> bool {
    static REFLECT: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?i)\bI\s+(?:(?:really|totally|completely|do|can)\s+)?(?:understand|get|hear|see|know|ken)\s+(?:that\s+(?:pressure|worry|fear|stress|it['’]s|you|ye)|how\s+(?:hard|much|scary|stressful|awful|tough|lonely|tired|frustrating)|(?:you|ye|u)(?:['’]?(?:ve|re|ll|d))?\s*,?\s*(?:the|your|yer|it['’]s|that|this|ye|you|u|have|had|were|are|must|feel|felt|want|need|didn['’]?t|don['’]?t|cannae|can['’]?t|been|got|gone|done|[a-z]+ed)\b|(?:the|your|yer)\s+[a-z]+)|\b(?:that|it)\s+(?:must\s+(?:have|['’]ve|of)?\s*(?:been|felt|be)|sounds\s+(?:really\s+|so\s+)?(?:hard|awful|rough|scary|stressful|lonely|exhausting|like\s+a\s+lot))\b",
        )
    });
    REFLECT.is_match(reply)
}

/// The sentences of `reply` (split at ".", "!", "?" and line breaks), trimmed.
fn sentences(reply: &str) -> impl Iterator<Item = &str> {
    reply
        .split(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_a_moment_a_frequency_is_not() {
        assert!(names_a_time(
            "It's just three nights runnin noo and I come in knackered"
        ));
        assert!(names_a_time("the one that ends up daein them at eleven at night"));
        assert!(names_a_time("my birthday, an hour before"));
        assert!(names_a_time("last night the pans were still there"));
        assert!(!names_a_time("Ye cook maist nights, I ken that"));
        assert!(!names_a_time("I'd like it quiet most weeknights"));
        assert!(!names_a_time("could we sort it before it gets worse"));
    }

    #[test]
    fn owning_the_act_is_not_judging_them() {
        assert!(judges_own_act(
            "Cuttin ye aff like that in front of Mara and Theo, that wis oot of order."
        ));
        assert!(judges_own_act(
            "\"Do whatever you want\" was a horrible thing to say, and hanging up was worse."
        ));
        assert!(judges_own_act("ugh that was such a crappy move of mine"));
        assert!(!judges_own_act("You were out of order last night."));
        assert!(!judges_own_act("what you did at dinner was wrong"));
        assert!(!judges_own_act("That's a bloody nightmare wi the car, hen"));
        assert!(!judges_own_act("oh no that's awful, I'm sorry"));
        assert!(!judges_own_act("i think it's wrong that you never asked me"));
    }

    #[test]
    fn a_sorry_beside_a_no_or_their_trouble_is_kindness() {
        assert!(sorry_is_kindness(
            "Aw, Kemi. That's a bloody nightmare wi the car, hen, I'm sorry. But naw, I'm no gonnae lend it."
        ));
        assert!(sorry_is_kindness(
            "Naw, sorry, it needs tae be the now, while Priya's still got it."
        ));
        assert!(sorry_is_kindness(
            "oh no, sorry to hear about the boiler. i can't cover it this time though"
        ));
        assert!(!sorry_is_kindness("I'm sorry I snapped at you. It won't happen again."));
        assert!(!sorry_is_kindness(
            "Sorry, pal. I showed ye up and ye didnae deserve it."
        ));
        assert!(!sorry_is_kindness("sorry about last night, that was out of order"));
        assert!(!sorry_is_kindness("I'm sorry, I have no idea what came over me"));
    }

    #[test]
    fn a_reflection_names_their_side() {
        assert!(reflects_them("Ay, I understand that pressure, te lo juro"));
        assert!(reflects_them("I hear you, the rents are crazy"));
        assert!(reflects_them("I ken ye've been lonely since Dad went"));
        assert!(reflects_them("honestly that must have been awful"));
        assert!(!reflects_them("I understand, but the answer is still no"));
        assert!(!reflects_them("I know, I know."));
    }
}
