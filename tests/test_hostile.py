"""Hostile structure and out-of-range options: one clear line on stderr and exit 2.

Each case was a traceback (exit 1) before it was bounded: deep nesting, huge numbers and
lone surrogates in JSON, deep TOML, oversized expressions, extreme prior spreads,
negative seeds, dates past the calendar's end, endless poll intervals, empty feeds.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecast.cli import main
from forecast.errors import InputError
from forecast.graph import MAX_EXPR_TOKENS, parse_expr
from forecast.loop.watch import poll_feed
from forecast.reading.article import parse_article
from forecast.scenario.load import MAX_TOML_DEPTH, loads_scenario
from tests.conftest import REPO

SCENARIO = """name = "talks"
title = "Talks"

[events.meet]
question = "Will they meet?"
resolution = "A meeting is reported."
{extra}

[events.either]
question = "Will either happen?"
resolution = "Yes if meet does."
expr = "{expr}"
"""


def scenario(extra: str = "", expr: str = "meet") -> str:
    return SCENARIO.format(extra=extra, expr=expr)


def one_line_exit_2(capsys, argv: list[str], message: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert message in err, err


ARTICLES = [
    ("deep.json", '{"text": ' + "[" * 10_000 + "]" * 10_000 + "}", "JSON nested too deeply"),
    ("digits.json", '{"text": "a", "n": ' + "9" * 100_000 + "}", "not readable JSON"),
    ("lone.json", '{"text": "Trump may \\ud800 go."}', "field 'text': lone surrogate \\ud800"),
    ("nested.json", '{"text": ' + "[" * 500 + "]" * 500 + "}", "expected a string; got [...]"),
]


@pytest.mark.parametrize(("name", "content", "message"), ARTICLES)
def test_hostile_json_articles(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    one_line_exit_2(capsys, ["extract", str(path)], message)


SCENARIOS = [
    ("x = " + "[" * 5000 + "]" * 5000, "meet", "TOML nested too deeply"),
    (
        "x = " + "[" * 40 + "]" * 40,
        "meet",
        f"nested 43 deep; scenario files allow {MAX_TOML_DEPTH}",
    ),
    ("", " or ".join(["meet"] * 1000), f"at most {MAX_EXPR_TOKENS} are allowed"),
    ("", "(" * 5000 + "meet" + ")" * 5000, f"at most {MAX_EXPR_TOKENS} are allowed"),
    ("base_spread = 1e308", "meet", "key 'base_spread': must be a number in [0.01, 10]"),
    ("base_spread = 1e-300", "meet", "key 'base_spread': must be a number in [0.01, 10]"),
    ("deadline = 9999-12-31", "meet", "must be between 1900-01-01 and 2199-12-31"),
]


@pytest.mark.parametrize(("extra", "expr", "message"), SCENARIOS)
def test_hostile_scenarios(capsys, tmp_path, extra, expr, message):
    path = tmp_path / "s.toml"
    path.write_text(scenario(extra, expr), encoding="utf-8")
    one_line_exit_2(capsys, ["run", "--model", str(path)], message)


def test_an_expression_at_the_bound_parses():
    expr = parse_expr(" or ".join(["a"] * ((MAX_EXPR_TOKENS + 1) // 2)))
    assert expr.names == frozenset({"a"})


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "--seed", "-1"], "--seed: must be a whole number in [0, 2**32); got -1"),
        (["run", "--published", "9999-12-31"], "--published: must be between"),
        (["watch", ".", "--every", "99999999999h"], "at most 168h"),
    ],
)
def test_out_of_range_options(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.setenv("FORECAST_STORE", str(tmp_path / "store.sqlite"))
    one_line_exit_2(capsys, argv, message)


@pytest.mark.parametrize("body", [b"", b"   ", b"<html></html>"])
def test_an_empty_feed_body_is_not_a_feed(body):
    with pytest.raises(InputError, match="not an RSS/Atom feed"):
        poll_feed("http://example.org/rss", set(), fetch_fn=lambda url: body)


# --- properties: no input gives a traceback or a hang ------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=2000), fmt=st.sampled_from(["auto", "text", "markdown", "html", "json"])
)
def test_any_bytes_read_as_an_article_or_fail_with_input_error(tmp_path_factory, data, fmt):
    from forecast.reading.article import read_article

    path = tmp_path_factory.mktemp("a") / "article.bin"
    path.write_bytes(data)
    try:
        article = read_article(path, fmt=fmt)
    except InputError:
        return
    assert article.text.strip()


@settings(max_examples=150, deadline=None)
@given(value=json_values, depth=st.integers(0, 3000))
def test_any_json_reads_or_fails_with_input_error(value, depth):
    import json

    text = "[" * depth + json.dumps({"text": value}) + "]" * depth
    with contextlib.suppress(InputError):
        parse_article(text, "json")


@settings(max_examples=150, deadline=None)
@given(
    body=st.text(max_size=300),
    depth=st.integers(0, 3000),
    opener=st.sampled_from(["[", "{a = ", "[[", "a.b.c = "]),
)
def test_any_toml_loads_or_fails_with_input_error(body, depth, opener):
    closer = {"[": "]", "{a = ": "}", "[[": "]]", "a.b.c = ": ""}[opener]
    for text in (body, scenario(f"x = {opener * depth}1{closer * depth}")):
        with contextlib.suppress(InputError):
            loads_scenario(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_a_scenario_file_load_or_fail_with_input_error(tmp_path_factory, data):
    from forecast.scenario.load import load_scenario

    path = tmp_path_factory.mktemp("s") / "scenario.toml"
    path.write_bytes(data)
    with contextlib.suppress(InputError):
        load_scenario(path)


def test_an_unwritable_home_is_one_line_not_a_traceback(tmp_path):
    """ArviZ writes a cache folder under HOME when imported; HOME here is a plain file."""
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPLCONFIGDIR"))}
    env.update(HOME=str(home), PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-m", "forecast", "run", "--draws", "20"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    # Progress notes come first (the command says what it is doing); then one error line.
    *notes, line = result.stderr.splitlines()
    assert all(note.startswith("forecast: ") and "error" not in note for note in notes), notes
    assert line.startswith(f"forecast: error: {home}/.cache/arviz: Not a directory")
