#!/usr/bin/env python3
"""Score mtlint's JSON output against a benchmark manifest.

    python3 Benchmarks/score.py MANIFEST.json MTLINT.json [--corpus DIR]

MANIFEST.json is written by shared/bench/make-bench-corpus.py; each artifact
has file (relative to corpus/), byte_offset, byte_length, kind, text and
expected_fix. MTLINT.json is `mtlint --format json CORPUS` output; a finding's
path is taken relative to the last "corpus/" in it.

A finding hits an artifact when it is in the same file and its byte range
[start.offset, end.offset) overlaps [byte_offset, byte_offset + byte_length);
an empty finding range (an insertion point p) hits when the artifact contains p.

Per kind it prints flagged/injected, and for the flagged artifacts:
  fix = expected   some hitting finding has fix.replacement == expected_fix
  fix equivalent   some hitting finding's fix, applied to the file, gives the
                   same text as replacing the artifact with expected_fix
                   (so "the the" -> "the" and deleting " the" both count)
Then the number of findings, those that hit no artifact, and the rules most
often behind those. Output is markdown. Standard library only.
"""
from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

KIND_ORDER = ["misspelled_name", "doubled_word", "calque", "dangling_fragment",
              "zero_width_space", "nfd_accent"]


def rel_path(path: str) -> str:
    path = path.replace("\\", "/")
    i = path.rfind("corpus/")
    return path[i + len("corpus/"):] if i >= 0 else path


def overlaps(fs: int, fe: int, a_s: int, a_e: int) -> bool:
    if fe <= fs:                      # an insertion point
        return a_s <= fs < a_e
    return fs < a_e and a_s < fe


def pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:.1f}%" if d else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("manifest", type=Path)
    ap.add_argument("findings", type=Path, help="mtlint --format json output")
    ap.add_argument("--corpus", type=Path,
                    help="the corpus folder, for 'fix equivalent' (default: corpus/ next to the manifest)")
    ap.add_argument("--top", type=int, default=10, help="rules listed among non-hits (default 10)")
    args = ap.parse_args()

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    artifacts = manifest["artifacts"]
    report = json.loads(args.findings.read_text(encoding="utf-8"))
    findings = report["findings"]
    corpus = args.corpus or args.manifest.parent / "corpus"

    # artifacts per file, sorted by start; artifacts never overlap each other
    by_file: dict[str, list[dict]] = defaultdict(list)
    for a in artifacts:
        by_file[a["file"]].append(a)
    starts: dict[str, list[int]] = {}
    for f, arts in by_file.items():
        arts.sort(key=lambda a: a["byte_offset"])
        starts[f] = [a["byte_offset"] for a in arts]
    max_len = max((a["byte_length"] for a in artifacts), default=0)

    hits: dict[int, list[dict]] = defaultdict(list)   # id(artifact) -> hitting findings
    art_of: dict[int, dict] = {}
    non_hits: list[dict] = []
    hit_findings = 0
    for f in findings:
        rel = rel_path(f["path"])
        fs, fe = f["start"]["offset"], f["end"]["offset"]
        arts = by_file.get(rel, [])
        found = False
        if arts:
            st = starts[rel]
            # candidates: artifacts starting before the finding's end, not too far back
            hi = bisect.bisect_left(st, max(fe, fs + 1))
            lo = bisect.bisect_left(st, fs - max_len)
            for a in arts[lo:hi]:
                a_s = a["byte_offset"]
                if overlaps(fs, fe, a_s, a_s + a["byte_length"]):
                    hits[id(a)].append(f)
                    art_of[id(a)] = a
                    found = True
        if found:
            hit_findings += 1
        else:
            non_hits.append(f)

    # "fix equivalent": compare the edited text over the union of both spans
    file_cache: dict[str, bytes | None] = {}

    def file_bytes(rel: str) -> bytes | None:
        if rel not in file_cache:
            try:
                file_cache[rel] = (corpus / rel).read_bytes()
            except OSError:
                file_cache[rel] = None
        return file_cache[rel]

    def equivalent(a: dict, f: dict) -> bool:
        if not f.get("fix"):
            return False
        data = file_bytes(a["file"])
        if data is None:
            return False
        a_s, a_e = a["byte_offset"], a["byte_offset"] + a["byte_length"]
        fs, fe = f["start"]["offset"], f["end"]["offset"]
        lo, hi = min(a_s, fs), max(a_e, fe)
        want = data[lo:a_s] + a["expected_fix"].encode("utf-8") + data[a_e:hi]
        got = data[lo:fs] + f["fix"]["replacement"].encode("utf-8") + data[fe:hi]
        return want == got

    kinds = [k for k in KIND_ORDER if any(a["kind"] == k for a in artifacts)]
    kinds += sorted({a["kind"] for a in artifacts} - set(kinds))
    injected = Counter(a["kind"] for a in artifacts)
    flagged, fix_exact, fix_equiv = Counter(), Counter(), Counter()
    rules_per_kind: dict[str, Counter] = defaultdict(Counter)
    for key, fs_ in hits.items():
        a = art_of[key]
        k = a["kind"]
        flagged[k] += 1
        rules_per_kind[k].update({f["rule"] for f in fs_})
        if any(f.get("fix") and f["fix"]["replacement"] == a["expected_fix"] for f in fs_):
            fix_exact[k] += 1
        if any(equivalent(a, f) for f in fs_):
            fix_equiv[k] += 1

    print("Recall on injected artifacts (flagged = some finding overlaps the artifact's bytes):")
    print()
    print("| kind | injected | flagged | recall | fix = expected | fix equivalent | rules that hit |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for k in kinds:
        rules = ", ".join(f"{r} ({n})" for r, n in rules_per_kind[k].most_common(3)) or "-"
        print(f"| {k} | {injected[k]} | {flagged[k]} | {pct(flagged[k], injected[k])} "
              f"| {fix_exact[k]} | {fix_equiv[k]} | {rules} |")
    tot_i, tot_f = sum(injected.values()), sum(flagged.values())
    print(f"| **all** | {tot_i} | {tot_f} | {pct(tot_f, tot_i)} "
          f"| {sum(fix_exact.values())} | {sum(fix_equiv.values())} | |")
    print()

    summary = report.get("summary", {})
    note = ""
    if "findings" in summary and summary["findings"] != len(findings):
        note = f" (summary says {summary['findings']})"
    print(f"Findings: {len(findings)} total{note}; {hit_findings} at an artifact; "
          f"{len(non_hits)} not at an artifact.")
    if non_hits:
        print()
        print(f"Top {args.top} rules among findings not at an artifact:")
        print()
        print("| rule | findings |")
        print("|---|---:|")
        for r, n in Counter(f["rule"] for f in non_hits).most_common(args.top):
            print(f"| {r} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
