"""Watching a folder or an RSS/Atom feed: ingest each new item and reforecast.

:func:`poll_folder` and :func:`poll_feed` return the items not seen before, each either an
:class:`~forecast.reading.article.Article` or the one-line reason it could not be read, so one
malformed item never stops the others. :func:`watch` polls on a schedule, ingests through
:func:`forecast.loop.reforecast.ingest_articles`, keeps each scenario's last forecast in memory
for the engine to reuse, and stops cleanly on Ctrl-C.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import html
import os
import re
import stat
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from forecast.display.reprs import plural
from forecast.errors import ForecastError, InputError
from forecast.loop.changes import describe_change
from forecast.loop.reforecast import activation_note, complete_pending, ingest_articles
from forecast.reading.article import Article, parse_article, read_article

__all__ = ["FetchedItem", "WatchSummary", "parse_every", "poll", "poll_feed", "poll_folder",
           "watch"]  # fmt: skip

FETCH_TIMEOUT_S = 20.0
"""Longest wait for any data from a feed server."""
FETCH_DEADLINE_S = 60.0
"""Longest a whole feed may take to arrive."""
SETTLE_S = 2.0
"""How long a file in a watched folder must be unchanged before it is read."""
MAX_FEED_BYTES = 20_000_000
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json"})
MAX_EVERY_S = 7 * 24 * 3600.0
"""Longest poll interval (a week): longer is a typo, and overflows the sleep."""
_EVERY = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smh])\s*")
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}


def is_article_name(file: Path) -> bool:
    """Whether a folder entry is named as an article: an article suffix, not hidden (a
    hidden name is a file still being written under the write-then-rename convention)."""
    return not file.name.startswith(".") and file.suffix.lower() in ARTICLE_SUFFIXES


@dataclass(frozen=True, slots=True)
class FetchedItem:
    """One new item of a folder or feed: its key, and the article or why it is unreadable.

    ``stamp`` is what identifies the file a folder item was read from (path, size, time).
    """

    key: str
    article: Article | None = None
    error: str | None = None
    stamp: str | None = None


@dataclass(frozen=True, slots=True)
class WatchSummary:
    """What a watch did: polls made, articles ingested, items that failed, and why it ended."""

    polls: int
    ingested: int
    failed: int
    interrupted: bool

    def line(self) -> str:
        """One line for the log."""
        how = "interrupted (Ctrl-C or SIGTERM)" if self.interrupted else "done"
        return (f"watch {how}: {plural(self.polls, 'poll')}, "
                f"{plural(self.ingested, 'article')} ingested, "
                f"{plural(self.failed, 'item')} skipped")  # fmt: skip


def parse_every(text: str) -> float:
    """Seconds in a poll interval written ``30s``, ``15m`` or ``1h``.

    Examples
    --------
    >>> parse_every("15m"), parse_every("30s"), parse_every("1h")
    (900.0, 30.0, 3600.0)
    """
    match = _EVERY.fullmatch(text) if isinstance(text, str) else None
    seconds = float(match.group(1)) * _UNITS[match.group(2)] if match else 0.0
    if not 0 < seconds <= MAX_EVERY_S:
        raise InputError(
            f"--every: expected a positive number and a unit s, m or h (30s, 15m, 1h), at "
            f"most {MAX_EVERY_S / 3600:g}h; got {text!r}"
        )
    return seconds


def poll_folder(
    path: str | Path,
    seen: Collection[str],
    *,
    settle: float = SETTLE_S,
    follow_links: bool = False,
) -> tuple[FetchedItem, ...]:
    """Article files in ``path`` (by name) that are complete and not in ``seen``.

    A file is read once it has not changed for ``settle`` seconds and did not change
    while it was read; until then it is left for a later poll, so a half-written file is
    never stored truncated (writers that write a hidden file and rename it are never
    caught half-way: names starting with ``.`` are ignored). An item's ``key`` is its
    content (the article's id), its ``stamp`` the file's path, size and change time:
    a file rewritten with new text is read again, one already read is not. Links that
    lead out of the folder are not followed unless ``follow_links``.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; watch takes a folder or a feed URL")
    inside = folder.resolve()
    items = []
    for file in sorted(folder.iterdir()):
        if not is_article_name(file):
            continue
        try:
            before = file.stat()
        except OSError:
            continue  # removed or renamed since listed
        stamp = f"{file}|{before.st_size}|{before.st_mtime_ns}"
        if stamp in seen or not stat.S_ISREG(before.st_mode):
            continue
        if file.is_symlink() and not follow_links and not file.resolve().is_relative_to(inside):
            error = f"{file}: links outside the watched folder; not followed"
            items.append(FetchedItem(stamp, error=error, stamp=stamp))
            continue
        if time.time() - before.st_mtime < settle:
            continue  # still being written, perhaps: read it once it has settled
        try:
            article = read_article(file)
        except InputError as error:
            article, problem = None, str(error)
        if _signature(file) != _signature(before):
            continue  # changed while read
        if article is None:
            items.append(FetchedItem(stamp, error=problem, stamp=stamp))
        elif article.id not in seen:
            items.append(FetchedItem(article.id, article=article, stamp=stamp))
    return tuple(items)


def _signature(file: Path | os.stat_result) -> tuple[int, int] | None:
    """Size and change time of a file (or of its stat result); None when it is gone."""
    try:
        info = file if isinstance(file, os.stat_result) else file.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def fetch(
    url: str, *, timeout: float = FETCH_TIMEOUT_S, deadline: float = FETCH_DEADLINE_S
) -> bytes:
    """The bytes at ``url``; an unreachable, refused or too slow address is an InputError.

    ``timeout`` bounds each wait for data, ``deadline`` the whole fetch, so a server
    that sends a byte now and then cannot hold the watch forever.
    """
    stop = time.monotonic() + deadline
    chunks, size = [], 0
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            while chunk := response.read1(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_FEED_BYTES:
                    raise InputError(
                        f"{url}: feed is over {MAX_FEED_BYTES / 1e6:g} MB (MAX_FEED_BYTES)"
                    )
                if time.monotonic() > stop:
                    raise InputError(
                        f"{url}: feed still arriving after {deadline:g} s; gave up "
                        "(FETCH_DEADLINE_S)"
                    )
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise InputError(f"{url}: cannot fetch the feed ({reason})") from None
    return b"".join(chunks)


def poll_feed(
    url: str, seen: Collection[str], *, fetch_fn: Callable[[str], bytes] = fetch
) -> tuple[FetchedItem, ...]:
    """Entries of the RSS/Atom feed at ``url`` whose key (id, else link, else title) is new.

    Raises
    ------
    InputError
        The URL cannot be fetched, or what it serves is not a feed (a parse error and no
        entries, or no feed version and no entries).
    """
    import feedparser

    parsed = feedparser.parse(fetch_fn(url))
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no feed version and no entries"
        raise InputError(f"{url}: not an RSS/Atom feed ({problem})")
    outlet = parsed.feed.get("title") or None
    items = []
    for number, entry in enumerate(parsed.entries, start=1):
        key = entry.get("id") or entry.get("link") or entry.get("title") or f"{url}#{number}"
        if key in seen:
            continue
        try:
            items.append(FetchedItem(key, article=entry_article(entry, url, number, outlet)))
        except InputError as error:
            items.append(FetchedItem(key, error=str(error)))
    return tuple(items)


def entry_article(entry: Any, url: str, number: int, outlet: str | None) -> Article:
    """A feed entry as an Article: title, body (content, else summary), date, link, outlet."""
    title = entry.get("title") or None
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    name = f"{url}: item {number} ({title or entry.get('link') or 'untitled'})"
    if not body or not str(body).strip():
        raise InputError(f"{name}: no content and no summary; expected article text")
    heading = f"<h1>{html.escape(title)}</h1>" if title else ""
    page = f"<html><body><article>{heading}<div>{body}</div></article></body></html>"
    article = parse_article(page, "html", name=name, published=_entry_date(entry))
    return dataclasses.replace(
        article, title=title or article.title, url=entry.get("link") or article.url,
        source=article.source or outlet,
    )  # fmt: skip


def _entry_date(entry: Any) -> dt.date | None:
    """The entry's published (else updated) date, in UTC as feedparser normalises it."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date()


def poll(
    source: str, seen: Collection[str], *, allow_files: bool = False, settle: float = SETTLE_S
) -> tuple[FetchedItem, ...]:
    """New items of ``source``: a feed when it is an http(s) URL, else a folder.

    ``file://`` feeds read the local disk, so they are refused unless ``allow_files``.
    """
    if re.match(r"(?i)file://", source) and not allow_files:
        raise InputError(
            f"{source}: file:// feeds read local files; pass --allow-file-feeds to watch one"
        )
    if re.match(r"(?i)(https?|file)://", source):
        return poll_feed(source, seen)
    return poll_folder(source, seen, settle=settle)


def _stored(store: Any, article_id: str) -> bool:
    """Whether the article is in the store; False when the store cannot be read."""
    try:
        return store.has_article(article_id)
    except ForecastError:
        return False


def watch(
    source: str,
    *,
    every: float,
    store: Any,
    iterations: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    n_draws: int,
    chains: int = 2,
    seed: int | None = None,
    as_of: dt.date | None = None,
    out: TextIO | None = None,
    log: TextIO | None = None,
    allow_files: bool = False,
    settle: float = SETTLE_S,
    progressbar: bool = False,
) -> WatchSummary:
    """Poll ``source`` every ``every`` seconds, ingest new items and reforecast, until stopped.

    Forecasts speak for ``as_of`` (default: the newest article's date in the store, as
    :func:`forecast.loop.reforecast.ingest_articles`). Prints each change to ``out`` (default
    stdout), and to ``log`` (default stderr) one line per skipped item or failed poll, the
    activation of the shipped example and each forecast's caveats (news left out,
    deadlines passed). ``iterations`` bounds the number of polls (default: until Ctrl-C);
    ``progressbar`` draws the sampler's bars on stderr. The first poll's errors (no such
    folder, not a feed, unreachable URL) are raised; later ones are logged and the watch
    goes on. Ctrl-C ends it cleanly.
    """
    out = out or sys.stdout
    log = log or sys.stderr
    seen: set[str] = set()
    last: dict[str, Any] = {}
    polls = ingested = failed = 0
    try:
        sampler = {"n_draws": n_draws, "chains": chains, "seed": seed, "progressbar": progressbar}
        for update in complete_pending(store, as_of=as_of, **sampler):
            last[update.scenario] = update.forecast
            print(f"{update.scenario}: completed a reforecast left owed", file=out, flush=True)
        while iterations is None or polls < iterations:
            if polls:
                sleep(every)
            try:
                items = poll(source, seen, allow_files=allow_files, settle=settle)
            except InputError as error:
                if not polls:
                    raise
                print(f"forecast: watch: {error}", file=log, flush=True)
                items = ()
            polls += 1
            for item in items:
                seen.update(key for key in (item.key, item.stamp) if key is not None)
                if item.article is None:
                    failed += 1
                    print(f"forecast: skipped: {item.error}", file=log, flush=True)
                    continue
                known = store.has_article(item.article.id)
                try:
                    report = ingest_articles(
                        store, [item.article], as_of=as_of, previous=last, **sampler
                    )
                except ForecastError as error:
                    failed += 1
                    print(f"forecast: watch: {item.key}: {error}", file=log, flush=True)
                    continue
                finally:
                    # Counted even when the reforecast failed or was interrupted after
                    # the article was stored: its pending mark finishes the work later.
                    ingested += not known and _stored(store, item.article.id)
                notes = [activation_note(report.activated)] if report.activated else []
                notes += [line for f in report.forecasts.values() for line in f.caveats()]
                for line in notes:
                    print(f"forecast: {line}", file=log, flush=True)
                last.update(report.forecasts)
                for outcome in report.articles:
                    print(f"{outcome.name}: {outcome.status}", file=out, flush=True)
                for change in report.changes:
                    print(f"  {describe_change(change)}", file=out, flush=True)
    except KeyboardInterrupt:
        return WatchSummary(polls, ingested, failed, interrupted=True)
    return WatchSummary(polls, ingested, failed, interrupted=False)
