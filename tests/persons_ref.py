#!/usr/bin/env python3
"""persons_ref.py - the reference of the persons contract (docs/persons.md),
written to be read, not to be fast. ladder persons must print the same bytes.

  persons_ref.py snapshot DATE FILE [highest|lowest]
  persons_ref.py flows D1 D2 FILE [highest|lowest]

  persons_ref.py batch FILE DIR D1 D2...
      writes DIR/snapshot-D-highest.csv, DIR/snapshot-D-lowest.csv for each
      date and DIR/flows-D1-D2.csv for each pair of dates that follow
      each other (one reading of the file for all: the tests run many)

The file needs a rung column (the catalogue is ladder's); ',' or ';'."""
import csv
import sys


def episodes(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        first = f.readline()
        f.seek(0)
        if first.startswith('\ufeff'):
            f.read(1)
        rows = csv.DictReader(f, delimiter=';' if ';' in first else ',')
        for r in rows:
            if not any((v or '').strip() for v in r.values()):
                continue
            yield (r['person'].strip(), r['work_form'].strip(), int(r['area']),
                   r['start'].strip(), r['end'].strip(), int(r['rung']))


def chosen(eps, d, lowest):
    """person -> (rung, work_form, area) of the chosen episode on d"""
    best = {}
    for person, form, area, start, end, rung in eps:
        if start <= d and (end == '' or end >= d):
            key = (rung if lowest else -rung, form.encode(), area)
            if person not in best or key < best[person][0]:
                best[person] = (key, (rung, form, area))
    return {p: v[1] for p, v in best.items()}


def field(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',;"\n\r') else s


def snapshot(eps, d, lowest):
    counts = {}
    for rung, form, area in chosen(eps, d, lowest).values():
        for k in (('rung', area, str(rung)), ('form', area, form)):
            counts[k] = counts.get(k, 0) + 1
    out = ['kind,area,key,persons']
    for (kind, area, key), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].encode())):
        out.append('%s,%d,%s,%d' % (kind, area, field(key), n))
    return out


def flows(eps, d1, d2, lowest):
    a, b = chosen(eps, d1, lowest), chosen(eps, d2, lowest)
    counts = {}
    for p in set(a) | set(b):
        area = b[p][2] if p in b else a[p][2]
        k = (area, a[p][0] if p in a else 0, b[p][0] if p in b else 0)
        counts[k] = counts.get(k, 0) + 1
    return ['area,rung_d1,rung_d2,persons'] + ['%d,%d,%d,%d' % (k + (n,)) for k, n in sorted(counts.items())]


def batch(path, outdir, dates):
    eps = list(episodes(path))
    for d in dates:
        for prec in ('highest', 'lowest'):
            with open('%s/snapshot-%s-%s.csv' % (outdir, d, prec), 'w', encoding='utf-8', newline='') as f:
                f.write('\n'.join(snapshot(eps, d, prec == 'lowest')) + '\n')
    for d1, d2 in zip(dates, dates[1:]):
        with open('%s/flows-%s-%s.csv' % (outdir, d1, d2), 'w', encoding='utf-8', newline='') as f:
            f.write('\n'.join(flows(eps, d1, d2, False)) + '\n')


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'batch':
        batch(args[0], args[1], args[2:])
        sys.exit(0)
    lowest = args[-1] == 'lowest'
    if args[-1] in ('lowest', 'highest'):
        args = args[:-1]
    eps = list(episodes(args[-1]))
    lines = snapshot(eps, args[0], lowest) if cmd == 'snapshot' else flows(eps, args[0], args[1], lowest)
    sys.stdout.write('\n'.join(lines) + '\n')
