"""Throughput of quotelens through Python and through Spark (scripts/bench-python.sh).

    python python/bench/throughput.py [ARTICLES.jsonl] [--seconds S] [--spark-copies K]

ARTICLES is JSON lines with a "text" field (default: ../shared/data/polnear/dev.jsonl, read in
place). Prints, as lines of `name: value`:

- articles per second on one thread through `analyze` (wall clock and per CPU-second: on a
  shared machine the CPU figure is the one to compare; the wall one includes waiting for a core);
- `analyze_many` on 1 and 2 threads, and the ratio;
- the Spark job (python/examples/spark_attributions.py, noop sink) in local[1] and local[2] on
  the articles repeated K times, and the ratio (JVM start and a warm-up run excluded);
- the core-hours a 1-million-article archive costs at the measured per-core rates.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import quotelens

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO.parent / "shared" / "data" / "polnear" / "dev.jsonl"


def load(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def rate(run, articles: int, seconds: float) -> tuple[float, float]:
    """(articles per wall second, articles per CPU second) of `run` repeated for `seconds`."""
    run()  # warm-up: page in the tables
    rounds, wall0, cpu0 = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds:
        run()
        rounds += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return rounds * articles / wall, rounds * articles / cpu


def gil_share(texts: list[str], rounds: int = 20) -> float:
    """The share of analyze_many's CPU spent in the calling thread, holding the GIL (reading the
    texts, building the dicts): with threads >= 2 the analysis itself runs on other threads. It
    does not depend on how busy the machine is, unlike wall-clock scaling."""
    thread0, process0 = time.thread_time(), time.process_time()
    for _ in range(rounds):
        quotelens.analyze_many(texts, threads=2)
    return (time.thread_time() - thread0) / (time.process_time() - process0)


def tree_cpu_seconds() -> float:
    """CPU seconds used so far by this process and its descendants (the JVM, Spark's Python
    workers), reaped children included (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            cpu[int(entry)] = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    mine = {os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    return sum(cpu[pid] for pid in mine) / tick


def spark_seconds(cores: int, texts: list[str], copies: int) -> tuple[float, float]:
    """(wall, CPU) seconds of the Spark job over `texts` * `copies` in local[cores] (a second run,
    warm; CPU of the whole process tree)."""
    import pandas as pd
    from pyspark.sql import SparkSession

    sys.path.insert(0, str(REPO / "python" / "examples"))
    import spark_attributions

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors run this Python, with quotelens

    spark = SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false").getOrCreate()
    spark.sparkContext.addPyFile(spark_attributions.__file__)
    rows = [(f"{c}-{i}", t) for c in range(copies) for i, t in enumerate(texts)]
    articles = spark.createDataFrame(pd.DataFrame(rows, columns=["id", "text"])).repartition(cores * 4).cache()
    articles.count()
    table = spark_attributions.attribution_table(articles)
    table.write.format("noop").mode("overwrite").save()  # warm-up: Python workers start
    start, cpu = time.perf_counter(), tree_cpu_seconds()
    table.write.format("noop").mode("overwrite").save()
    seconds, cpu = time.perf_counter() - start, tree_cpu_seconds() - cpu
    spark.stop()
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--seconds", type=float, default=5.0, help="per in-process measurement")
    parser.add_argument("--spark-copies", type=int, default=20, help="0 skips Spark")
    parser.add_argument("--spark-worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = load(args.articles)

    if args.spark_worker:  # one Spark measurement in its own process (one master per JVM)
        print(*spark_seconds(args.spark_worker, texts, args.spark_copies))
        return

    chars = sum(map(len, texts)) / len(texts)
    print(f"input: {args.articles} ({len(texts)} articles, {chars:,.0f} characters each on average)")
    print(f"cores visible: {os.cpu_count()}; load average: {os.getloadavg()[0]:.2f} (a shared machine inflates wall times)")
    wall, cpu = rate(lambda: [quotelens.analyze(t) for t in texts], len(texts), args.seconds)
    print(f"analyze, 1 thread: {wall:,.0f} articles/s wall, {cpu:,.0f} articles per CPU-second")
    many = {}
    for threads in (1, 2):
        many[threads], per_cpu = rate(lambda: quotelens.analyze_many(texts, threads=threads), len(texts), args.seconds)
        print(
            f"analyze_many, {threads} thread(s): {many[threads]:,.0f} articles/s wall, {per_cpu:,.0f} per CPU-second, "
            f"cores obtained {many[threads] / per_cpu:.2f}"
        )
    print(f"analyze_many scaling 1 -> 2 threads: x{many[2] / many[1]:.2f} wall (bounded by the cores obtained above)")
    serial = gil_share(texts)
    print(
        f"analyze_many GIL-held share (calling thread's CPU / process CPU, 2 threads): {serial:.1%}; "
        f"on 2 free cores the speed-up is at most x{1 / (serial + (1 - serial) / 2):.2f}"
    )
    print(f"1 M articles through Python: {1e6 / cpu / 3600:.2f} core-hours (at {cpu:,.0f} articles per CPU-second)")

    if args.spark_copies:
        n = len(texts) * args.spark_copies
        seconds, per_cpu = {}, {}
        for cores in (1, 2):
            cmd = [sys.executable, __file__, str(args.articles), "--spark-copies", str(args.spark_copies), "--spark-worker", str(cores)]
            wall, cpu = map(float, subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()[-2:])
            seconds[cores], per_cpu[cores] = wall, n / cpu
            print(
                f"spark local[{cores}]: {n} articles in {wall:.2f} s = {n / wall:,.0f} articles/s wall, "
                f"{per_cpu[cores]:,.0f} per CPU-second (JVM and Python workers), cores obtained {cpu / wall:.2f}"
            )
        print(f"spark scaling local[1] -> local[2]: x{seconds[1] / seconds[2]:.2f} wall (bounded by the cores obtained above)")
        efficiency = per_cpu[2] / per_cpu[1]
        print(f"spark work per article local[2] vs local[1]: {efficiency:.2f} (so on 2 free cores about x{2 * efficiency:.2f})")
        print(f"1 M articles through Spark: {1e6 / per_cpu[1] / 3600:.2f} core-hours (local[1] rate, Spark and Arrow included)")


if __name__ == "__main__":
    main()
