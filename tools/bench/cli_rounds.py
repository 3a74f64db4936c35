#!/usr/bin/env python3
"""CPU seconds (user + sys, from os.wait4) of CLI builds on one JSON-lines input, the builds
taking turns round by round (the order reversed every other round): medians, and the median of
each build's per-round ratio to the first. On a shared machine wall-clock swings between runs;
the turns put every build under the same load.

    python3 tools/bench/cli_rounds.py ROUNDS INPUT.jsonl BEFORE AFTER...   (each a quotelens binary)
"""
import os
import statistics
import subprocess
import sys

rounds, path, builds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
seconds = {b: [] for b in builds}
for r in range(rounds):
    for b in builds if r % 2 == 0 else builds[::-1]:
        with open(path) as stdin, open(os.devnull, "w") as stdout:
            p = subprocess.Popen([b, "--jsonl"], stdin=stdin, stdout=stdout)
            _, _, usage = os.wait4(p.pid, 0)
        seconds[b].append(usage.ru_utime + usage.ru_stime)
first = seconds[builds[0]]
for b in builds:
    m = statistics.median(seconds[b])
    paired = statistics.median(x / y for x, y in zip(seconds[b], first))
    runs = " ".join(f"{x:.2f}" for x in seconds[b])
    print(f"{b}: median {m:.3f} s, {m / statistics.median(first):.3f}x, paired {paired:.3f}x; runs {runs}")
