"""The ``parse`` command: how the shipped parser reads an article, token by token."""

from __future__ import annotations

import argparse
import sys

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
    parser.set_defaults(handler=parse_command)


def parse_command(args: argparse.Namespace) -> int:
    """Handle ``forecast parse``: print each sentence's tokens, tags, heads and labels."""
    from forecast.article import read_article
    from forecast.language.conllu import doc_sentences, format_conllu
    from forecast.language.parse import load_parser, parse_text

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
        out.write(_table(sentence))
        out.write("\n")
    return 0


def _table(sentence) -> str:
    """One sentence as aligned columns: id, token, lemma, UPOS, XPOS, head, label, features."""
    rows = [("id", "token", "lemma", "upos", "xpos", "head", "label", "features")]
    for index, word in enumerate(sentence.words, start=1):
        governor = "root" if word.head == 0 else sentence.words[word.head - 1].form
        head = f"{word.head} ({governor})"
        rows.append(
            (str(index), word.form, word.lemma, word.upos, word.xpos, head, word.deprel, word.feats)
        )
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
        + "  "
        + row[-1]
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"
