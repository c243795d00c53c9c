"""Hint file of round 18 (weak supervision): every dev-side GoEmotions comment that
no file in tests/corpus/ holds, with a *weak* label made from the dataset's own
emotion tags by a rule. These labels are not ours: they are for training only, never
for measuring (docs/scoring.md, "Round 18a"; ATTRIBUTION.md).

Dev side only: SHA-256 of `goemotions:ID`, as an integer, is 2, 3 or 4 modulo 5 (a
comment whose id hashes to 0 or 1 is blind and is never taken). A comment whose text
(lower case, white space collapsed) is in any corpus file, blind or not, is left out,
so no fold of cv_blame.py and no blind file can meet its own comment here.

Usage: python3 draw_hints18.py MIRROR_GIT_DIR RULE OUT
MIRROR_GIT_DIR is the bare repository of monologg/GoEmotions-pytorch at the commit
ATTRIBUTION.md names. RULE is one of:
  hostile   "blame": true when tagged anger, annoyance, disapproval or disgust
  strong    "blame": true when tagged anger or disgust; false when none of the four
            hostile tags; comments tagged only annoyance/disapproval left out
  kindyou   only comments that speak to "you" with none of the four hostile tags and
            no amusement: "blame": false (the model hears "you" without blame)
  tags      "hostile": true/false by the `hostile` rule (for a separate model)
Each line: {"ref": ID, "text": TEXT, LABEL: true/false}."""
import hashlib, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
GIT, RULE, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
HOSTILE = {"anger", "annoyance", "disapproval", "disgust"}
YOU = re.compile(r"\byou|\bur\b|\bu\b", re.I)


def show(path):
    return subprocess.run(["git", "--git-dir", GIT, "show", "HEAD:" + path],
                          capture_output=True, text=True, check=True).stdout


def norm(t):
    return re.sub(r"\s+", " ", t).strip().lower()


def dev_side(i):
    return int(hashlib.sha256(("goemotions:" + i).encode()).hexdigest(), 16) % 5 >= 2


known_refs, known_text = set(), set()
for root, _, names in os.walk(CORPUS):
    for name in names:
        if not name.endswith(".jsonl"):
            continue
        for line in open(os.path.join(root, name), encoding="utf-8"):
            if not line.strip():
                continue
            d = json.loads(line)
            if d.get("source") == "goemotions" and "ref" in d:
                known_refs.add(str(d["ref"]))
            if "text" in d:
                known_text.add(norm(d["text"]))

labels = show("data/original/labels.txt").split()
seen, out = set(), []
for part in ["train", "dev", "test"]:
    for line in show("data/original/%s.tsv" % part).splitlines():
        text, tags, ref = line.split("\t")
        if ref in known_refs or not dev_side(ref):
            continue
        text = re.sub(r"\s+", " ", text).strip()
        n = len(text.split())
        if n < 2 or n > 80 or norm(text) in known_text or norm(text) in seen:
            continue
        seen.add(norm(text))
        tags = {labels[int(x)] for x in tags.split(",")}
        hostile = bool(tags & HOSTILE)
        if RULE == "hostile":
            row = {"blame": hostile}
        elif RULE == "strong":
            if hostile and not tags & {"anger", "disgust"}:
                continue
            row = {"blame": hostile}
        elif RULE == "kindyou":
            if hostile or "amusement" in tags or not YOU.search(text):
                continue
            row = {"blame": False}
        elif RULE == "tags":
            row = {"hostile": hostile}
        else:
            sys.exit("unknown rule " + RULE)
        out.append({"ref": ref, "text": text, **row})
out.sort(key=lambda d: d["ref"])
with open(OUT, "w", encoding="utf-8") as f:
    for d in out:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
label = next(k for k in out[0] if k not in ("ref", "text"))
print("%s: %d comments, %d %s" % (OUT, len(out), sum(d[label] for d in out), label), file=sys.stderr)
