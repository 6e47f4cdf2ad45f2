#!/usr/bin/env python3
"""Writes large hostile seeds for the `document` target (issue 12) into a
corpus directory, so that libFuzzer starts from the input shapes that were
super-linear or crashed, at sizes up to 128 KB, instead of growing small
seeds slowly. Not committed (about 430 KB); generated on demand:

    python3 fuzz/seeds/hostile.py fuzz/corpus/document

Layout (fuzz/src/checks.rs): flag byte 1 = Markdown without a sidecar.
"""
import os
import random
import sys

SOURCES = "\n\n## Sources\n\n1. A https://example.org/a\n"


def seeds():
    many = "".join("%d. S https://example.org/%d\n" % (i, i) for i in range(1, 901))
    yield "labels", "Claim [1]" + " " * 70000 + "[1]." + SOURCES
    yield "group", "Claim " + "[1] " * 4000 + "." + SOURCES
    yield "group900", "Claim " + "".join("[%d] " % (i % 900 + 1) for i in range(5000)) + ".\n\n## Sources\n\n" + many
    yield "nbsp", "Café. " + "\u00a0" * 20000 + "end"
    yield "quotes", "Café. " + "\u201d" * 20000 + " end"
    yield "yaml", "---\nsources: " + "[" * 10000 + "]" * 10000 + "\n---\nText [1]."
    yield "numbers", "Claim " + " ".join(["12345"] * 3000) + "."
    yield "random", random.Random(7).randbytes(32768)
    yield "utf16", ("Claim [1] x. " * 4000 + SOURCES).encode("utf-16")


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, body in seeds():
        data = body if isinstance(body, bytes) else body.encode()
        with open(os.path.join(out, "hostile-" + name), "wb") as f:
            f.write(b"\x01" + data)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus/document")
