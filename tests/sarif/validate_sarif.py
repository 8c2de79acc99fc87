#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validates `flashlint check --format sarif` with Microsoft's SARIF Multitool.

usage: validate_sarif.py --flashlint EXE --multitool EXE --work DIR
                         --samples DIR --rules DIR --toolchain FILE [--cmake CMAKE]

Every sample under --samples (each directory with a CMakeLists.txt but common/)
is configured and linked for real in WORK/samples/<name>, its post-link hook off;
a link that overflows still leaves the map flashlint reads, so the build's own
exit status is not judged here (the sample tests do that). flashlint then writes
a SARIF log for each sample build, for each bad-* rule fixture under --rules that
needs no prepare.sh (run inside it as `check .` plus its flashlint.args, all rules
on) and for one fixture copied to a directory whose name needs percent-encoding,
checked by absolute path, by relative path and by a path through "..".

Each log must name flashlint's own exit status in invocations[0].exitCode. All
logs go through `Sarif.Multitool validate` at once (schema and SARIF rules, levels
error, warning and note). Any error fails, and so does any warning not listed in
NOT_OURS; notes are reported with the reason they stay. Exit 77 (skip) when the
validator is not installed (the sarif.tools setup skipped for want of a network).
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys

SKIP = 77
TIMEOUT = 300

# Validator findings that flashlint cannot or must not change, with the reason.
# Warnings not listed here fail the test.
NOT_OURS = {
    "SARIF2002": "message.id/arguments instead of text would need message templates "
                 "per finding; flashlint's messages are built with their numbers",
    "SARIF2003": "versionControlProvenance belongs to the CI job that knows the "
                 "repository and commit (GitHub's upload adds it); flashlint reads a "
                 "build directory, not a repository",
    "SARIF2006": "an HTTP GET probe of helpUri and $schema, which fails where the "
                 "tests run: there is no network access there",
    "SARIF2010": "region snippets would copy map/YAML lines into the log; the "
                 "region already names the line",
    "SARIF2011": "context regions, likewise",
    "SARIF2012": "rule names are the catalogue's kebab-case names (-W, --select, "
                 "`flashlint rules` use them), not PascalCase",
    "SARIF2013": "embedding whole linker maps and ELF files would bloat the log",
    "SARIF2016": "absolute paths stay absolute: flashlint reports paths as given "
                 "(an absolute build directory) and writes a path through '..' as an "
                 "absolute file URI, since SARIF forbids '..' in file URIs",
}


def log(*a):
    print(*a, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, **kw)


def build_samples(args, work):
    """Configure and build every sample; returns [(name, build dir)]."""
    if not shutil.which("arm-none-eabi-gcc"):
        sys.exit("FAIL: arm-none-eabi-gcc not found: the samples are linked for real "
                 "('make deps' installs gcc-arm-none-eabi)")
    out = []
    for name in sorted(os.listdir(args.samples)):
        src = os.path.join(args.samples, name)
        if name == "common" or not os.path.isfile(os.path.join(src, "CMakeLists.txt")):
            continue
        build = os.path.join(work, "samples", name)
        shutil.rmtree(build, ignore_errors=True)
        env = dict(os.environ)
        env.pop("CMAKE_GENERATOR", None)
        p = run([args.cmake, "-G", "Unix Makefiles", "-S", src, "-B", build,
                 "-DCMAKE_TOOLCHAIN_FILE=" + args.toolchain, "-DFLASHLINT_HOOK=OFF"], env=env)
        if p.returncode:
            sys.exit("FAIL: configuring sample %s failed:\n%s%s"
                     % (name, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")))
        p = run([args.cmake, "--build", build, "--parallel", "2"], env=env)
        # Whatever the layout (plain, child images, sysbuild), a link that ran
        # left a map, even when it overflowed.
        maps = [f for _, _, files in os.walk(build) for f in files if f.endswith(".map")]
        if not maps:
            sys.exit("FAIL: sample %s left no linker map (build exit %d):\n%s"
                     % (name, p.returncode, p.stdout.decode(errors="replace")[-3000:]))
        log("sample %s built (build exit %d)" % (name, p.returncode))
        out.append(("sample-" + name, build))
    return out


def flashlint_sarif(args, name, cwd, target, extra, out_dir, command="check"):
    """Run flashlint on target (from cwd; for diff, a list [BASE, NEW]); check the
    exit status it records."""
    path = os.path.join(out_dir, name + ".sarif")
    targets = target if isinstance(target, list) else [target]
    cmd = [args.flashlint, command] + targets + ["--format", "sarif", "-o", path] + extra
    p = run(cmd, cwd=cwd, env=dict(os.environ, NO_COLOR="1"))
    if p.returncode not in (0, 1, 2) or not os.path.exists(path):
        sys.exit("FAIL: %s: flashlint exited %d:\n%s" % (name, p.returncode,
                                                        p.stderr.decode(errors="replace")))
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    inv = doc["runs"][0]["invocations"][0]
    if inv.get("exitCode") != p.returncode:
        sys.exit("FAIL: %s: invocations[0].exitCode is %r, flashlint exited %d"
                 % (name, inv.get("exitCode"), p.returncode))
    results = doc["runs"][0]["results"]
    log("%-48s exit %d, %d result(s)" % (name, p.returncode, len(results)))
    return path, len(results)


def rule_fixtures(rules_dir):
    """Every rules_dir/<ID>/bad-<case>/ that runs as it is (no prepare.sh)."""
    out = []
    for rule in sorted(os.listdir(rules_dir)):
        rdir = os.path.join(rules_dir, rule)
        if not os.path.isdir(rdir) or not (len(rule) == 6 and rule[:3].isupper()):
            continue
        for case in sorted(os.listdir(rdir)):
            fx = os.path.join(rdir, case)
            if case.startswith("bad-") and not os.path.exists(os.path.join(fx, "prepare.sh")):
                out.append(fx)
    if not out:
        sys.exit("FAIL: no rule fixture found under " + rules_dir)
    return out


def message_text(result, rules):
    msg = result.get("message", {})
    if "text" in msg:
        return msg["text"]
    for rule in rules:
        if rule.get("id") == result.get("ruleId"):
            text = rule.get("messageStrings", {}).get(msg.get("id"), {}).get("text", "")
            for i, a in enumerate(msg.get("arguments", [])):
                text = text.replace("{%d}" % i, a)
            return text
    return msg.get("id", "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flashlint", required=True)
    ap.add_argument("--multitool", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--samples", required=True)
    ap.add_argument("--toolchain", required=True)
    ap.add_argument("--rules", required=True)
    ap.add_argument("--cmake", default="cmake")
    args = ap.parse_args()
    args.fixtures = rule_fixtures(args.rules)

    if not (os.path.isfile(args.multitool) and os.access(args.multitool, os.X_OK)):
        log("SKIP: the SARIF Multitool is not installed (%s): see the sarif.tools test"
            % args.multitool)
        return SKIP

    work = os.path.abspath(args.work)
    out_dir = os.path.join(work, "logs")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)

    logs = []
    builds = dict(build_samples(args, work))
    for name, build in builds.items():
        logs.append(flashlint_sarif(args, name, work, build, [], out_dir))
    # `flashlint diff` logs: the new findings of one sample against another, with
    # and without a policy that fails on them.
    for base, new in (("clean", "nrf5340-xip-relocation"),
                      ("ext-secondary-no-driver-in-mcuboot", "ext-secondary-fixed"),
                      ("ext-secondary-fixed", "ext-secondary-no-driver-in-mcuboot")):
        pair = [builds.get("sample-" + base), builds.get("sample-" + new)]
        if None in pair:
            continue
        logs.append(flashlint_sarif(args, "diff-%s-%s" % (base, new), work, pair, [],
                                    out_dir, "diff"))
        logs.append(flashlint_sarif(args, "diff-fail-%s-%s" % (base, new), work, pair,
                                    ["--fail-on", "new-errors"], out_dir, "diff"))
    for fx in args.fixtures:
        extra = []
        af = os.path.join(fx, "flashlint.args")
        if os.path.exists(af):
            with open(af, encoding="utf-8") as f:
                extra = [a for a in f.read().splitlines() if a.strip()]
        name = "fixture-" + os.path.basename(os.path.dirname(fx)) + "-" + os.path.basename(fx)
        logs.append(flashlint_sarif(args, name, fx, ".", extra, out_dir))
    if args.fixtures:
        # A directory name with a space, '#', '%', '?' and non-ASCII bytes.
        odd = os.path.join(work, "odd", "a #b %41 ?c \u00fc")
        shutil.rmtree(os.path.join(work, "odd"), ignore_errors=True)
        shutil.copytree(args.fixtures[0], odd)
        logs.append(flashlint_sarif(args, "odd-absolute", work, odd, [], out_dir))
        logs.append(flashlint_sarif(args, "odd-relative", os.path.join(work, "odd"),
                                    os.path.basename(odd), [], out_dir))
        logs.append(flashlint_sarif(args, "odd-dotdot", os.path.join(work, "logs"),
                                    os.path.join("..", "odd", os.path.basename(odd)), [],
                                    out_dir))
    total_results = sum(n for _, n in logs)
    if not total_results:
        sys.exit("FAIL: no SARIF log has a result: nothing was validated but the headers")

    # A log broken on purpose proves that the validator's verdicts are read: it
    # must come back with exactly these errors, which are not failures.
    broken = os.path.join(work, "broken-on-purpose.sarif")
    with open(logs[0][0], encoding="utf-8") as f:
        doc = json.load(f)
    loc = {"physicalLocation": {"artifactLocation": {"uri": "file:///a/../b"},
                                "region": {"startLine": 0}}}
    doc["runs"][0]["results"].append({"ruleId": "SEC001", "ruleIndex": 0,
                                      "message": {"text": "broken"}, "locations": [loc]})
    with open(broken, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    want_broken = {"JSON1008", "SARIF1002", "SARIF1007"}

    report = os.path.join(work, "validation.sarif")
    if os.path.exists(report):
        os.unlink(report)
    # Without libicu the tool's .NET runtime aborts unless globalization is
    # invariant, which validation does not need (see install_multitool.sh).
    p = run([args.multitool, "validate", "--level", "Error;Warning;Note", "--kind", "Fail",
             "-o", report] + [path for path, _ in logs] + [broken],
            env=dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1"))
    if p.returncode or not os.path.exists(report):
        sys.exit("FAIL: the validator failed (exit %d):\n%s%s"
                 % (p.returncode, p.stdout.decode(errors="replace"),
                    p.stderr.decode(errors="replace")))
    with open(report, encoding="utf-8-sig") as f:
        vdoc = json.load(f)

    failures = []
    notes = collections.Counter()
    kept = collections.Counter()
    seen_files = set()
    got_broken = set()
    for vrun in vdoc["runs"]:
        rules = vrun["tool"]["driver"].get("rules", [])
        for inv in vrun.get("invocations", []):
            for n in inv.get("toolExecutionNotifications", []) + \
                    inv.get("toolConfigurationNotifications", []):
                if n.get("level", "warning") == "error":
                    failures.append("validator: " + n["message"].get("text", ""))
        for r in vrun.get("results", []):
            level = r.get("level", "warning")
            rid = r.get("ruleId", "?")
            uri = r.get("locations", [{}])[0].get("physicalLocation", {}) \
                   .get("artifactLocation", {}).get("uri", "?")
            seen_files.add(os.path.basename(uri))
            where = "%s: %s %s: %s" % (os.path.basename(uri), level, rid,
                                       message_text(r, rules))
            if os.path.basename(uri) == os.path.basename(broken):
                if level == "error":
                    got_broken.add(rid)
                continue
            if level == "error" or (level == "warning" and rid not in NOT_OURS):
                failures.append(where)
            elif level == "warning":
                kept[rid] += 1
            else:
                notes[rid] += 1

    if got_broken != want_broken:
        failures.append("broken-on-purpose.sarif: the validator reported errors %s, not %s"
                        % (sorted(got_broken), sorted(want_broken)))
    log("validated %d logs with %d results" % (len(logs), total_results))
    for rid in sorted(set(notes) | set(kept)):
        log("  %s: %d warning(s), %d note(s) remain: %s"
            % (rid, kept[rid], notes[rid], NOT_OURS.get(rid, "(no reason recorded)")))
    for f in failures:
        log("FAIL: " + f)
    log("%d passed, %d failed" % (len(logs) - len({f.split(":")[0] for f in failures}),
                                   len({f.split(":")[0] for f in failures})))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
