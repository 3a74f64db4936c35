"""The notebook-style example runs as a script on our fixture and prints the who-is-quoted table."""

import re
import subprocess
import sys
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "notebook.py"


def test_the_notebook_runs_and_counts_who_is_quoted():
    out = subprocess.run([sys.executable, str(NOTEBOOK)], capture_output=True, text=True, check=True).stdout
    assert out.startswith("direct 'We will not back down,' — the mayor said\n")
    # speaker_name, attributions, articles, direct
    # Lind's two partial quotes are one claim ("told … that the plan was “fully costed” and …").
    assert re.search(r"^Oskar Lind\s+2\s+1\s+1$", out, re.M)
    assert re.search(r"^Elena Marsh\s+2\s+1\s+2$", out, re.M)
