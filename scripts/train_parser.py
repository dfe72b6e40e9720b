"""Train forecast's English parser on UD English EWT and write it into the package.

    python scripts/train_parser.py [--data ../shared/data/ud-english-ewt] [--max-steps N]

Converts the treebank's CoNLL-U to spaCy's binary format (ten sentences a document, so the
parser learns sentence boundaries), trains the pipeline in ``scripts/parser/parser.cfg``
(tok2vec CNN, tagger for XPOS, morphologizer for UPOS and features, edit-tree lemmatizer,
transition-based parser) on train + dev for the config's ``max_steps``, scores the last model
on EWT test (and dev, which it has seen) from raw text with its own tokenisation (CoNLL
2018-style word-aligned F1, ``forecast.language.conllu``), and copies it to
``forecast/data/parser`` with the treebank's notice, its licence and ``metrics.json``.
``--select-on-dev`` trains on train alone and keeps the best model on dev, for comparing
settings. Training is deterministic: the same data and config give the same weights.
"""

from __future__ import annotations

import os

# One BLAS thread: the network's matrices are small, so extra threads bring no speed on two
# cores (measured: the same rate either way) and only contend with other work; set before
# numpy is imported.
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

from forecast.language.ud_score import score_pipeline

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


def convert(conllus: list[Path], out: Path) -> Path:
    """Write treebank splits as one spaCy DocBin of ``SENTENCES_PER_DOC``-sentence documents."""
    docs = [
        doc
        for conllu in conllus
        for doc in conllu_to_docs(
            conllu.read_text(encoding="utf-8"), n_sents=SENTENCES_PER_DOC, no_print=True
        )
    ]
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    return out


def treebank_commit(data: Path) -> str:
    """The treebank commit that NOTICE.txt names (the data the weights derive from)."""
    match = re.search(r"commit ([0-9a-f]{7,40})", (data / "NOTICE.txt").read_text())
    return match.group(1) if match else "unknown"


def write_package(model: Path, data: Path, metrics: dict) -> None:
    """Replace ``forecast/data/parser`` with the trained model, its notice and metrics."""
    staging = TARGET.with_name(TARGET.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(model, staging)
    shutil.copyfile(data / "LICENSE.txt", staging / "LICENSE.txt")
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


def _command(args: argparse.Namespace) -> str:
    """The invocation that reproduces the model (options that change it, and no others)."""
    words = ["python scripts/train_parser.py"]
    if args.select_on_dev:
        words.append("--select-on-dev")
    if args.max_steps is not None:
        words.append(f"--max-steps {args.max_steps}")
    return " ".join(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/ud-english-ewt")
    parser.add_argument("--max-steps", type=int, default=None, help="override vars.max_steps")
    parser.add_argument("--work", type=Path, default=None, help="keep intermediate files here")
    parser.add_argument("--no-install", action="store_true", help="score only; leave the package")
    parser.add_argument(
        "--select-on-dev",
        action="store_true",
        help="train on train only and keep the model that scores best on dev (to compare "
        "settings); the default trains the shipped model on train + dev and keeps the last",
    )
    args = parser.parse_args(argv)
    split = {name: args.data / f"en_ewt-ud-{name}.conllu" for name in ("train", "dev", "test")}
    missing = [str(path) for path in split.values() if not path.is_file()]
    if missing:
        print(f"train_parser: missing treebank files: {', '.join(missing)}", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="forecast-parser-"))
    work.mkdir(parents=True, exist_ok=True)
    training = [split["train"]] if args.select_on_dev else [split["train"], split["dev"]]
    overrides = {
        "paths.train": str(convert(training, work / "train.spacy")),
        "paths.dev": str(convert([split["dev"]], work / "dev.spacy")),
    }
    max_steps = args.max_steps or spacy.util.load_config(CONFIG)["vars"]["max_steps"]
    overrides["vars.max_steps"] = max_steps
    started = time.perf_counter()
    train(CONFIG, work / "output", overrides=overrides)
    minutes = (time.perf_counter() - started) / 60
    model = work / "output" / ("model-best" if args.select_on_dev else "model-last")
    nlp = spacy.load(model)
    metrics = {
        "treebank": "UD English EWT",
        "treebank_commit": treebank_commit(args.data),
        "spacy_version": spacy.__version__,
        "config": "scripts/parser/parser.cfg",
        "training_data": "train, model chosen by dev score"
        if args.select_on_dev
        else "train + dev, last model (dev scores are not held out)",
        "max_steps": max_steps,
        "command": _command(args),
        "training_minutes": round(minutes, 1),
        "evaluation": "raw text, own tokenisation, word-aligned F1 (CoNLL 2018 style)",
        "dev": score_pipeline(nlp, split["dev"].read_text("utf-8")).as_dict(),
        "test": score_pipeline(nlp, split["test"].read_text("utf-8")).as_dict(),
    }
    print(json.dumps(metrics, indent=2))
    if not args.no_install:
        write_package(model, args.data, metrics)
        print(f"installed the model in {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
