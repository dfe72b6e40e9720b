"""Input errors before the sampler import, and progress on stderr while it works.

Each case runs in a fresh interpreter, as a user's command does, so "was PyMC imported"
is a fact about that process, not about what earlier tests loaded.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forecast.cli import common

REPO = Path(__file__).resolve().parents[2]
SAMPLER_MODULES = ("pymc", "arviz", "pytensor")
ARTICLE = REPO / "tests" / "fixtures" / "watch" / "2018-06-01_meeting_expected.txt"

# Runs main(argv) and reports the exit code, stderr lines and which sampler modules loaded.
PROBE = """\
import contextlib, io, json, sys
from forecast.cli import main
err = io.StringIO()
with contextlib.redirect_stderr(err):
    code = main(sys.argv[1:])
loaded = [name for name in {modules!r} if name in sys.modules]
print(json.dumps({{"code": code, "err": err.getvalue().splitlines(), "loaded": loaded}}))
"""


def probe(argv: list[str], store: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(modules=SAMPLER_MODULES), *argv],
        capture_output=True, text=True, check=True, cwd=REPO,
        env={**os.environ, "FORECAST_STORE": str(store)},
    )  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "nosuch.txt"], "nosuch.txt: no such file"),
        (["run", "--model", "nosuch.toml"], "nosuch.toml: no such scenario file"),
        (["run", "--as-of", "13-05-2018"], "--as-of: expected an ISO date"),
        (["run", "--standard", "nato"], "unknown name 'nato'"),
        (["run", "--chains", "0"], "--chains: must be >= 1"),
        (["ingest", "nosuch.txt"], "nosuch.txt: no such file"),
        (["ingest", "--model", "nosuch.toml", str(ARTICLE)], "nosuch.toml: no such scenario"),
        (["reforecast", "--as-of", "May"], "--as-of: expected an ISO date"),
    ],
)
def test_input_errors_come_before_the_sampler_is_imported(argv, message, tmp_path):
    report = probe(argv, tmp_path / "store.sqlite")
    assert report["code"] == 2
    (line,) = report["err"]
    assert line.startswith("forecast: error: ") and message in line
    assert report["loaded"] == []


def test_elapsed_counts_from_the_process_start():
    code = (
        "import time; time.sleep(1.0)\nfrom forecast.cli.common import elapsed\nprint(elapsed())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)  # fmt: skip
    assert 1.0 <= float(done.stdout) < 30.0


def test_load_sampler_says_so_and_warns_of_a_cold_compile_cache(monkeypatch, capsys):
    from forecast.model import inference

    monkeypatch.setattr(inference, "compile_cache_cold", lambda: True)
    common.load_sampler()
    assert capsys.readouterr().err.splitlines() == [
        "forecast: importing the sampler (PyMC)",
        "forecast: compiling the model, first run only (about 20 s)",
    ]
    monkeypatch.setattr(inference, "compile_cache_cold", lambda: False)
    common.load_sampler()
    assert capsys.readouterr().err.splitlines() == ["forecast: importing the sampler (PyMC)"]


def test_a_new_compile_folder_is_cold_and_a_used_one_is_not(tmp_path):
    code = (
        "from pathlib import Path\n"
        "import pytensor\n"
        "from forecast.model.inference import compile_cache_cold\n"
        "print(compile_cache_cold())\n"
        "module = Path(pytensor.config.compiledir) / 'tmpmodule'\n"
        "module.mkdir(parents=True)\n"
        "(module / 'key.pkl').write_bytes(b'')\n"
        "print(compile_cache_cold())\n"
    )
    env = {**os.environ, "PYTENSOR_FLAGS": f"base_compiledir={tmp_path / 'pytensor'}"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO, env=env)  # fmt: skip
    assert done.stdout.split() == ["True", "False"]


def run_with_stderr(stderr_tty: bool, tmp_path: Path) -> tuple[str, str]:
    """``forecast run`` of the shipped example, small, stderr a pseudo-terminal or a pipe."""
    argv = [sys.executable, "-m", "forecast", "run", "--seed", "1", "--draws", "100"]
    env = {**os.environ, "COLUMNS": "120"}
    if not stderr_tty:
        done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, env=env)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=follower, cwd=REPO, env=env) as p:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        out = p.stdout.read().decode()
    os.close(leader)
    return out, b"".join(chunks).decode(errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "pipe"])
def test_progress_bars_only_on_a_terminal(tty, tmp_path):
    out, err = run_with_stderr(tty, tmp_path)
    assert "us_japan_2018" in out
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", err)  # terminal control sequences
    lines = [line for line in plain.replace("\r", "\n").splitlines() if line.strip()]
    assert lines[:2] == [
        "forecast: extracting claims from 1 article",
        "forecast: importing the sampler (PyMC)",
    ]
    assert any(line.startswith("forecast: done in ") for line in lines)
    bars = "influence of claims" in plain and "━" in plain and "Draw" in plain  # ours, PyMC's
    assert bars == tty, err


def test_store_commands_draw_bars_when_stderr_is_a_terminal(monkeypatch, tmp_path, capsys):
    """ingest, reforecast and watch hand the terminal's bars to every forecast they make."""
    import forecast.loop.reforecast
    from forecast.cli import main
    from forecast.errors import InputError
    from forecast.scenario import default_scenario_path, load_scenario

    asked = []

    def fake_forecast(*args, progressbar=False, **kwargs):
        asked.append(progressbar)
        raise InputError("stopped after the sampler settings were checked")

    monkeypatch.setattr(common, "progressbar", lambda: True)
    monkeypatch.setattr(forecast.loop.reforecast, "run_forecast", fake_forecast)
    store = ["--store", str(tmp_path / "store.sqlite")]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (example,) = load_scenario(default_scenario_path()).article_paths()
    assert main(["ingest", *store, "--model", "example", str(example)]) == 2
    assert main(["reforecast", *store]) == 2
    assert main(["watch", str(inbox), *store, "--iterations", "1"]) == 2
    assert asked == [True, True, True]  # ingest's forecast, then the owed one, twice
    capsys.readouterr()
