"""The shipped parser on sentences of known structure, its loader's errors, and ``parse``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forecast.cli import main
from forecast.language.conllu import read_conllu
from forecast.language.parse import (
    MODEL_DIR,
    ParserError,
    load_parser,
    parse_text,
    parser_metrics,
    read_parsed,
    stream_parsed,
)
from forecast.language.ud_score import score_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


def _token(doc, text, nth=0):
    return [token for token in doc if token.text == text][nth]


def test_reporting_verb_governs_the_forecast_clause(nlp):
    doc = nlp("Officials said the president will visit Tokyo next week.")
    visit = _token(doc, "visit")
    assert visit.dep_ == "ccomp"
    assert visit.head.text == "said"
    assert _token(doc, "president").head == visit


def test_cited_as_saying_puts_the_event_under_saying(nlp):
    doc = nlp("The newspaper cited an aide as saying that the trip would be postponed.")
    postponed = _token(doc, "postponed")
    assert postponed.head.text == "saying"
    assert postponed.dep_ == "ccomp"


def test_modal_and_will_are_auxiliaries_of_the_lexical_verb(nlp):
    doc = nlp("The two leaders will meet in Singapore, and Abe may visit Washington.")
    for aux, verb in (("will", "meet"), ("may", "visit")):
        token = _token(doc, aux)
        assert (token.pos_, token.tag_, token.dep_) == ("AUX", "MD", "aux")
        assert token.head.text == verb
        assert _token(doc, verb).pos_ == "VERB"


def test_past_perfect_plan_has_past_auxiliary_and_participle(nlp):
    doc = nlp("The meeting had been scheduled for June.")
    scheduled = _token(doc, "scheduled")
    assert scheduled.pos_ == "VERB"
    assert scheduled.tag_ == "VBN"
    had = _token(doc, "had")
    assert had.pos_ == "AUX" and had.head == scheduled
    assert "Past" in had.morph.get("Tense")


def test_negation_attaches_to_the_verb_it_negates(nlp):
    doc = nlp("The president did not attend the summit.")
    negation = _token(doc, "not")
    assert negation.head.text == "attend"
    assert negation.morph.get("Polarity") == ["Neg"]
    assert _token(doc, "did").pos_ == "AUX"


def test_may_the_name_is_a_proper_noun_and_may_the_modal_an_auxiliary(nlp):
    name = _token(nlp("Prime Minister Theresa May will meet Trump in July."), "May")
    assert name.pos_ == "PROPN"
    modal = _token(nlp("The talks may collapse in July."), "may")
    assert modal.pos_ == "AUX"


def test_news_abbreviations_stay_whole(nlp):
    doc = nlp("Lt. Col. Smith met Sgt. Jones on Pennsylvania Ave. yesterday.")
    assert {"Lt.", "Col.", "Sgt.", "Ave."} <= {token.text for token in doc}


def test_the_same_text_parses_the_same_in_another_process(nlp, tmp_path):
    text = "Sources said Trump may stop in Japan on his way back. No schedule has been set."
    here = [(t.text, t.tag_, t.dep_, t.head.i) for t in nlp(text)]
    code = (
        "from forecast.language.parse import load_parser\n"
        f"print([(t.text, t.tag_, t.dep_, t.head.i) for t in load_parser()({text!r})])"
    )
    there = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert there.strip() == repr(here)


def test_numpy_blas_gives_the_annotations_of_thincs_default_ops(nlp):
    import spacy
    from thinc.api import NumpyOps

    text = (
        "Officials said President Trump may stop in Japan on his way back from Singapore. "
        "The summit, which had been scheduled for June, was called off on Tuesday.\n\n"
        "Mr. Abe is expected to ask Mr. Trump to raise the abductions issue."
    )
    default = spacy.load(MODEL_DIR)
    nodes = [node for _, pipe in nlp.pipeline for node in pipe.model.walk()]
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)
    assert any(n.ops.use_blis for _, pipe in default.pipeline for n in pipe.model.walk())

    def annotations(doc):
        return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_) for t in doc]

    assert annotations(nlp(text)) == annotations(default(text))


def test_long_text_is_parsed_in_pieces_whose_offsets_map_back(nlp, monkeypatch):
    import forecast.language.parse as parse

    monkeypatch.setattr(parse, "CHUNK_CHARS", 60)
    text = "The summit may go ahead.\n" * 10
    pieces = parse_text(text, nlp)
    assert len(pieces) > 1
    for offset, doc in pieces:
        assert text[offset : offset + len(doc.text)] == doc.text
    assert "".join(doc.text for _, doc in pieces) == text


def _annotated(pieces):
    return [
        (offset, [(t.text, t.tag_, str(t.morph), t.lemma_, t.head.i, t.dep_) for t in doc])
        for offset, doc in pieces
    ]


@pytest.fixture
def long_text(monkeypatch):
    """A text of five pieces, parsed by a forked helper as well as by this process."""
    import forecast.language.parse as parse

    monkeypatch.setattr(parse, "CHUNK_CHARS", 200)
    monkeypatch.setattr(parse, "_can_fork", lambda: True)
    sentences = (
        "Officials said the summit may go ahead in June. ",
        "The talks were called off on Tuesday, a source said. ",
        "Mr. Abe is expected to ask Mr. Trump to raise the issue. ",
    )
    return "".join(sentences[i % 3] for i in range(18))


def test_a_forked_helper_parses_the_back_half_as_this_process_would(nlp, long_text, monkeypatch):
    import forecast.language.parse as parse

    helped = parse_text(long_text, nlp)
    monkeypatch.setattr(parse, "_can_fork", lambda: False)
    alone = parse_text(long_text, nlp)
    assert len(alone) == 5
    assert _annotated(helped) == _annotated(alone)


def test_the_back_half_comes_from_the_helper(nlp, long_text, monkeypatch):
    import forecast.language.parse as parse

    real = parse._parse_for_parent

    def shouting(nlp, pieces, read, sender, receiver, parent):
        real(
            nlp, [(offset, text.upper()) for offset, text in pieces], read, sender, receiver, parent
        )

    monkeypatch.setattr(parse, "_parse_for_parent", shouting)
    docs = [doc for _, doc in parse_text(long_text, nlp)]
    assert [doc.text.isupper() for doc in docs] == [False] * 2 + [True] * 3


def test_each_piece_is_parsed_as_a_text_of_its_own(nlp, long_text):
    pieces = parse_text(long_text, nlp)
    alone = [(offset, nlp(doc.text)) for offset, doc in pieces]
    assert _annotated(pieces) == _annotated(alone)


def test_each_process_reads_the_pieces_it_parsed(nlp, long_text):
    """The helper reads its pieces itself: only the readings cross, in text order."""
    offsets = [offset for offset, _ in parse_text(long_text, nlp)]
    read = read_parsed(long_text, lambda doc, offset: (offset, len(doc), os.getpid()), nlp)
    assert [offset for offset, _, _ in read] == offsets
    assert all(size > 0 for _, size, _ in read)
    assert [pid == os.getpid() for _, _, pid in read] == [True] * 2 + [False] * 3


def test_a_helper_that_dies_leaves_the_parse_whole(nlp, long_text, monkeypatch):
    import forecast.language.parse as parse

    expected = _annotated(parse_text(long_text, nlp))
    monkeypatch.setattr(parse, "_parse_for_parent", lambda *args: os._exit(1))
    assert _annotated(parse_text(long_text, nlp)) == expected


def test_a_helper_that_dies_midway_leaves_only_what_it_did_not_send(nlp, long_text, monkeypatch):
    """The helper sends each piece when done; the parent parses only the pieces still owed."""
    import forecast.language.parse as parse

    real = parse._parse_for_parent

    def one_then_die(nlp, pieces, read, sender, receiver, parent):
        real(nlp, pieces[:1], read, sender, receiver, parent)
        os._exit(1)

    monkeypatch.setattr(parse, "_parse_for_parent", one_then_die)
    read = read_parsed(long_text, lambda doc, offset: (offset, os.getpid()), nlp)
    assert [offset for offset, _ in read] == [offset for offset, _ in parse_text(long_text, nlp)]
    assert [pid == os.getpid() for _, pid in read] == [True, True, False, True, True]


def test_the_helper_parses_on_while_this_process_is_still_busy(nlp, long_text, tmp_path):
    """Results larger than a pipe holds do not stall the helper until this process has
    parsed its own pieces: the helper reads its last piece while this process still waits
    in its first (the wait gives up after a minute, so a stalled helper fails, not hangs)."""
    last_offset = parse_text(long_text, nlp)[-1][0]
    done, parent = tmp_path / "helper-done", os.getpid()

    def read(doc, offset):
        if os.getpid() != parent:
            if offset == last_offset:
                done.touch()
            return b"x" * 2**20
        deadline = time.monotonic() + 60
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return done.exists()

    assert read_parsed(long_text, read, nlp)[0] is True


def test_streamed_pieces_come_in_order_with_where_each_ends(nlp, long_text):
    streamed = list(stream_parsed(long_text, lambda doc, offset: (offset, doc.text), nlp))
    assert [reach for reach, _ in streamed] == [offset + len(t) for _, (offset, t) in streamed]
    assert streamed[-1][0] == len(long_text)


def test_this_process_parses_the_front_share_to_a_whole_piece(nlp, long_text):
    """A share that ends exactly where piece k ends gives this process k pieces; at least one
    piece goes to each process whatever the share."""
    ends = [offset + len(doc.text) for offset, doc in parse_text(long_text, nlp)]
    shares = {0.0: 1, 1.0: 4} | {end / len(long_text): k for k, end in enumerate(ends[:-1], 1)}
    for share, front in shares.items():
        pids = stream_parsed(long_text, lambda doc, offset: os.getpid(), nlp, share)
        assert [pid == os.getpid() for _, pid in pids] == [True] * front + [False] * (5 - front)


def test_closing_the_stream_early_ends_the_helper(nlp, long_text):
    import multiprocessing

    stream = stream_parsed(long_text, lambda doc, offset: offset, nlp)
    next(stream)
    assert multiprocessing.active_children()
    stream.close()
    assert not multiprocessing.active_children()


def _running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@pytest.mark.skipif(sys.platform != "linux", reason="the helper is forked on Linux only")
def test_a_helper_ends_when_its_parent_is_killed():
    """kill -9 of the command that forked a parsing helper leaves no helper behind."""
    script = (
        "import os, time\n"
        "from forecast.language.parse import _die_with\n"
        "parent = os.getpid()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    _die_with(parent)\n"
        "    time.sleep(120)\n"
        "    os._exit(0)\n"
        "print(child, flush=True)\n"
        "time.sleep(120)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    command = subprocess.Popen(
        [sys.executable, "-c", script], cwd=repo, stdout=subprocess.PIPE, text=True
    )
    child = int(command.stdout.readline())
    command.kill()
    command.wait()
    deadline = time.monotonic() + 30
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def test_shipped_metrics_are_what_the_shipped_model_scores_on_ewt_test(nlp, shared_dir):
    metrics = parser_metrics()
    ewt = shared_dir / "data" / "ud-english-ewt"
    assert metrics["treebank_commit"] in (ewt / "NOTICE.txt").read_text()
    scores = score_pipeline(nlp, (ewt / "en_ewt-ud-test.conllu").read_text("utf-8")).as_dict()
    for name in ("words", "upos", "las", "uas"):
        assert scores[name] == pytest.approx(metrics["test"][name], abs=1e-9), name
    assert (MODEL_DIR / "NOTICE.txt").is_file() and (MODEL_DIR / "LICENSE.txt").is_file()


def test_missing_model_gives_one_clear_error(tmp_path):
    with pytest.raises(ParserError, match=r"parser model missing at .*reinstall"):
        load_parser(tmp_path / "nowhere")


def test_corrupt_model_gives_one_clear_error(tmp_path):
    broken = tmp_path / "parser"
    shutil.copytree(MODEL_DIR, broken)
    weights = broken / "parser" / "model"
    weights.write_bytes(b"\x00garbage" * 10)
    with pytest.raises(ParserError, match="corrupt"):
        load_parser(broken)


def test_parse_command_reports_a_broken_model_on_one_line(tmp_path, monkeypatch, capsys):
    import forecast.language.parse as parse

    monkeypatch.setattr(parse, "MODEL_DIR", tmp_path / "gone")
    article = tmp_path / "a.txt"
    article.write_text("Trump may stop in Japan.", encoding="utf-8")
    assert main(["parse", str(article)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "parser model missing" in err[0]


def test_parse_command_writes_conllu_that_rebuilds_the_text(tmp_path, capsys):
    article = tmp_path / "a.txt"
    text = "Abe is expected to ask Trump to raise the issue. The plan isn't final."
    article.write_text(text, encoding="utf-8")
    assert main(["parse", str(article), "--format", "conllu"]) == 0
    sentences = list(read_conllu(capsys.readouterr().out))
    assert " ".join(s.text for s in sentences) == text
    heads = [word.head for s in sentences for word in s.words]
    assert heads.count(0) == len(sentences)  # one root a sentence


def test_parse_command_table_names_heads(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Officials said the trip was cancelled.", encoding="utf-8")
    assert main(["parse", str(article)]) == 0
    out = capsys.readouterr().out
    assert "# 1: Officials said the trip was cancelled." in out
    assert "(said)" in out and "nsubj" in out
