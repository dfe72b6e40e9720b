"""Token-level reading of the parse: the dependents look-up against a plain scan."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from forecast.language import tokens as tk


def scanned(token) -> list[int]:
    """The dependents of ``token`` within the window, by scanning every word of it."""
    doc, i = token.doc, token.i
    window = doc[max(0, i - tk.WINDOW) : min(len(doc), i + tk.WINDOW + 1)]
    return [word.i for word in window if word.head.i == i and word.i != i]


def test_kids_are_the_dependents_a_scan_of_the_window_finds(nlp):
    doc = nlp(
        "Officials said the summit, which had been scheduled for June, was called off, "
        "and Mr. Abe is expected to ask Mr. Trump to raise the abductions issue. "
        "No schedule has been set yet, a government source said on Tuesday."
    )
    assert [[kid.i for kid in tk.kids(token)] for token in doc] == [scanned(token) for token in doc]


def test_a_flat_tree_gives_only_the_dependents_within_the_window():
    n_words = 5 * tk.WINDOW
    root = n_words // 2
    words = ["word"] * n_words
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[root] * n_words, deps=["dep"] * n_words)
    found = [kid.i for kid in tk.kids(doc[root])]
    assert found == scanned(doc[root])
    assert found == [i for i in range(root - tk.WINDOW, root + tk.WINDOW + 1) if i != root]
    assert list(tk.kids(doc[0])) == []


@pytest.mark.parametrize(
    ("slipped", "word"),
    [("scrapp", "scrap"), ("schedul", "schedule"), ("wishing", "wish"), ("planning", "plan")],
)
def test_a_slipped_lemma_is_mended_to_its_table_word(slipped, word):
    assert tk.known(slipped) == word


@pytest.mark.parametrize("word", ["plane", "cane", "bide", "note"])
def test_a_real_word_is_not_mended_into_another(word):
    """ "the plane headed for America" holds no plan."""
    assert tk.known(word) == word
