"""Who is quoted across an archive: runs quotelens over a JSON-lines or Parquet archive of
articles with PySpark (`mapInArrow`) and writes one row per attribution (quotelens.COLUMNS: article id,
speaker, speaker cluster and name, cue, kind, content, code-point offsets).

    spark-submit --master 'local[2]' python/examples/spark_attributions.py \\
        articles.jsonl attributions.parquet

INPUT is JSON lines or Parquet (by extension, or --input-format) with an id and a text column
(--id-column, --text-column; default "id" and "text"), a file or a directory, on any file
system Spark reads (hdfs://, s3a://, ...). OUTPUT is a Parquet directory (--output-format csv
or json otherwise).

The same command runs on a cluster unchanged (--master yarn, k8s://...), provided every
executor's Python has the quotelens wheel installed (scripts/build-wheel.sh; e.g. a packed venv
passed with --archives, or the cluster's library manager). Each Spark task analyses its rows on
one thread (threads=1): Spark already runs one task per core, so more would oversubscribe.
"""

from __future__ import annotations

import argparse
from typing import Iterator

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

import quotelens

#: The output table's schema, from the package's one list of columns: Spark's and Arrow's.
SCHEMA = ", ".join(f"{name} {kind}" for name, kind in quotelens.COLUMNS)
ARROW_TYPES = {"string": pa.string(), "int": pa.int32(), "double": pa.float64()}
ARROW_SCHEMA = pa.schema([(name, ARROW_TYPES[kind]) for name, kind in quotelens.COLUMNS])


def analyse_batches(batches: Iterator[pa.RecordBatch], threads: int = 1) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: (article_id, text) batches in, attribution rows out. Runs on executors.
    Arrow, not pandas: the rows go from dicts to Arrow directly, with nulls kept as nulls."""
    for batch in batches:
        ids = batch.column("article_id").to_pylist()
        texts = [t or "" for t in batch.column("text").to_pylist()]  # a missing text has no quotes
        docs = quotelens.analyze_many(texts, threads=threads)
        rows = [row for aid, doc in zip(ids, docs) for row in quotelens.attribution_rows(doc, aid)]
        yield pa.RecordBatch.from_pylist(rows, schema=ARROW_SCHEMA)


def attribution_table(articles: DataFrame, id_column: str = "id", text_column: str = "text", threads: int = 1) -> DataFrame:
    """One row per attribution of every article in `articles` (a DataFrame with the two columns)."""
    spark = articles.sparkSession
    articles = articles.select(F.col(id_column).cast("string").alias("article_id"), F.col(text_column).cast("string").alias("text"))
    # A single small file is one partition; spread it so every core has work.
    cores = spark.sparkContext.defaultParallelism
    if articles.rdd.getNumPartitions() < cores:
        articles = articles.repartition(cores)
    return articles.mapInArrow(lambda batches: analyse_batches(batches, threads), schema=SCHEMA)


def read_articles(spark: SparkSession, path: str, fmt: str | None) -> DataFrame:
    fmt = fmt or ("parquet" if path.rstrip("/").endswith(".parquet") else "json")
    return spark.read.parquet(path) if fmt == "parquet" else spark.read.json(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--input-format", choices=["json", "parquet"])
    parser.add_argument("--output-format", choices=["parquet", "csv", "json"], default="parquet")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--text-column", default="text")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("quotelens-attributions").getOrCreate()
    table = attribution_table(read_articles(spark, args.input, args.input_format), args.id_column, args.text_column)
    writer = table.write.mode("overwrite")
    if args.output_format == "csv":
        writer.option("header", True).csv(args.output)
    else:
        getattr(writer, args.output_format)(args.output)


if __name__ == "__main__":
    main()
