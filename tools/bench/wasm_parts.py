#!/usr/bin/env python3
"""What a wasm module's bytes are: each section, raw and gzip -9, and the embedded data files.

    python3 tools/bench/wasm_parts.py www/pkg/quotelens_bg.wasm

Sections are compressed one by one, so their gzipped sizes add up to a bit more than the
module's (gzip shares nothing across them). The embedded files (src/data/...) sit verbatim in the
data section (include_bytes!/include_str!); their own gzip -9 size is what each costs the download.
"""
import gzip
import pathlib
import sys

NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
         7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}
# Shown one by one; every other file under src/data (but README.md) is shown too when the module
# holds it, so that a new data file cannot go uncounted.
EMBEDDED = ["src/data/ner/model.bin", "src/data/attribution/model.bin", "src/data/gazetteers",
            "src/data/first_name_genders.txt", "src/data/speakers", "src/data/speech_verbs.txt",
            "src/data/quote_kinds.tsv", "src/data/abbreviations.txt", "src/data/function_words.txt"]
# Compiled by build.rs from src/data/ (the word lists), found in the newest build's OUT_DIR.
BUILT = ["word_lists.txt", "demonym_countries.txt"]


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


def gz(data):
    return len(gzip.compress(data, 9))


def main(path):
    # tools/bench/wasm_parts.py: the repository is three levels up.
    root = pathlib.Path(__file__).resolve().parents[2]
    wasm = pathlib.Path(path).read_bytes()
    assert wasm[:4] == b"\0asm", "not a wasm module"
    i, sections = 8, {}
    while i < len(wasm):
        sid, i = wasm[i], i + 1
        size, i = leb(wasm, i)
        name = NAMES.get(sid, str(sid))
        if sid == 0:
            n, j = leb(wasm, i)
            name = "custom:" + wasm[j:j + n].decode("utf-8", "replace")
        body = sections.setdefault(name, bytearray())
        body += wasm[i:i + size]
        i += size
    print(f"{'part':<34} {'raw':>9} {'gzip -9':>9}")
    print(f"{'whole module':<34} {len(wasm):>9} {gz(wasm):>9}")
    for name, body in sorted(sections.items(), key=lambda kv: -len(kv[1])):
        if len(body) >= 256:
            print(f"  section {name:<24} {len(body):>9} {gz(bytes(body)):>9}")
    data = bytes(sections.get("data", b""))
    listed = [root / rel for rel in EMBEDDED]
    others = [str(f.relative_to(root)) for f in sorted((root / "src/data").rglob("*"))
              if f.is_file() and f.name != "README.md" and not any(f == p or p in f.parents for p in listed)
              and f.read_bytes()[:64] in data]
    for rel in EMBEDDED + others:
        p = root / rel
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        blob = b"".join(f.read_bytes() for f in files if f.is_file())
        # Shown only when really embedded: the first and last 64 bytes of each file are in the data.
        inside = all(f.read_bytes()[:64] in data and f.read_bytes()[-64:] in data for f in files if f.is_file())
        print(f"    embedded {rel:<27} {len(blob):>9} {gz(blob):>9}{'' if inside else '  (not found verbatim)'}")
    for name in BUILT:
        found = [f for f in root.glob(f"target/**/build/quotelens-*/out/{name}") if f.read_bytes()[:64] in data]
        if found:
            blob = max(found, key=lambda f: f.stat().st_mtime).read_bytes()
            print(f"    built    {name:<27} {len(blob):>9} {gz(blob):>9}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "www/pkg/quotelens_bg.wasm")
