"""Issue 10, points 2 and 5, on sentences written for this suite: a claim's source is the
one who tells it, read from the parse (the subject of the reporting, vowing or thinking
verb, the outermost one of a nested report, a quoted official before the paper quoting
him), a pronoun or a quotation running over sentences stands for the person last named,
and the event phrase leaves the reporting clause out."""

from __future__ import annotations

import datetime as dt

import pytest

from forecast.language import tokens as tk
from forecast.language.attribution import source_named
from forecast.language.claim import Source, SourceKind
from forecast.language.extract import extract_claims
from forecast.language.lexicon import load_lexicon
from forecast.language.parse import load_parser
from forecast.language.predicates import read_text
from forecast.language.sentences import split_sentences
from forecast.language.speakers import Earlier, quoted_attributions, speaker
from forecast.reading.article import Article

LEXICON = load_lexicon()
MONDAY = dt.date(2024, 3, 4)
OUTLET = Source("Daily Planet", SourceKind.OUTLET)


def forward_claims(text: str):
    article = Article(text, published=MONDAY, source="Daily Planet")
    return [claim for claim in extract_claims(article, LEXICON) if claim.forward]


def claim_about(text: str, word: str):
    (claim,) = [claim for claim in forward_claims(text) if word in claim.event]
    return claim


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("Transport minister Ana Ruiz warned that repairs could take weeks.", "take", "Ana Ruiz"),
        ("The rail union has vowed to strike next month.", "strike", "rail union"),
        ("Senator Joan Pike thinks the bill might pass in May.", "pass", "Joan Pike"),
        ("Mayor Tom Hale toured the site and said the bridge would reopen in June.", "reopen",
         "Tom Hale"),
        ("Ruiz said the council had pledged to rebuild the old bridge next year.", "rebuild",
         "Ruiz"),
        ("The Courier quoted an aide as saying the bridge would reopen in June.", "reopen",
         "aide"),
    ],
)  # fmt: skip
def test_the_source_is_who_tells_or_holds_it(text, word, name):
    claim = claim_about(text, word)
    assert name in claim.source.name
    assert claim.source.kind in (SourceKind.OFFICIAL, SourceKind.ANONYMOUS)


@pytest.mark.parametrize(
    "text",
    [
        "The talks are likely to resume next week.",
        "The vote is set to take place in May.",
        "But many do not want to return before the spring.",
    ],
)
def test_no_one_holds_a_raised_or_counted_subject(text):
    (claim,) = forward_claims(text)
    assert claim.source.kind is SourceKind.OUTLET


def test_a_pronoun_stands_for_the_person_last_named():
    text = (
        "Mayor Tom Hale said repairs had gone well. Later he said the bridge would reopen in June."
    )
    assert claim_about(text, "reopen").source.name == "Mayor Tom Hale"


def test_a_quotation_over_sentences_is_its_speakers():
    text = (
        "Mayor Tom Hale said repairs had gone well. "
        '"The bridge will reopen in June. We will widen the road in July," he said.'
    )
    claims = forward_claims(text)
    assert {claim.source.name for claim in claims} == {"Mayor Tom Hale"}
    assert len(claims) == 2


def test_a_quotation_is_attributed_where_it_closes():
    text = '"The bridge will reopen in June. The road will be widened in July," said Ana Ruiz.'
    assert {claim.source.name for claim in forward_claims(text)} == {"Ana Ruiz"}


def test_quotation_runs_end_at_a_paragraph_break():
    text = '"The bridge will reopen in June.\n\nThe road may close," said Ana Ruiz.'
    sentences = split_sentences(text)
    assert [quoted for _, quoted in quoted_attributions(text, sentences)] == [False, False]


def test_unnamed_people_by_role_are_anonymous():
    claim = claim_about("Analysts say the central bank will cut rates in June.", "cut")
    assert claim.source.kind is SourceKind.ANONYMOUS


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman denied reports that the minister would resign in May.",
        "Officials rejected claims that the army would withdraw next week.",
    ],
)
def test_a_denied_report_is_evidence_against(text):
    (claim,) = forward_claims(text)
    assert claim.prob < 0.5


def test_a_report_noun_alone_is_hearsay():
    text = "Shares fell on Monday amid reports that the minister would resign."
    (resign,) = [r for r in read_text(text, LEXICON)
                 if r.lemma == "resign"]  # fmt: skip
    assert "reportedly" in resign.cues and not resign.negated


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("Officials say the new bridge will open next year.", "say"),
        ("Engineers warned that repairs could take weeks.", "warn"),
    ],
)
def test_the_event_leaves_the_reporting_clause_out(text, frame):
    (claim,) = forward_claims(text)
    assert frame not in claim.event


def test_a_pronoun_in_the_chain_gives_way_to_the_next_name():
    found = speaker(("he", "Lin Wu"), (), OUTLET, Earlier("Daily Planet"))
    assert (found.name, found.kind) == ("Lin Wu", SourceKind.OFFICIAL)


def test_a_written_attribution_outranks_the_holder():
    written = Source("sources", SourceKind.ANONYMOUS)
    assert speaker((), ("Mr. Abe",), written, Earlier("Daily Planet")) == written
    assert speaker((), ("Mr. Abe",), OUTLET, Earlier("Daily Planet")).name == "Mr. Abe"


def test_the_written_name_when_it_names_the_reporter_more_fully():
    written = Source("Deputy mayor Ann Lee", SourceKind.OFFICIAL)
    assert speaker(("Ann Lee",), (), written, Earlier("Daily Planet")) == written


def test_earlier_keeps_the_written_source_apart_from_the_last_name():
    written = Source("government sources", SourceKind.ANONYMOUS)
    earlier = Earlier("Daily Planet").after(
        written, [Source("Mayor Tom Hale", SourceKind.OFFICIAL)]
    )
    later = earlier.after(OUTLET, [Source("he", SourceKind.OFFICIAL)])
    assert later.written == written
    assert later.named.name == "Mayor Tom Hale"


def test_a_source_never_runs_across_a_line_break():
    assert source_named("Rates in focus \n 2024 03 - 04", None, "Daily Planet") is None
    assert source_named("Rates in focus \n\n Analysts", None, "Daily Planet").name == "Analysts"


def test_a_dated_will_under_a_hope_is_a_hope_not_an_arrangement():
    hoped = claim_about("Officials hope the bridge will reopen by Friday.", "reopen")
    stated = claim_about("The bridge will reopen on Friday.", "reopen")
    assert "hopes to" in [match.cue for match in hoped.cues]
    assert hoped.prob < stated.prob


def test_a_phrase_starts_after_the_last_line_break_before_its_word():
    doc = load_parser()("Title\n2024-05-01\n\nAnalysts doubt that the bank will cut rates.")
    (analysts,) = [token for token in doc if token.text == "Analysts"]
    assert tk.phrase(analysts) == "Analysts"
