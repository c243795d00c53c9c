"""Fresh draw 11 (seed 2026120711): unlabelled utterances from the dev side of CaSiNo and
Counsel Chat, for training the blame phrase model (labelled for `blame` only, like
train_blame.jsonl). Why: on the real blind split the model's false blame is highest on
counsellors' letters (their "you" is support, not accusation); draws 9 and 10 were Reddit
comments only. Disjoint from every file in tests/corpus/real/ as it was before the draw
(run it on that commit to get the same rows), and from every conversation (CaSiNo dialogue,
Counsel Chat question) that has any utterance in a blind file.

Usage: python3 draw_fresh11.py MIRRORS OUT_DIR
MIRRORS holds the bare git repositories kushalchawla+CaSiNo/repo and
nbertagnolli+counsel-chat/repo at the commits ATTRIBUTION.md names. Writes
OUT_DIR/d11_{a,b}.unlabelled.jsonl; the labels were then added by hand (LABELLING.md)."""
import json, random, subprocess, csv, io, re, collections, os, sys
R = os.path.dirname(os.path.abspath(__file__)) + '/'
M = sys.argv[1].rstrip('/') + '/'
OUT = sys.argv[2]
def show(repo, path):
    return subprocess.run(['git', '--git-dir', M + repo + '/repo', 'show', 'HEAD:' + path],
                          capture_output=True, text=True, check=True).stdout
used_refs = collections.defaultdict(set); used_text = set(); blind_conv = collections.defaultdict(set)
for f in sorted(os.listdir(R)):
    if not f.endswith('.jsonl'): continue
    for l in open(R + f):
        d = json.loads(l); used_refs[d['source']].add(d['ref']); used_text.add(d['text'].strip().lower())
        if f.startswith('blind'):
            blind_conv[d['source']].add(d['ref'].split(':')[0])
rng = random.Random(2026120711)
def ok(t):
    n = len(t.split()); return 2 <= n <= 80 and t.strip().lower() not in used_text
you = re.compile(r"\byou|\bur\b|\bu\b", re.I)
# CaSiNo: whole dialogues with any blind utterance are left out.
cas = []
for part in ['train', 'valid', 'test']:
    for dlg in json.loads(show('kushalchawla+CaSiNo', f'data/split/casino_{part}.json')):
        did = str(dlg['dialogue_id'])
        if did in blind_conv['casino']: continue
        for k, turn in enumerate(dlg['chat_logs']):
            t = re.sub(r'\s+', ' ', turn['text']).strip(); ref = f'{did}:{k}'
            if ref in used_refs['casino'] or not ok(t) or t.startswith('Submit-Deal') or t in ('Accept-Deal', 'Reject-Deal', 'Walk-Away'): continue
            cas.append((t, ref))
rng.shuffle(cas)
youc = [c for c in cas if you.search(c[0])][:200]
rest = [c for c in cas if not you.search(c[0])][:80]
ctx_cas = 'one camper chatting with another while they negotiate how to split food, water and firewood for a camping trip'
picked = [{'text': t, 'source': 'casino', 'ref': ref, 'context': ctx_cas} for t, ref in youc + rest]
# Counsel Chat: questions with any blind utterance (question or answer) are left out.
rows = list(csv.DictReader(io.StringIO(show('nbertagnolli+counsel-chat', 'data/20200325_counsel_chat.csv'))))
blind_q = {r['questionID'] for r in rows
           if 'a' + r[''] in blind_conv['counselchat'] or 'q' + r['questionID'] in blind_conv['counselchat']}
split = lambda s: [x.strip() for x in re.split(r'(?<=[.!?])\s+', re.sub(r'\s+', ' ', s or '')) if x.strip()]
ans, qs, seenq = [], [], set()
rng.shuffle(rows)
for r in rows:
    if r['questionID'] in blind_q: continue
    if 'a' + r[''] not in used_refs['counselchat']:
        s = split(r['answerText'])
        if s:
            n = rng.choice([1, 2, 2, 3]); st = rng.randrange(0, max(1, len(s) - n + 1))
            t = ' '.join(s[st:st + n])
            if ok(t) and you.search(t): ans.append({'text': t, 'source': 'counselchat', 'ref': 'a' + r[''], 'context': 'a licensed therapist writing an answer to a person who asked a question on a counselling site'})
    q = 'q' + r['questionID']
    if q not in used_refs['counselchat'] and q not in seenq:
        seenq.add(q); s = split(r['questionText']); t = ' '.join(s[:rng.choice([1, 2, 3])])
        if ok(t): qs.append({'text': t, 'source': 'counselchat', 'ref': q, 'context': 'a person writing to a counsellor about their own life'})
# one excerpt per answer at most
seen_a, ans1 = set(), []
for a in ans:
    if a['ref'] not in seen_a: seen_a.add(a['ref']); ans1.append(a)
picked += ans1[:240] + qs[:80]
rng.shuffle(picked)
half = len(picked) // 2
for name, part in (('d11_a', picked[:half]), ('d11_b', picked[half:])):
    with open(os.path.join(OUT, f'{name}.unlabelled.jsonl'), 'w') as f:
        for d in part: f.write(json.dumps(d, ensure_ascii=False) + '\n')
    print(name, len(part), collections.Counter(d['source'] for d in part))
