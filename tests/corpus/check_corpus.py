#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs flashlint over every case of the shared corpus of real build directories.

usage: check_corpus.py FLASHLINT SCHEMA CORPUS FINDINGS_TSV

Each case must finish (no crash, no hang) with exit 0 or 1 and a JSON report valid
against the published schema, and the load ranges and partition addresses in that
report must equal the ones in the case's FACTS.txt, which were computed by
independent tools (readelf, pyelftools, PyYAML).

The findings of each case (rule ID, severity, subject) must be exactly the rows of
FINDINGS_TSV for that case, each of which gives its reason: `true` rows are real
faults or true warnings, `false` rows are known false findings (defects of
flashlint; the row goes when the defect is fixed), and a case without findings has
one `none` row saying why the build is right. The subject of a finding is
"<image>/<the first quoted name of its message other than the image>". Skips when
the corpus is absent.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

HEX = r"0x[0-9a-fA-F]+"


def parse_facts(path):
    """Partitions per file and map-derived load ranges per map, from FACTS.txt."""
    partitions = {}   # 'build/partitions.yml' -> {name: (address, size)}
    load = {}         # 'build/x/zephyr/zephyr.map' -> (min, max_end)
    current_table = None
    current_map = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"-- (build/\S*partitions\S*\.yml) \(sorted", line)
            if m:
                current_table = partitions.setdefault(m.group(1), {})
                continue
            if current_table is not None:
                row = re.match(r"\s+(\S+)\s+(" + HEX + r")\s+(" + HEX + r")\s+(" + HEX + r")\s", line)
                if row:
                    current_table[row.group(1)] = (int(row.group(2), 16), int(row.group(3), 16))
                    continue
                if not line.strip().startswith("name "):
                    current_table = None
            m = re.match(r"\s+map: (build/\S+\.map) \(", line)
            if m:
                current_map = m.group(1)
                continue
            m = re.search(r"map-derived load range .*: min=(" + HEX + r") max\(end\)=(" + HEX + r")", line)
            if m and current_map:
                load[current_map] = (int(m.group(1), 16), int(m.group(2), 16))
                current_map = None
    return partitions, load


VERDICTS = ("true", "false", "none")


def parse_findings(path):
    """{case: [(rule, severity, subject, verdict, reason)]} from the findings table."""
    table = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 6 or cols[4] not in VERDICTS or not cols[5].strip():
                raise SystemExit("%s:%d: expected case, rule, severity, subject, verdict "
                                 "(true|false|none) and a reason, tab-separated" % (path, n))
            table.setdefault(cols[0], []).append(tuple(cols[1:]))
    return table


def subject(diag):
    """"image/name": the image and the first quoted name in the message that is not
    the image (partition, region, section ...)."""
    image = diag["image"] or "-"
    names = [n for n in re.findall(r"'([^']*)'", diag["message"]) if n != diag["image"]]
    return image + "/" + names[0] if names else image


def check_findings(report, rows):
    """Differences between the report's findings and the table's rows of one case."""
    got = sorted((d["id"], d["severity"], subject(d)) for d in report["diagnostics"] if d["id"])
    want = sorted((r[0], r[1], r[2]) for r in rows if r[3] != "none")
    errors = []
    if not rows:
        errors.append("no row in the findings table: review each finding and add it")
    elif not want and len(rows) != 1:
        errors.append("a case without findings has exactly one 'none' row")
    elif want and any(r[3] == "none" for r in rows):
        errors.append("a case with findings has no 'none' row")
    for f in got:
        if f in want:
            want.remove(f)
        else:
            errors.append("finding not in the table: %s %s %s" % f)
    for f in want:
        errors.append("finding in the table but not reported: %s %s %s" % f)
    return errors


def rel(case_dir, path):
    return os.path.relpath(os.path.normpath(path), case_dir)


def check_case(flashlint, schema, case_dir, rows):
    errors = []
    facts = os.path.join(case_dir, "FACTS.txt")
    build = os.path.join(case_dir, "build")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        try:
            proc = subprocess.run([flashlint, "check", build, "--format", "json", "-o", out],
                                  capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            return ["flashlint did not finish within 60 s"], 0
        if proc.returncode not in (0, 1):
            return ["exit status %d (expected 0 or 1): %s" % (proc.returncode, proc.stderr.strip())], 0
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
    try:
        jsonschema.validate(report, schema)
    except jsonschema.ValidationError as e:
        errors.append("report does not match the schema: %s" % e.message)

    errors += check_findings(report, rows)

    want_parts, want_load = parse_facts(facts)
    compared = 0
    for fname, table in want_parts.items():
        got = {p["name"]: (p["address"], p["size"]) for p in report["partitions"]
               if not p["static"] and rel(case_dir, p["file"]) == fname}
        for name, (addr, size) in table.items():
            compared += 1
            if name not in got:
                errors.append("%s: partition %s missing from the report" % (fname, name))
            elif got[name] != (addr, size):
                errors.append("%s: partition %s is 0x%x+0x%x in the report, 0x%x+0x%x in FACTS"
                              % (fname, name, got[name][0], got[name][1], addr, size))
    for mapfile, (lo, hi) in want_load.items():
        compared += 1
        imgs = [i for i in report["images"] if i["map"] and rel(case_dir, i["map"]) == mapfile]
        if not imgs:
            errors.append("%s: no image with this map in the report" % mapfile)
            continue
        img = imgs[0]
        if (img["load_start"], img["load_end"]) != (lo, hi):
            errors.append("%s: load range 0x%x..0x%x in the report, 0x%x..0x%x in FACTS"
                          % (mapfile, img["load_start"] or 0, img["load_end"] or 0, lo, hi))
    return errors, compared


def main():
    flashlint, schema_path, corpus, findings_path = sys.argv[1:5]
    if not os.path.isdir(corpus):
        print("corpus: %s does not exist: skipped" % corpus)
        return 0
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    table = parse_findings(findings_path)
    cases = sorted(d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "FACTS.txt")))
    failed = 0
    for case in cases:
        rows = table.get(case, [])
        errors, compared = check_case(flashlint, schema, os.path.join(corpus, case), rows)
        print("%-45s %s (%d values compared)" % (case, "FAIL" if errors else "ok", compared))
        for e in errors:
            print("    " + e)
        for r in rows:
            if r[3] == "false":
                print("    known false finding: %s %s %s: %s" % (r[0], r[1], r[2], r[4]))
        failed += bool(errors)
    for case in sorted(set(table) - set(cases)):
        print("%-45s FAIL (in the findings table, not in the corpus)" % case)
        failed += 1
    print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
