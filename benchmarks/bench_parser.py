"""The shipped parser against its targets: accuracy on EWT test, size, load time, speed.

    python benchmarks/bench_parser.py [--retrain]

Prints: the model directory's size; a warm load (import spaCy + load the pipeline) in a fresh
process, median of three; words per second on one core over EWT test's raw text; UPOS, UAS
and LAS on EWT test from raw text with the pipeline's own tokenisation (word-aligned F1;
words/s counts the scoring too, which is a small share)
against the figures shipped in metrics.json; that two parses of the same text are identical;
and the wall time of ``forecast parse`` over EWT test's sentences one per line. With
``--retrain`` it also reruns scripts/train_parser.py into a temporary folder (about an hour on
two cores) and reports how far the retrained scores are from the shipped ones (target: 0.5
points). Needs ../shared/data/ud-english-ewt for the accuracy and speed lines.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EWT = ROOT.parent / "shared" / "data" / "ud-english-ewt"
sys.path.insert(0, str(ROOT))

from forecast.language.conllu import (  # noqa: E402
    doc_sentences,
    document_texts,
    format_conllu,
    read_conllu,
)
from forecast.language.parse import MODEL_DIR, load_parser, parser_metrics  # noqa: E402
from forecast.language.ud_score import score_pipeline  # noqa: E402

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
TARGETS = {"upos": 0.93, "las": 0.80, "uas": 0.85}


def model_megabytes() -> float:
    """Size of the shipped model directory in MB (10^6 bytes)."""
    return sum(path.stat().st_size for path in MODEL_DIR.rglob("*") if path.is_file()) / 1e6


def warm_load_seconds(repeats: int = 3) -> tuple[float, float]:
    """Median seconds of ``import spacy`` and of loading the pipeline, each in a fresh process."""
    code = (
        "import time; t0 = time.perf_counter(); import spacy; t1 = time.perf_counter()\n"
        "from forecast.language.parse import load_parser; load_parser()\n"
        "print(t1 - t0, time.perf_counter() - t1)"
    )
    runs = []
    for _ in range(repeats + 1):  # the first run warms the disk cache and is dropped
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    runs = runs[1:]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def ewt_text(name: str) -> str:
    """One EWT split's CoNLL-U text."""
    return (EWT / f"en_ewt-ud-{name}.conllu").read_text("utf-8")


def accuracy_and_speed(nlp, conllu: str) -> tuple[dict, float]:
    """Scores on the split's raw text, and the CPU seconds the scoring (mostly parsing) took."""
    started = time.process_time()
    scores = score_pipeline(nlp, conllu)
    return scores.as_dict(), time.process_time() - started


def deterministic(nlp, documents) -> bool:
    """Whether two parses of the same texts give the same CoNLL-U."""
    texts = [text for text, _ in documents[:40]]

    def once():
        return [format_conllu(s for _, s in doc_sentences(doc)) for doc in nlp.pipe(texts)]

    return once() == once()


def cli_seconds(documents) -> float:
    """Wall time of ``forecast parse --format conllu`` on the split, one sentence a line."""
    lines = [sentence.text for _, placed in documents for _, sentence in placed]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ewt_test.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "forecast", "parse", str(path), "--format", "conllu"],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        return time.perf_counter() - started


def retrain() -> dict:
    """Rerun the training script without installing; its metrics."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [sys.executable, "scripts/train_parser.py", "--no-install", "--work", folder],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return json.loads(out[out.index('{\n  "treebank"') :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retrain", action="store_true", help="also rerun the training script")
    args = parser.parse_args()
    shipped = parser_metrics()
    print(f"model directory: {model_megabytes():.1f} MB (target <= 25)")
    import_s, load_s = warm_load_seconds()
    print(f"warm load: import spacy {import_s:.2f} s + load pipeline {load_s:.2f} s (target <= 1)")
    if not EWT.is_dir():
        print("skipped accuracy and speed: ../shared/data/ud-english-ewt is absent")
        return 0
    os.environ.update(ONE_THREAD)
    nlp = load_parser()
    conllu = ewt_text("test")
    documents = document_texts(read_conllu(conllu))
    scores, seconds = accuracy_and_speed(nlp, conllu)
    n_words = scores["n_gold_words"]
    rate = n_words / seconds
    print(f"speed: {rate:,.0f} words/s on one core ({n_words} words, {seconds:.1f} s CPU)")
    for name in ("words", "sentences", "upos", "xpos", "feats", "lemma", "uas", "las"):
        target = f" (target >= {TARGETS[name]})" if name in TARGETS else ""
        print(
            f"EWT test {name:9s}: {scores[name]:.4f}; shipped metrics.json "
            f"{shipped['test'][name]:.4f}{target}"
        )
    print(f"deterministic: {deterministic(nlp, documents)}")
    print(f"forecast parse on EWT test, one sentence a line: {cli_seconds(documents):.1f} s wall")
    if args.retrain:
        again = retrain()
        gaps = {k: 100 * abs(again["test"][k] - shipped["test"][k]) for k in TARGETS}
        shown = ", ".join(f"{name} {gap:.2f}" for name, gap in gaps.items())
        print(f"retrained vs shipped (points): {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
