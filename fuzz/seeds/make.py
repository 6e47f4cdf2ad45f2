#!/usr/bin/env python3
"""Writes the committed seed inputs (fuzz/seeds/<target>/) from fixtures/.

Each file follows the layout its target documents in fuzz/src/checks.rs.
Run from the repository root: python3 fuzz/seeds/make.py
"""
import glob
import os
import struct

OUT = "fuzz/seeds"


def write(target, name, data):
    os.makedirs(f"{OUT}/{target}", exist_ok=True)
    with open(f"{OUT}/{target}/{name}", "wb") as f:
        f.write(data)


def read(p):
    with open(p, "rb") as f:
        return f.read()


def is_md(p):
    return p.endswith(".md")


drafts = sorted(
    p
    for p in glob.glob("fixtures/clean/*") + glob.glob("fixtures/rules/*") + glob.glob("fixtures/suppress/*")
    if not p.endswith(".toml")
)
for p in drafts:
    name = os.path.basename(p)
    stem = p.rsplit(".", 1)[0]
    side = stem + ".sources.toml"
    if os.path.exists(side):
        s = read(side)
        write("document", name, bytes([int(is_md(p)) | 2]) + struct.pack("<H", len(s)) + s + read(p))
    else:
        write("document", name, bytes([int(is_md(p))]) + read(p))

# Marker grammar: lines of the marker data file and the fixtures' brackets.
write("markers", "forms", b"\x00" + "a [1] [2][3] [1, 4] [2–5] [^1] <sup>[3]</sup> [[3]](#r) [2](https://x) [1,] [2,,3] [3-1] [1O] [1 2] [0] [2".encode())
write("markers", "ranges", b"\x11" + struct.pack("<HHHH", 0, 4, 6, 20) + b"[1] [2] > [7] [3-1] [x] \\[5\\] [2025] [12345]")

for p in sorted(glob.glob("fixtures/**/*.sources.toml", recursive=True)):
    write("sources", "sidecar-" + os.path.basename(p), b"\x00" + read(p))
for p in ["fixtures/clean/wages-frontmatter.md", "fixtures/clean/housing-toml.md", "fixtures/rules/DOC004-front-matter-invalid.md"]:
    write("sources", "fm-" + os.path.basename(p), b"\x01" + read(p))
for p in ["fixtures/clean/kosovo-markdown.md", "fixtures/clean/budget-links.md", "fixtures/clean/vaccine-footnotes.md", "fixtures/clean/river-plain.txt", "fixtures/rules/CIT003-duplicate-source-id.md"]:
    write("sources", "body-" + os.path.basename(p), bytes([2 if is_md(p) else 3]) + read(p))

for d in sorted(glob.glob("fixtures/numbers/*/"))[:16]:
    files = sorted(f for f in glob.glob(d + "*") if not f.endswith(".toml"))
    if len(files) < 2:
        continue
    a, b = files[0], files[1]
    da, db = read(a), read(b)
    write("quantity", os.path.basename(d.rstrip("/")), bytes([int(is_md(a)) | 2 * int(is_md(b))]) + struct.pack("<H", len(da)) + da + db)
