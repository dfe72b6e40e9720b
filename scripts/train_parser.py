"""Train forecast's English parser on UD English EWT and write it into the package.

    python scripts/train_parser.py [--data ../shared/data/ud-english-ewt] [--max-steps N]

Converts the treebank's CoNLL-U to spaCy's binary format (ten sentences a document, so the
parser learns sentence boundaries), trains the pipeline in ``scripts/parser/parser.cfg``
(tok2vec CNN, tagger for XPOS, morphologizer for UPOS and features, edit-tree lemmatizer,
transition-based parser), scores the best model on EWT dev and test from raw text with its own
tokenisation (CoNLL 2018-style word-aligned F1, ``forecast.language.conllu``), and copies it
to ``forecast/data/parser`` with the treebank's notice, its licence and ``metrics.json``.
"""

from __future__ import annotations

import os

# One BLAS thread: the network's matrices are small, so extra threads only contend (training
# ran about 5x slower with them on a loaded two-core machine), and the result cannot depend
# on the thread count. Set before numpy is imported.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.cli.train import train
from spacy.tokens import DocBin
from spacy.training.converters import conllu_to_docs
from spacy.util import compile_prefix_regex, compile_suffix_regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forecast.language.conllu import (
    doc_sentences,
    document_texts,
    read_conllu,
    score_parses,
)

CONFIG = ROOT / "scripts" / "parser" / "parser.cfg"
TARGET = ROOT / "forecast" / "data" / "parser"
SENTENCES_PER_DOC = 10

# Abbreviations common in news that spaCy's English tokenizer splits from their period:
# military and police ranks, titles, plural titles, street words and two US states.
NEWS_ABBREVIATIONS = (
    *("Lt.", "Col.", "Sgt.", "Capt.", "Cmdr.", "Maj.", "Brig.", "Cpl.", "Pvt.", "Spc."),
    *("Supt.", "Insp.", "Det.", "Msgr.", "Fr.", "Pres.", "Amb.", "Atty.", "Sec."),
    *("Secs.", "Gens.", "Reps.", "Sens.", "Govs.", "Sr."),
    *("Ave.", "Blvd.", "Dept.", "Ft.", "Penn.", "Vt.", "Wyo.", "approx.", "est.", "ft."),
)
# A run of one punctuation mark ("!!!", "****", "====") is one token in UD, not one per mark.
PUNCTUATION_RUN = r"(?:!{2,}|\?{2,}|\*{2,}|={2,}|_{2,}|-{3,}|~{2,}|#{2,}|\${2,}|<{2,}|>{2,})"


@spacy.registry.callbacks("forecast.news_tokenizer.v1")
def news_tokenizer():
    """Callback for ``[initialize.before_init]``: news abbreviations and punctuation runs whole.

    The tokenizer saves its special cases and affix patterns with the model, so the shipped
    pipeline needs no code from here.
    """

    def adapt_tokenizer(nlp):
        for abbreviation in NEWS_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
        prefixes = (PUNCTUATION_RUN, *nlp.Defaults.prefixes)
        suffixes = (PUNCTUATION_RUN, *nlp.Defaults.suffixes)
        nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        return nlp

    return adapt_tokenizer


def convert(conllu: Path, out: Path) -> Path:
    """Write a treebank split as a spaCy DocBin of ``SENTENCES_PER_DOC``-sentence documents."""
    docs = conllu_to_docs(
        conllu.read_text(encoding="utf-8"), n_sents=SENTENCES_PER_DOC, no_print=True
    )
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    return out


def evaluate(nlp, conllu: Path) -> dict[str, float | int]:
    """Parse a split's raw text with the pipeline's own tokenisation and score it."""
    documents = document_texts(read_conllu(conllu.read_text(encoding="utf-8")))
    gold, system = [], []
    offset = 0
    for (text, placed), doc in zip(documents, nlp.pipe(text for text, _ in documents), strict=True):
        gold.extend((offset + start, sentence) for start, sentence in placed)
        system.extend((offset + start, sentence) for start, sentence in doc_sentences(doc))
        offset += len(text) + 1
    return score_parses(gold, system).as_dict()


def treebank_commit(data: Path) -> str:
    """The treebank commit that NOTICE.txt names (the data the weights derive from)."""
    match = re.search(r"commit ([0-9a-f]{7,40})", (data / "NOTICE.txt").read_text())
    return match.group(1) if match else "unknown"


def write_package(model: Path, data: Path, metrics: dict) -> None:
    """Replace ``forecast/data/parser`` with the trained model, its notice and metrics."""
    staging = TARGET.with_name(TARGET.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(model, staging)
    shutil.copy(data / "LICENSE.txt", staging / "LICENSE.txt")
    (staging / "NOTICE.txt").write_text(
        "forecast's English parser: model weights trained by scripts/train_parser.py on\n"
        f"Universal Dependencies English EWT (commit {metrics['treebank_commit']}).\n"
        "The weights are a derivative of that treebank and are licensed under Creative Commons\n"
        "Attribution-ShareAlike 4.0 International (LICENSE.txt beside this file); the rest of\n"
        "forecast is MIT. Treebank: Silveira et al. (2014), 'A Gold Standard Dependency Corpus\n"
        "for English', LREC; the Universal Dependencies project (universaldependencies.org).\n",
        encoding="utf-8",
    )
    (staging / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(TARGET, ignore_errors=True)
    staging.rename(TARGET)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/ud-english-ewt")
    parser.add_argument("--max-steps", type=int, default=None, help="override vars.max_steps")
    parser.add_argument("--work", type=Path, default=None, help="keep intermediate files here")
    parser.add_argument("--no-install", action="store_true", help="score only; leave the package")
    args = parser.parse_args(argv)
    split = {name: args.data / f"en_ewt-ud-{name}.conllu" for name in ("train", "dev", "test")}
    missing = [str(path) for path in split.values() if not path.is_file()]
    if missing:
        print(f"train_parser: missing treebank files: {', '.join(missing)}", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="forecast-parser-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = {name: convert(path, work / f"{name}.spacy") for name, path in split.items()}
    overrides = {"paths.train": str(corpus["train"]), "paths.dev": str(corpus["dev"])}
    if args.max_steps is not None:
        overrides["vars.max_steps"] = args.max_steps
    started = time.perf_counter()
    train(CONFIG, work / "output", overrides=overrides)
    minutes = (time.perf_counter() - started) / 60
    best = work / "output" / "model-best"
    nlp = spacy.load(best)
    metrics = {
        "treebank": "UD English EWT",
        "treebank_commit": treebank_commit(args.data),
        "spacy_version": spacy.__version__,
        "config": "scripts/parser/parser.cfg",
        "max_steps": args.max_steps or nlp.config["training"]["max_steps"],
        "training_minutes": round(minutes, 1),
        "evaluation": "raw text, own tokenisation, word-aligned F1 (CoNLL 2018 style)",
        "dev": evaluate(nlp, split["dev"]),
        "test": evaluate(nlp, split["test"]),
    }
    print(json.dumps(metrics, indent=2))
    if not args.no_install:
        write_package(best, args.data, metrics)
        print(f"installed the model in {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
