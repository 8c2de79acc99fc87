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
import random
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
    for args, shown in ((["diff", b, b, "--" + EVIL], "unknown option '--%s'" % EVIL_SHOWN),
                        (["diff", b, b, "--fail-on", EVIL],
                         "unknown --fail-on condition '%s'" % EVIL_SHOWN),
                        (["diff", b, b, "--fail-on", "growth:" + EVIL],
                         "growth: takes a number of bytes, not '%s'" % EVIL_SHOWN)):
        st, out, err = run(args)
        expect_status(st, 2, out + err)
        no_forgery(err)
        expect(shown in err, "diff's usage error is not shown escaped", err)


def case_escape_link(work):
    """`flashlint link`: the map a failed link names, and the command it could not run."""
    mapname = os.path.join(work, EVIL + ".map")
    fail_link = ["sh", "-c", 'cp "$0" "${1#-Map=}"; exit 1',
                 os.path.join(RULES, "SEC003", "bad-flash-overflow", "zephyr", "zephyr.map"),
                 "-Map=" + mapname]
    st, out, err = run(["link", "--"] + fail_link)
    expect_status(st, 1, err)
    no_forgery(err)
    expect("what its map %s.map shows:" % os.path.join(work, EVIL_SHOWN) in err,
           "the map is not shown escaped", err)
    expect("[SEC003]" in err, "the failed link's map was not explained", err)
    st, out, err = run(["link", "--", os.path.join(work, EVIL)])
    expect_status(st, 127, err)
    no_forgery(err)
    expect("cannot run '%s'" % os.path.join(work, EVIL_SHOWN) in err,
           "the command is not shown escaped", err)


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
        for args in (["rules"], ["explain", "SEC003"], ["--help"],
                     ["report", ".", "-o", os.path.join(work, "map.html")]):
            st, out, err = run(args, cwd=b, stdout=full)
            expect_status(st, 2, "%s to a full stdout: %s" % (args[0], err))
            expect("flashlint: error: cannot write '<stdout>': No space left on device" in err,
                   "%s: no message for a full stdout" % args[0], err)


def through_fifo(work, name, args, want):
    """Run flashlint args + ["-o", FIFO] in the fixture's build directory with the
    FIFO open for reading; it must exit with want and leave the FIFO in place.
    Returns what came through."""
    b = fixture("SEC003/bad-flash-overflow", work)
    fifo = os.path.join(work, name)
    os.mkfifo(fifo)
    rd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        st, out, err = run(args + ["-o", fifo], cwd=b)
        expect_status(st, want, err)
        expect(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced", err)
        data = b""
        while True:
            chunk = os.read(rd, 65536)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(rd)
    return data


def case_output_fifo(work):
    """A FIFO given as -o is written in place, never replaced."""
    data = through_fifo(work, "report.fifo", ["check", ".", "--format", "json"], 1)
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


def planted_tmp(work, args, want):
    """Run flashlint args + ["-o", OUT] in the fixture's build directory with a
    symbolic link to a victim planted under OUT's temporary name before it starts:
    it must exit with want, leave the victim alone and write OUT. Returns OUT."""
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
            os.execv(FLASHLINT, [FLASHLINT] + args + ["-o", out])
        finally:
            os._exit(127)
    os.close(go_r)
    os.symlink(victim, "%s.tmp.%d" % (out, pid))
    os.write(go_w, b"x")
    os.close(go_w)
    _, status = os.waitpid(pid, 0)
    expect(os.WIFEXITED(status) and os.WEXITSTATUS(status) == want,
           "exit status %d, expected %d" % (os.WEXITSTATUS(status), want))
    expect(read(victim) == "precious\n", "the planted link's target was overwritten")
    return read(out)


def case_output_planted_tmp(work):
    """A symbolic link planted under the temporary name is never followed."""
    out = planted_tmp(work, ["check", ".", "--format", "json"], 1)
    expect('"flashlint-report/1"' in out, "the report was not written")


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


def diff_json(data):
    return '"schema": "flashlint-diff/1"' in data or '"schema":"flashlint-diff/1"' in data


def case_diff_output_dev_full(work):
    """diff: -o /dev/full and a full stdout, in every format, are write errors."""
    b = fixture("SEC003/bad-flash-overflow", work)
    full = "/dev/full"
    if os.geteuid() == 0:
        full = os.path.join(work, "full")
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    for fmt in ("text", "json", "md", "sarif"):
        st, out, err = run(["diff", ".", ".", "--format", fmt, "-o", full], cwd=b)
        expect(stat.S_ISCHR(os.stat(full).st_mode), "%s: %s was replaced" % (fmt, full))
        expect_status(st, 2, err)
        expect("flashlint: error: cannot write '%s': No space left on device" % full in err,
               "%s: no message for the write error" % fmt, err)
    with open("/dev/full", "w") as dev:
        for fmt in ("text", "json", "md", "sarif"):
            st, out, err = run(["diff", ".", ".", "--format", fmt], cwd=b, stdout=dev)
            expect_status(st, 2, err)
            expect("flashlint: error: cannot write '<stdout>': No space left on device" in err,
                   "%s: no message for a full stdout" % fmt, err)


def case_diff_output_fifo(work):
    """diff: a FIFO given as -o is written in place, never replaced."""
    data = through_fifo(work, "diff.fifo", ["diff", ".", ".", "--format", "json"], 0)
    expect(diff_json(data.decode()), "the diff did not come through the FIFO (%d bytes)"
           % len(data))


def case_diff_output_symlink(work):
    """diff: -o naming a link replaces its target; a dangling link or a directory is refused."""
    b = fixture("SEC003/bad-flash-overflow", work)
    os.makedirs(os.path.join(work, "real"))
    target = os.path.join(work, "real", "diff.json")
    write(target, "old\n")
    os.chmod(target, 0o640)
    link_ = os.path.join(work, "out.json")
    os.symlink(os.path.join("real", "diff.json"), link_)
    st, out, err = run(["diff", ".", ".", "--format", "json", "-o", link_], cwd=b)
    expect_status(st, 0, err)
    expect(os.path.islink(link_), "the symbolic link was replaced by a file", err)
    expect(diff_json(read(target)), "the link's target was not written", err)
    expect(stat.S_IMODE(os.stat(target).st_mode) == 0o640, "the target lost its mode")
    expect(sorted(os.listdir(os.path.join(work, "real"))) == ["diff.json"],
           "temporary files were left behind")
    dangling = os.path.join(work, "dangling.json")
    os.symlink(os.path.join(work, "nowhere", "x.json"), dangling)
    st, out, err = run(["diff", ".", ".", "--format", "json", "-o", dangling], cwd=b)
    expect_status(st, 2, err)
    expect("cannot write '%s': No such file or directory" % dangling in err,
           "a dangling link is not refused", err)
    expect(not os.path.exists(os.path.join(work, "nowhere")), "the link's target was created")
    st, out, err = run(["diff", ".", ".", "--format", "json", "-o", work], cwd=b)
    expect_status(st, 2, err)
    expect("cannot write '%s': Is a directory" % work in err, "a directory is not refused", err)
    st, out, err = run(["diff", ".", ".", "-o", "no-such-dir/" + EVIL], cwd=b)
    expect_status(st, 2, err)
    no_forgery(err)
    expect("cannot write 'no-such-dir/%s': No such file or directory" % EVIL_SHOWN in err,
           "the output path is not shown escaped", err)


def case_diff_output_planted_tmp(work):
    """diff: a symbolic link planted under the temporary name is never followed."""
    out = planted_tmp(work, ["diff", ".", ".", "--format", "json"], 0)
    expect(diff_json(out), "the diff was not written")


def case_diff_output_keep_on_input_error(work):
    """diff: an unreadable side leaves the previous -o FILE as it was."""
    good = fixture("SEC003/bad-flash-overflow", work, "good")
    bad = fixture("INP001/bad-garbage-map", work, "bad")
    out = os.path.join(work, "out.json")
    write(out, "previous\n")
    for base, new in ((good, bad), (bad, good)):
        st, o, err = run(["diff", base, new, "--format", "json", "-o", out], cwd=work)
        expect_status(st, 2, o + err)
        expect("[INP001]" in err, "the input error is not reported", err)
        expect(read(out) == "previous\n", "the previous diff was replaced", err)
        expect(sorted(os.listdir(work)) == ["bad", "good", "out.json"],
               "temporary files were left behind")
    st, o, err = run(["diff", good, good, "--format", "json", "-o", out], cwd=work)
    expect_status(st, 0, o + err)
    expect(diff_json(read(out)), "a readable pair did not replace the previous diff", err)


# ---- 2. bounded, regular inputs ------------------------------------------------------

def sanitized():
    with open(FLASHLINT, "rb") as f:
        return b"__asan_init" in f.read()


def limited(args, cwd):
    """run(), with the address space bounded (4 GiB) unless flashlint is built
    with ASan: a flashlint that read /dev/zero must not take the machine down."""
    if sanitized():
        return run(args, cwd=cwd, timeout=20)
    import resource
    e = dict(os.environ, NO_COLOR="1")

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    try:
        p = subprocess.run([FLASHLINT] + args, cwd=cwd, env=e, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=20, preexec_fn=cap)
    except subprocess.TimeoutExpired:
        raise Fail("flashlint %s did not finish within 20 s" % " ".join(args))
    return (p.returncode, p.stdout.decode("utf-8", "surrogateescape"),
            p.stderr.decode("utf-8", "surrogateescape"))


# (fixture, the input's path in it, extra arguments; "{}" is the input's path)
INPUT_ROLES = [
    ("SEC003/bad-flash-overflow", "zephyr/zephyr.map", []),
    ("SEC003/bad-flash-overflow", "zephyr/.config", []),
    ("SEC003/bad-flash-overflow", "zephyr/zephyr.dts", []),
    ("SEC003/bad-flash-overflow", "zephyr/zephyr.elf", []),
    ("SEC003/bad-flash-overflow", "domains.yaml", []),
    ("SEC003/bad-flash-overflow", "CMakeCache.txt", []),
    ("SEC001/bad-xip-relocated", "partitions.yml", []),
    ("SEC001/bad-xip-relocated", "regions.yml", []),
    ("PRT001/bad-dts-slot1-overlaps-storage",
     "zephyr/include/generated/zephyr/devicetree_generated.h", []),
    ("SEC003/bad-flash-overflow", "data/flash-drivers.yml", ["--data", "data"]),
    ("SEC003/bad-flash-overflow", "extra.map", ["--map", "{}"]),
    ("SEC003/bad-flash-overflow", "extra.yml", ["--pm", "{}"]),
    ("SEC003/bad-flash-overflow", "extra.config", ["--config", "{}"]),
    ("SEC003/bad-flash-overflow", "extra.dts", ["--dts", "{}"]),
    ("SEC003/bad-flash-overflow", "extra.elf", ["--elf", "{}"]),
]


def plant(kind, path, work):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path):
        os.remove(path)
    if kind == "directory":
        os.mkdir(path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling-link":
        os.symlink(os.path.join(work, "nowhere"), path)
    elif kind == "link-to-dev-zero":
        os.symlink("/dev/zero", path)
    else:
        raise AssertionError(kind)


WHY = {"directory": "not a regular file but a directory",
       "fifo": "not a regular file but a FIFO",
       "dangling-link": "No such file or directory",
       "link-to-dev-zero": "not a regular file but a device"}


def input_case(kind):
    def case(work):
        for n, (fx, rel, extra) in enumerate(INPUT_ROLES):
            b = fixture(fx, work, "b%d" % n)
            if rel.startswith("data/"):
                shutil.copytree(os.path.join(TESTS, "..", "rules", "data"), os.path.join(b, "data"))
                os.remove(os.path.join(b, rel))
            plant(kind, os.path.join(b, rel), work)
            args = ["check", "."] + [a.replace("{}", rel) for a in extra]
            st, out, err = limited(args, cwd=b)
            expect_status(st, 2, "%s as %s:\n%s" % (rel, kind, err))
            want = re.compile(r"^(\./)?%s: error: .*\[INP001\]$" % re.escape(rel))
            line = [x for x in err.splitlines() if want.match(x)]
            expect(line, "%s as %s: no INP001 naming it" % (rel, kind), err)
            expect(WHY[kind] in line[0], "%s as %s: the INP001 does not say '%s'"
                   % (rel, kind, WHY[kind]), err)
    case.__doc__ = "Every input as a %s: INP001 naming it, exit 2, never absent or read." % kind
    return case


case_input_directory = input_case("directory")
case_input_fifo = input_case("fifo")
case_input_dangling_link = input_case("dangling-link")
case_input_link_to_dev_zero = input_case("link-to-dev-zero")


def case_input_size_limit(work):
    """An input over --max-input-size (or FLASHLINT_MAX_INPUT) is an INP001."""
    b = fixture("SEC003/bad-flash-overflow", work)
    # Lines ld could have written after OUTPUT(...): the map outgrows the data files.
    with open(os.path.join(b, "zephyr", "zephyr.map"), "a") as f:
        f.write("\n" * 65536)
    size = os.path.getsize(os.path.join(b, "zephyr", "zephyr.map"))
    for args, env in ((["--max-input-size", str(size - 1)], {}),
                      ([], {"FLASHLINT_MAX_INPUT": str(size - 1)}),
                      (["--max-input-size", "1K"], {})):
        st, out, err = run(["check", "."] + args, cwd=b, env=env)
        expect_status(st, 2, err)
        expect("./zephyr/zephyr.map: error: cannot read the map: larger than the input size "
               "limit (raise it with --max-input-size or FLASHLINT_MAX_INPUT) [INP001]" in err,
               "no INP001 for an input over the limit", err)
    st, out, err = run(["check", ".", "--max-input-size", str(size)], cwd=b)
    expect_status(st, 1, err)
    for bad in ("0", "12Q", "-5", ""):
        st, out, err = run(["check", ".", "--max-input-size", bad], cwd=b)
        expect_status(st, 2, err)
        expect("--max-input-size takes a size in bytes" in err, "no usage error for " + bad, err)


# ---- 4. sense checks ----------------------------------------------------------------

def expect_inp(st, err, where, text):
    """Exit 2 and an INP001 at WHERE ("path:line[:col]") whose message has TEXT."""
    expect_status(st, 2, err)
    lines = [x for x in err.splitlines() if x.startswith(where + ": error: ")
             and x.endswith("[INP001]")]
    expect(lines, "no INP001 at %s" % where, err)
    expect(text in lines[0], "the INP001 at %s does not say '%s'" % (where, text), err)


DOMAINS = """default: app1
build_dir: /home/someone/build
domains:
  - name: app1
    build_dir: /home/someone/build/app1
  - name: mcuboot
    build_dir: /home/someone/build/mcuboot
flash_order:
  - mcuboot
  - app1
"""


def case_sense_domains(work):
    """A damaged domains.yaml is an INP001 at its line, never a demoted application."""
    b = os.path.join(work, "build")
    shutil.copytree(os.path.join(RULES, "SEC003", "ok-flash-fits"), os.path.join(b, "app1"))
    write(os.path.join(b, "domains.yaml"), DOMAINS)
    st, out, err = run(["check", ".", "--format", "json"], cwd=b)
    expect_status(st, 0, err)
    expect('"role": "application"' in out, "the default domain is not the application", out)
    for old, new, where, text in (
            ("default: app1", "defaul: app1", "./domains.yaml", "no 'default: NAME'"),
            ("default: app1", "default: app2", "./domains.yaml:1:1",
             "default domain 'app2' is not in the domains list"),
            ("  - name: app1", "  - nme: app1", "./domains.yaml:4:1", "expected '- name: NAME'"),
            ("  - app1\n", "  - app3\n", "./domains.yaml:10:3",
             "flash_order names 'app3', which is not in the domains list"),
            ("domains:\n", "domains: x\n", "./domains.yaml:3:1", "followed by a list"),
            ("build_dir: /home/someone/build\n", "build_dir /home/someone/build\n",
             "./domains.yaml:2:1", "expected 'KEY: VALUE'"),
            ("flash_order:\n", "flash_order:\n<<<<<<< Updated upstream:domains.yaml\n",
             "./domains.yaml:9:1", "a merge-conflict marker")):
        write(os.path.join(b, "domains.yaml"), DOMAINS.replace(old, new, 1))
        st, out, err = run(["check", "."], cwd=b)
        expect_inp(st, err, where, text)
    write(os.path.join(b, "domains.yaml"), "")
    st, out, err = run(["check", "."], cwd=b)
    expect_inp(st, err, "./domains.yaml", "no 'default: NAME'")


def case_sense_cmake_cache(work):
    """An empty or damaged CMakeCache.txt is an INP001, not a silently lost pm_static.yml."""
    b = fixture("PRT001/bad-pm-static-overlap", work)
    src = os.path.join(work, "src")
    os.makedirs(src)
    shutil.move(os.path.join(b, "pm_static.yml"), os.path.join(src, "pm_static.yml"))
    shutil.copytree(os.path.join(RULES, "SEC003", "ok-flash-fits", "zephyr"),
                    os.path.join(b, "zephyr"))
    cache = os.path.join(b, "CMakeCache.txt")
    good = ("# This is the CMakeCache file.\n\n//Source directory\n"
            "APPLICATION_SOURCE_DIR:PATH=%s\n\"QUOTED:KEY\":STRING=\n" % src)
    write(cache, good)
    st, out, err = run(["check", ".", "--select", "PRT001,INP001"], cwd=b)
    expect_status(st, 1, err)
    expect("pm_static.yml:23:1: error: partition 'mcuboot_secondary'" in err,
           "pm_static.yml named by the cache was not read", err)
    write(cache, "")
    st, out, err = run(["check", ".", "--select", "PRT001,INP001"], cwd=b)
    expect_inp(st, err, "./CMakeCache.txt", "empty CMake cache")
    write(cache, good.replace("//Source directory", "=======", 1))
    st, out, err = run(["check", ".", "--select", "PRT001,INP001"], cwd=b)
    expect_inp(st, err, "./CMakeCache.txt:3:1", "expected a CMake cache entry KEY:TYPE=VALUE")


DT_GEN = "include/generated/zephyr/devicetree_generated.h"


def case_sense_dt_generated(work):
    """devicetree_generated.h: empty, without its node ordering, or damaged is an INP001."""
    b = fixture("PRT001/bad-dts-slot1-overlaps-storage", work)
    h = os.path.join(b, "zephyr", DT_GEN)
    where = "./zephyr/" + DT_GEN
    good = ("/*\n * Generated by gen_defines.py\n *\n"
            " * Node dependency ordering (ordinal and path):\n"
            " *   0   /\n *   1   /soc\n *   2   /soc/flash-controller@4001e000\n *\n"
            " * Definitions derived from these nodes in dependency order are next,\n */\n")
    write(h, good)
    st, out, err = run(["check", ".", "--select", "PRT001,INP001"], cwd=b)
    expect_status(st, 1, err)
    for text, at, msg in (
            ("", where, "empty file"),
            ("/* nothing */\n", where + ":1", "no node ordering"),
            (good.replace(" *   1   /soc\n", " *   1   soc\n"), where + ":6:1",
             "expected ' *   ORDINAL /node/path'"),
            (good.replace(" *   1   /soc\n", " *   5   /soc\n"), where + ":6:6",
             "node ordinal 5 where 1 comes next"),
            (good.split(" *\n * Definitions")[0], where + ":8",
             "the node ordering ends with the file")):
        write(h, text)
        st, out, err = run(["check", ".", "--select", "PRT001,INP001"], cwd=b)
        expect_inp(st, err, at, msg)


def case_sense_elf_no_phdrs(work):
    """An ELF without program headers (a relocatable link) is an INP001, not IMG001/SEC001."""
    b = fixture("SEC001/bad-xip-relocated", work)
    os.remove(os.path.join(b, "zephyr", "zephyr.map"))
    src = os.path.join(RULES, "src", "SEC001-bad-xip-relocated")
    objs = []
    for f in ("main.c", "ext.c", os.path.join(RULES, "src", "common", "startup.c")):
        o = os.path.join(work, os.path.basename(f) + ".obj")
        subprocess.run([CC] + CFLAGS + ["-c", os.path.join(src, f), "-o", o], check=True)
        objs.append(o)
    subprocess.run([CC, "-mcpu=cortex-m33", "-mthumb", "-nostdlib", "-r",
                    "-o", os.path.join(b, "zephyr", "zephyr.elf")] + objs, check=True)
    st, out, err = run(["check", "."], cwd=b)
    expect_inp(st, err, "./zephyr/zephyr.elf", "no program headers")
    expect("[IMG001]" not in err and "[SEC001]" not in err, "false findings on the object", err)


def case_sense_select_empty(work):
    """--select / --ignore that name no rule are usage errors."""
    b = fixture("SEC003/bad-flash-overflow", work)
    for opt, v in (("--select", ",,,"), ("--ignore", ","), ("--select", "")):
        st, out, err = run(["check", ".", opt, v], cwd=b)
        expect_status(st, 2, err)
        expect("flashlint: error: '%s' names no rule" % v in err, "no usage error", err)


def case_sense_map_truncations(work):
    """A map cut at any line (or mid-line): INP001 beside the ELF of a successful
    link; without an ELF (a failed link) at least a note that says where it ends."""
    link("SEC003-ok-flash-fits", work, "linked")
    with open(os.path.join(work, "linked.map"), "rb") as f:
        text = f.read()
    ends = [i + 1 for i, c in enumerate(text) if c == 0x0a]
    output_end = text.index(b"\nOUTPUT(") + 1
    cuts = [e for e in ends[:-1] if e <= output_end] + [e - 5 for e in ends[1:] if e - 5 <= output_end]
    expect(len(cuts) > 150, "only %d cut points" % len(cuts))
    with_elf, without = os.path.join(work, "a"), os.path.join(work, "b")
    os.makedirs(os.path.join(with_elf, "zephyr"))
    os.makedirs(os.path.join(without, "zephyr"))
    shutil.copy(os.path.join(work, "linked.elf"), os.path.join(with_elf, "zephyr", "zephyr.elf"))
    for cut in sorted(cuts):
        for b in (with_elf, without):
            with open(os.path.join(b, "zephyr", "zephyr.map"), "wb") as f:
                f.write(text[:cut])
            st, out, err = run(["check", "."], cwd=b)
            what = "map cut at byte %d of %d, %s" % (cut, len(text),
                                                      "with ELF" if b == with_elf else "no ELF")
            inp = re.search(r"^\./zephyr/zephyr\.map(:\d+)*: error: .*\[INP001\]$", err, re.M)
            if b == with_elf or cut < text.index(b"\nLinker script and memory map"):
                expect(st == 2 and inp, what + ": no INP001 (exit %d)" % st, err)
            else:
                expect(inp or re.search(r"^\./zephyr/zephyr\.map:\d+: note: the map ends ", err, re.M),
                       what + ": neither INP001 nor a note", err)
    st, out, err = run(["check", "."], cwd=with_elf)


def lld_link(work, name, lld="ld.lld"):
    """The INP001/ok-lld-link program linked by LLD (a command line) in WORK/NAME:
    (its zephyr.map as bytes, the path of its zephyr.elf)."""
    d = fixture("INP001/ok-lld-link", work, name)
    subprocess.run(["sh", "prepare.sh"], cwd=d, check=True, capture_output=True,
                   env=dict(os.environ, LLD=lld))
    with open(os.path.join(d, "zephyr", "zephyr.map"), "rb") as f:
        return f.read(), os.path.join(d, "zephyr", "zephyr.elf")


def case_sense_lld_map_truncations(work):
    """An lld map (linked at test time) cut at any line or mid-line: INP001 at its
    last line beside the ELF of a successful link; without an ELF an INP001 or a
    note that says where it ends. The whole map, stripped or not, reads clean."""
    with_elf, without = os.path.join(work, "a"), os.path.join(work, "b")
    os.makedirs(os.path.join(with_elf, "zephyr"))
    os.makedirs(os.path.join(without, "zephyr"))

    def check(text, elf, want_clean, what):
        shutil.copy(elf, os.path.join(with_elf, "zephyr", "zephyr.elf"))
        for b in (with_elf, without):
            with open(os.path.join(b, "zephyr", "zephyr.map"), "wb") as f:
                f.write(text)
            st, out, err = run(["check", "."], cwd=b)
            at = "%s, %s" % (what, "with ELF" if b == with_elf else "no ELF")
            inp = re.search(r"^\./zephyr/zephyr\.map(:\d+)*: error: .*\[INP001\]$", err, re.M)
            if want_clean:
                expect(st == 0 and not inp and "the map ends" not in err,
                       at + ": the whole map is not read clean (exit %d)" % st, err)
                continue
            last = text.count(b"\n") + (not text.endswith(b"\n"))
            if b == with_elf:
                expect(st == 2 and inp, at + ": no INP001 (exit %d)" % st, err)
                expect(inp.group(1) == ":%d" % last, at + ": the INP001 is not at line %d" % last, err)
            else:
                expect(inp or re.search(r"^\./zephyr/zephyr\.map:%d: note: the map ends " % last,
                                        err, re.M), at + ": neither INP001 nor a note", err)

    text, elf = lld_link(work, "linked")
    expect(text.endswith(b"<internal>:(.strtab)\n"), "the lld map does not end with .strtab", text)
    check(text, elf, True, "whole map")
    ends = [i + 1 for i, c in enumerate(text) if c == 0x0a]
    rnd = random.Random(20261207)
    cuts = ends[:-1] + [rnd.randrange(1, len(text)) for _ in range(40)]
    expect(len(ends) > 40, "only %d lines in the lld map" % len(ends))
    for cut in sorted(set(cuts)):
        check(text[:cut], elf, False, "map cut at byte %d of %d" % (cut, len(text)))
    # Stripped (-s): no .symtab or .strtab, .shstrtab closes the map.
    text, elf = lld_link(work, "stripped", "ld.lld -s")
    expect(b".strtab" not in text.replace(b".shstrtab", b""), "-s left .strtab in the map", text)
    expect(text.endswith(b"<internal>:(.shstrtab)\n"), "the stripped map does not end with .shstrtab",
           text)
    check(text, elf, True, "whole stripped map")
    cut = text.rindex(b"\n", 0, len(text) - 1) + 1
    check(text[:cut], elf, False, "stripped map without its last line")


def case_sense_conflict_markers(work):
    """Merge-conflict markers and other lines no linker writes in a map (linked at
    test time), markers in YAML: INP001 at the line."""
    link("SEC003-ok-flash-fits", work, "linked")
    lines = read(os.path.join(work, "linked.map")).splitlines(True)
    b = os.path.join(work, "build")
    os.makedirs(os.path.join(b, "zephyr"))
    shutil.copy(os.path.join(work, "linked.elf"), os.path.join(b, "zephyr", "zephyr.elf"))
    k = next(i for i, x in enumerate(lines) if x.startswith("Linker script and memory map"))
    conflict = (lines[:k + 2] + ["<<<<<<< Updated upstream:zephyr/zephyr.map\n"] + lines[k + 2:k + 6]
                + ["=======\n"] + lines[k + 2:k + 6] + [">>>>>>> Stashed changes:zephyr/zephyr.map\n"]
                + lines[k + 6:])
    write(os.path.join(b, "zephyr", "zephyr.map"), "".join(conflict))
    st, out, err = run(["check", "."], cwd=b)
    expect_inp(st, err, "./zephyr/zephyr.map:%d:1" % (k + 3), "a merge-conflict marker")
    # Any other line no linker writes: here, unindented words in the script part.
    t = next(i for i, x in enumerate(lines) if x.startswith("text "))
    write(os.path.join(b, "zephyr", "zephyr.map"),
          "".join(lines[:t + 3] + ["hello world\n"] + lines[t + 3:]))
    st, out, err = run(["check", "."], cwd=b)
    expect_inp(st, err, "./zephyr/zephyr.map:%d:1" % (t + 4), "'hello world' is no line ld writes")
    y = fixture("PRT001/bad-pm-static-overlap", work, "yaml")
    pm = read(os.path.join(y, "pm_static.yml")).splitlines(True)
    write(os.path.join(y, "pm_static.yml"),
          "".join(pm[:8] + ["<<<<<<< Updated upstream:pm_static.yml\n"] + pm[8:12] + ["=======\n"]
                  + pm[8:12] + [">>>>>>> Stashed changes:pm_static.yml\n"] + pm[12:]))
    st, out, err = run(["check", "--pm", "pm_static.yml"], cwd=y)
    expect_inp(st, err, "pm_static.yml:9:1", "")


# ---- 5. build-directory scan ----------------------------------------------------------

def case_scan_symlinks(work):
    """A 'loop -> .' link adds nothing; a link out of the build directory is not
    followed unless named with --image."""
    b = os.path.join(work, "build")
    shutil.copytree(os.path.join(RULES, "SEC003", "bad-flash-overflow"), os.path.join(b, "app1"))
    st, out, err = run(["check", "."], cwd=b)
    expect_status(st, 1, err)
    plain = err
    os.symlink(".", os.path.join(b, "loop"))
    os.symlink("..", os.path.join(b, "app1", "up"))
    st, out, err = run(["check", "."], cwd=b)
    expect_status(st, 1, err)
    expect(err == plain, "links inside the build directory changed the findings", err)
    other = fixture("SEC003/bad-flash-overflow", work, "other")
    os.symlink(other, os.path.join(b, "elsewhere"))
    st, out, err = run(["check", "."], cwd=b)
    expect_status(st, 1, err)
    expect("./elsewhere: note: not followed: a symbolic link out of the build directory" in err,
           "no note for the link out of the build directory", err)
    expect("elsewhere/zephyr" not in err.replace("./elsewhere: note", ""),
           "the other build directory was read", err)
    st, out, err = run(["check", ".", "--image", "elsewhere=elsewhere"], cwd=b)
    expect_status(st, 1, err)
    expect("elsewhere/zephyr/zephyr.map:60:1: error: region 'FLASH' overflowed" in err,
           "--image did not read the linked directory", err)


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
