#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One root cause, one error, in every output format.

usage: check_one_cause.py FLASHLINT FIXTURE_DIR SCHEMA

FIXTURE_DIR is tests/rules/PRT001/bad-pm-static-container-without-span: a
pm_static.yml whose mcuboot_primary has no span and holds mcuboot_pad, spm and
app, plus one separate overlap. In text, JSON, SARIF, markdown and the HTML
report there must be exactly two PRT001 findings: one naming mcuboot_primary and
the count 3 with the three partitions as its notes, and the separate one; the
JSON report is valid against SCHEMA.
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

CAUSE = ("partition 'mcuboot_primary' (0x0000c000..0x00086000) overlaps 3 partitions that "
         "lie inside it in region 'flash_primary', and has no 'span' that would make it "
         "their container")
MEMBERS = [
    (11, "'mcuboot_pad' (0x0000c000..0x0000c200) lies inside 'mcuboot_primary'"),
    (24, "'spm' (0x0000c200..0x0001c200) lies inside 'mcuboot_primary'"),
    (28, "'app' (0x0001c200..0x00086000) lies inside 'mcuboot_primary'"),
]
OTHER = "partition 'mcuboot_secondary' (0x00086000..0x000f8000) overlaps 'settings_storage'"


def run(flashlint, fixture, *args):
    p = subprocess.run([flashlint, *args, ".", "--select", "PRT001", "--pm", "./pm_static.yml"],
                       cwd=fixture, capture_output=True, text=True, timeout=60)
    return p


def main():
    flashlint, fixture, schema_path = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    failures = []

    def check(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    p = run(flashlint, fixture, "check", "--format", "json")
    check(p.returncode == 1, "json: exit 1")
    report = json.loads(p.stdout)
    try:
        jsonschema.validate(report, schema)
        valid = True
    except jsonschema.ValidationError as e:
        print(e.message)
        valid = False
    check(valid, "json: valid against the schema")
    diags = [d for d in report["diagnostics"] if d["id"] == "PRT001"]
    check(len(diags) == 2, "json: 2 PRT001 diagnostics (got %d)" % len(diags))
    d = diags[0]
    check(d["message"] == CAUSE and d["line"] == 15, "json: the cause at line 15")
    check(d["numbers"] == {"findings": 3}, "json: numbers.findings = 3")
    check([(n["line"], n["message"]) for n in d["notes"][:3]] == MEMBERS,
          "json: the three partitions are its notes")
    check(len(d["notes"]) == 4 and d["notes"][3]["file"] is None, "json: then the hint")
    check(diags[1]["message"].startswith(OTHER) and "findings" not in diags[1]["numbers"],
          "json: the separate overlap stays as it is")

    p = run(flashlint, fixture, "check", "--format", "sarif")
    results = [r for r in json.loads(p.stdout)["runs"][0]["results"] if r["ruleId"] == "PRT001"]
    check(len(results) == 2, "sarif: 2 PRT001 results")
    r = results[0]
    check(r["message"]["text"].split("\n")[0] == CAUSE, "sarif: the cause's message")
    rel = [(x["physicalLocation"]["region"]["startLine"], x["message"]["text"])
           for x in r.get("relatedLocations", [])]
    check(rel == MEMBERS, "sarif: the three partitions are its relatedLocations")
    check(r["properties"] == {"findings": 3}, "sarif: properties.findings = 3")

    p = run(flashlint, fixture, "check")
    lines = p.stderr.splitlines()
    check(sum("[PRT001]" in x for x in lines) == 2, "text: 2 PRT001 errors")
    check(lines[0] == "./pm_static.yml:15:1: error: " + CAUSE + " [PRT001]", "text: the cause first")
    check(lines[1:4] == ["./pm_static.yml:%d:1: note: %s" % m for m in MEMBERS],
          "text: then its three notes")

    p = run(flashlint, fixture, "check", "--format", "md")
    md = p.stdout.replace("\\_", "_")
    check(md.count("[PRT001]") == 2, "md: 2 PRT001 findings")
    check(md.count("overlaps 3 partitions") == 1 and
          all(md.count("  - %s — `./pm_static.yml:%d`" % (msg, line)) == 1 for line, msg in MEMBERS),
          "md: the cause once, each partition a note under it")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.html")
        p = run(flashlint, fixture, "report", "-o", out)
        with open(out, encoding="utf-8") as f:
            html = f.read().replace("&#39;", "'")
    # The findings list only: the embedded doc page of PRT001 shows the example too.
    start = html.find('<section id="findings">')
    findings = html[start:html.find("</section>", start)]
    check(start >= 0 and findings.count("overlaps 3 partitions") == 1, "html: the cause once")
    check(all(findings.count(msg) == 1 for _, msg in MEMBERS), "html: each partition one note")

    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
