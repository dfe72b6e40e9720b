"""Generated articles for the store's crash and concurrency tests, and the ingesting process.

Run as ``python -c "from tests.store_worker import main; main()" STORE START STOP [GO]``:
it imports everything, prints ``ready``, waits for the file ``GO`` (when given) so that
several workers start together, opens the store and prints ``opened``, then adds articles
``START, START+1, ...`` up to ``STOP`` (or downwards when ``STOP < START``) and prints how
many were new. ``STORE`` is a file path or a PostgreSQL URL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import sys
import time
from pathlib import Path

from forecast.language.claim import Claim
from forecast.language.extract import extract_claims
from forecast.reading.article import Article
from forecast.store.store import open_store

TEMPLATE = (
    "Officials said Trump may visit Japan on June 12. If Kim agrees, Abe will probably "
    "meet Moon in Seoul. No schedule has been set yet for talks with Xi. Sources say the "
    "summit is expected to take place within one week. "
)


@functools.cache
def template_claims() -> tuple[Claim, ...]:
    """Claims of the template text, extracted once and reused by every generated article."""
    return extract_claims(Article(TEMPLATE, published=dt.date(2018, 5, 13)))


def n_claims(number: int) -> int:
    """How many claims generated article ``number`` carries: 100 to 399."""
    return 100 + (number * 37) % 300


def generated(number: int) -> tuple[Article, tuple[Claim, ...]]:
    """Article ``number`` (titled ``story <number>``) and its ``n_claims(number)`` claims."""
    article = Article(
        f"Story {number}. {TEMPLATE}",
        published=dt.date(2018, 5, 13),
        title=f"story {number}",
        source="Generated",
    )
    pool = template_claims()
    claims = tuple(
        dataclasses.replace(pool[i % len(pool)], article_id=article.id)
        for i in range(n_claims(number))
    )
    return article, claims


def main() -> None:
    """Ingest generated articles into a store, as described in the module docstring."""
    path, start, stop, *go = sys.argv[1:]
    start, stop = int(start), int(stop)
    template_claims()
    print("ready", flush=True)
    while go and not Path(go[0]).exists():
        time.sleep(0.01)
    step = 1 if stop >= start else -1
    added = 0
    with open_store(path) as store:
        print("opened", flush=True)
        for number in range(start, stop + step, step):
            added += store.add_article(*generated(number))
    print(added, flush=True)
