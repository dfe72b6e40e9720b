"""The ``parse`` command: how the shipped parser reads an article, token by token."""

from __future__ import annotations

import argparse
import sys

from forecast.cli.output import add_wide_option

PARSE_EPILOG = """\
The table shows, per sentence, each token's lemma, coarse (UPOS) and fine (XPOS) tag,
morphological features, head and dependency label: why a sentence was read as it was.
--format conllu writes standard CoNLL-U (Universal Dependencies), which any UD evaluation
tool can score.

exit codes:
  0  parse printed
  2  bad input (article file), or the parser model is missing or corrupt
"""


def add_commands(commands) -> None:
    """Register the ``parse`` command."""
    parser = commands.add_parser(
        "parse",
        help="show the dependency parse of an article",
        description="Parse an article with forecast's shipped English pipeline.",
        epilog=PARSE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="FILE", help="article file (txt, md, html, json)")
    parser.add_argument(
        "--format",
        choices=("table", "conllu"),
        default="table",
        help="output format (default: table)",
    )
    add_wide_option(parser)
    parser.set_defaults(handler=parse_command)


def parse_command(args: argparse.Namespace) -> int:
    """Handle ``forecast parse``: print each sentence's tokens, tags, heads and labels."""
    from forecast.language.conllu import doc_sentences, format_conllu
    from forecast.language.parse import load_parser, parse_text
    from forecast.reading.article import read_article

    article = read_article(args.article)
    nlp = load_parser()
    sentences = [
        sentence for _, doc in parse_text(article.text, nlp) for _, sentence in doc_sentences(doc)
    ]
    out = sys.stdout
    if args.format == "conllu":
        out.write(format_conllu(sentences))
        return 0
    for number, sentence in enumerate(sentences, start=1):
        out.write(f"# {number}: {' '.join(sentence.text.split())}\n")
        out.write(_table(sentence, args.wide))
        out.write("\n")
    return 0


def _table(sentence, wide: bool) -> str:
    """One sentence as a table fitted to the terminal: id, token, lemma, tags, head, label."""
    import pandas as pd

    from forecast.cli.output import fit_table, terminal_width

    words = sentence.words
    frame = pd.DataFrame(
        {
            "id": range(1, len(words) + 1),
            "token": [word.form for word in words],
            "lemma": [word.lemma for word in words],
            "upos": [word.upos for word in words],
            "xpos": [word.xpos for word in words],
            "head": [_head(word, words) for word in words],
            "label": [word.deprel for word in words],
            "features": [word.feats for word in words],
        }
    )
    return fit_table(frame, terminal_width(), wide=wide, cut=("features",)) + "\n"


def _head(word, words) -> str:
    """The head's position and form: "3 (said)", or "0 (root)"."""
    governor = "root" if word.head == 0 else words[word.head - 1].form
    return f"{word.head} ({governor})"
