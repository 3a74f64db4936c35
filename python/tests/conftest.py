"""Shared fixtures: the repository's paths, the CLI binary, and our own fixture articles."""

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The quotelens CLI: $QUOTELENS_CLI, else target/release or target/debug (scripts/test-python.sh builds the latter)."""
    candidates = [os.environ.get("QUOTELENS_CLI")] + [str(REPO / "target" / p / "quotelens") for p in ("release", "debug")]
    for path in filter(None, candidates):
        if Path(path).is_file():
            return Path(path)
    pytest.fail("no quotelens CLI: run `cargo build --bin quotelens` or set QUOTELENS_CLI")


@pytest.fixture(scope="session")
def articles() -> list[dict]:
    """Fixture articles we wrote ourselves: {"id", "text"} per line."""
    with open(FIXTURES / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
