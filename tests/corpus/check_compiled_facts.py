#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks flashlint's decode of the flash map and devices compiled into each ELF of
the corpus against FACTS.txt ("## Flash map and devices compiled into each ELF",
decoded independently with pyelftools).

The corpus leaves the ELFs out; its builds' repositories hold them. This test runs
only when FLASHLINT_CORPUS_ELFS names a directory holding, for each case, the ELFs
at their place in the build: <dir>/<case>/build/<path of the ELF in FACTS.txt>.
Without it (or without the corpus) it prints why and exits 77 (skipped).

usage: check_compiled_facts.py FLASHLINT CORPUS_DIR
"""
import json
import os
import re
import subprocess
import sys

SKIP = 77


def facts_blocks(path):
    """(elf path, body) for each ELF FACTS.txt decoded."""
    text = open(path, encoding="utf-8").read()
    part = text.split("## Flash map and devices compiled into each ELF", 1)
    if len(part) < 2:
        return []
    blocks = re.split(r"^# flash map and devices compiled into (\S+)\n", part[1], flags=re.M)
    return [(blocks[i], blocks[i + 1]) for i in range(1, len(blocks), 2)]


def compare(flashlint, elf, body):
    """The disagreements between flashlint's JSON and one FACTS block."""
    errs = []
    want_devs = re.findall(r"^  device (\S+) name=(?:'(.*?)'|None)(?: node=\S+)?$", body, flags=re.M)
    ndev = int(re.search(r"^devices: (\d+)", body, flags=re.M).group(1))
    fm = re.search(r"^flash map: (\w+) (\d+) bytes, (\d+) entries of (\d+) bytes", body, flags=re.M)
    ents = re.findall(r"^  entry id=(\d+) off=(0x[0-9a-f]+) size=(0x[0-9a-f]+) (.*?) ~", body, flags=re.M)
    p = subprocess.run([flashlint, "check", "--elf", elf, "--format", "json"],
                       capture_output=True, text=True, timeout=120)
    if p.returncode not in (0, 1):
        return ["flashlint exit %d: %s" % (p.returncode, p.stderr[:300])]
    img = json.loads(p.stdout)["images"][0]
    comp = img["compiled"]
    if comp is None:
        return ["no 'compiled' in the report"]
    got_devs = sorted((d["symbol"], d["name"]) for d in comp["devices"])
    want = sorted((s, n if n else None) for s, n in want_devs)
    if len(comp["devices"]) != ndev:
        errs.append("%d devices, FACTS.txt %d" % (len(comp["devices"]), ndev))
    if got_devs != want:
        errs.append("devices %s, FACTS.txt %s" % (got_devs, want))
    f = comp["flash_map"]
    if bool(f) != bool(fm):
        return errs + ["flash map %s, FACTS.txt %s" % (bool(f), bool(fm))]
    if not f:
        return errs
    head = (f["symbol"], f["bytes"], f["count"], f["entry_size"])
    if head != (fm.group(1), int(fm.group(2)), int(fm.group(3)), int(fm.group(4))):
        errs.append("flash map %s, FACTS.txt %s" % (head, fm.groups()))
    if len(f["entries"]) != len(ents):
        errs.append("%d entries, FACTS.txt %d" % (len(f["entries"]), len(ents)))
    for e, (fid, off, size, dev) in zip(f["entries"], ents):
        if (e["id"], e["offset"], e["size"]) != (int(fid), int(off, 16), int(size, 16)):
            errs.append("entry %s: %s" % (fid, e))
        m = re.match(r"device (\S+) \((.*)\)$", dev)
        if m:
            ok = (e["device_kind"], e["device_symbol"], e["device_name"]) == ("device", m.group(1), m.group(2))
        elif dev.startswith("pointer 0x0"):
            ok = e["device_kind"] == "null"
        else:
            m = re.match(r"device-name string '(.*)'", dev)
            ok = bool(m) and (e["device_kind"], e["device_name"]) == ("name", m.group(1))
        if not ok:
            errs.append("entry %s device: %s, FACTS.txt %s" % (fid, e, dev))
    return errs


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    flashlint, corpus = sys.argv[1], sys.argv[2]
    elfs = os.environ.get("FLASHLINT_CORPUS_ELFS")
    if not elfs or not os.path.isdir(elfs):
        print("check_compiled_facts: FLASHLINT_CORPUS_ELFS is not set to a directory of the corpus builds' ELFs: skipped")
        return SKIP
    if not os.path.isdir(corpus):
        print("check_compiled_facts: no corpus at %s: skipped" % corpus)
        return SKIP
    checked, failed = 0, 0
    for case in sorted(os.listdir(corpus)):
        facts = os.path.join(corpus, case, "FACTS.txt")
        if not os.path.isfile(facts):
            continue
        for rel, body in facts_blocks(facts):
            elf = os.path.join(elfs, case, "build", rel)
            if not os.path.isfile(elf):
                print("absent %s/%s" % (case, rel))
                continue
            errs = compare(flashlint, elf, body)
            checked += 1
            failed += bool(errs)
            print("%s %s/%s%s" % ("FAIL" if errs else "ok  ", case, rel, "".join("\n    " + e for e in errs)))
    print("check_compiled_facts: %d ELFs checked, %d disagree" % (checked, failed))
    if checked == 0:
        return SKIP
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
