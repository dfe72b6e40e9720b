"""Drafting a starting scenario from an article's claims, for the analyst to curate.

One event per distinct claimed event (claims whose event phrases have the same content
words share one), named from the predicate and the words after it, asked as "Will ...?",
matched by the phrase's content words. A claim's condition becomes the event's ``given``:
on a drafted event that matches the condition phrase, else on a new event drafted from
the condition itself. Claims about the past are skipped. Resolution rules are left as
``TODO: curate`` text: only the analyst can say which source settles an event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from forecast.errors import InputError
from forecast.graph import KEYWORDS
from forecast.language.claim import Claim, Condition
from forecast.scenario.events import Event, MatchRule, Scenario
from forecast.scenario.link import link_claims, phrase_matches
from forecast.scenario.words import stem, tokens

TODO_RESOLUTION = (
    "TODO: curate: say which source decides this event (official schedule, named "
    "outlets) and the date by which it must happen."
)

# Words that carry no meaning of their own in an event phrase, and titles that vary
# between mentions of one person ("President Trump" / "Trump").
_STOPWORD_TEXT = (
    "a an the to of in on at for by with from and or but as about into onto over than "
    "then there here his her its their our your my this that these those it they he she "
    "we you i be will would may might could should can shall must do does did have has "
    "had not no so also just very up out off back way afterward afterwards later soon "
    "again president prime minister mr mrs ms dr"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their"})
_NAME_WORDS = 2  # content words after the predicate in an event name
_MAX_NAME = 40


@dataclass(frozen=True, slots=True)
class _Draft:
    """An event being drafted: its key, name, phrase and the claims behind it."""

    key: tuple[frozenset[str], str | None]
    name: str
    phrase: str
    predicate: str
    given: str | None
    claims: tuple[Claim, ...]


def content_words(phrase: str) -> tuple[str, ...]:
    """The phrase's words that are not stop words or titles, first occurrences in order.

    Examples
    --------
    >>> content_words("President Trump stop in Japan on his way back")
    ('trump', 'stop', 'japan')
    """
    words = [word for word in tokens(phrase) if word not in _STOPWORDS]
    return tuple(dict.fromkeys(words)) or tuple(dict.fromkeys(tokens(phrase)))


def draft_scenario(
    claims: Iterable[Claim],
    *,
    name: str,
    title: str,
    as_of: dt.date | None = None,
    articles: Sequence[str] = (),
) -> Scenario:
    """A starting scenario with one event per distinct claimed event.

    Parameters
    ----------
    claims : iterable of Claim
        Usually ``extract_claims(article)``; past claims are skipped.
    name, title : str
        The scenario's name (a slug) and title.
    as_of : date, optional
        The date the scenario speaks for (the article's publication date).
    articles : sequence of str
        Evidence files to record in the scenario.

    Raises
    ------
    InputError
        If ``name`` or ``title`` break the scenario rules, or no claim is forward-looking.
    """
    forward = [claim for claim in claims if _usable(claim)]
    if not forward:
        raise InputError(f"scenario '{name}': no forward-looking claims to draft events from")
    drafts: list[_Draft] = []
    for claim in forward:
        if claim.condition is None:
            _add(drafts, claim.event, claim.predicate, None, claim)
    for claim in forward:
        if claim.condition is not None:
            given = _given(drafts, claim.condition)
            _add(drafts, claim.event, claim.predicate, given, claim)
    events = tuple(_event(draft) for draft in drafts)
    return Scenario(name=name, title=title, events=events, articles=tuple(articles), as_of=as_of)


def _usable(claim: Claim) -> bool:
    """Forward-looking, with words in its event phrase and in its condition, if any."""
    condition = claim.condition
    return (
        claim.forward
        and bool(tokens(claim.event))
        and (condition is None or bool(tokens(condition.event)))
    )


def draft_notes(scenario: Scenario, claims: Iterable[Claim]) -> Mapping[str, tuple[str, ...]]:
    """Per event, the sentences of the claims that link to it (comments for the draft)."""
    notes: dict[str, list[str]] = {}
    for evidence in link_claims(scenario, claims):
        notes.setdefault(evidence.event, []).append(f"from: {evidence.claim.sentence.strip()}")
    return {event: tuple(dict.fromkeys(lines)) for event, lines in notes.items()}


def _key(phrase: str, given: str | None) -> tuple[frozenset[str], str | None]:
    return frozenset(stem(word) for word in content_words(phrase)), given


def _add(
    drafts: list[_Draft], phrase: str, predicate: str, given: str | None, claim: Claim | None
) -> _Draft:
    """The draft for ``phrase`` under ``given``, created when new; ``claim`` joins it."""
    key = _key(phrase, given)
    claims = (claim,) if claim is not None else ()
    for index, draft in enumerate(drafts):
        if draft.key == key:
            joined = dataclasses.replace(draft, claims=draft.claims + claims)
            drafts[index] = joined
            return joined
    name = _unique(_slug(phrase, predicate), {draft.name for draft in drafts})
    draft = _Draft(key, name, _clean(phrase), predicate, given, claims)
    drafts.append(draft)
    return draft


def _given(drafts: list[_Draft], condition: Condition) -> str:
    """The ``given`` expression for a claim's condition, drafting its event when new."""
    best = None
    for draft in drafts:
        words = content_words(draft.phrase)
        if (
            draft.given is None
            and phrase_matches(condition.event, [(word,) for word in words])
            and (best is None or len(words) > len(content_words(best.phrase)))
        ):
            best = draft
    if best is None:
        best = _add(drafts, condition.event, "", None, None)
    return f"not {best.name}" if condition.negated else best.name


def _event(draft: _Draft) -> Event:
    deadlines = [
        mention.end for claim in draft.claims for mention in claim.dates if mention.end is not None
    ]
    phrase, words = draft.phrase, tokens(draft.phrase)
    if words[0] in _DETERMINERS:
        phrase = phrase[0].lower() + phrase[1:]  # "The leaders ..." inside a question
    verb = set(tokens(draft.predicate))
    if words[0] in {"a", "an"} or (verb and not verb & set(words)):
        phrase = f"{phrase} happen"  # a noun phrase ("a Trump visit to Japan"), not a clause
    question = f"Will {phrase}?"
    if draft.given is not None:
        question = f"Given {draft.given}: will {phrase}?"
    return Event(
        name=draft.name,
        question=question[0].upper() + question[1:],
        resolution=TODO_RESOLUTION,
        deadline=max(deadlines) if deadlines else None,
        given=draft.given,
        match=MatchRule(all_of=tuple((word,) for word in content_words(draft.phrase))),
    )


def _clean(phrase: str) -> str:
    return " ".join(phrase.split()).strip(" .,;:")


def _slug(phrase: str, predicate: str) -> str:
    """An event name: the predicate and the content words after it (``stop_japan``)."""
    words = content_words(phrase)
    verb = [word for word in content_words(predicate) if word in words] if predicate else []
    if verb:
        after = words[words.index(verb[-1]) + 1 :]
        parts = [*verb, *after[:_NAME_WORDS]]
    else:
        parts = list(words[: _NAME_WORDS + 1])
    slug = "_".join(word.replace("'", "") for word in parts)[:_MAX_NAME].strip("_") or "event"
    if slug[0].isdigit() or slug in KEYWORDS:
        slug = f"event_{slug}"
    return slug


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    return candidate
