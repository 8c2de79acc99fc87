#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""flashlint against hostile names, hostile filesystems and damaged inputs.

usage: test_hostile.py FLASHLINT CASE...     (CASE "all": every case)
       test_hostile.py --list               (the cases, for CTest)

Each case builds its inputs in a temporary directory (programs are linked there
with arm-none-eabi-gcc from tests/rules/src, nothing binary is committed), runs
flashlint and checks the exit status and the exact lines that must (or must not)
be printed. Prints one line per case and exits 1 when one fails.
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
RULES = os.path.join(TESTS, "rules")
TIMEOUT = 60
CC = os.environ.get("CC", "arm-none-eabi-gcc")
OBJCOPY = os.environ.get("OBJCOPY", "arm-none-eabi-objcopy")
CFLAGS = ["-mcpu=cortex-m33", "-mthumb", "-Os", "-std=c11", "-ffunction-sections",
          "-fdata-sections", "-fno-common", "-ffreestanding",
          "-fno-tree-loop-distribute-patterns"]

# A name that would clear nothing but set the terminal title, then forge a whole
# diagnostic line of its own.
EVIL = "ev\x1b[2J\x1b]0;pwned\x07il\nfake.c:9:9: error: forged [FAKE]"
EVIL_SHOWN = "ev\\x1b[2J\\x1b]0;pwned\\x07il\\nfake.c:9:9: error: forged [FAKE]"
# flashlint's own colours (src/report/text.c): the only escapes it may print.
OWN_SGR = {"\x1b[1m", "\x1b[0m", "\x1b[1;31m", "\x1b[1;35m", "\x1b[1;36m"}

FLASHLINT = None


class Fail(Exception):
    pass


def run(args, cwd=None, env=None, timeout=TIMEOUT, stdin=subprocess.DEVNULL, stdout=None):
    """(exit status, stdout, stderr) of flashlint ARGS, outputs as str."""
    e = dict(os.environ, NO_COLOR="1")
    e.update(env or {})
    try:
        p = subprocess.run([FLASHLINT] + args, cwd=cwd, env=e, stdin=stdin,
                           stdout=stdout if stdout is not None else subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Fail("flashlint %s did not finish within %d s" % (" ".join(args), timeout))
    out = p.stdout.decode("utf-8", "surrogateescape") if p.stdout is not None else ""
    return p.returncode, out, p.stderr.decode("utf-8", "surrogateescape")


def expect(cond, what, out=""):
    if not cond:
        raise Fail(what + ("\n--- output ---\n" + out if out else ""))


def expect_status(got, want, out):
    expect(got == want, "exit status %d, expected %d" % (got, want), out)


def link(program, dest, name="zephyr"):
    """Links tests/rules/src/PROGRAM into DEST/NAME.elf and DEST/NAME.map."""
    src = os.path.join(RULES, "src", program)
    os.makedirs(dest, exist_ok=True)
    with tempfile.TemporaryDirectory() as obj:
        objs = []
        files = sorted(f for f in os.listdir(src) if f.endswith((".c", ".S")))
        if "startup.c" not in files:
            files.append(os.path.join(RULES, "src", "common", "startup.c"))
        for f in files:
            o = os.path.join(obj, os.path.basename(f) + ".obj")
            subprocess.run([CC] + CFLAGS + ["-c", os.path.join(src, f), "-o", o], check=True)
            objs.append(o)
        subprocess.run([CC, "-mcpu=cortex-m33", "-mthumb", "-nostdlib",
                        "-T", os.path.join(src, "link.ld"),
                        "-Wl,-Map=" + os.path.join(dest, name + ".map"),
                        "-o", os.path.join(dest, name + ".elf")] + objs,
                       check=True, capture_output=True)


def fixture(rule_case, work, name="build"):
    """A copy of the rule fixture tests/rules/RULE/CASE in WORK/NAME."""
    d = os.path.join(work, name)
    shutil.copytree(os.path.join(RULES, rule_case), d, symlinks=True)
    return d


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def no_forgery(out):
    """Nothing but flashlint's own colours; no forged line."""
    rest = out
    for sgr in OWN_SGR:
        rest = rest.replace(sgr, "")
    bad = sorted({c for c in rest if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0})
    expect(not bad, "control bytes %r in the output" % bad, out)
    expect(not re.search(r"^fake\.c:9:9: error: forged", rest, re.M),
           "a forged diagnostic line in the output", out)


# ---- 1. text output escaping ---------------------------------------------------

def case_escape_yaml(work):
    """Partition names from YAML, in text (colour or not) and markdown."""
    d = os.path.join(work, "build")
    os.makedirs(d)
    write(os.path.join(d, "pm_static.yml"),
          "app:\n  address: 0x0\n  size: 0x2000\n  region: flash_primary\n"
          '"ev\\e[2J\\e]0;pwned\\ail\\nfake.c:9:9: error: forged [FAKE]":\n'
          "  address: 0x1000\n  size: 0x2000\n  region: flash_primary\n")
    for color in ("never", "always"):
        st, out, err = run(["check", "--pm", "pm_static.yml", "--select", "PRT001",
                            "--color", color], cwd=d)
        expect_status(st, 1, err)
        no_forgery(err)
        expect(EVIL_SHOWN in err, "the partition name is not shown escaped", err)
        if color == "always":
            expect("\x1b[1;31merror:\x1b[0m" in err, "no colour with --color always", err)
    st, out, err = run(["check", "--pm", "pm_static.yml", "--select", "PRT001",
                        "--format", "md"], cwd=d)
    expect_status(st, 1, out + err)
    no_forgery(out)
    expect("pwned" in out, "the markdown names no partition", out)


def case_escape_elf(work):
    """A section name from the ELF's string table (renamed after a real link)."""
    b = fixture("SEC001/bad-xip-relocated", work)
    os.remove(os.path.join(b, "zephyr", "zephyr.map"))
    link("SEC001-bad-xip-relocated", work, "linked")
    subprocess.run([OBJCOPY, "--rename-section", ".extflash_text_reloc=" + EVIL,
                    os.path.join(work, "linked.elf"), os.path.join(b, "zephyr", "zephyr.elf")],
                   check=True)
    for color in ("never", "always"):
        st, out, err = run(["check", ".", "--select", "SEC001", "--color", color], cwd=b)
        expect_status(st, 1, err)
        no_forgery(err)
        expect("section '%s' at 0x10120000 [SEC001]" % EVIL_SHOWN in err,
               "the section name is not shown escaped", err)


def case_escape_dir(work):
    """An image directory name (it becomes the image's name and its paths)."""
    b = os.path.join(work, "build")
    img = os.path.join(b, EVIL)
    shutil.copytree(os.path.join(RULES, "SEC003", "bad-flash-overflow"), img)
    st, out, err = run(["check", "build", "--select", "SEC003"], cwd=work)
    expect_status(st, 1, err)
    no_forgery(err)
    expect("build/%s/zephyr/zephyr.map:60:1: error: region 'FLASH' overflowed by 1216 bytes"
           % EVIL_SHOWN in err, "the path is not shown escaped", err)


def case_escape_cli(work):
    """Names from the command line: usage errors, `wrote FILE`, -o errors."""
    st, out, err = run(["check", "--" + EVIL])
    expect_status(st, 2, err)
    no_forgery(err)
    expect("unknown option '--%s'" % EVIL_SHOWN in err, "the option is not shown escaped", err)
    b = fixture("SEC003/bad-flash-overflow", work)
    st, out, err = run(["report", ".", "-o", EVIL + ".html"], cwd=b)
    expect_status(st, 0, out + err)
    no_forgery(out + err)
    expect(out == "wrote %s.html\n" % EVIL_SHOWN, "not `wrote NAME` escaped", out + err)
    st, out, err = run(["check", ".", "--format", "json", "-o", "no-such-dir/" + EVIL], cwd=b)
    expect_status(st, 2, out + err)
    no_forgery(err)
    expect("no-such-dir/" + EVIL_SHOWN in err, "the output path is not shown escaped", err)


# ---- 3. outputs -------------------------------------------------------------------

def case_output_dev_full(work):
    """Write errors: -o /dev/full, and a full stdout or stderr, in every format."""
    b = fixture("SEC003/bad-flash-overflow", work)
    full = "/dev/full"
    if os.geteuid() == 0:
        # A flashlint that replaced its -o device would replace the machine's
        # /dev/full as root: give it a device node of its own.
        full = os.path.join(work, "full")
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    for fmt in ("text", "json", "md", "sarif"):
        st, out, err = run(["check", ".", "--format", fmt, "-o", full], cwd=b)
        expect(stat.S_ISCHR(os.stat(full).st_mode), "%s: %s was replaced" % (fmt, full))
        expect_status(st, 2, err)
        expect("flashlint: error: cannot write '%s': No space left on device" % full in err,
               "%s: no message for the write error" % fmt, err)
    with open("/dev/full", "w") as full:
        for fmt in ("json", "md", "sarif"):
            st, out, err = run(["check", ".", "--format", fmt], cwd=b, stdout=full)
            expect_status(st, 2, err)
            expect("flashlint: error: cannot write '<stdout>': No space left on device" in err,
                   "%s: no message for a full stdout" % fmt, err)
        p = subprocess.run([FLASHLINT, "check", "."], cwd=b, stderr=full,
                           env=dict(os.environ, NO_COLOR="1"), timeout=TIMEOUT)
        expect_status(p.returncode, 2, "text to a full stderr")


def case_output_fifo(work):
    """A FIFO given as -o is written in place, never replaced."""
    b = fixture("SEC003/bad-flash-overflow", work)
    fifo = os.path.join(work, "report.fifo")
    os.mkfifo(fifo)
    rd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        st, out, err = run(["check", ".", "--format", "json", "-o", fifo], cwd=b)
        expect_status(st, 1, err)
        expect(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced", err)
        data = b""
        while True:
            chunk = os.read(rd, 65536)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(rd)
    expect(b'"schema": "flashlint-report/1"' in data or b'"schema":"flashlint-report/1"' in data,
           "the report did not come through the FIFO (%d bytes)" % len(data))


def case_output_symlink(work):
    """-o naming a symbolic link: its target is replaced, the link stays."""
    b = fixture("SEC003/bad-flash-overflow", work)
    os.makedirs(os.path.join(work, "real"))
    target = os.path.join(work, "real", "report.json")
    write(target, "old\n")
    os.chmod(target, 0o640)
    link_ = os.path.join(work, "out.json")
    os.symlink(os.path.join("real", "report.json"), link_)
    st, out, err = run(["check", ".", "--format", "json", "-o", link_], cwd=b)
    expect_status(st, 1, err)
    expect(os.path.islink(link_), "the symbolic link was replaced by a file", err)
    expect('"flashlint-report/1"' in read(target), "the link's target was not written", err)
    expect(stat.S_IMODE(os.stat(target).st_mode) == 0o640, "the target lost its mode")
    expect(sorted(os.listdir(os.path.join(work, "real"))) == ["report.json"]
           and "out.json" in os.listdir(work), "temporary files were left behind")
    dangling = os.path.join(work, "dangling.json")
    os.symlink(os.path.join(work, "nowhere", "x.json"), dangling)
    st, out, err = run(["check", ".", "--format", "json", "-o", dangling], cwd=b)
    expect_status(st, 2, err)
    expect("cannot write '%s': No such file or directory" % dangling in err,
           "a dangling link is not refused", err)
    st, out, err = run(["check", ".", "--format", "json", "-o", work], cwd=b)
    expect_status(st, 2, err)
    expect("cannot write '%s': Is a directory" % work in err, "a directory is not refused", err)


def case_output_planted_tmp(work):
    """A symbolic link planted under the temporary name is never followed."""
    b = fixture("SEC003/bad-flash-overflow", work)
    victim = os.path.join(work, "victim")
    write(victim, "precious\n")
    out = os.path.join(work, "out.json")
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child waits until the link is planted, then becomes flashlint
        try:
            os.close(go_w)
            os.read(go_r, 1)
            os.chdir(b)
            dn = os.open(os.devnull, os.O_WRONLY)
            os.dup2(dn, 1)
            os.dup2(dn, 2)
            os.execv(FLASHLINT, [FLASHLINT, "check", ".", "--format", "json", "-o", out])
        finally:
            os._exit(127)
    os.close(go_r)
    os.symlink(victim, "%s.tmp.%d" % (out, pid))
    os.write(go_w, b"x")
    os.close(go_w)
    _, status = os.waitpid(pid, 0)
    expect(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1,
           "exit status %d, expected 1" % os.WEXITSTATUS(status))
    expect(read(victim) == "precious\n", "the planted link's target was overwritten")
    expect('"flashlint-report/1"' in read(out), "the report was not written")


def case_output_keep_on_input_error(work):
    """An input error keeps the previous report unless --on-input-error replace."""
    b = fixture("INP001/bad-garbage-map", work)
    out = os.path.join(work, "out.json")
    write(out, "previous\n")
    st, o, err = run(["check", ".", "--format", "json", "-o", out], cwd=b)
    expect_status(st, 2, err)
    expect(read(out) == "previous\n", "the previous report was replaced", err)
    expect("'%s' is left as it was (--on-input-error replace writes it)" % out in err,
           "no note that the report was kept", err)
    st, o, err = run(["check", ".", "--format", "json", "-o", out, "--on-input-error",
                      "replace"], cwd=b)
    expect_status(st, 2, err)
    expect('"INP001"' in read(out), "--on-input-error replace did not write the report", err)
    html = os.path.join(work, "map.html")
    write(html, "previous\n")
    st, o, err = run(["report", ".", "-o", html], cwd=b)
    expect_status(st, 2, o + err)
    expect(read(html) == "previous\n" and "wrote" not in o, "report replaced the page", o + err)


CASES = {name[5:].replace("_", "-"): fn for name, fn in globals().items()
         if name.startswith("case_")}


def main(argv):
    global FLASHLINT
    if argv[1:] == ["--list"]:
        print(";".join(sorted(CASES)))
        return 0
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    FLASHLINT = os.path.abspath(argv[1])
    names = sorted(CASES) if argv[2:] == ["all"] else argv[2:]
    failed = 0
    for name in names:
        if name not in CASES:
            print("unknown case %s" % name, file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="flashlint-hostile-") as work:
            try:
                CASES[name](work)
                print("PASS %s" % name)
            except Fail as e:
                failed += 1
                print("FAIL %s: %s" % (name, e))
            finally:
                for root, dirs, _ in os.walk(work):
                    for x in dirs:
                        p = os.path.join(root, x)
                        if not os.path.islink(p):
                            os.chmod(p, 0o755)
    print("%d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
