"""Fresh draw 7 (seed 2026120607): unlabelled utterances from the dev side of the
three real-speech sources, disjoint from every file in tests/corpus/real/ as it was
before the draw (run it on that commit to get the same rows).

Usage: python3 draw_fresh7.py MIRRORS OUT_DIR
MIRRORS holds one bare git repository per source, named OWNER+NAME/repo, at the
commits ATTRIBUTION.md names (monologg/GoEmotions-pytorch, kushalchawla/CaSiNo,
nbertagnolli/counsel-chat). Writes OUT_DIR/{go_a,go_b,casino,counselchat}.unlabelled.jsonl;
the labels were then added by hand (LABELLING.md)."""
import json, random, subprocess, csv, io, re, collections, os, sys
R = os.path.dirname(os.path.abspath(__file__)) + '/'
M = sys.argv[1].rstrip('/') + '/'
OUT = sys.argv[2]
def show(repo, path):
    return subprocess.run(['git', '--git-dir', M + repo + '/repo', 'show', 'HEAD:' + path],
                          capture_output=True, text=True, check=True).stdout
used_refs = collections.defaultdict(set); used_text = set(); blind_conv = collections.defaultdict(set)
for f in ['dev', 'blind', 'train_blame']:
    for l in open(R + f + '.jsonl'):
        d = json.loads(l); used_refs[d['source']].add(d['ref']); used_text.add(d['text'].strip().lower())
        if f == 'blind':
            blind_conv[d['source']].add(d['ref'].split(':')[0])
rng = random.Random(2026120607)
def ok(t):
    n = len(t.split()); return 2 <= n <= 80 and t.strip().lower() not in used_text
out = collections.defaultdict(list)
# GoEmotions
labels = show('monologg+GoEmotions-pytorch', 'data/original/labels.txt').split()
go = []
for part in ['train', 'dev', 'test']:
    for line in show('monologg+GoEmotions-pytorch', f'data/original/{part}.tsv').splitlines():
        t, ls, i = line.split('\t')
        if i in used_refs['goemotions'] or i in blind_conv['goemotions']:
            continue
        t = re.sub(r'\s+', ' ', t).strip()
        if ok(t):
            go.append((t, {labels[int(x)] for x in ls.split(',')}, i))
rng.shuffle(go)
you = re.compile(r"\byou|\bur\b|\bu\b", re.I)
def take(pred, n, bucket, seen):
    k = 0
    for t, ls, i in go:
        if k >= n: break
        if i in seen or not pred(t, ls): continue
        seen.add(i); out[bucket].append({'text': t, 'source': 'goemotions', 'ref': i, 'context': 'a Reddit comment, usually a reply to another comment'}); k += 1
seen = set()
hostile = {'anger', 'annoyance', 'disapproval', 'disgust'}
take(lambda t, ls: ls & {'caring'}, 70, 'go_a', seen)
take(lambda t, ls: ls & {'remorse'}, 60, 'go_a', seen)
take(lambda t, ls: ls & {'gratitude', 'approval', 'admiration'}, 50, 'go_a', seen)
take(lambda t, ls: ls & {'sadness', 'fear', 'nervousness', 'disappointment', 'grief'}, 60, 'go_a', seen)
take(lambda t, ls: ls & {'neutral', 'curiosity', 'confusion', 'realization'} and you.search(t), 60, 'go_a', seen)
take(lambda t, ls: ls & hostile and you.search(t), 200, 'go_b', seen)
take(lambda t, ls: ls & {'amusement', 'surprise', 'curiosity', 'confusion'} and you.search(t), 50, 'go_b', seen)
take(lambda t, ls: ls & hostile and not you.search(t), 50, 'go_b', seen)
# CaSiNo
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
sorry = [c for c in cas if re.search(r'sorry|apolog|my bad|mistake', c[0], re.I)][:90]
youc = [c for c in cas if c not in sorry and re.search(r'\byou', c[0], re.I)][:110]
rest = [c for c in cas if c not in sorry and c not in youc][:100]
for t, ref in sorry + youc + rest:
    out['casino'].append({'text': t, 'source': 'casino', 'ref': ref, 'context': 'one camper chatting with another while they negotiate how to split food, water and firewood for a camping trip'})
# Counsel Chat
rows = list(csv.DictReader(io.StringIO(show('nbertagnolli+counsel-chat', 'data/20200325_counsel_chat.csv'))))
blind_q = set()
for r in rows:
    if 'a' + r[''] in blind_conv['counselchat'] or 'q' + r['questionID'] in blind_conv['counselchat']:
        blind_q.add(r['questionID'])
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
            if ok(t): ans.append({'text': t, 'source': 'counselchat', 'ref': 'a' + r[''], 'context': 'a licensed therapist writing an answer to a person who asked a question on a counselling site'})
    q = 'q' + r['questionID']
    if q not in used_refs['counselchat'] and q not in seenq:
        seenq.add(q); s = split(r['questionText']); t = ' '.join(s[:rng.choice([1, 2, 3])])
        if ok(t): qs.append({'text': t, 'source': 'counselchat', 'ref': q, 'context': 'a person writing to a counsellor about their own life'})
out['counselchat'] = ans[:210] + qs[:90]
for b, rows_ in out.items():
    with open(os.path.join(OUT, f'{b}.unlabelled.jsonl'), 'w') as f:
        for d in rows_: f.write(json.dumps(d, ensure_ascii=False) + '\n')
    print(b, len(rows_))
