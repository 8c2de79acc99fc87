#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The layers include only downwards (style.md): core <- model <- readers;
model <- rules; model + rules <- report; everything <- cli.

usage: check_layers.py SOURCE_DIR

Every `#include "..."` of src/<layer>/, rules/ and include/flashlint/ must name a
public header of its own layer or of a layer below it, or a file of its own
directory (no "../"). Prints each violation; exits 1 when there is one.
"""
import os
import re
import sys

HEADERS = {  # public header -> its layer
    "core.h": "core", "diag.h": "core", "budgets.h": "core",
    "model.h": "model", "data.h": "model", "dts.h": "model", "imgtool.h": "model",
    "mcuboot.h": "model", "digest.h": "model",
    "readers.h": "readers", "layout.h": "readers",
    "rules.h": "rules", "catalogue.h": "rules",
    "report.h": "report", "diff.h": "report",
}
BELOW = {  # layer -> the layers it may include
    "core": {"core"},
    "model": {"core", "model"},
    "readers": {"core", "model", "readers"},
    "rules": {"core", "model", "rules"},
    "report": {"core", "model", "rules", "report"},
    "cli": {"core", "model", "readers", "rules", "report", "cli"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(root):
    """(path, layer) of every C source and header of the project."""
    for layer in ("core", "model", "readers", "report", "cli"):
        d = os.path.join(root, "src", layer)
        for dirpath, _, files in os.walk(d):
            for f in files:
                if f.endswith((".c", ".h")):
                    yield os.path.join(dirpath, f), layer
    for f in os.listdir(os.path.join(root, "rules")):
        if f.endswith((".c", ".h")):
            yield os.path.join(root, "rules", f), "rules"
    inc = os.path.join(root, "include", "flashlint")
    for f in os.listdir(inc):
        if f.endswith(".h"):
            yield os.path.join(inc, f), HEADERS.get(f, "?")


def main():
    root = sys.argv[1]
    bad = checked = 0
    for path, layer in sources(root):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for name in INCLUDE.findall(text):
            checked += 1
            rel = os.path.relpath(path, root)
            if layer == "rules" and rel.startswith("include") and name == "../../rules/rules.def":
                continue  # the catalogue header expands the rules layer's own list
            if name.startswith("flashlint/"):
                target = HEADERS.get(name[len("flashlint/"):])
                ok = target is not None and layer in BELOW and target in BELOW[layer]
                why = "a header of the %s layer" % target if target else "an unknown header"
            else:
                ok = "/" not in name and os.path.exists(os.path.join(os.path.dirname(path), name))
                why = "not a file of its own directory"
            if not ok:
                bad += 1
                print("%s: includes \"%s\", %s, from the %s layer" % (rel, name, why, layer))
    print("%d includes checked, %d against the layering" % (checked, bad))
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
