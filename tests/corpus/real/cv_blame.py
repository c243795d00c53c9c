#!/usr/bin/env python3
"""Grouped k-fold cross-validation of the whole blame scorer (rules + phrase model).

Why: the blame rules were written from the rows they fixed, so a score measured on
those rows says little about speech nobody has read yet. This script holds out one
fifth of the real dev-side rows at a time (whole conversations at once), retrains the
phrase model without them, and scores them with the full `scripts/` (rules + model).
Nothing in it opens a blind file: those stay excluded from training as always.

    python3 tests/corpus/real/cv_blame.py [--rehearse target/release/rehearse]
                                          [--scripts scripts] [--folds 5] [--seed 16]

Each fold is trained with `rehearse train blame TRAINING_FILES --exclude FOLD
--exclude BLIND…` into a copy of the scripts folder, then measured with `rehearse
eval --scripts COPY --scenarios ./scenarios FOLD --json --by cv_group`.

Printed: pooled precision, recall, F1 and false-blame rate (share of non-blaming rows
scored blame) for the whole scorer, overall, per source, and per input file (rules
were tuned on real/dev.jsonl, never on real/train_blame.jsonl: the second figure is
the fairer one); then the phrase model alone (p >= t) at a few thresholds.

To add labelled rows, add the file to TRAINING_FILES (it is then trained on) and, if
its rows are real speech to measure on, to CV_FILES.

Comparing a change fairly needs the same rows in the same folds on both sides, so:
`--without FILE` leaves a training file out of training while its rows stay among the
rows measured (what would the model do without it, on exactly the same rows?);
`--cv FILE` (repeatable) measures only those files' rows, e.g. the 9,615 rows of
rounds 16a/16b (`--cv tests/corpus/real/dev.jsonl --cv tests/corpus/real/train_blame.jsonl`
gives their folds); `--alone 0.85 --alone 0.88` also scores every fold with copies of
the scripts whose `model_alone_threshold()` is that number (same models, no retraining).
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

# The training command of docs/scoring.md ("The phrase model"), one file a line.
TRAINING_FILES = [
    "tests/corpus/dev.jsonl",
    "tests/corpus/heldout.jsonl",
    "tests/corpus/dev_blame.jsonl",
    *sorted(
        os.path.join("tests/corpus/train", f)
        for f in os.listdir("tests/corpus/train")
        if f.endswith(".jsonl")
    ),
    "tests/corpus/real/dev.jsonl",
    "tests/corpus/real/train_blame.jsonl",
    "tests/corpus/real/train_blame9.jsonl",
    "tests/corpus/real/train_blame10.jsonl",
    # Not real/train_blame11.jsonl (600 CaSiNo and Counsel Chat rows, 3 blaming), on
    # purpose: measured when it was labelled (ATTRIBUTION.md), in round 23d and in
    # round 26e (cv_register26.py), it lowers false blame on real speech but finds less
    # blame there, and gives stress replies more false blame (docs/scoring.md, "Round 26e").
]
# Files never trained on (the blind splits); only their texts are used, by
# `rehearse train` itself, to leave out any training reply that also appears there.
BLIND_FILES = [
    "tests/corpus/final.jsonl",
    "tests/corpus/blind2.jsonl",
    "tests/corpus/real/blind.jsonl",
    "tests/corpus/real/blind7.jsonl",
]
# The real-speech rows cross-validated over (each must also be in TRAINING_FILES).
CV_FILES = [
    "tests/corpus/real/dev.jsonl",
    "tests/corpus/real/train_blame.jsonl",
    "tests/corpus/real/train_blame9.jsonl",
    "tests/corpus/real/train_blame10.jsonl",
]
# The phrase model alone is measured through tiny extra scorers put in the copy of
# the scripts folder, one per threshold; each scores 1 when p >= t.
MODEL_THRESHOLDS = [0.5, 0.7, 0.8, 0.9]


def conversation(row):
    """Rows of one conversation stay in one fold: a CaSiNo ref is `dialogue:turn`."""
    ref = str(row.get("ref", row["text"]))
    if row.get("source") == "casino":
        return "casino:" + ref.split(":")[0]
    return row.get("source", "") + ":" + ref


def model_alone_name(t):
    return "cv_model_p%02d" % round(100 * t)


def model_alone_script(t):
    return (
        "// Cross-validation only (tests/corpus/real/cv_blame.py): the phrase model\n"
        "// alone, 1 when its probability is at least %.2f.\n"
        "fn score(text) {\n"
        '    let o = phrase_model("blame", text);\n'
        "    #{ score: if o.p >= %.2f { 1.0 } else { 0.0 }, matches: [], tip: \"\" }\n"
        "}\n" % (t, t)
    )


def alone_threshold(path, t):
    """Rewrites `fn model_alone_threshold() { … }` in a copy of blame.rhai."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    changed = re.sub(r"fn model_alone_threshold\(\) \{ [0-9.]+ \}", "fn model_alone_threshold() { %.3f }" % t, source)
    if changed == source and "fn model_alone_threshold() { %.3f }" % t not in source:
        sys.exit("could not find `fn model_alone_threshold() { N }` in %s" % path)
    with open(path, "w", encoding="utf-8") as f:
        f.write(changed)


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), done.stdout, done.stderr))
    return done.stdout


FIELDS = {"tp": "true_pos", "fp": "false_pos", "fn": "false_neg", "tn": "true_neg"}


def add(into, confusion):
    for k, field in FIELDS.items():
        into[k] += confusion[field]


def line(name, c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    negatives = c["fp"] + c["tn"]
    fb = c["fp"] / negatives if negatives else 0.0
    pos = c["tp"] + c["fn"]
    return "%-34s P %.3f  R %.3f  F1 %.3f  false blame %5.2f%% (%d of %d)  blaming rows %d" % (
        name, p, r, f, 100 * fb, c["fp"], negatives, pos)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rehearse", default="target/release/rehearse")
    ap.add_argument("--scripts", default="scripts")
    ap.add_argument("--scenarios", default="scenarios")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="keep the fold files and scripts copies in this folder")
    ap.add_argument("--without", action="append", default=[],
                    help="leave this training file out of training (its rows are still measured)")
    ap.add_argument("--cv", action="append", default=[],
                    help="measure only these files' rows (default: CV_FILES)")
    ap.add_argument("--alone", action="append", type=float, default=[],
                    help="also score with model_alone_threshold() set to this")
    ap.add_argument("--hint", action="append", default=[], metavar="FILE=WEIGHT",
                    help="also train on this file of weak labels at this weight (training only, never "
                         "measured; each fold still leaves out any hint whose text is in the fold)")
    ap.add_argument("--class", dest="classes", action="append", default=[], metavar="TOKEN=LIST",
                    help="train with one more word class (rehearse train --class), from a list in the scripts folder")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=DIR",
                    help="also score every fold with the scripts folder DIR, given the fold's own "
                         "retrained blame model (same models, other scripts)")
    args = ap.parse_args()
    for path in args.without:
        if path not in TRAINING_FILES:
            sys.exit("--without %s: not one of TRAINING_FILES" % path)
    training = [f for f in TRAINING_FILES if f not in args.without]
    cv_files = args.cv or CV_FILES

    rows = []
    for path in cv_files:
        with open(path, encoding="utf-8") as f:
            for text in f:
                if not text.strip():
                    continue
                row = json.loads(text)
                if "blame" in row:
                    rows.append((os.path.basename(path), row))
    groups = sorted({conversation(r) for _, r in rows})
    random.Random(args.seed).shuffle(groups)
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}

    work = args.keep or tempfile.mkdtemp(prefix="cv_blame.")
    os.makedirs(work, exist_ok=True)
    unscored = 0
    totals = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    for k in range(args.folds):
        fold_file = os.path.join(work, "fold%d.jsonl" % k)
        with open(fold_file, "w", encoding="utf-8") as out:
            for origin, row in rows:
                if fold_of[conversation(row)] != k:
                    continue
                kept = {"text": row["text"], "blame": row["blame"]}
                for t in MODEL_THRESHOLDS:
                    kept[model_alone_name(t)] = row["blame"]
                kept["source"] = row.get("source", "")
                kept["cv_group"] = "%s|%s" % (origin, row.get("source", ""))
                out.write(json.dumps(kept, ensure_ascii=False) + "\n")
        copy = os.path.join(work, "scripts%d" % k)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(args.scripts, copy)
        for t in MODEL_THRESHOLDS:
            with open(os.path.join(copy, model_alone_name(t) + ".rhai"), "w") as f:
                f.write(model_alone_script(t))
        train = [args.rehearse, "--scripts", copy, "--scenarios", args.scenarios, "train", "blame", *training, "--exclude", fold_file]
        for blind in BLIND_FILES:
            train += ["--exclude", blind]
        for hint in args.hint:
            path, weight = hint.rsplit("=", 1)
            train += [path, "--weight", hint]
        for named in args.classes:
            train += ["--class", named]
        train += ["-o", os.path.join(copy, "models", "blame.tsv")]
        run(train)
        variants = [("", copy)]
        for named in args.variant:
            name, folder = named.split("=", 1)
            variant = copy + "_" + name
            shutil.rmtree(variant, ignore_errors=True)
            shutil.copytree(folder, variant)
            shutil.copy(os.path.join(copy, "models", "blame.tsv"), os.path.join(variant, "models", "blame.tsv"))
            for t in MODEL_THRESHOLDS:
                with open(os.path.join(variant, model_alone_name(t) + ".rhai"), "w") as f:
                    f.write(model_alone_script(t))
            variants.append(("%s: " % name, variant))
        for t in args.alone:
            variant = copy + "_alone%03d" % round(1000 * t)
            shutil.rmtree(variant, ignore_errors=True)
            shutil.copytree(copy, variant)
            alone_threshold(os.path.join(variant, "blame.rhai"), t)
            variants.append(("alone %.3f: " % t, variant))
        for label, scripts in variants:
            result = json.loads(run([args.rehearse, "--scripts", scripts, "--scenarios", args.scenarios, "eval",
                                     fold_file, "--json", "--by", "cv_group", "--jobs", str(args.jobs)]))
            for group, evaluation in result.items():
                if group == "(all)":
                    unscored += len(evaluation["unscored"]) if not label else 0
                    continue
                origin, source = group.split("|", 1)
                for skill, confusion in evaluation["skills"].items():
                    for key in ("all", "source " + source, "file " + origin, "file " + origin + " / " + source):
                        add(totals[(label + skill, key)], confusion)
        print("fold %d done" % k, file=sys.stderr)

    print("Grouped %d-fold cross-validation (seed %d) over %d rows, %d conversations"
          % (args.folds, args.seed, len(rows), len(groups)))
    print("Measured: %s" % " ".join(cv_files))
    if args.without:
        print("Not trained on: %s" % " ".join(args.without))
    if args.hint:
        print("Also trained on (weak labels, never measured): %s" % " ".join(args.hint))
    if unscored:
        print("%d rows could not be scored and are left out of the counts" % unscored)
    print("\nWhole blame scorer (rules + phrase model retrained without the held fold):")
    keys = sorted({key for skill, key in totals if skill == "blame"}, key=lambda s: (s != "all", s))
    for key in keys:
        print("  " + line(key, totals[("blame", key)]))
    for t in args.alone:
        label = "alone %.3f: " % t
        print("\nWhole blame scorer with model_alone_threshold() = %.3f:" % t)
        for key in keys:
            print("  " + line(key, totals[(label + "blame", key)]))
    for named in args.variant:
        label = "%s: " % named.split("=", 1)[0]
        print("\nWhole blame scorer with the scripts of variant %s:" % named)
        for key in keys:
            print("  " + line(key, totals[(label + "blame", key)]))
    for t in MODEL_THRESHOLDS:
        print("\nPhrase model alone, p >= %.2f:" % t)
        for key in ("all", "source goemotions", "file train_blame.jsonl"):
            print("  " + line(key, totals[(model_alone_name(t), key)]))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
