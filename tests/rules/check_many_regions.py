#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The partition rules over many tables: thousands of regions in several
partitions_<domain>.yml files, each region a table of its own.

usage: check_many_regions.py FLASHLINT

Writes, in a temporary build directory, DOMAINS partitions_<d>.yml and
regions_<d>.yml files with REGIONS regions each; region r_k holds p_k
(0x1000 bytes at 0x1000 * k) and, by construction:
  k % 101 == 0  q_k, overlapping p_k by 0x800 bytes        -> one PRT001
  k % 103 == 0  a_k and b_k inside p_k, which has no span  -> one PRT001, count 2
  k % 107 == 0  a_k and b_k inside p_k, whose span lists them -> nothing
  k % 97 == 0   a region of 0x800 bytes                     -> one PRT002
and checks that flashlint reports exactly those findings, no more, no fewer.
"""
import json
import os
import subprocess
import sys
import tempfile

DOMAINS = 3
REGIONS = 2000


def part(name, addr, size, region, span=None):
    s = "%s:\n  address: 0x%x\n  size: 0x%x\n  end_address: 0x%x\n  region: %s\n" % (
        name, addr, size, addr + size, region)
    if span:
        s += "  span: [%s]\n" % ", ".join(span)
    return s


def write(build):
    want = []   # (rule, message prefix) expected
    for d in range(DOMAINS):
        dom = "d%d" % d
        parts, regions = [], []
        for k in range(1, REGIONS + 1):
            r, base = "r%d_%d" % (d, k), 0x1000 * k
            where = "region '%s' of domain %s" % (r, dom)
            rsize = 0x2000
            span = None
            if k % 103 == 0 or k % 107 == 0:
                parts.append(part("a%d_%d" % (d, k), base, 0x400, r))
                parts.append(part("b%d_%d" % (d, k), base + 0x400, 0x400, r))
                if k % 107 == 0:
                    span = ["a%d_%d" % (d, k), "b%d_%d" % (d, k)]
                else:
                    want.append(("PRT001", "partition 'p%d_%d' (0x%08x..0x%08x) overlaps 2 partitions "
                                 "that lie inside it in %s, and has no 'span'" % (d, k, base, base + 0x1000, where)))
            parts.append(part("p%d_%d" % (d, k), base, 0x1000, r, span))
            if k % 101 == 0:
                parts.append(part("q%d_%d" % (d, k), base + 0x800, 0x1000, r))
                want.append(("PRT001", "partition 'p%d_%d' (0x%08x..0x%08x) overlaps 'q%d_%d' "
                             "(0x%08x..0x%08x) by 2048 (0x800) bytes in %s"
                             % (d, k, base, base + 0x1000, d, k, base + 0x800, base + 0x1800, where)))
            if k % 97 == 0:
                rsize = 0x800
                want.append(("PRT002", "partition 'p%d_%d' (0x%08x..0x%08x) ends 2048 (0x800) bytes "
                             "past the end of %s" % (d, k, base, base + 0x1000, where)))
            regions.append("%s:\n  base_address: 0x%x\n  name: %s\n  size: 0x%x\n" % (r, base, r, rsize))
        with open(os.path.join(build, "partitions_%s.yml" % dom), "w") as f:
            f.write("".join(parts))
        with open(os.path.join(build, "regions_%s.yml" % dom), "w") as f:
            f.write("".join(regions))
    return want


def main():
    flashlint = sys.argv[1]
    with tempfile.TemporaryDirectory() as build:
        want = write(build)
        p = subprocess.run([flashlint, "check", build, "--select", "PRT001,PRT002", "--format", "json"],
                           capture_output=True, text=True, timeout=300)
    got = [(d["id"], d["message"]) for d in json.loads(p.stdout)["diagnostics"] if d["id"]]
    missing = [w for w in want if not any(g[0] == w[0] and g[1].startswith(w[1]) for g in got)]
    extra = [g for g in got if not any(g[0] == w[0] and g[1].startswith(w[1]) for w in want)]
    for w in missing:
        print("missing: %s %s" % w)
    for g in extra:
        print("not expected: %s %s" % g)
    counts = {r: sum(1 for w in want if w[0] == r) for r in ("PRT001", "PRT002")}
    print("%d regions, %d findings expected (%d PRT001, %d PRT002), %d reported, exit %d"
          % (DOMAINS * REGIONS, len(want), counts["PRT001"], counts["PRT002"], len(got), p.returncode))
    ok = not missing and not extra and len(got) == len(want) and p.returncode == 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
