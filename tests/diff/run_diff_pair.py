#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One `flashlint diff` sample pair, linked for real, against its goldens.

usage: run_diff_pair.py --flashlint EXE --pair DIR --base SIDE --new SIDE
                        --samples DIR --builds DIR --work DIR --toolchain FILE
                        --src-root DIR --diff-schema FILE --report-schema FILE
                        [--cmake CMAKE]

A SIDE is a sample name, built by the sample tests in BUILDS/<name>, or
NAME@VAR=VALUE: the sample configured with -DVAR=VALUE and linked here, in
WORK/<base|new>. Then:
  - `diff BASE NEW` in every format (text, md, json, sarif) equals the pair's
    expected.<format> (paths as <build>, <work>, <src>; SARIF and JSON
    fingerprints as <fingerprint>; of SARIF, the results and the exit status)
    and exits 0; the JSON is a valid
    flashlint-diff/1 document; every SARIF fingerprint is the one
    `check --format sarif` gives the same finding of NEW;
  - a build diffed with itself prints "no changes" and exits 0;
  - reports saved with `check --format json --detail full` are valid
    flashlint-report/1 documents and diff byte for byte like the build directories;
  - each line "LIST STATUS" of the pair's policy.txt: `--fail-on LIST` exits STATUS.
UPDATE_GOLDEN=1 rewrites the goldens instead of comparing.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

FORMATS = (("text", "txt"), ("md", "md"), ("json", "json"), ("sarif", "sarif"))


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600, **kw)


def side_dir(args, spec, which):
    if "@" not in spec:
        d = os.path.join(args.builds, spec)
        if not os.path.isdir(d):
            fail("%s: the sample build %s is missing (run the sample test sample.%s first)"
                 % (which, d, spec))
        return d
    name, define = spec.split("@", 1)
    d = os.path.join(args.work, which)
    shutil.rmtree(d, ignore_errors=True)
    env = dict(os.environ)
    env.pop("CMAKE_GENERATOR", None)
    p = run([args.cmake, "-G", "Unix Makefiles", "-S", os.path.join(args.samples, name),
             "-B", d, "-DCMAKE_TOOLCHAIN_FILE=" + args.toolchain, "-DFLASHLINT_HOOK=OFF",
             "-D" + define], env=env)
    if p.returncode:
        fail("configuring %s failed:\n%s" % (spec, p.stderr.decode(errors="replace")))
    p = run([args.cmake, "--build", d, "--parallel", "2"], env=env)
    if p.returncode:
        fail("building %s failed:\n%s" % (spec, p.stdout.decode(errors="replace")[-4000:]))
    print("built %s in %s" % (spec, d), flush=True)
    return d


def flashlint(args, *a):
    p = run([args.flashlint] + list(a), env=dict(os.environ, NO_COLOR="1"))
    if p.returncode >= 2:
        fail("flashlint %s exited %d:\n%s" % (" ".join(a), p.returncode,
                                              p.stderr.decode(errors="replace")))
    return p.returncode, p.stdout.decode("utf-8")


def normalise(args, text):
    subs = sorted([(os.path.abspath(args.work), "<work>"), (os.path.abspath(args.builds), "<build>"),
                   (os.path.abspath(args.src_root), "<src>")], key=lambda s: -len(s[0]))
    for path, tag in subs:
        text = text.replace(path, tag)
    text = re.sub(r'("flashlint/v1": |"fingerprint": )"[0-9a-f]{16}"', r'\1"<fingerprint>"', text)
    return text


def validate(schema, path):
    here = os.path.dirname(os.path.abspath(__file__))
    p = run([sys.executable, os.path.join(here, "..", "schema", "validate_json.py"), schema, path])
    if p.returncode:
        fail("%s is not valid against %s:\n%s" % (path, schema, p.stdout.decode() + p.stderr.decode()))


def main():
    ap = argparse.ArgumentParser()
    for o in ("flashlint", "pair", "base", "new", "samples", "builds", "work", "toolchain",
              "src-root", "diff-schema", "report-schema"):
        ap.add_argument("--" + o, required=True)
    ap.add_argument("--cmake", default="cmake")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    update = os.environ.get("UPDATE_GOLDEN") == "1"

    base = side_dir(args, args.base, "base")
    new = side_dir(args, args.new, "new")

    outs = {}
    for fmt, ext in FORMATS:
        rc, out = flashlint(args, "diff", base, new, "--format", fmt)
        if rc:
            fail("diff --format %s exited %d without a --fail-on policy" % (fmt, rc))
        outs[fmt] = out
        golden = os.path.join(args.pair, "expected." + ext)
        got = normalise(args, out)
        if fmt == "sarif":
            # The results and the exit status; the rule catalogue is check's.
            sarif_run = json.loads(got)["runs"][0]
            got = json.dumps({"exitCode": sarif_run["invocations"][0]["exitCode"],
                              "results": sarif_run["results"]}, indent=2, ensure_ascii=False) + "\n"
        if update:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
            print("wrote " + golden)
            continue
        if not os.path.exists(golden):
            fail("missing golden %s (UPDATE_GOLDEN=1 writes it)" % golden)
        with open(golden, encoding="utf-8") as f:
            want = f.read()
        if want != got:
            path = os.path.join(args.work, "got." + ext)
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
            subprocess.run(["diff", "-u", golden, path])
            fail("diff --format %s differs from %s" % (fmt, golden))
    print(outs["text"], end="")

    json_path = os.path.join(args.work, "diff.json")
    with open(json_path, "w", encoding="utf-8") as f:
        f.write(outs["json"])
    validate(args.diff_schema, json_path)
    if len(outs["md"]) > 65536:
        fail("the markdown diff is %d characters, more than a GitHub comment takes" % len(outs["md"]))

    # SARIF: the new findings with check's own fingerprints.
    _, check_sarif = flashlint(args, "check", new, "--format", "sarif")
    check_fp = {(r["ruleId"], r["partialFingerprints"]["flashlint/v1"])
                for r in json.loads(check_sarif)["runs"][0]["results"]}
    diff_results = json.loads(outs["sarif"])["runs"][0]["results"]
    if len(diff_results) != len(json.loads(outs["json"])["findings"]["new"]):
        fail("the SARIF log does not have one result per new finding")
    for r in diff_results:
        if (r["ruleId"], r["partialFingerprints"]["flashlint/v1"]) not in check_fp:
            fail("SARIF result %s has a fingerprint check does not give" % r["ruleId"])

    # A build against itself.
    for d in (base, new):
        rc, out = flashlint(args, "diff", d, d)
        if rc or out != "flashlint diff: no changes\n":
            fail("diff of %s with itself: exit %d, %r" % (d, rc, out))
        rc, out = flashlint(args, "diff", d, d, "--format", "json", "--fail-on",
                            "new-errors,growth:0")
        if rc or json.loads(out)["changed"]:
            fail("diff --format json of %s with itself: exit %d, changed" % (d, rc))

    # Saved reports stand in for their build directories.
    saved = {}
    for which, d in (("base", base), ("new", new)):
        path = os.path.join(args.work, which + ".json")
        flashlint(args, "check", d, "--format", "json", "--detail", "full", "-o", path)
        validate(args.report_schema, path)
        saved[which] = path
        maps = [os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs if f == "zephyr.map"]
        print("saved report of %s: %d bytes; its maps: %d bytes"
              % (which, os.path.getsize(path), sum(os.path.getsize(m) for m in maps)))
    for b, n in ((saved["base"], saved["new"]), (saved["base"], new), (base, saved["new"])):
        for fmt, _ in FORMATS:
            _, out = flashlint(args, "diff", b, n, "--format", fmt)
            if out != outs[fmt]:
                fail("diff %s %s --format %s differs from the diff of the build directories"
                     % (b, n, fmt))

    # The policy.
    policy = os.path.join(args.pair, "policy.txt")
    if os.path.exists(policy):
        with open(policy, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                cond, want = line.rsplit(None, 1)
                rc, out = flashlint(args, "diff", base, new, "--fail-on", cond)
                if rc != int(want):
                    fail("--fail-on %s exited %d, expected %s:\n%s" % (cond, rc, want, out))
                print("--fail-on %s: exit %d" % (cond, rc))
    print("PASS: diff pair %s" % os.path.basename(args.pair))


if __name__ == "__main__":
    main()
