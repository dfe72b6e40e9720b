"""Scenarios: named binary events, their relations, and the rules linking claims to them.

Analysts write scenarios as TOML files in ``models/``; :func:`load_scenario` reads and
validates one (messages name the file, the event and the key); :func:`link_claims` pairs
claims with the events they inform; :func:`draft_scenario` writes a starting scenario from
an article's claims, and :func:`scenario_to_toml` writes any scenario back as TOML.
"""

from forecast.scenario.draft import draft_scenario
from forecast.scenario.events import Event, Evidence, MatchRule, Scenario
from forecast.scenario.link import link_claim, link_claims, phrase_matches, unlinked_claims
from forecast.scenario.load import default_scenario_path, load_scenario, loads_scenario
from forecast.scenario.write import scenario_to_toml

__all__ = [
    "Event",
    "Evidence",
    "MatchRule",
    "Scenario",
    "default_scenario_path",
    "draft_scenario",
    "link_claim",
    "link_claims",
    "load_scenario",
    "loads_scenario",
    "phrase_matches",
    "scenario_to_toml",
    "unlinked_claims",
]
