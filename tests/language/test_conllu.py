"""CoNLL-U reading, writing and word-aligned scoring, checked on hand-made sentences."""

from __future__ import annotations

import pytest

from forecast.language.conllu import Sentence, Word, document_texts, format_conllu, read_conllu
from forecast.language.ud_score import score_parses

# "They don't go." with the contraction as a multiword token, as EWT writes it.
GOLD = """\
# newdoc id = d1
# sent_id = 1
# text = They don't go.
1	They	they	PRON	PRP	Case=Nom|Number=Plur	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	Mood=Ind	4	aux	_	_
3	n't	not	PART	RB	Polarity=Neg	4	advmod	_	_
4	go	go	VERB	VB	VerbForm=Inf	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = 2
# newpar id = p2
# text = Rain fell.
1	Rain	rain	NOUN	NN	Number=Sing	2	nsubj	_	_
2	fell	fall	VERB	VBD	Tense=Past	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_
"""


def _word(form, start, head, deprel, upos="X"):
    return Word(form, form, upos, "_", "_", head, deprel, start, start + len(form))


def test_read_conllu_splits_a_multiword_token_by_its_words_forms():
    first, second = read_conllu(GOLD)
    spans = [(w.form, w.start, w.end) for w in first.words]
    assert spans == [("They", 0, 4), ("do", 5, 7), ("n't", 7, 10), ("go", 11, 13), (".", 13, 14)]
    assert first.new_doc and not first.new_par
    assert second.new_par
    assert [first.text[w.start : w.end] for w in first.words] == ["They", "do", "n't", "go", "."]


def test_document_texts_joins_paragraphs_with_blank_lines():
    [(text, placed)] = document_texts(read_conllu(GOLD))
    assert text == "They don't go.\n\nRain fell."
    assert [offset for offset, _ in placed] == [0, 16]


def test_format_then_read_round_trips_forms_heads_and_spacing():
    sentences = list(read_conllu(GOLD))
    again = list(read_conllu(format_conllu(sentences)))
    for before, after in zip(sentences, again, strict=True):
        assert [(w.form, w.head, w.deprel, w.start, w.end) for w in after.words] == [
            (w.form, w.head, w.deprel, w.start, w.end) for w in before.words
        ]


def test_score_counts_a_wrong_head_and_a_wrong_label_against_hand_counts():
    gold = Sentence(
        "a b c d",
        (_word("a", 0, 2, "nsubj"), _word("b", 2, 0, "root"), _word("c", 4, 2, "obj"),
         _word("d", 6, 3, "amod")),
    )  # fmt: skip
    system = Sentence(
        "a b c d",
        (_word("a", 0, 2, "nsubj"), _word("b", 2, 0, "ROOT"), _word("c", 4, 2, "obl"),
         _word("d", 6, 2, "amod")),
    )  # fmt: skip
    scores = score_parses([(0, gold)], [(0, system)])
    assert scores.words == 1.0
    assert scores.uas == pytest.approx(3 / 4)  # d's head is wrong
    assert scores.las == pytest.approx(2 / 4)  # and c's label
    assert scores.sentences == 1.0


def test_score_is_an_f1_over_words_when_tokenisation_differs():
    gold = Sentence(
        "ab c", (_word("a", 0, 0, "root"), _word("b", 1, 1, "dep"), _word("c", 3, 1, "dep"))
    )
    system = Sentence("ab c", (_word("ab", 0, 0, "root"), _word("c", 3, 1, "dep")))
    scores = score_parses([(0, gold)], [(0, system)])
    # One word of three gold and two system words aligns: F1 = 2 * 1 / (3 + 2).
    assert scores.words == pytest.approx(2 / 5)
    assert scores.uas == 0.0  # c's head "ab" aligns with no gold word, so it cannot be right
    assert (scores.n_gold_words, scores.n_system_words) == (3, 2)


def test_a_row_with_missing_fields_is_refused():
    with pytest.raises(ValueError, match="expected 10"):
        list(read_conllu("1\tword\tword\n"))
