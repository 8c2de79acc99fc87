#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Scale of the partition rules: writes Partition Manager layouts with many
partitions and times `flashlint check` on each, printing seconds and peak RSS.
A measurement run by hand, not a test (the budget: 1 s and 100 MB for 20,000
partitions over 20,000 regions).

usage: bench/prt_scale.py [--flashlint BIN] [--out DIR] [--partitions N] [--files F]

Layouts (each a build directory under OUT holding partitions_<domain>.yml files):
  regions     N partitions, each in a region of its own, spread over F files
  one-region  min(N, 9000) partitions in one region of one file (a file holds at
              most 100,000 YAML nodes), every tenth one a container whose span
              lists the nine after it (the nesting test of PRT003)
"""
import argparse
import os
import subprocess
import sys
import time


def write_regions(out, n, files):
    per = (n + files - 1) // files
    k = 0
    for f in range(files):
        with open(os.path.join(out, "partitions_d%d.yml" % f), "w") as y:
            for _ in range(min(per, n - k)):
                y.write("p%d:\n  address: 0x%x\n  size: 0x1000\n  end_address: 0x%x\n"
                        "  region: r%d\n" % (k, 0x1000 * k, 0x1000 * (k + 1), k))
                k += 1


def write_one_region(out, n):
    n = min(n, 9000)
    with open(os.path.join(out, "partitions.yml"), "w") as y:
        for k in range(0, n, 10):
            base = 0x10000 * (k // 10)
            kids = ["p%d" % j for j in range(k + 1, min(k + 10, n))]
            y.write("p%d:\n  address: 0x%x\n  size: 0x%x\n  end_address: 0x%x\n"
                    "  region: flash_primary\n  span: [%s]\n"
                    % (k, base, 0x1000 * len(kids), base + 0x1000 * len(kids), ", ".join(kids)))
            for i, name in enumerate(kids):
                a = base + 0x1000 * i
                y.write("%s:\n  address: 0x%x\n  size: 0x1000\n  end_address: 0x%x\n"
                        "  region: flash_primary\n" % (name, a, a + 0x1000))


def run(flashlint, build):
    """(wall seconds, CPU seconds, peak RSS in MB, exit status) of one `flashlint check`."""
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(flashlint, [flashlint, "check", build, "--format", "json", "-o", os.devnull])
    _, status, usage = os.wait4(pid, 0)
    return (time.monotonic() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0,
            os.waitstatus_to_exitcode(status))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--flashlint", default=os.path.join(root, "build", "flashlint"))
    ap.add_argument("--out", default=os.path.join(root, "build", "bench-prt"))
    ap.add_argument("--partitions", type=int, default=20000)
    ap.add_argument("--files", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    layouts = {"regions": lambda d: write_regions(d, args.partitions, args.files),
               "one-region": lambda d: write_one_region(d, args.partitions)}
    print("%-12s %11s %9s %9s %12s %5s" % ("layout", "partitions", "wall s", "CPU s", "peak RSS MB", "exit"))
    sizes = {"regions": args.partitions, "one-region": min(args.partitions, 9000)}
    for name, write in layouts.items():
        d = os.path.join(args.out, name)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        write(d)
        best = min((run(args.flashlint, d) for _ in range(args.runs)), key=lambda r: r[0])
        print("%-12s %11d %9.3f %9.3f %12.1f %5d" % (name, sizes[name], *best))
    return 0


if __name__ == "__main__":
    sys.exit(main())
