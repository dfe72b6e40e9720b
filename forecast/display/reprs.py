"""Rich displays for notebooks: claims and forecasts as small HTML fragments and text.

Jupyter calls ``_repr_html_`` on the value a cell returns; :class:`~forecast.language.
claim.Claim` and :class:`~forecast.engine.result.Forecast` delegate theirs to this module, so the
markup lives in one place. Every piece of text is escaped with :func:`html.escape`; the
hedge cues are wrapped in ``<mark>``, so the words that carried the probability stand out.
Styles are inline (notebooks sanitise ``<style>`` blocks inconsistently).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = [
    "claim_html",
    "claim_text",
    "diagnostics_text",
    "driver_excerpt",
    "forecast_html",
    "forecast_text",
    "highlight",
    "plural",
    "prob_bar",
    "say",
]

Span = tuple[int, int]
INTERVAL_MASS = 0.9
BAR_WIDTH_PX = 120
QUOTE_CHARS = 160
CELL = "padding:2px 8px;text-align:left;vertical-align:top"


def say(progress: Callable[[str], None] | None, message: str) -> None:
    """Pass ``message`` to the caller's progress callback, if it gave one."""
    if progress is not None:
        progress(message)


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless the count is one.

    Examples
    --------
    >>> plural(1, "chain"), plural(2, "chain"), plural(0, "poll")
    ('1 chain', '2 chains', '0 polls')
    """
    return f"{count} {noun}" + ("" if count == 1 else "s")


def merge_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans clipped to ``[0, length)``, sorted, with overlapping or touching ones merged."""
    clipped = sorted((max(0, a), min(length, b)) for a, b in spans if min(length, b) > max(0, a))
    merged: list[Span] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[Span]) -> str:
    """``text`` escaped for HTML, with each ``(start, end)`` span wrapped in ``<mark>``.

    Examples
    --------
    >>> highlight("Trump <may> visit", [(6, 11)])
    'Trump <mark>&lt;may&gt;</mark> visit'
    """
    pieces, position = [], 0
    for start, end in merge_spans(spans, len(text)):
        pieces.append(html.escape(text[position:start]))
        pieces.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def find_phrases(text: str, phrases: Iterable[str]) -> list[Span]:
    """Where each phrase occurs in ``text`` (whole words, ignoring case and spacing)."""
    spans = []
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        pattern = r"\b" + r"\s+".join(re.escape(word) for word in words) + r"\b"
        spans.extend(match.span() for match in re.finditer(pattern, text, re.IGNORECASE))
    return spans


def _percent(prob: float) -> str:
    return f"{100 * prob:.0f}%"


def _interval(low: float, high: float) -> str:
    return f"[{_percent(low)}, {_percent(high)}]"


def prob_bar(prob: float, low: float, high: float, width: int = BAR_WIDTH_PX) -> str:
    """An inline bar: the 90% interval as a light band, the probability as a dark tick."""
    left, span, tick = (round(width * x) for x in (low, max(high - low, 0.0), prob))
    return (
        f'<div style="position:relative;width:{width}px;height:12px;background:#eee;'
        f'border-radius:2px" title="{html.escape(_percent(prob))} {_interval(low, high)}">'
        f'<div style="position:absolute;left:{left}px;width:{max(span, 1)}px;height:12px;'
        f'background:#9ecae1"></div>'
        f'<div style="position:absolute;left:{max(tick - 1, 0)}px;width:3px;height:12px;'
        f'background:#08519c"></div></div>'
    )


def _claim_spans(claim: Any) -> list[Span]:
    """The claim's cue spans, moved from article offsets to offsets in its sentence."""
    offset = claim.sentence_span[0]
    return [(start - offset, end - offset) for start, end in (m.span for m in claim.cues)]


def _cue_names(claim: Any) -> str:
    return ", ".join(match.cue + (" (negated)" if match.negated else "") for match in claim.cues)


def claim_text(claim: Any) -> str:
    """One line: the event, polarity, cues, source and implied probability with interval."""
    low, high = claim.interval(INTERVAL_MASS)
    polarity = "negated" if claim.negated else "asserted"
    condition = ""
    if claim.condition is not None:
        negation = "not " if claim.condition.negated else ""
        condition = f" if {negation}{claim.condition.event}"
    return (
        f"{claim.event!r} ({polarity}{condition}): {_percent(claim.prob)} "
        f"{_interval(low, high)} from {_cue_names(claim)!r}, {claim.source.name} "
        f"({claim.source.kind}), {claim.tense}"
    )


def claim_html(claim: Any) -> str:
    """The claim's sentence with its cues highlighted, then what was read from it."""
    low, high = claim.interval(INTERVAL_MASS)
    rows = [
        ("event", html.escape(claim.event)),
        ("polarity", "negated" if claim.negated else "asserted"),
        ("cues", html.escape(_cue_names(claim))),
        ("source", f"{html.escape(claim.source.name)} ({html.escape(str(claim.source.kind))})"),
        ("tense", html.escape(str(claim.tense))),
        (
            "prob",
            f"{_percent(claim.prob)} {_interval(low, high)} "
            f"<small>(median, {INTERVAL_MASS:.0%} interval)</small>",
        ),
    ]
    if claim.condition is not None:
        when = "does not happen" if claim.condition.negated else "happens"
        rows.insert(2, ("condition", f"if {html.escape(claim.condition.event)} {when}"))
    if claim.published is not None:
        rows.append(("published", claim.published.isoformat()))
    body = "".join(
        f'<tr><th style="{CELL}">{name}</th><td style="{CELL}">{value}</td></tr>'
        for name, value in rows
    )
    return (
        f'<div><blockquote style="margin:4px 0">{highlight(claim.sentence, _claim_spans(claim))}'
        f"</blockquote><table>{body}</table></div>"
    )


def _driver_spans(driver: Any) -> list[Span]:
    """Where the driver's cues are in its quote: as recorded, else found by their words."""
    return list(getattr(driver, "spans", ())) or find_phrases(driver.quote, driver.cue.split(", "))


def driver_excerpt(driver: Any, chars: int = QUOTE_CHARS) -> str:
    """A driver's quote as plain text, about ``chars`` characters from its first cue on.

    A narrow table then shows the words that moved the number, not the quote's opening.

    Examples
    --------
    >>> from forecast.engine.result import Driver
    >>> quote = "Officials said on Monday that Trump may stop in Japan on his way back."
    >>> driver_excerpt(Driver(quote, "may", "officials", "anonymous", None, 0.1), 20)
    '…may stop in Japan on…'
    """
    quote = driver.quote
    begin = min((start for start, _ in _driver_spans(driver)), default=0)
    excerpt = quote[begin : begin + chars].rstrip()
    return ("…" if begin else "") + excerpt + ("…" if begin + chars < len(quote) else "")


def driver_html(driver: Any, chars: int = QUOTE_CHARS) -> str:
    """A driver's quote with its cues highlighted, shortened to about ``chars`` characters."""
    quote, spans = _shorten(driver.quote, _driver_spans(driver), chars)
    sign = "+" if driver.delta >= 0 else "−"
    return (
        f"{highlight(quote, spans)} <small>({html.escape(driver.source)}; "
        f"{sign}{abs(100 * driver.delta):.0f} pts)</small>"
    )


def _shorten(text: str, spans: Sequence[Span], chars: int) -> tuple[str, list[Span]]:
    """``text`` cut to about ``chars`` characters around its first span, spans moved along."""
    if len(text) <= chars:
        return text, list(spans)
    first = min((start for start, _ in spans), default=0)
    start = max(0, min(first - chars // 3, len(text) - chars))
    end = start + chars
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + text[start:end] + suffix, kept


def diagnostics_text(diagnostics: Any) -> str:
    """Sampler diagnostics in one line: R-hat, ESS, divergences, and the verdict."""
    verdict = "ok" if diagnostics.ok else "NOT MET: " + "; ".join(diagnostics.messages)
    return (
        f"R-hat {diagnostics.r_hat:.3f}, ESS {diagnostics.ess:.0f}, "
        f"{diagnostics.divergences} divergences: {verdict}"
    )


def _as_of(forecast: Any) -> str:
    return "undated" if forecast.as_of is None else f"as of {forecast.as_of.isoformat()}"


def forecast_text(forecast: Any) -> str:
    """A few lines: title, date, one line per event, diagnostics."""
    width = max((len(event.event) for event in forecast.events), default=0)
    lines = [f"{forecast.title} ({forecast.scenario}, {_as_of(forecast)})"]
    lines += [
        f"  {event.event:<{width}}  {_percent(event.prob):>4} "
        f"{_interval(event.low, event.high):<11} {event.label} ({event.evidence})"
        for event in forecast.events
    ]
    lines.append(f"  diagnostics: {diagnostics_text(forecast.diagnostics)}")
    return "\n".join(lines)


def forecast_html(forecast: Any) -> str:
    """Title, date, one row per event with a probability bar and its top driver, diagnostics."""
    head = "".join(
        f'<th style="{CELL}">{name}</th>'
        for name in ("event", "probability", f"{INTERVAL_MASS:.0%} interval", "", "words",
                     "top driver")
    )  # fmt: skip
    rows = []
    for event in forecast.events:
        driver = driver_html(event.drivers[0]) if event.drivers else html.escape(event.evidence)
        cells = (
            f'<span title="{html.escape(event.question)}"><code>'
            f"{html.escape(event.event)}</code></span>",
            f"<b>{_percent(event.prob)}</b>",
            _interval(event.low, event.high),
            prob_bar(event.prob, event.low, event.high),
            html.escape(event.label),
            driver,
        )
        rows.append("<tr>" + "".join(f'<td style="{CELL}">{cell}</td>' for cell in cells) + "</tr>")
    colour = "#2b7a2b" if forecast.diagnostics.ok else "#b35900"
    return (
        f"<div><b>{html.escape(forecast.title)}</b> "
        f"<small>({html.escape(forecast.scenario)}, {_as_of(forecast)}; labels: "
        f"{html.escape(forecast.standard)})</small>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<small style="color:{colour}">diagnostics: '
        f"{html.escape(diagnostics_text(forecast.diagnostics))}</small></div>"
    )
