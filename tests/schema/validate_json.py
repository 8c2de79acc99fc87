#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validate JSON documents against a JSON Schema, offline.

usage: validate_json.py SCHEMA FILE...

Prints "ok FILE" for each valid file and every error of the others; exits 1 if
any file is invalid, 2 on usage or an unusable schema. The draft is taken from the
schema's "$schema"; nothing is fetched from the network.

Numbers with a fraction or exponent are read as decimals, not floats, so that
1.0 does not pass as an integer: JSON Schema counts 1.0 as an integer, but a
report that writes it has broken its own contract. Non-standard constants (NaN,
Infinity) and duplicate object keys are errors too.
"""

import decimal
import json
import sys

try:
    import jsonschema
    from jsonschema.validators import validator_for
except ImportError:
    sys.stderr.write("validate_json.py: needs python3-jsonschema\n")
    sys.exit(2)


class DocumentError(ValueError):
    pass


def reject_constant(name):
    raise DocumentError(f"{name} is not JSON")


def unique_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise DocumentError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def load_document(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    return json.loads(text, parse_float=decimal.Decimal,
                      parse_constant=reject_constant,
                      object_pairs_hook=unique_keys)


def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: validate_json.py SCHEMA FILE...\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        cls = validator_for(schema)
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write(f"{argv[1]}: unusable schema: {e}\n")
        return 2
    validator = cls(schema)

    failed = False
    for path in argv[2:]:
        try:
            doc = load_document(path)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print(f"{path}: not a JSON document: {e}")
            failed = True
            continue
        errors = sorted(validator.iter_errors(doc),
                        key=lambda e: list(map(str, e.absolute_path)))
        if not errors:
            print(f"ok {path}")
            continue
        failed = True
        for e in errors:
            print(f"{path}: {where(e)}: {e.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
