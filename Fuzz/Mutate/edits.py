#!/usr/bin/env python3
# Real edits of damaged hives: copies of a SOFTWARE hive, each with 1-8 random 4-byte words overwritten
# past the base block (random, all ones, small, or a negative cell size), each edited with
# `hivetool set-expire 1`. Checks that an edit either succeeds and reads back (get-expire shows 1) or
# is refused with one line and a documented exit code, the file byte for byte as it was and nothing
# beside it but the journal; never a crash or a hang. (scripts/mutate runs edits with --dry-run only.)
#
# Usage: Fuzz/Mutate/edits.py HIVETOOL SOFTWARE_HIVE RUNS SEED   (works in /tmp/em)
import os, random, shutil, subprocess, sys, hashlib
H = sys.argv[1]; src = sys.argv[2]; n = int(sys.argv[3]); random.seed(int(sys.argv[4]))
orig = open(src, 'rb').read()
stats = {}
problems = 0
for i in range(n):
    b = bytearray(orig)
    for _ in range(random.randint(1, 8)):
        off = random.randrange(4096, len(b) - 4) & ~3
        kind = random.randrange(4)
        w = [random.getrandbits(32), 0xFFFFFFFF, random.randrange(0x20000), (-random.randrange(8, 0x10000)) & 0xFFFFFFFF][kind]
        b[off:off+4] = w.to_bytes(4, 'little')
    d = f'/tmp/em/{i}'; shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    p = f'{d}/SOFTWARE'; open(p, 'wb').write(b)
    before = hashlib.sha256(b).hexdigest()
    try:
        r = subprocess.run([H, 'set-expire', '1', p], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        print('HANG', i); problems += 1; continue
    stats[r.returncode] = stats.get(r.returncode, 0) + 1
    err = r.stderr.decode(errors='replace').strip()
    if r.returncode < 0 or r.returncode not in (0, 1, 3, 4, 65, 73, 74) or 'Fatal error' in err or (r.returncode != 0 and len(err.splitlines()) != 1):
        print('PROBLEM', i, r.returncode, err[:300]); problems += 1
    if r.returncode != 0:
        after = hashlib.sha256(open(p, 'rb').read()).hexdigest()
        left = sorted(os.listdir(d))
        if after != before or left not in (['SOFTWARE'], ['SOFTWARE', 'hivetool-journal.jsonl']):
            print('CHANGED/LEFT', i, r.returncode, left, err[:200]); problems += 1
    else:
        g = subprocess.run([H, 'get-expire', p], capture_output=True, timeout=60)
        if b'1' not in g.stdout:
            print('EDIT NOT READ BACK', i, g.returncode, g.stdout[:200], g.stderr[:200]); problems += 1
    shutil.rmtree(d, ignore_errors=True)
print('exit codes', stats, 'problems', problems)
