"""The notebooks in ``notebooks/``: committed clean, and each runs top to bottom in a real kernel.

Sizes come from ``FORECAST_DRAWS`` (100 here), which the notebooks read once; there is no
separate test code path. Running them costs about a minute (one to three PyMC fits each).
"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import HAVE_SHARED, REPO

NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT_S = 300
TEST_DRAWS = "100"

# What each notebook must show: at least this many figures, and these strings somewhere in its
# outputs (a claim with its cue highlighted, the forecast table, the history, the scores).
EXPECTED = {
    "01_quickstart": (3, ("<mark>may</mark>", "diagnostics:", "r_hat", "visit", "delta")),
    "02_reforecast": (2, ("2018-06-02", "2018-06-11", "new_prob", "g7_meeting")),
    "03_what_words_mean": (1, ("icd203", "almost certainly", "roughly even chance")),
    "04_calibration": (1, ("brier", "log_score", "observed_high")),
}
# What the public data folder adds (figures, strings), and what shows when it is absent: the
# notebooks degrade gracefully, so a fresh clone without ../shared runs them too.
WITH_SHARED = {
    "03_what_words_mean": (0, ("absolute_judgements.csv",)),
    "04_calibration": (1, ("questions: Brier",)),
}
WITHOUT_SHARED = {
    "03_what_words_mean": ("not found; plotting the lexicon alone",),
    "04_calibration": ("ForecastBench data not found",),
}


def test_every_notebook_has_expectations():
    assert {path.stem for path in NOTEBOOKS} == set(EXPECTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_committed_without_outputs(path):
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    assert code, f"{path.name}: no code cells"
    for cell in code:
        assert cell.outputs == [], f"{path.name}: a cell has outputs"
        assert cell.execution_count is None, f"{path.name}: a cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_reads_no_test_files_and_sizes_from_the_environment(path):
    sources = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    assert "tests/" not in sources
    if "n_draws=" in sources:
        assert 'int(os.environ.get("FORECAST_DRAWS", 1000))' in sources
        assert sources.count("n_draws=") == sources.count("n_draws=N_DRAWS")


def _outputs_text(book) -> tuple[str, int]:
    """Every output's text (streams, plain and HTML reprs) joined, and the number of figures."""
    texts, figures = [], 0
    for cell in book.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                texts.append(output.text)
            data = output.get("data", {})
            figures += "image/png" in data
            texts += [data[kind] for kind in ("text/plain", "text/html") if kind in data]
    return "\n".join(texts), figures


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs(path, monkeypatch):
    monkeypatch.setenv("FORECAST_DRAWS", TEST_DRAWS)  # inherited by the kernel process
    monkeypatch.delenv("FORECAST_STORE", raising=False)
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [
        output
        for cell in book.cells
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert not errors, json.dumps(errors)[:2000]
    text, figures = _outputs_text(book)
    min_figures, needles = EXPECTED[path.stem]
    if HAVE_SHARED:
        more_figures, more_needles = WITH_SHARED.get(path.stem, (0, ()))
        min_figures, needles = min_figures + more_figures, needles + more_needles
    else:
        needles += WITHOUT_SHARED.get(path.stem, ())
    assert figures >= min_figures, f"{path.name}: {figures} figures"
    missing = [needle for needle in needles if needle not in text]
    assert not missing, f"{path.name}: outputs lack {missing}"
