#!/usr/bin/env python3
"""survey_http.py - what the survey's durability test (t7420) does over
HTTP that curl does badly: many requests at once, and a kill amid them.

  survey_http.py storm BASE PATH N PID DB
      Opens the form at PATH N times (N single-use csrf fields), then sends
      the N answers at once from N connections (spread over 127.0.0.2-5:
      the server allows 32 connections per address) and kills PID with
      SIGKILL once a tenth of them are acknowledged. Then checks the
      database DB: every acknowledged answer is there as the version its
      receipt named, with the values it sent; every version has all its
      values (none half-written); versions are 1..max without a gap. Prints
      "acknowledged A of N", "unacknowledged U", and "FAIL ..." lines for
      anything wrong (exit 1).
"""
import http.client
import os
import re
import signal
import sqlite3
import sys
import threading
import time
import urllib.parse

def conn_for(base, source=None):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=20,
                                      source_address=(source, 0) if source else None)


FIELD = re.compile(r'<input type="number" id="f\d+" name="([^"]+)"')
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
BASED = re.compile(r'name="based_on" value="(\d+)"')


def storm(base, path, n, pid, db):
    c = conn_for(base)
    forms = []
    for _ in range(n):
        c.request("GET", path)
        r = c.getresponse()
        page = r.read().decode()
        if r.status != 200:
            raise SystemExit("storm: GET %s: %d" % (path, r.status))
        forms.append((CSRF.search(page).group(1), BASED.search(page).group(1)))
    fields = FIELD.findall(page)
    if not fields:
        raise SystemExit("storm: the form has no number fields")
    c.close()

    acked = {}  # value sent -> version acknowledged
    lock = threading.Lock()
    enough = threading.Event()
    go = threading.Barrier(n)

    def submit(i):
        value = 5000 + i
        body = {"csrf": forms[i][0], "based_on": forms[i][1], "submit": "final"}
        for name in fields:
            body[name] = str(value)
            body["comment." + name[len("persons."):]] = "storm %d" % i
        data = urllib.parse.urlencode(body)
        try:
            k = conn_for(base, "127.0.0.%d" % (2 + i % 4))
            k.connect()
            go.wait()
            k.request("POST", path, data, {"Content-Type": "application/x-www-form-urlencoded"})
            r = k.getresponse()
            page = r.read().decode()
        except (http.client.HTTPException, OSError, threading.BrokenBarrierError):
            return
        m = re.search(r'data-version="(\d+)"', page)
        if r.status == 200 and m:
            with lock:
                acked[value] = int(m.group(1))
                if len(acked) >= n // 10:
                    enough.set()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    enough.wait(30)
    os.kill(pid, signal.SIGKILL)
    for t in threads:
        t.join(30)
    print("acknowledged %d of %d" % (len(acked), n))
    print("unacknowledged %d" % (n - len(acked)))

    bad = 0
    d = sqlite3.connect(db)
    invite = d.execute("SELECT invite FROM survey_submission GROUP BY invite ORDER BY max(version) DESC LIMIT 1").fetchone()
    versions = [v for (v,) in d.execute("SELECT version FROM survey_submission WHERE invite = ? ORDER BY version", invite)]
    if versions != list(range(1, len(versions) + 1)):
        print("FAIL versions are not 1..%d without a gap: %s" % (len(versions), versions))
        bad += 1
    for sub, version, nvalues in d.execute(
            "SELECT s.id, s.version, (SELECT count(*) FROM survey_value v WHERE v.submission = s.id) "
            "FROM survey_submission s WHERE s.invite = ?", invite):
        if nvalues != len(fields):
            print("FAIL version %d holds %d values, the form has %d fields" % (version, nvalues, len(fields)))
            bad += 1
    for value, version in sorted(acked.items()):
        got = [v for (v,) in d.execute(
            "SELECT v.persons_year FROM survey_value v JOIN survey_submission s ON s.id = v.submission "
            "WHERE s.invite = ? AND s.version = ?", (invite[0], version))]
        if got != [value] * len(fields):
            print("FAIL acknowledged version %d (value %d) is stored as %s" % (version, value, got))
            bad += 1
    print("versions stored %d" % len(versions))
    sys.exit(1 if bad else 0)


def main(argv):
    if len(argv) >= 6 and argv[0] == "storm":
        storm(argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
