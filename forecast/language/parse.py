"""The syntactic backbone: forecast's shipped English pipeline (spaCy), loaded once per process.

The pipeline (tokenizer with news abbreviations, tagger, morphologizer, lemmatizer and
dependency parser) is trained from UD English EWT by ``scripts/train_parser.py`` and ships in
``forecast/data/parser`` under CC BY-SA 4.0 (its NOTICE.txt). spaCy is imported on first use
only, so ``import forecast`` stays light.
"""

from __future__ import annotations

import ctypes
import functools
import json
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from forecast.errors import ForecastError
from forecast.threads import single_blas_thread

__all__ = [
    "MODEL_DIR", "ParserError", "load_parser", "parse_text", "parser_metrics", "read_parsed",
    "stream_parsed",
]  # fmt: skip

T = TypeVar("T")

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "parser"
"""Where the shipped pipeline lives inside the package."""

PARSER_ENV = "FORECAST_PARSER"
"""Environment variable naming a parser model directory to use instead of the shipped one."""

CHUNK_CHARS = 20_000
"""Longest piece of text parsed as a text of its own; cut at paragraph, line or space."""

BATCH_PIECES = 5
"""Pieces the pipeline takes at once: it steps the parse of all of them together, which
costs a fifth less CPU than one piece of the same length (13 vs 16.5 CPU-s per MB of
prose), and their parser features (about 12 KB per word) stay within ~250 MB."""

PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process gets when its parent ends."""

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_MMAP_MAX = -1, -3, -4
"""glibc ``mallopt`` parameters."""
GLIBC_MMAP_CEILING = 32 * 2**20
"""The largest block glibc itself learns to keep rather than map afresh each time (64-bit)."""
GLIBC_MMAP_MAX = 65536
"""glibc's default for how many blocks it may map at once."""


class ParserError(ForecastError):
    """The shipped parser is missing, corrupt or incompatible with the installed spaCy."""


def load_parser(path: Path | str | None = None):
    """The spaCy pipeline at ``path``, loaded once per process.

    Without ``path``: the directory named by ``$FORECAST_PARSER`` when set (a model of
    your own, or a training checkpoint), else the shipped one.

    Raises
    ------
    ParserError
        When the directory is missing or cannot be loaded; the message says which and how
        to get a working model back.
    """
    path = path if path is not None else os.environ.get(PARSER_ENV) or MODEL_DIR
    return _load(Path(path).resolve())


@functools.lru_cache(maxsize=4)
def _load(path: Path):
    """Load and cache one pipeline directory."""
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise ParserError(
            f"parser model missing at {path}: reinstall forecast (the package ships it) "
            "or rebuild it with scripts/train_parser.py"
        )
    import spacy

    try:
        nlp = spacy.load(path)
    except Exception as error:  # spaCy, thinc and srsly raise many types for a bad model
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ParserError(
            f"parser model at {path} is corrupt or does not fit spaCy {spacy.__version__}: "
            f"{reason[:200]}"
        ) from error
    _use_numpy_blas(nlp)
    return nlp


def _use_numpy_blas(nlp) -> None:
    """Run the pipeline's matrix products on numpy's BLAS rather than thinc's default BLIS.

    The products (the token encoder's layers and the parser's per-token precomputation) are
    most of the parse's time, and numpy's OpenBLAS does them about four times faster per
    core than the BLIS build thinc ships; the annotations are the same (every tag, lemma,
    head and label of EWT test and the Wikinews articles, checked).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    models = (component.model for _, component in nlp.pipeline if hasattr(component, "model"))
    for model in models:
        for node in model.walk():
            node.ops = ops


def parse_text(text: str, nlp=None) -> list[tuple[int, object]]:
    """Parse ``text`` into spaCy Docs, each with the character offset of its piece.

    Long text is parsed in pieces of at most ``CHUNK_CHARS`` characters, cut at the last
    paragraph break, else line break, else space before the limit, so time and memory stay
    linear in the input and offsets map back into ``text``.
    """
    from spacy.tokens import Doc

    nlp = nlp or load_parser()
    pieces = read_parsed(text, _serialised, nlp)
    return [(offset, Doc(nlp.vocab).from_bytes(data)) for offset, data in pieces]


def read_parsed(text: str, read: Callable[[object, int], T], nlp=None) -> list[T]:
    """``read(doc, offset)`` of each parsed piece of ``text`` (pieces as in :func:`parse_text`),
    in text order.

    The process that parses a piece reads it, so only ``read``'s results (which must
    pickle) pass between the two processes of a long text, and the reading is shared
    between them as well as the parse.
    """
    return [result for _, result in stream_parsed(text, read, nlp)]


def stream_parsed(
    text: str, read: Callable[[object, int], T], nlp=None, front_share: float = 0.5
) -> Iterator[tuple[int, T]]:
    """``(reach, read(doc, offset))`` of each parsed piece of ``text`` as soon as it is
    parsed, in text order; ``reach`` is the offset in ``text`` where the piece ends.

    A long text on a machine with a second core is parsed by this process (the first
    ``front_share`` of its characters, to a whole piece) and a forked helper (the rest),
    which sends each piece's result when it is done. So a caller with work of its own on
    each piece does it while the helper still parses, and asks for less than half, so that
    both cores finish together. Each piece is parsed whole by one process, as a text of its
    own (in batches of :data:`BATCH_PIECES`, which give the same Docs as one at a time), so
    the Docs are the ones one process would give. BLAS runs one thread per process: two
    processes already use both cores, and more threads only spin. Should the helper die,
    this process parses what it did not send. Closing the iterator early ends the helper.
    """
    nlp = nlp or load_parser()
    pieces = list(_pieces(text, CHUNK_CHARS))
    with single_blas_thread():
        if len(pieces) < 2 or not _can_fork():
            yield from _parsed_and_read(pieces, read, nlp)
        else:
            yield from _with_helper(pieces, read, nlp, _front(pieces, front_share))


def _serialised(doc, offset: int) -> tuple[int, bytes]:
    return offset, doc.to_bytes()


def _front(pieces: list[tuple[int, str]], share: float) -> int:
    """How many leading pieces hold the first ``share`` of the characters (at least one,
    and at least one piece left for the helper)."""
    reached = sum(1 for piece in pieces if _reach(piece) <= share * _reach(pieces[-1]))
    return min(max(reached, 1), len(pieces) - 1)


def _reach(piece: tuple[int, str]) -> int:
    offset, text = piece
    return offset + len(text)


def _with_helper(
    pieces: list[tuple[int, str]], read: Callable, nlp, front: int
) -> Iterator[tuple[int, object]]:
    """The front pieces' results, parsed here, then the back pieces', parsed by a helper."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(
        target=_parse_for_parent,
        args=(nlp, pieces[front:], read, sender, receiver, os.getpid()),
        daemon=True,
    )
    helper.start()
    sender.close()  # the helper's end: once the helper is gone, recv() ends with EOFError
    try:
        yield from _parsed_and_read(pieces[:front], read, nlp)
        for index in range(front, len(pieces)):
            try:
                result = receiver.recv()
            except EOFError:  # the helper died: parse what it did not send
                yield from _parsed_and_read(pieces[index:], read, nlp)
                return
            yield _reach(pieces[index]), result
    finally:
        receiver.close()
        helper.kill()
        helper.join()


def _parsed_and_read(pieces: list[tuple[int, str]], read: Callable, nlp) -> Iterator:
    """``(reach, read(doc, offset))`` of each piece, parsed :data:`BATCH_PIECES` at a time."""
    with _memory_kept():
        docs = nlp.pipe((piece for _, piece in pieces), batch_size=BATCH_PIECES)
        for piece, doc in zip(pieces, docs, strict=True):
            yield _reach(piece), read(doc, piece[0])


@contextmanager
def _memory_kept() -> Iterator[None]:
    """Keep the memory one batch frees for the next, rather than hand it back to the system.

    A batch of pieces needs ~250 MB of parser features; glibc maps a block that
    large afresh and unmaps it when freed, so each batch paid page faults on all of it
    (a fifth of the parse's CPU time). Meanwhile every block comes from the heap and is
    reused; afterwards the free memory goes back to the system (``malloc_trim``) and the
    limits are the ones glibc adapts to on its own after freeing large blocks.
    """
    libc = _glibc()
    if libc is None:
        yield
        return
    libc.mallopt(M_MMAP_MAX, 0)
    libc.mallopt(M_TRIM_THRESHOLD, 2**31 - 1)
    try:
        yield
    finally:
        libc.mallopt(M_MMAP_MAX, GLIBC_MMAP_MAX)
        libc.mallopt(M_MMAP_THRESHOLD, GLIBC_MMAP_CEILING)
        libc.mallopt(M_TRIM_THRESHOLD, 2 * GLIBC_MMAP_CEILING)
        libc.malloc_trim(0)


@functools.cache
def _glibc():
    """The C library when it is glibc (it has ``mallopt`` and ``malloc_trim``), else None."""
    if sys.platform != "linux":
        return None
    libc = ctypes.CDLL(None)
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def _parse_for_parent(nlp, pieces, read, sender, receiver, parent: int) -> None:
    """The helper's work: parse and read ``pieces`` and send each result; exit quietly when
    the parent has gone (its end of the pipe is closed) or Ctrl-C reached the group.

    A result is larger than the pipe holds, and the parent takes none until it has parsed
    its own pieces, so a writer thread sends them while this thread parses on (a send
    blocked on a full pipe waits outside the GIL); the helper ends once all are sent.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    _die_with(parent)
    receiver.close()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    writer = threading.Thread(target=_send_each, args=(outbox, sender))
    writer.start()
    try:
        for _, result in _parsed_and_read(pieces, read, nlp):
            outbox.put(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # the parent parses what did not arrive itself
        outbox.put(None)
        writer.join()
        os._exit(1)
    outbox.put(None)
    writer.join()


def _send_each(outbox: queue.SimpleQueue, sender) -> None:
    """Send each pickled result from ``outbox`` until ``None``; end the helper when the
    parent has stopped listening."""
    while (data := outbox.get()) is not None:
        try:
            sender.send_bytes(data)
        except OSError:  # the parent closed its end: nobody wants the rest
            os._exit(1)


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends, even by kill -9, so a helper
    never outlives the command that forked it (Linux ``prctl(PR_SET_PDEATHSIG)``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _can_fork() -> bool:
    """Whether a forked helper can share the loaded pipeline and has a core of its own."""
    return sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1


def parser_metrics(path: Path | str | None = None) -> dict:
    """The shipped model's ``metrics.json``: EWT scores, training data commit, settings."""
    folder = Path(path) if path is not None else MODEL_DIR
    try:
        return json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ParserError(f"parser metrics unreadable at {folder}: {error}") from error


def _pieces(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters at natural boundaries."""
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            for boundary in ("\n\n", "\n", " "):
                cut = window.rfind(boundary)
                if cut > 0:
                    end = start + cut + len(boundary)
                    break
        yield start, text[start:end]
        start = end
