#!/usr/bin/env python3
"""user_strings.py DIR... - list string literals in C sources that read as
words for people (Dutch or English sentences, labels) rather than SQL, keys,
format codes or diagnostics. The engine and the store return structured
results; wording them belongs to the render layer and po/nl.po. Prints
FILE:LINE: "literal" for each and exits 1 when there is any.

Allowed, because they are not wording of results:
  - SQL (statements and fragments) and arguments of the store's query calls;
  - error messages: arguments of lerr_set and of calls that print to stderr
    (diagnostics; their language is a separate question, issue 11 item 7);
  - keys, codes and format strings: literals without two words in a row.

user_strings.py --printed DIR... - the layers that print (cli, render, http):
list the literals that read as words and go straight to people (arguments of
printf, buf_printf, cli_error, http_json_error, ...), not through the
catalogue (V(en, key)). The ones there are today are listed in
printed_strings.baseline (FILE<TAB>LITERAL: the work left, issue 10); a new
one fails. Word it in po/nl.po instead, or, for what is not wording (markup,
CSV headers, a diagnostic of a bug), add it to the baseline with a reason.
"""
import re
import sys
import pathlib

# calls whose string arguments are not wording of results
ALLOWED_CALLS = {
    "lerr_set", "lerr_setv", "store_prepare", "store_exec", "store_fail", "store_finish", "store_finish_cached", "sqlite3_prepare_v2", "sqlite3_exec",
    "sqlite3_bind_text", "fprintf", "perror", "assert", "_Static_assert",
}
# FILE<TAB>LITERAL lines, each with the reason in a comment above it
ALLOW_FILE = pathlib.Path(__file__).with_name("user_strings.allow")
# --printed: calls whose string arguments reach people as they are
PRINT_CALLS = {
    "printf", "fprintf", "puts", "fputs", "buf_printf", "buf_adds", "cli_error", "cli_usage", "http_error",
    "http_json_error", "http_html_error", "xasprintf", "arena_printf", "send_error",
}
BASELINE_FILE = pathlib.Path(__file__).with_name("printed_strings.baseline")
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|BEGIN|COMMIT|ROLLBACK|"
                 r"SAVEPOINT|RELEASE|ATTACH|DETACH|VALUES|ON CONFLICT|ANALYZE|VACUUM|REPLACE)\b"
                 r"|\b(FROM|WHERE|JOIN|ORDER BY|GROUP BY|AND|OR|SET|AS|IS NULL|IS NOT NULL|UNION|LIMIT|"
                 r"EXISTS|DISTINCT|CASE WHEN|COALESCE|NOT NULL|INTEGER|TEXT|ON CONFLICT)\b")
WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}[ ,;:'-]+[A-Za-zÀ-ÿ]{2,}")


def literals(text):
    """Yields (line, literal, innermost enclosing call name) for each string
    literal, adjacent literals joined; comments and char literals skipped."""
    i, n, line = 0, len(text), 1
    stack = []          # names of the open calls ("" for a plain parenthesis)
    last_ident = ""
    pending = None      # [line, text, call] of a literal being concatenated
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if text.startswith("/*", i):
            j = text.index("*/", i + 2)
            line += text.count("\n", i, j)
            i = j + 2
            continue
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if c == "#" and (i == 0 or text[i - 1] == "\n"):
            # preprocessor line (with continuations): includes and defines
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    line += 1
                    i += 1
                i += 1
            continue
        if c == "'":
            j = i + 1
            while text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            last_ident = ""
            continue
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            s = text[i + 1:j]
            call = next((x for x in reversed(stack) if x), "")
            if pending:
                pending[1] += s
            else:
                pending = [line, s, call]
            i = j + 1
            continue
        if c.isspace():
            i += 1
            continue
        if pending:
            yield tuple(pending)
            pending = None
        if c.isalpha() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            last_ident = text[i:j]
            i = j
            continue
        if c == "(":
            stack.append(last_ident)
        elif c == ")" and stack:
            stack.pop()
        last_ident = ""
        i += 1
    if pending:
        yield tuple(pending)


def wording(s):
    if SQL.search(s):
        return False
    stripped = re.sub(r"%[-+ #0-9.*$]*[a-zA-Z]+", " ", s)
    return bool(WORDS.search(stripped))


def printed_wording(s):
    """wording() of what is left of a literal without its markup: tags,
    entities and attributes are not words for people."""
    s = re.sub(r"<[^>]*>?", " ", s)
    s = re.sub(r"^[^<]*>", " ", s)
    s = re.sub(r"&#?\w+;", " ", s)
    s = re.sub(r"[\w-]+=\\?\"[^\"\\]*\\?\"", " ", s)
    return wording(s)


def allowed_literals(path=ALLOW_FILE):
    out = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            path, _, lit = raw.partition("\t")
            out.add((path, lit))
    return out


def printed(dirs):
    base = allowed_literals(BASELINE_FILE)
    found = 0
    for d in dirs:
        for path in sorted(pathlib.Path(d).glob("*.[ch]")):
            for line, s, call in literals(path.read_text(encoding="utf-8")):
                if call in PRINT_CALLS and (str(path), s) not in base and printed_wording(s):
                    print(f'{path}:{line}: "{s}"')
                    found += 1
    if found:
        print(f"{found} new literal(s) printed to people outside the catalogue: word them in po/nl.po "
              f"(V(en, key)), or list them in {BASELINE_FILE.name} with the reason", file=sys.stderr)
    return 1 if found else 0


def main(dirs):
    if dirs and dirs[0] == "--printed":
        return printed(dirs[1:] or ["src/cli", "src/render", "src/http"])
    allow = allowed_literals()
    found = 0
    for d in dirs:
        for path in sorted(pathlib.Path(d).glob("*.[ch]")):
            for line, s, call in literals(path.read_text(encoding="utf-8")):
                if call in ALLOWED_CALLS or (str(path), s) in allow or not wording(s):
                    continue
                print(f'{path}:{line}: "{s}"')
                found += 1
    if found:
        print(f"{found} user-facing string literal(s): word them in the render layer (po/nl.po)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["src/engine", "src/store"]))
