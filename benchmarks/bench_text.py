"""Reading and claim extraction stay linear in the input, for ordinary and hostile shapes.

For each shape below, articles of 10 KB up to ``--max-kb`` (default 4 MB) are read with
:func:`forecast.reading.article.parse_article` and their claims extracted; the script prints the
seconds per MB of each stage at each size. Linear code shows a flat column: the ratio
of the largest size's time per MB to the smallest's is printed last (near 1 is linear,
growing with the size is not), with the exponent ``k`` of the least-squares fit
``time ~ size^k`` (1 is linear). Both come from CPU seconds (this process and its parsing
helpers), which a busy shared machine inflates far less than wall time; words/s is the
extraction's wall-clock rate (words split at spaces). Then the largest article the reader
accepts (``MAX_ARTICLE_BYTES``, 5 MB of ordinary prose) is read and extracted once,
against the 60 s wall-clock target (CPU seconds beside it). Usage::

    PYTHONPATH=. python benchmarks/bench_text.py [--max-kb 4096] [--shape NAME ...] [--no-largest]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from forecast.language.extract import extract_claims
from forecast.reading.article import MAX_ARTICLE_BYTES, parse_article

PROSE = (
    "Officials said President Trump may stop in Japan on his way back from Singapore. "
    "Mr. Abe is expected to ask Mr. Trump to raise the abductions issue at the summit. "
    "No schedule has been set yet, a government source said on Tuesday.\n"
)
SHAPES = {
    "prose": ("text", PROSE, ""),
    "giant_line": ("text", "officials said leaders may meet and talks are expected to resume ", ""),
    "cue_words": ("text", "may is expected to likely may not ", ""),
    "mr_dots": ("text", "Mr. ", ""),
    "html_nested": ("html", "<div><b>Leaders may meet. ", "</b></div>"),
    "html_unclosed": ("html", "<p><b><i>Leaders may <a href='x'>meet ", ""),
    "md_emphasis": ("markdown", "*leaders **may _meet ~~soon `x [link ", ""),
    "md_links": ("markdown", "[![a](b [c]( <http:x ", ""),
}
TARGET_S = 60.0


def article_text(shape: str, n_bytes: int) -> tuple[str, str]:
    """``(format, text)`` of about ``n_bytes`` in the given shape."""
    fmt, unit, closing = SHAPES[shape]
    repeats = max(1, n_bytes // (len(unit) + len(closing)))
    return fmt, "Talks ahead\n" + unit * repeats + closing * repeats


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (parsing helpers)."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fmt: str, text: str) -> tuple[float, float, int, float]:
    """Seconds to read, seconds to extract, the number of claims, and CPU seconds of both."""
    cpu, start = cpu_seconds(), time.perf_counter()
    article = parse_article(text, fmt)
    read = time.perf_counter() - start
    start = time.perf_counter()
    claims = extract_claims(article)
    return read, time.perf_counter() - start, len(claims), cpu_seconds() - cpu


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """``k`` of the least-squares fit ``seconds ~ size^k`` on a log-log scale."""
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-kb", type=int, default=4096)
    parser.add_argument("--shape", nargs="*", choices=sorted(SHAPES), default=sorted(SHAPES))
    parser.add_argument("--no-largest", action="store_true", help="skip the 5 MB article")
    args = parser.parse_args()
    sizes = [10 * 1024]
    while sizes[-1] * 4 <= args.max_kb * 1024:
        sizes.append(sizes[-1] * 4)
    if sizes[-1] < args.max_kb * 1024:
        sizes.append(args.max_kb * 1024)
    timed(*article_text("prose", 1024))  # loads the parser and lexicon outside the timings
    print(f"{'shape':>14} {'size KB':>8} {'read s/MB':>10} {'extract s/MB':>13} {'cpu s/MB':>9} "
          f"{'words/s':>8} {'claims':>7}")  # fmt: skip
    for shape in args.shape:
        mbs, cpus = [], []
        for size in sizes:
            fmt, text = article_text(shape, size)
            read, extract, n_claims, cpu = timed(fmt, text)
            mb = len(text.encode()) / 1e6
            mbs.append(mb)
            cpus.append(cpu)
            rate = len(text.split()) / extract
            print(f"{shape:>14} {size // 1024:>8} {read / mb:>10.3f} {extract / mb:>13.3f} "
                  f"{cpu / mb:>9.3f} {rate:>8.0f} {n_claims:>7}")  # fmt: skip
        ratio = (cpus[-1] / mbs[-1]) / (cpus[0] / mbs[0])
        print(f"{shape:>14} CPU s/MB, largest to smallest: {ratio:.2f}; "
              f"fitted exponent {exponent(mbs, cpus):.2f}")  # fmt: skip
    if args.no_largest:
        return
    fmt, text = article_text("prose", MAX_ARTICLE_BYTES - 64)
    read, extract, n_claims, cpu = timed(fmt, text)
    verdict = "met" if read + extract < TARGET_S else "NOT met"
    print(f"largest accepted article ({len(text.encode()) / 1e6:.1f} MB of prose): read "
          f"{read:.1f} s, extract {extract:.1f} s ({len(text.split()) / extract:.0f} words/s), "
          f"{cpu:.1f} CPU s, {n_claims} claims; target "
          f"< {TARGET_S:.0f} s {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
