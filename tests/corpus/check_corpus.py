#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs flashlint over every case of the shared corpus of real build directories.

Each case must finish (no crash, no hang) with exit 0 or 1 and a JSON report valid
against the published schema, and the load ranges and partition addresses in that
report must equal the ones in the case's FACTS.txt, which were computed by
independent tools (readelf, pyelftools, PyYAML). Skips when the corpus is absent.
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


def rel(case_dir, path):
    return os.path.relpath(os.path.normpath(path), case_dir)


def check_case(flashlint, schema, case_dir):
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
    flashlint, schema_path, corpus = sys.argv[1:4]
    if not os.path.isdir(corpus):
        print("corpus: %s does not exist: skipped" % corpus)
        return 0
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cases = sorted(d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "FACTS.txt")))
    failed = 0
    for case in cases:
        errors, compared = check_case(flashlint, schema, os.path.join(corpus, case))
        print("%-45s %s (%d values compared)" % (case, "FAIL" if errors else "ok", compared))
        for e in errors:
            print("    " + e)
        failed += bool(errors)
    print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
