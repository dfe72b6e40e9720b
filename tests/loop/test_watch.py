"""Watching a folder and a feed served on loopback: new items ingested, bad ones logged."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import io
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from forecast.errors import InputError
from forecast.loop.watch import fetch, parse_every, poll, poll_feed, poll_folder, watch
from forecast.scenario import load_scenario
from forecast.store.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "watch"
N_DRAWS = 100

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Invented Wire</title><link>http://127.0.0.1/</link>
<description>Invented test material for the forecast test suite</description>
<item><title>Leaders expected to meet in Geneva</title><guid>item-1</guid>
<link>http://127.0.0.1/item-1</link><pubDate>Fri, 01 Jun 2018 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The two leaders are expected to meet in Geneva next month,
officials said on Friday.&lt;/p&gt;</description></item>
<item><title></title><guid>item-2</guid><link>http://127.0.0.1/item-2</link></item>
</channel></rss>
"""
NOT_A_FEED = "<html><body><p>Just a page, no feed here.</p></body></html>"


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 (ephemeral port) serving ``/feed`` and ``/page``."""
    pages = {"/feed": (FEED, "application/rss+xml"), "/page": (NOT_A_FEED, "text/html")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, kind = pages.get(self.path, ("missing", "text/plain"))
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body.encode("utf-8"))

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store.sqlite") as opened:
        opened.save_scenario(load_scenario(FIXTURES / "geneva.toml"))
        yield opened


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30.0), ("15m", 900.0), ("1h", 3600.0),
                                                (" 2m ", 120.0), ("1.5h", 5400.0)])  # fmt: skip
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["15", "0m", "15x", "m", "-1h", ""])
def test_parse_every_rejects(text):
    with pytest.raises(InputError, match=r"--every: expected a positive number and a unit"):
        parse_every(text)


def test_poll_folder_reads_new_articles_and_reports_bad_ones(tmp_path):
    (tmp_path / "a.txt").write_text("Talks\nThe leaders may meet in Geneva.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    items = poll_folder(tmp_path, seen=set(), settle=0.0)
    assert [Path(item.stamp.split("|")[0]).name for item in items] == ["a.txt", "b.txt"]
    assert items[0].article is not None and items[0].error is None
    assert items[0].key == items[0].article.id  # keyed on content, not path
    assert items[1].article is None and "empty article" in items[1].error
    assert poll_folder(tmp_path, seen={items[0].stamp, items[1].stamp}, settle=0.0) == ()
    assert poll_folder(tmp_path, seen={items[0].key, items[1].stamp}, settle=0.0) == ()


def test_a_file_still_being_written_is_left_for_a_later_poll(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Talks\nThe leaders may", encoding="utf-8")
    assert poll_folder(tmp_path, seen=set()) == ()  # changed just now: not settled
    (tmp_path / ".story.txt").write_text("hidden, being written\n", encoding="utf-8")
    old = time.time() - 60
    os.utime(story, (old, old))
    (first,) = poll_folder(tmp_path, seen=set())
    assert first.article.text.endswith("The leaders may")
    story.write_text("Talks\nThe leaders may meet in Geneva.\n", encoding="utf-8")
    os.utime(story, (old + 1, old + 1))
    (second,) = poll_folder(tmp_path, seen={first.key, first.stamp})
    assert second.key != first.key and second.article.text.strip().endswith("meet in Geneva.")


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    folder, outside = tmp_path / "inbox", tmp_path / "secret.txt"
    folder.mkdir()
    outside.write_text("Talks\nThe leaders may meet in Geneva.\n", encoding="utf-8")
    (folder / "inside.txt").write_text("Talks\nThe leaders may meet.\n", encoding="utf-8")
    (folder / "a_link.txt").symlink_to(outside)
    (folder / "b_link.txt").symlink_to(folder / "inside.txt")
    linked, kept_inside, plain = poll_folder(folder, seen=set(), settle=0.0)
    assert linked.article is None and "links outside the watched folder" in linked.error
    assert kept_inside.article is not None and plain.article is not None
    assert "Geneva" not in kept_inside.article.text


def test_file_feeds_are_refused_unless_allowed(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    with pytest.raises(InputError, match=r"file:// feeds read local files; pass --allow-file"):
        poll(feed.as_uri(), set())
    assert len(poll(feed.as_uri(), set(), allow_files=True)) == 2


def test_a_dripping_feed_is_cut_off_at_the_deadline():
    """A server sending one byte every 0.2 s never trips the per-read timeout."""
    listener = socket.create_server(("127.0.0.1", 0))

    def drip():
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n")
            with contextlib.suppress(OSError):
                for _ in range(100):
                    connection.sendall(b" ")
                    time.sleep(0.2)

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
    started = time.monotonic()
    with pytest.raises(InputError, match=r"feed still arriving after 1 s; gave up"):
        fetch(url, timeout=5.0, deadline=1.0)
    assert time.monotonic() - started < 5.0
    listener.close()


def test_poll_folder_needs_a_folder(tmp_path):
    with pytest.raises(InputError, match=r"missing: not a folder"):
        poll_folder(tmp_path / "missing", seen=set())


def test_poll_feed_turns_entries_into_articles(server):
    good, bad = poll_feed(f"{server}/feed", seen=set())
    assert good.key == "item-1" and good.article.title == "Leaders expected to meet in Geneva"
    assert good.article.source == "Invented Wire" and str(good.article.published) == "2018-06-01"
    assert "<p>" not in good.article.text and "meet in Geneva" in good.article.text
    assert bad.article is None and "item 2" in bad.error and "no content" in bad.error
    assert poll_feed(f"{server}/feed", seen={"item-1", "item-2"}) == ()


def test_not_a_feed_is_an_error(server):
    with pytest.raises(InputError, match=r"/page: not an RSS/Atom feed"):
        poll_feed(f"{server}/page", seen=set())


def test_unreachable_url_is_an_error_naming_it():
    url = f"http://127.0.0.1:{closed_port()}/feed"
    with pytest.raises(InputError, match=rf"{url}: cannot fetch the feed"):
        poll_feed(url, seen=set())


def test_watch_ingests_the_good_item_and_logs_the_bad_one(server, store):
    out, log, naps = io.StringIO(), io.StringIO(), []
    summary = watch(f"{server}/feed", every=60.0, store=store, iterations=2, sleep=naps.append,
                    n_draws=N_DRAWS, seed=3, out=out, log=log)  # fmt: skip
    assert (summary.polls, summary.ingested, summary.failed) == (2, 1, 1)
    assert not summary.interrupted and naps == [60.0]
    assert len(store.articles()) == 1 and len(store.forecast_history()) == 1
    # As of the newest article's date (the item's pubDate), not the day the watch runs.
    assert list(store.forecast_history()["as_of"]) == [dt.date(2018, 6, 1)]
    assert "P(the two leaders meet in Geneva in July 2018) new →" in out.getvalue()
    (line,) = log.getvalue().splitlines()
    assert line.startswith("forecast: skipped:") and "item 2" in line


def test_watch_folder_stops_cleanly_on_ctrl_c(tmp_path, store):
    folder = tmp_path / "inbox"
    folder.mkdir()

    def interrupt(seconds):
        raise KeyboardInterrupt

    summary = watch(str(folder), every=1.0, store=store, sleep=interrupt, n_draws=N_DRAWS,
                    out=io.StringIO(), log=io.StringIO())  # fmt: skip
    assert summary.interrupted and summary.polls == 1 and summary.ingested == 0
    assert summary.line() == (
        "watch interrupted (Ctrl-C or SIGTERM): 1 poll, 0 articles ingested, 0 items skipped"
    )


def test_watch_first_poll_error_is_raised(store):
    url = f"http://127.0.0.1:{closed_port()}/feed"
    with pytest.raises(InputError, match=r"cannot fetch the feed"):
        watch(url, every=1.0, store=store, iterations=1, n_draws=N_DRAWS)


def test_watch_says_when_it_activates_the_example_as_ingest_does(tmp_path, capsys):
    from forecast.cli import main

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks\nThe leaders may meet in Geneva.\n", encoding="utf-8")
    log = io.StringIO()
    with open_store(tmp_path / "watched.sqlite") as empty:
        watch(str(folder), every=1.0, store=empty, iterations=1, n_draws=N_DRAWS, seed=3,
              out=io.StringIO(), log=log, settle=0.0)  # fmt: skip
        assert [s.name for s in empty.active_scenarios()] == ["us_japan_2018"]
    watched = [line for line in log.getvalue().splitlines() if "activated" in line]
    assert main(["ingest", "--store", str(tmp_path / "ingested.sqlite"), "--draws", "100",
                 str(folder / "a.txt")]) == 0  # fmt: skip
    ingested = [line for line in capsys.readouterr().err.splitlines() if "activated" in line]
    assert (
        watched
        == ingested
        == ["forecast: no active scenario: activated the shipped example 'us_japan_2018'"]
    )
