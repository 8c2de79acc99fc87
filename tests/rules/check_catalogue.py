#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that the rule catalogue, the rule implementations, the doc pages and the
rule fixtures describe the same set of rules.

usage: check_catalogue.py RULES_DEF RULES_DIR DOCS_DIR RULE_SOURCES... [--readers DIR]

  RULES_DEF     rules/rules.def, the catalogue
  RULES_DIR     tests/rules, holding <ID>/bad-*/ and <ID>/ok-*/ fixtures
  DOCS_DIR      rules/docs, holding <ID>.md
  RULE_SOURCES  the family files (rules/sec.c rules/img.c rules/inp.c ...)
  --readers DIR the readers that report INP001 (default: src/readers next to the
                directory of RULES_DEF)

For every catalogue entry: exactly one `{ FL_RULE_<ID>, fn }` in exactly one of
RULE_SOURCES (INP001 instead: no table entry, and `fl_inp(` called in the
readers); exactly one doc page <ID>.md whose title is `# <ID> <name>: ...` and
which has the sections of a rule doc page; at least one bad-* and one ok-*
fixture, every bad-* with an expected.txt naming [<ID>]; every output example of
the doc page (a code block naming [<ID>]) equal to one of those expected.txt. And
no table entry, doc page or fixture directory for an ID the catalogue does not
have.
Prints one line per check and `N passed, M failed`; exits 1 on any failure.
"""
import os
import re
import sys

ID = r"[A-Z]{3}[0-9]{3}"
CATALOGUE_ENTRY = re.compile(r"^\s*RULE\(\s*(" + ID + r")\s*,\s*\"([^\"]*)\"", re.M)
TABLE_ENTRY = re.compile(r"\{\s*FL_RULE_(\w+)\s*,\s*\w+\s*\}")
DOC_SECTIONS = ["What it checks", "Why it matters", "Example", "How to fix", "Suppressing", "Since"]
# Rules reported by the readers while they parse, not by a family function.
READER_RULES = {"INP001": "fl_inp("}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what, why=""):
        if ok:
            self.passed += 1
            print("PASS " + what)
        else:
            self.failed += 1
            print("FAIL " + what + (": " + why if why else ""))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def strip_c_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)


def doc_title(text):
    """The first line that is not an HTML comment or blank."""
    for line in re.sub(r"<!--.*?-->", "", text, flags=re.S).splitlines():
        if line.strip():
            return line
    return ""


def main(argv):
    args = argv[1:]
    readers = None
    if "--readers" in args:
        i = args.index("--readers")
        if i + 1 >= len(args):
            sys.stderr.write("--readers needs a directory\n")
            return 2
        readers = args[i + 1]
        del args[i:i + 2]
    if len(args) < 4:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    rules_def, rules_dir, docs_dir, sources = args[0], args[1], args[2], args[3:]
    if readers is None:
        readers = os.path.normpath(os.path.join(os.path.dirname(rules_def), os.pardir, "src",
                                                "readers"))
    c = Checks()

    catalogue = CATALOGUE_ENTRY.findall(read(rules_def))
    names = dict(catalogue)
    c.check(len(catalogue) > 0, "catalogue %s has entries" % rules_def)
    c.check(len(names) == len(catalogue), "catalogue IDs are unique",
            "duplicates: %s" % sorted({i for i, _ in catalogue if [j for j, _ in catalogue].count(i) > 1}))

    # Implementations: where each { FL_RULE_<ID>, fn } table entry is.
    entries = {}  # ID -> [source, ...], one item per occurrence
    for src in sources:
        for rid in TABLE_ENTRY.findall(strip_c_comments(read(src))):
            entries.setdefault(rid, []).append(src)
    reader_text = ""
    if os.path.isdir(readers):
        for n in sorted(os.listdir(readers)):
            if n.endswith(".c"):
                reader_text += strip_c_comments(read(os.path.join(readers, n)))

    doc_examples = {}  # ID -> fenced code blocks of its doc page that name [ID]
    for rid, name in catalogue:
        where = entries.get(rid, [])
        if rid in READER_RULES:
            call = READER_RULES[rid]
            c.check(not where, "%s has no rule table entry (the readers report it)" % rid,
                    "found in %s" % ", ".join(where))
            c.check(call in reader_text, "%s is reported by the readers (calls to %s...) in %s)"
                    % (rid, call, readers), "no call found")
        else:
            c.check(len(where) == 1, "%s has exactly one implementation" % rid,
                    "found %d: %s" % (len(where), ", ".join(where) or "none"))

        docs = [n for n in (os.listdir(docs_dir) if os.path.isdir(docs_dir) else [])
                if n.lower() == rid.lower() + ".md"]
        ok = docs == [rid + ".md"]
        c.check(ok, "%s has one doc page %s" % (rid, os.path.join(docs_dir, rid + ".md")),
                "found %s" % (docs or "none"))
        if ok:
            text = read(os.path.join(docs_dir, rid + ".md"))
            title = doc_title(text)
            prefix = "# %s %s: " % (rid, name)
            c.check(title.startswith(prefix), "%s doc page title is '%s...'" % (rid, prefix),
                    "title is '%s'" % title)
            missing = [s for s in DOC_SECTIONS
                       if not re.search(r"^##\s+" + re.escape(s) + r"\s*$", text, re.M)]
            c.check(not missing, "%s doc page has the sections %s" % (rid, ", ".join(DOC_SECTIONS)),
                    "missing %s" % ", ".join(missing))
            doc_examples[rid] = [b for b in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S)
                                 if "[%s]" % rid in b]

        fdir = os.path.join(rules_dir, rid)
        cases = sorted(os.listdir(fdir)) if os.path.isdir(fdir) else []
        bad = [n for n in cases if n.startswith("bad-") and os.path.isdir(os.path.join(fdir, n))]
        good = [n for n in cases if n.startswith("ok-") and os.path.isdir(os.path.join(fdir, n))]
        c.check(bad and good, "%s has a bad-* and an ok-* fixture in %s" % (rid, fdir),
                "bad: %s, ok: %s" % (bad or "none", good or "none"))
        for b in bad:
            exp = os.path.join(fdir, b, "expected.txt")
            c.check(os.path.isfile(exp) and "[%s]" % rid in read(exp),
                    "%s/%s has an expected.txt naming [%s]" % (rid, b, rid),
                    "missing" if not os.path.isfile(exp) else "it does not name the rule")
        goldens = [read(os.path.join(fdir, b, "expected.txt")) for b in bad
                   if os.path.isfile(os.path.join(fdir, b, "expected.txt"))]
        examples = doc_examples.get(rid, [])
        if ok:
            c.check(examples, "%s doc page shows the output of a bad fixture" % rid,
                    "no code block naming [%s]" % rid)
        for i, block in enumerate(examples):
            c.check(block in goldens, "%s doc page output example %d is a fixture's expected.txt"
                    % (rid, i + 1), "it matches no expected.txt of %s" % fdir)

    # Nothing for IDs outside the catalogue.
    for rid, where in sorted(entries.items()):
        if rid not in names:
            c.check(False, "rule table entry FL_RULE_%s is in the catalogue" % rid,
                    "found in %s" % ", ".join(where))
    for n in sorted(os.listdir(docs_dir)) if os.path.isdir(docs_dir) else []:
        if n.endswith(".md"):
            stem = n[:-3]
            c.check(stem in names, "doc page %s belongs to a catalogue entry" % n,
                    "no rule %s in %s" % (stem, rules_def))
    for n in sorted(os.listdir(rules_dir)):
        path = os.path.join(rules_dir, n)
        if os.path.isdir(path) and re.fullmatch(ID, n):
            c.check(n in names, "fixture directory %s belongs to a catalogue entry" % n,
                    "no rule %s in %s" % (n, rules_def))
    src_dir = os.path.join(rules_dir, "src")
    for n in sorted(os.listdir(src_dir)) if os.path.isdir(src_dir) else []:
        m = re.match("(" + ID + ")-", n)
        if m:
            c.check(m.group(1) in names, "fixture sources src/%s belong to a catalogue entry" % n,
                    "no rule %s in %s" % (m.group(1), rules_def))

    print("%d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
