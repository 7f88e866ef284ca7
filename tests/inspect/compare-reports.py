#!/usr/bin/env python3
"""compare-reports.py DIRECT.json REPLAY.json: baton's JSON report from a
direct Linux -> baton kexec against its report for the same handover
replayed by baton.efi (extracted with baton-inspect dump --extract).

Every member must be equal except the ones listed in EXPECTED below, each
with the reason it differs and, where the relation is exact, the check
that replaces equality. Prints one line per listed difference, then
"equal: N leaves"; exits 1 with every unlisted difference otherwise."""
import json
import sys

# Paths (dots; [] = every element) whose values legitimately differ.
FREE = {
    # Where the loader put its own boot data: kexec_file vs baton.efi.
    "boot.boot_params": "boot_params address chosen by the loader",
    "boot.setup_data[].pa": "setup_data record address chosen by the loader",
    "boot.kho_record.setup_data": "setup_data record address chosen by the loader",
    # The firmware under the payload: SeaBIOS + Linux vs OVMF.
    "boot.acpi_rsdp": "RSDP of a different firmware",
    "boot.e820": "e820 from Linux's kexec (SeaBIOS map) vs from OVMF's memory map",
    "memory.ram_bytes": "RAM of that e820 (1 GiB guest vs 2 GiB OVMF guest)",
    # Time: every stamp and duration of a different run.
    "timeline.tsc_khz": "TSC calibrated in each run",
    "timeline.start_tsc": "TSC at entry",
    "timeline.phases[].tsc": "TSC at phase end",
    "timeline.phases[].ticks": "phase time",
    "timeline.phases[].us": "phase time",
    "timeline.phases[].delta_us": "phase time",
}
# Empty scratch areas cannot be written in a capture (docs/inspect.md,
# --extract): these follow exactly from the areas of size 0 left out.
DERIVED = ("kho.scratch", "boot.kho_record.scratch_size",
           "memory.scratch_areas", "memory.scratch_refused",
           "findings", "verdict.infos", "verdict.findings_stored",
           "memory.baton_bytes", "memory.scratch_free_bytes")


def leaves(x, path, out):
    if isinstance(x, dict):
        for k, v in x.items():
            leaves(v, path + [k], out)
        if not x:
            out[".".join(path)] = {}
    elif isinstance(x, list):
        out[".".join(path) + "#len"] = len(x)
        for i, v in enumerate(x):
            leaves(v, path + ["[%d]" % i], out)
    else:
        out[".".join(path)] = x
    return out


def pattern(path):
    """a.b[3].c -> a.b[].c (the FREE key form)."""
    parts, res = path.split("."), []
    for p in parts:
        if p.startswith("[") and res:
            res[-1] += "[]"
        else:
            res.append(p)
    return ".".join(res)


def listed(path, keys):
    """The key of keys covering path, or None."""
    pat = pattern(path.split("#")[0])
    return next((k for k in keys if pat == k or pat.startswith(k + ".") or
                 pat.startswith(k + "[")), None)


def derived_checks(d, r, problems, notes):
    empty = [s for s in d["kho"]["scratch"] if s["size"] == 0]
    n = len(empty)
    want_scratch = [s for s in d["kho"]["scratch"] if s["size"] != 0]
    if r["kho"]["scratch"] != want_scratch:
        problems.append("kho.scratch: replay %s, expected the direct areas "
                        "without the empty ones %s" % (r["kho"]["scratch"],
                                                       want_scratch))
    want = 16 * len(want_scratch)
    if r["boot"]["kho_record"]["scratch_size"] != want:
        problems.append("boot.kho_record.scratch_size %s, expected %d" %
                        (r["boot"]["kho_record"]["scratch_size"], want))
    for k in ("scratch_areas", "scratch_refused"):
        if r["memory"][k] != d["memory"][k] - n:
            problems.append("memory.%s %s, expected %d - %d" %
                            (k, r["memory"][k], d["memory"][k], n))
    want_f = [f for f in d["findings"] if f["code"] != "I_SCRATCH_AREA_EMPTY"]
    if len(d["findings"]) - len(want_f) != n:
        problems.append("direct run: %d empty areas but %d I_SCRATCH_AREA_EMPTY"
                        % (n, len(d["findings"]) - len(want_f)))
    if r["findings"] != want_f:
        problems.append("findings: replay %s, expected %s" %
                        (r["findings"], want_f))
    for k in ("infos", "findings_stored"):
        if r["verdict"][k] != d["verdict"][k] - n:
            problems.append("verdict.%s %s, expected %d - %d" %
                            (k, r["verdict"][k], d["verdict"][k], n))
    # Page-table pages for the firmware's ACPI tables (the MADT, boot/smp.c)
    # depend on where that firmware keeps them (SeaBIOS: reserved memory
    # mapped on demand; OVMF: ACPI data, mapped from the start): whole pages
    # move between baton's bytes and free scratch, their sum does not.
    db, rb = d["memory"].get("baton_bytes"), r["memory"].get("baton_bytes")
    df = d["memory"].get("scratch_free_bytes")
    rf = r["memory"].get("scratch_free_bytes")
    if None in (db, rb, df, rf):
        if (db, df) != (rb, rf):
            problems.append("memory.baton_bytes/scratch_free_bytes: direct "
                            "%r/%r, replay %r/%r" % (db, df, rb, rf))
    elif db + df != rb + rf or (db - rb) % 4096:
        problems.append("memory.baton_bytes + scratch_free_bytes: direct "
                        "%d + %d, replay %d + %d (must be equal, whole pages "
                        "apart)" % (db, df, rb, rf))
    elif db != rb:
        notes.append("derived: baton's page tables for the firmware's ACPI "
                     "tables: %+d pages in the direct run, taken from free "
                     "scratch" % ((db - rb) // 4096))
    notes.append("derived: %d empty scratch area(s) left out by --extract: "
                 "kho.scratch, kho_record.scratch_size, memory.scratch_areas/"
                 "scratch_refused, I_SCRATCH_AREA_EMPTY, verdict.infos/"
                 "findings_stored adjusted by exactly that" % n)


def main():
    d = json.load(open(sys.argv[1]))
    r = json.load(open(sys.argv[2]))
    ld, lr = leaves(d, [], {}), leaves(r, [], {})
    problems, notes, equal, differed = [], [], 0, set()
    for path in sorted(ld.keys() | lr.keys()):
        a, b = ld.get(path, "<absent>"), lr.get(path, "<absent>")
        if listed(path, DERIVED):
            continue
        if a == b:
            equal += 1
        elif listed(path, FREE):
            differed.add(listed(path, FREE))
        else:
            problems.append("%s: direct %r, replay %r" % (path, a, b))
    # Timeline phases: the same phases in the same order.
    names = [[p["name"] for p in j["timeline"]["phases"]] for j in (d, r)]
    if names[0] != names[1]:
        problems.append("timeline phase names differ: %s vs %s" % tuple(names))
    derived_checks(d, r, problems, notes)
    for k in sorted(differed):
        print("differs (listed): %s: %s" % (k, FREE[k]))
    for n in notes:
        print(n)
    print("equal: %d leaves" % equal)
    if problems:
        for p in problems:
            print("UNEXPECTED: " + p)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
