#!/usr/bin/env python3
# compare-report.py NAME SERIAL_LOG EXPECTED_JSON: baton's JSON report (from
# the serial log) against mkhandover's expected.json, field by field:
# kho, luo, memblock and metadata exactly; findings as (code, severity, pa)
# multisets, plus the codes baton's memory model adds ("extra", any pa);
# the verdict's error and warning counts; every memfd's CRC32C (baton's
# digest step over the replayed contents) against mkhandover's. Prints one PASS:/FAIL: line
# (and the differences); exit status 0 on PASS.
import json
import re
import sys

BEGIN = "----- BEGIN BATON JSON -----"
END = "----- END BATON JSON -----"
# Findings outside the handover ABI that every OVMF boot may add: baton's
# memfd digest step finds no baton-agent manifest in a synthetic handover.
ENVIRONMENT = {"I_AGENT_MANIFEST_ABSENT"}
SECTIONS = ("kho", "luo", "memblock", "metadata")


def baton_json(log):
    text = open(log, encoding="ascii", errors="replace").read()
    text = re.sub(r"\x1b\[[0-9;?=]*[A-Za-z]", "", text).replace("\r", "")
    lines = text.split("\n")
    try:
        start = lines.index(BEGIN)
        end = lines.index(END, start)
    except ValueError:
        return None, text
    return json.loads("\n".join(lines[start + 1:end])), text


def diff(path, want, got, out):
    if isinstance(want, dict) and isinstance(got, dict):
        for k in want:
            if k not in got:
                out.append(f"{path}.{k}: missing")
            else:
                diff(f"{path}.{k}", want[k], got[k], out)
    elif isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            out.append(f"{path}: {len(want)} elements expected, got {len(got)}")
        for i, (w, g) in enumerate(zip(want, got)):
            diff(f"{path}[{i}]", w, g, out)
    elif want != got:
        out.append(f"{path}: expected {json.dumps(want)}, got {json.dumps(got)}")


def severity_of(code):
    return {"E": "error", "W": "warning", "I": "info"}[code[0]]


def main():
    name, log, expected = sys.argv[1:4]
    exp = json.load(open(expected))
    meta, want = exp["mkhandover"], exp["report"]
    got, text = baton_json(log)
    problems, rest, seen_extra = [], [], set()
    if got is None:
        tail = [l for l in text.split("\n") if l.strip()][-8:]
        problems.append("no JSON report in the serial log; last lines:")
        problems += ["  | " + l for l in tail]
    else:
        for s in SECTIONS:
            diff(s, want[s], got[s], problems)
        want_f = sorted((f["code"], f["severity"], f["pa"])
                        for f in want["findings"])
        extra = set(meta["extra"])
        counts = {"error": 0, "warning": 0}
        for f in got["findings"]:
            if f["code"] in extra:
                seen_extra.add(f["code"])
            elif f["code"] not in ENVIRONMENT:
                rest.append((f["code"], f["severity"], f["pa"]))
                continue
            if f["severity"] in counts:
                counts[f["severity"]] += 1
        rest.sort()
        if rest != want_f:
            problems.append(f"findings: expected {want_f}, got {rest}")
        for code in sorted(extra - seen_extra):
            problems.append(f"findings: expected extra {code} (memory model)")
        v, wv = got["verdict"], want["verdict"]
        for key, sev in (("errors", "error"), ("warnings", "warning")):
            if v[key] != wv[key] + counts[sev]:
                problems.append(f"verdict.{key}: expected {wv[key]} + "
                                f"{counts[sev]}, got {v[key]}")
        digest = got.get("digest")
        if digest and digest.get("enabled"):
            keys = ("session", "token", "size", "crc32c")
            got_d = [tuple(f[k] for k in keys) for f in digest["files"]]
            want_d = [tuple(f[k] for k in keys) for f in exp["digests"]]
            if got_d != want_d:
                problems.append(f"digests: expected {want_d}, got {got_d}")
        elif not exp["digests"] or any(f["crc32c"] is not None
                                       for f in exp["digests"]):
            # only memfds whose contents are absent (content=absent:
            # nothing predicted, baton.digest=off) may go undigested
            problems.append("no memfd digests in baton's report")
        if meta["code"] and meta["code"] not in {c for c, _, _ in rest} | seen_extra:
            problems.append(f"the corruption's own code {meta['code']} is missing")
        if "EXCEPTION:" in text:
            problems.append("baton took an exception")
    codes = sorted({c for c, _, _ in rest} | seen_extra) if got else []
    summary = (f"profile {meta['profile']}, " +
               (f"corrupt {meta['corruption']} -> {meta['code']}, "
                if meta["corruption"] else "") +
               (f"verdict \"{got['verdict']['text']}\", findings "
                f"{','.join(codes) or '-'}, {len(exp['digests'])} memfd "
                f"digests" if got else "no report"))
    if problems:
        print(f"FAIL: scenario-{name} ({summary})")
        for p in problems[:20]:
            print(f"  {p}")
        return 1
    print(f"PASS: scenario-{name} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
