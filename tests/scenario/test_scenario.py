"""Scenario files: loading, every validation rule, and the write/read round trip."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecast.errors import InputError
from forecast.scenario import Event, MatchRule, Scenario, load_scenario, scenario_to_toml
from forecast.scenario.validate import BASE_SPREAD_RANGE

BASE = """\
name = "demo"
title = "Demo scenario"
as_of = 2018-05-13

[events.summit]
question = "Will the summit take place?"
resolution = "Yes if it takes place."
deadline = 2018-06-12
base_rate = 0.7
match = { all_of = [["summit"]] }

[events.visit]
question = "Will Trump stop in Japan?"
resolution = "Yes if he does."
requires = ["summit"]
match = { all_of = [["trump"], ["visit", "stop"], ["japan"]] }

[events.call]
question = "If he does not, will Japan be briefed?"
resolution = "Yes if it is."
given = "not visit"
match = { all_of = [["brief"]] }

[events.briefed]
question = "Will Japan be briefed?"
resolution = "Yes if visit or call."
expr = "visit or call"
"""


def write(folder: Path, text: str, name: str = "demo.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_events_relations_and_rules(tmp_path):
    scenario = load_scenario(write(tmp_path, BASE))
    assert scenario.names == ("summit", "visit", "call", "briefed")
    assert scenario.as_of == dt.date(2018, 5, 13)
    assert scenario["summit"].deadline == dt.date(2018, 6, 12)
    assert scenario["summit"].base_rate == 0.7
    assert scenario["visit"].base_rate == 0.5  # the documented default
    assert scenario["visit"].requires == ("summit",)
    assert scenario["visit"].match == MatchRule(all_of=(("trump",), ("visit", "stop"), ("japan",)))
    assert scenario["call"].given == "not visit"
    assert scenario["briefed"].derived and not scenario["visit"].derived
    assert scenario["briefed"].parents == ("call", "visit")
    assert scenario.topological_order().index("briefed") > scenario.topological_order().index(
        "call"
    )
    assert scenario.path == str(tmp_path / "demo.toml")


def test_articles_resolve_against_the_scenario_file(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("text", encoding="utf-8")
    text = BASE.replace("as_of = 2018-05-13", 'articles = ["articles/a.txt"]')
    scenario = load_scenario(write(tmp_path, text))
    assert scenario.articles == ("articles/a.txt",)
    assert scenario.article_paths() == (tmp_path / "articles" / "a.txt",)


# (old text in BASE, new text, the message the error must match): one row per rule.
INVALID = [
    ('title = "Demo scenario"', "title = ", r"demo\.toml: not valid TOML: .*line 2"),
    ('title = "Demo scenario"', 'titel = "x"', r"unknown key 'titel' \(did you mean 'title'\?\)"),
    ('title = "Demo scenario"', "", r"demo\.toml: key 'title' is missing"),
    ('name = "demo"', 'name = "my demo"', r"demo\.toml: key 'name': must be a name"),
    ("as_of = 2018-05-13", 'as_of = "2018-05-13"', r"key 'as_of': must be a date"),
    ("as_of = 2018-05-13", "as_of = 2018-05-13T10:00:00", r"key 'as_of': must be a date"),
    ("as_of = 2018-05-13", "articles = 'a.txt'", r"key 'articles': must be a list of text"),
    (
        "as_of = 2018-05-13",
        'articles = ["missing.txt"]',
        r"demo\.toml: key 'articles': no such file 'missing\.txt'",
    ),
    (
        'requires = ["summit"]',
        'require = ["summit"]',
        r"demo\.toml: event 'visit': unknown key 'require' \(did you mean 'requires'\?\)",
    ),
    (
        'match = { all_of = [["summit"]] }',
        'match = { al_of = [["summit"]] }',
        r"event 'summit': key 'match': unknown key 'al_of' \(did you mean 'all_of'\?\)",
    ),
    ('question = "Will Trump stop in Japan?"', "", r"event 'visit': key 'question' is missing"),
    ('resolution = "Yes if he does."', "", r"event 'visit': key 'resolution' is missing"),
    ('question = "Will Trump stop in Japan?"', 'question = " "', r"key 'question': must be non"),
    ('question = "Will Trump stop in Japan?"', "question = 3", r"key 'question': must be text"),
    (
        "base_rate = 0.7",
        "base_rate = 1.4",
        r"event 'summit': key 'base_rate': must be in \(0, 1\); got 1\.4",
    ),
    ("base_rate = 0.7", "base_rate = 0.0", r"key 'base_rate': must be in \(0, 1\); got 0\.0"),
    ("base_rate = 0.7", 'base_rate = "high"', r"key 'base_rate': must be in \(0, 1\); got 'high'"),
    ("base_rate = 0.7", "base_rate = nan", r"key 'base_rate': must be in \(0, 1\); got nan"),
    (
        "base_rate = 0.7",
        "base_spread = -1",
        r"key 'base_spread': must be a number in \[0.01, 10\]; got -1",
    ),
    (
        "deadline = 2018-06-12",
        'deadline = "2018-06-12"',
        r"event 'summit': key 'deadline': must be a date",
    ),
    ("deadline = 2018-06-12", "deadline = 2018-06-12T09:00:00", r"key 'deadline': must be a date"),
    (
        'requires = ["summit"]',
        'requires = ["sumit"]',
        r"event 'visit': key 'requires': unknown event 'sumit' \(did you mean 'summit'\?\)",
    ),
    ('requires = ["summit"]', 'requires = "summit"', r"key 'requires': must be a list of text"),
    (
        'requires = ["summit"]',
        'requires = ["visit"]',
        r"event 'visit': key 'requires': an event cannot require itself",
    ),
    (
        'given = "not visit"',
        'given = "not vist"',
        r"event 'call': key 'given': unknown event 'vist' \(did you mean 'visit'\?\)",
    ),
    ('given = "not visit"', "given = 1", r"event 'call': key 'given': must be text"),
    (
        'expr = "visit or call"',
        'expr = "visit or cal"',
        r"event 'briefed': key 'expr': unknown event 'cal'",
    ),
    (
        'expr = "visit or call"',
        'expr = "visit or"',
        r"key 'expr': expression 'visit or' does not parse: .*column 9",
    ),
    (
        'expr = "visit or call"',
        'expr = "visit + call"',
        r"does not parse: unexpected character '\+'",
    ),
    (
        "base_rate = 0.7",
        'base_rate = 0.7\nrequires = ["visit"]',
        r"demo\.toml: events depend on each other in a cycle: "
        r"(summit -> visit -> summit|visit -> summit -> visit)",
    ),
    (
        'expr = "visit or call"',
        'expr = "visit or call"\nbase_rate = 0.4',
        r"event 'briefed': key 'base_rate': not allowed on a derived event",
    ),
    (
        'expr = "visit or call"',
        'expr = "visit or call"\nmatch = { all_of = [["brief"]] }',
        r"event 'briefed': key 'match': not allowed on a derived event",
    ),
    ("[events.call]", "[events.summit]", r"not valid TOML: .*line"),  # an event defined twice
    ("[events.call]", "[events.2call]", r"event '2call': event name must be a name"),
    ("[events.call]", "[events.not]", r"event 'not': event name must not be one of"),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = ["summit"] }',
        r"key 'match'\.all_of: must be a list of groups",
    ),
    (
        'match = { all_of = [["summit"]] }',
        "match = { all_of = [] }",
        r"key 'match'\.all_of: must have at least one group",
    ),
    (
        'match = { all_of = [["summit"]] }',
        "match = { all_of = [[]] }",
        r"key 'match'\.all_of: a group must hold at least one phrase",
    ),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = [["--"]] }',
        r"key 'match'\.all_of: a phrase must be text with at least one word; got '--'",
    ),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = [["a"]], none_of = [""] }',
        r"key 'match'\.none_of: a phrase must be text",
    ),
    (
        'match = { all_of = [["summit"]] }',
        "match = { none_of = [] }",
        r"event 'summit': key 'match': key 'all_of' is missing",
    ),
    ('match = { all_of = [["summit"]] }', 'match = "summit"', r"key 'match': must be a table"),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = [["summit"]], condition = [["visit"]] }',
        r"event 'summit': key 'match'\.condition: only a conditional event",
    ),
    (
        'match = { all_of = [["brief"]] }',
        'match = { all_of = [["brief"]], condition_negated = true }',
        r"event 'call': key 'match'\.condition_negated: needs 'condition'",
    ),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = [["summit"]], against = [[]] }',
        r"key 'match'\.against: a group must hold at least one phrase",
    ),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = [["summit"]], against = "cancel" }',
        r"key 'match'\.against: must be a list of groups of phrases",
    ),
    (
        'match = { all_of = [["summit"]] }',
        'match = { all_of = [["summit"]], agianst = [["cancel"]] }',
        r"did you mean 'against'",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), INVALID, ids=[row[2][:40] for row in INVALID])
def test_every_rule_is_enforced_with_a_message_naming_file_event_and_key(
    tmp_path, old, new, message
):
    assert old in BASE
    with pytest.raises(InputError, match=message):
        load_scenario(write(tmp_path, BASE.replace(old, new, 1)))


def test_missing_file_and_non_table_events(tmp_path):
    with pytest.raises(InputError, match=r"nope\.toml: no such scenario file"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(InputError, match=r"key 'events': must be a table of events"):
        load_scenario(write(tmp_path, 'name = "a"\ntitle = "b"\nevents = 3\n'))
    with pytest.raises(InputError, match=r"key 'events': must define at least one event"):
        load_scenario(write(tmp_path, 'name = "a"\ntitle = "b"\n[events]\n'))
    with pytest.raises(InputError, match=r"event 'x': must be a table of keys"):
        load_scenario(write(tmp_path, 'name = "a"\ntitle = "b"\n[events]\nx = 1\n'))


def test_scenarios_built_in_code_are_checked_too():
    event = Event("visit", "Q?", "R", base_rate=2.0)
    with pytest.raises(InputError, match=r"scenario 'demo': event 'visit': key 'base_rate'"):
        Scenario("demo", "Demo", (event,))
    twice = (Event("visit", "Q?", "R"), Event("visit", "Q?", "R"))
    with pytest.raises(InputError, match=r"scenario 'demo': event 'visit': defined twice"):
        Scenario("demo", "Demo", twice)
    derived = Event("briefed", "Q?", "R", expr="visit", requires=("visit",))
    with pytest.raises(InputError, match=r"event 'briefed': key 'requires': not allowed"):
        Scenario("demo", "Demo", (Event("visit", "Q?", "R"), derived))


# --- write/read round trip -------------------------------------------------------------

NAMES = ("summit", "visit", "call", "briefed", "team", "g7", "abductions", "E_9")
words = st.from_regex(r"[a-z]{1,8}( [a-z]{1,8}){0,2}", fullmatch=True)
groups = st.lists(st.lists(words, min_size=1, max_size=3).map(tuple), min_size=1, max_size=3).map(
    tuple
)
texts = st.text(min_size=1).filter(str.strip)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))


@st.composite
def scenarios(draw) -> Scenario:
    """Valid scenarios: parents are always earlier events, so there is no cycle."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    events = []
    for index, name in enumerate(names):
        earlier = names[:index]
        common = {
            "name": name,
            "question": draw(texts),
            "resolution": draw(texts),
            "deadline": draw(st.none() | dates),
        }
        if earlier and draw(st.booleans()):
            left, right = draw(st.sampled_from(earlier)), draw(st.sampled_from(earlier))
            operator = draw(st.sampled_from(["or", "and", "and not"]))
            events.append(Event(**common, expr=f"{left} {operator} {right}"))
            continue
        given = None
        if earlier and draw(st.booleans()):
            given = draw(
                st.sampled_from(earlier).map(lambda n: f"not {n}") | st.sampled_from(earlier)
            )
        match = None
        if draw(st.booleans()):
            condition = draw(groups) if given is not None and draw(st.booleans()) else ()
            match = MatchRule(
                all_of=draw(groups),
                none_of=tuple(draw(st.lists(words, max_size=2))),
                condition=tuple(condition),
                condition_negated=bool(condition) and draw(st.booleans()),
                against=draw(groups) if draw(st.booleans()) else (),
            )
        events.append(
            Event(
                **common,
                base_rate=draw(st.floats(0, 1, exclude_min=True, exclude_max=True)),
                base_spread=draw(st.floats(*BASE_SPREAD_RANGE)),
                requires=tuple(draw(st.lists(st.sampled_from(earlier), unique=True)))
                if earlier
                else (),
                given=given,
                match=match,
            )
        )
    return Scenario(
        name=draw(st.sampled_from(["demo", "us_japan_2018", "X"])),
        title=draw(texts),
        events=tuple(events),
        as_of=draw(st.none() | dates),
    )


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_a_scenario_survives_a_write_read_round_trip(scenario):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.toml"
        path.write_text(scenario_to_toml(scenario), encoding="utf-8")
        back = load_scenario(path)
    assert back == dataclasses.replace(scenario, path=str(path))


def test_notes_are_written_as_comments(tmp_path):
    scenario = load_scenario(write(tmp_path, BASE))
    text = scenario_to_toml(scenario, notes={"visit": ["from: Trump may stop.\nsecond line"]})
    assert "# from: Trump may stop.\n# second line\n[events.visit]" in text
    assert load_scenario(write(tmp_path, text, "again.toml")).events == scenario.events
