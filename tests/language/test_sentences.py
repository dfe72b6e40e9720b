"""Sentence splitting: spans index the text; abbreviations and captions do not fool it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecast.language.sentences import MAX_SENTENCE_CHARS, split_sentences

CASES = [
    ("Mr. Abe met U.S. officials. They may meet again.",
     ["Mr. Abe met U.S. officials.", "They may meet again."]),
    ("Talks start Jan. 5 in Washington. Nothing is settled.",
     ["Talks start Jan. 5 in Washington.", "Nothing is settled."]),
    ("He met Donald J. Trump in the U.S. Then he left.",
     ["He met Donald J. Trump in the U.S.", "Then he left."]),
    ('"It may rain," he said. Next? Yes!', ['"It may rain," he said.', "Next?", "Yes!"]),
    ("Leaders will meet\nPhoto: AP |\nThe summit is set.",
     ["Leaders will meet", "Photo: AP |", "The summit is set."]),
    ("Gen. Mattis and Dr. Smith arrived. No. 10 said so.",
     ["Gen. Mattis and Dr. Smith arrived.", "No. 10 said so."]),
    ("![]() |\n\n  The only sentence.  ", ["The only sentence."]),
    ("The deal was struck at 3 p.m. on Friday.", ["The deal was struck at 3 p.m. on Friday."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text, expected):
    sentences = split_sentences(text)
    assert [sentence.text for sentence in sentences] == expected
    assert all(text[slice(*sentence.span)] == sentence.text for sentence in sentences)


def test_seed_lines(seed_article_path):
    text = seed_article_path.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert (
        sentences[0].text
        == "Japanese and US leaders will meet continuously around the North Korea issue"
    )
    assert any(s.text.startswith("According to sources, Mr. Abe also hopes") for s in sentences)
    assert not any(s.text.startswith("Abe also") for s in sentences)
    assert len(sentences) == 15


@given(st.text(max_size=300))
def test_spans_are_ordered_and_index_the_text(text):
    previous_end = 0
    for sentence in split_sentences(text):
        start, end = sentence.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == sentence.text == sentence.text.strip()
        previous_end = end


def test_a_run_on_line_is_cut_at_spaces_into_bounded_sentences():
    text = "officials said leaders may meet " * 400
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == text.strip()
    assert all(text[slice(*s.span)] == s.text for s in sentences)


def test_titles_repeated_without_an_end_still_give_bounded_sentences():
    sentences = split_sentences("Mr. " * 2000 + "Abe may go.")
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert sentences[-1].text.endswith("Abe may go.")


def test_a_long_run_of_full_stops_is_one_boundary():
    assert [s.text for s in split_sentences("They may meet" + "." * 900 + " Then go.")] == [
        "They may meet" + "." * 900,
        "Then go.",
    ]
