#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs flashlint over every rule fixture and compares the result with its golden.

usage: run_rule_fixtures.py FLASHLINT RULES_DIR

A fixture is a directory RULES_DIR/<ID>/bad-<case>/ or RULES_DIR/<ID>/ok-<case>/
holding a small build directory. Each one is copied to a temporary directory; if
it has a prepare.sh, that script runs there first (it links what must not be
committed, such as an ELF). Then `FLASHLINT check . --select <ID>` runs with the
copy as working directory, plus the arguments listed one per line in the optional
file flashlint.args.

  bad-*  stderr must equal expected.txt byte for byte and name [<ID>]; the exit
         status must equal expected.exit (default 1).
  ok-*   stderr must not contain [<ID>] and the exit status must be 0.

With UPDATE_GOLDEN=1 the bad fixtures' expected.txt (and expected.exit, kept
only when the status is not 1) are rewritten from the current output instead.
Prints one line per fixture and `N passed, M failed`; exits 1 on any failure.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

RULE_ID = re.compile(r"^[A-Z]{3}[0-9]{3}$")
CASE = re.compile(r"^(bad|ok)-[a-z0-9][a-z0-9-]*$")
TIMEOUT = 120


def fixtures(rules_dir):
    """(rule ID, kind, case name, path) of every fixture, sorted."""
    out = []
    for rule in sorted(os.listdir(rules_dir)):
        rdir = os.path.join(rules_dir, rule)
        if not RULE_ID.match(rule) or not os.path.isdir(rdir):
            continue
        for case in sorted(os.listdir(rdir)):
            path = os.path.join(rdir, case)
            m = CASE.match(case)
            if m and os.path.isdir(path):
                out.append((rule, m.group(1), case, path))
    return out


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def extra_args(path):
    f = os.path.join(path, "flashlint.args")
    if not os.path.exists(f):
        return []
    return [a for a in read_text(f).splitlines() if a.strip()]


def run_fixture(flashlint, rule, path, work):
    """Runs prepare.sh and flashlint in a copy of the fixture.
    Returns (status, stdout, stderr) or raises RuntimeError with the reason."""
    copy = os.path.join(work, "build")
    shutil.copytree(path, copy, symlinks=True)
    env = dict(os.environ, NO_COLOR="1")
    if os.path.exists(os.path.join(copy, "prepare.sh")):
        p = subprocess.run(["sh", "./prepare.sh"], cwd=copy, env=env, capture_output=True,
                           text=True, timeout=TIMEOUT)
        if p.returncode:
            raise RuntimeError("prepare.sh failed (exit %d):\n%s%s"
                               % (p.returncode, p.stdout, p.stderr))
    cmd = [flashlint, "check", ".", "--select", rule] + extra_args(copy)
    p = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_bad(rule, path, status, stdout, stderr, update):
    """Returns None when the bad fixture passes, else the reason."""
    exp_txt = os.path.join(path, "expected.txt")
    exp_exit = os.path.join(path, "expected.exit")
    if update:
        with open(exp_txt, "w", encoding="utf-8", newline="") as f:
            f.write(stderr)
        if status != 1:
            with open(exp_exit, "w", encoding="utf-8") as f:
                f.write("%d\n" % status)
        elif os.path.exists(exp_exit):
            os.remove(exp_exit)
    if not os.path.exists(exp_txt):
        return "no expected.txt (create it with UPDATE_GOLDEN=1, then read it)"
    expected = read_text(exp_txt)
    want_status = int(read_text(exp_exit).strip()) if os.path.exists(exp_exit) else 1
    problems = []
    if "[%s]" % rule not in expected:
        problems.append("expected.txt does not name [%s]: a bad fixture must fire its rule" % rule)
    if stderr != expected:
        diff = difflib.unified_diff(expected.splitlines(True), stderr.splitlines(True),
                                    "expected.txt", "flashlint stderr")
        problems.append("output differs from expected.txt:\n" + "".join(diff).rstrip("\n"))
    if status != want_status:
        problems.append("exit status %d, expected %d" % (status, want_status))
    if stdout:
        problems.append("unexpected output on stdout:\n" + stdout.rstrip("\n"))
    return "\n".join(problems) or None


def check_ok(rule, status, stdout, stderr):
    problems = []
    if "[%s]" % rule in stderr:
        problems.append("[%s] reported:\n%s" % (rule, stderr.rstrip("\n")))
    if status != 0:
        problems.append("exit status %d, expected 0:\n%s" % (status, stderr.rstrip("\n")))
    if stdout:
        problems.append("unexpected output on stdout:\n" + stdout.rstrip("\n"))
    return "\n".join(problems) or None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: run_rule_fixtures.py FLASHLINT RULES_DIR\n")
        return 2
    flashlint = os.path.abspath(argv[1])
    rules_dir = os.path.abspath(argv[2])
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    passed = failed = 0
    found = fixtures(rules_dir)
    if not found:
        print("no fixtures under %s" % rules_dir)
        failed = 1
    for rule, kind, case, path in found:
        name = "%s/%s" % (rule, case)
        with tempfile.TemporaryDirectory(prefix="flashlint-fixture-") as work:
            try:
                status, stdout, stderr = run_fixture(flashlint, rule, path, work)
                if kind == "bad":
                    reason = check_bad(rule, path, status, stdout, stderr, update)
                else:
                    reason = check_ok(rule, status, stdout, stderr)
            except (RuntimeError, OSError, subprocess.SubprocessError) as e:
                reason = str(e)
        if reason:
            failed += 1
            print("FAIL %s: %s" % (name, reason.replace("\n", "\n     ")))
        else:
            passed += 1
            print("%s %s" % ("UPDATED" if update and kind == "bad" else "PASS", name))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
