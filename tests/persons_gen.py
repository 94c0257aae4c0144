#!/usr/bin/env python3
"""persons_gen.py SEED PERSONS [semicolon] - a small episode file full of
ties, for comparing ladder persons with tests/persons_ref.py: few work forms
(one with a comma, one not ASCII), the same form in several areas, equal
rungs, open ends, episodes that start or end exactly on the dates the test
asks about, persons active at one date only. Rows ordered by start date.
'semicolon' writes ';', CRLF, a BOM and quotes around some fields."""
import random
import sys

seed, persons = int(sys.argv[1]), int(sys.argv[2])
semi = len(sys.argv) > 3 and sys.argv[3] == 'semicolon'
rnd = random.Random(seed)
forms = ['a', 'b', 'b,c', 'vorm-\u00e9', 'Z', 'a b']
areas = [9, 31003, 31005, 44021, 11002]
dates = ['2019-01-01', '2019-06-30', '2019-07-01', '2020-01-01', '2020-12-31', '2021-01-01']


def date_near():
    d = rnd.choice(dates)
    if rnd.random() < 0.5:  # or a day or so beside it
        y, m, dd = map(int, d.split('-'))
        dd = max(1, min(28, dd + rnd.choice([-1, 1])))
        d = '%04d-%02d-%02d' % (y, m, dd)
    return d


rows = []
for p in range(persons):
    pid = 'P%06x' % rnd.randrange(1 << 24) if p % 7 else 'p;"%d"' % p  # some ids need quotes
    for _ in range(rnd.randint(1, 6)):
        start = date_near()
        end = '' if rnd.random() < 0.3 else date_near()
        if end and end < start:
            start, end = end, start
        rows.append((pid, rnd.choice(forms), rnd.choice(areas), start, end, rnd.choice([3, 4, 4, 5, 6, 1])))
rows.sort(key=lambda r: r[3])

d = ';' if semi else ','
nl = '\r\n' if semi else '\n'


def q(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',;"') or (semi and rnd.random() < 0.2) else s


out = sys.stdout.buffer
out.write(((('\ufeff' if semi else '') + d.join(['start', 'person', 'note', 'rung', 'area', 'work_form', 'end'])) + nl).encode())
for pid, form, area, start, end, rung in rows:
    out.write((d.join([start, q(pid), q('x'), str(rung), str(area), q(form), end]) + nl).encode())
    if rnd.random() < 0.01:
        out.write(nl.encode())  # blank lines are skipped
