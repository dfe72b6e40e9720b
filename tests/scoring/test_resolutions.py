"""Resolutions files: the outcomes a backtest scores against, read from CSV with one-line errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.scenario import default_scenario_path, load_scenario
from forecast.scoring.resolutions import parse_resolutions, read_resolutions

EXAMPLE = load_scenario(default_scenario_path())
NAME = EXAMPLE.name
HEADER = "scenario,event,outcome,date\n"


def test_rows_become_the_stores_resolution_columns():
    text = (f"date,outcome,event,scenario,note\n2018-06-16,no,visit,{NAME},did not stop\n\n"
            f"2018-06-07, YES ,g7_meeting,{NAME},met at the White House\n")  # fmt: skip
    table = parse_resolutions(text, [EXAMPLE])
    assert list(table.columns) == ["scenario", "event", "outcome", "resolved_on"]
    assert table.to_dict("records") == [
        {"scenario": NAME, "event": "visit", "outcome": False, "resolved_on": dt.date(2018, 6, 16)},
        {"scenario": NAME, "event": "g7_meeting", "outcome": True,
         "resolved_on": dt.date(2018, 6, 7)},
    ]  # fmt: skip
    assert table["outcome"].dtype == bool


def test_a_header_alone_is_no_resolutions():
    assert parse_resolutions(HEADER, [EXAMPLE]).empty


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "R: empty; expected a header row naming scenario, event, outcome, date"),
        ("scenario,event,outcome\n", "R: line 1: header: must name the columns scenario, "
         "event, outcome, date; missing date (got ['scenario', 'event', 'outcome'])"),
        ("scenario,event,outcome,date,date\n", "R: line 1: header: names date more than once"),
        (HEADER + f"{NAME},visit,no\n", "R: line 2: expected 4 fields, as the header has; got 3"),
        (HEADER + "us_japan,visit,no,2018-06-16\n",
         "R: line 2: scenario: no scenario 'us_japan' is backtested (did you mean "
         f"'{NAME}'?)"),
        (HEADER + f"\n{NAME},visti,no,2018-06-16\n",
         f"R: line 3: event: no event 'visti' in scenario '{NAME}' (did you mean 'visit'?)"),
        (HEADER + f"{NAME},visit,maybe,2018-06-16\n",
         "R: line 2: outcome: must be yes or no; got 'maybe'"),
        (HEADER + f"{NAME},visit,no,16/06/2018\n",
         "R: line 2: date: expected an ISO date (YYYY-MM-DD); got '16/06/2018'"),
        (HEADER + f"{NAME},visit,no,2018-02-30\n",
         "R: line 2: date: expected an ISO date (YYYY-MM-DD); got '2018-02-30' (day is out "
         "of range for month)"),
        (HEADER + f"{NAME},visit,no,2018-06-16\n{NAME},visit,yes,2018-06-17\n",
         f"R: line 3: event: {NAME}.visit is already resolved on line 2"),
        (HEADER + f'{NAME},"visit,no,2018-06-16\n', "R: line 2: not CSV (unexpected end of data)"),
    ],
)  # fmt: skip
def test_a_bad_row_names_the_file_the_line_and_the_field(text, message):
    with pytest.raises(InputError) as raised:
        parse_resolutions(text, [EXAMPLE], where="R")
    assert str(raised.value) == message


def test_a_file_that_is_missing_or_not_text_is_one_line(tmp_path):
    with pytest.raises(InputError, match=r"missing\.csv: no such resolutions file$"):
        read_resolutions(tmp_path / "missing.csv", [EXAMPLE])
    with pytest.raises(InputError, match=r"folder: not a regular resolutions file$"):
        (tmp_path / "folder").mkdir()
        read_resolutions(tmp_path / "folder", [EXAMPLE])
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"scenario,event\xff\xfe,outcome,date\n")
    with pytest.raises(InputError, match=r"binary\.csv: not UTF-8 text \(byte 14\); expected CSV"):
        read_resolutions(binary, [EXAMPLE])


def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + f"{NAME},visit,no,2018-06-16\n").encode())
    assert read_resolutions(path, [EXAMPLE])["event"].tolist() == ["visit"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_resolutions_or_one_line(text):
    try:
        table = parse_resolutions(HEADER + text, [EXAMPLE], where="R")
    except InputError as error:
        assert str(error).startswith("R: ") and "\n" not in str(error)
    else:
        assert set(table["scenario"]) <= {NAME}
