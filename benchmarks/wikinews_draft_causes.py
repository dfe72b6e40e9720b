"""Why the drafter misses an analyst's question: one cause per missed question (Wikinews).

For every analyst question in ``benchmarks/labels/wikinews_questions.jsonl`` that no
drafted event is (rule in ``wikinews_drafts``), the claims its labels cite are followed
through the drafter and the furthest stage any of them reaches names the cause:

- ``no claim``: no extracted claim matches a cited label (extraction's share);
- ``no frame`` / ``not forward`` / ``conditional``: the claim has no frame, is not
  forward-looking, or carries a condition;
- ``frame kind other`` / ``unresolved actor`` / ``non-event`` / ``nothing named`` /
  ``background``: the frame may not start a happening
  (:func:`forecast.scenario.happenings.questionable`);
- ``cut by max-events``: its happening's question is the analyst's but ranked out;
- ``dropped, unlinked``: its happening's question links no claim;
- ``clustered``: the claim's own frame names the question but its happening is asked
  from another frame;
- ``question words``: the happening is drafted but its question names other words.

Usage::

    python benchmarks/wikinews_draft_causes.py [--data ../shared/data/wikinews] [--list]
"""

from __future__ import annotations

from collections import Counter, defaultdict

from wikinews_drafts import event_text
from wikinews_labels import (
    data_args,
    load_articles,
    load_claim_labels,
    load_question_labels,
    match_claims,
    question_fires,
    scored_claims,
)

from forecast.errors import InputError
from forecast.language.extract import extract_claims
from forecast.language.frames import claim_frames
from forecast.language.lexicon import load_lexicon
from forecast.scenario import draft_scenario
from forecast.scenario.draft import MAX_EVENTS, question_text, rank_happenings
from forecast.scenario.happenings import (
    NOT_ASKED,
    background,
    condition_of,
    group_happenings,
    made_known,
    questionable,
)

STAGES = (
    "no claim",
    "no frame",
    "not forward",
    "conditional",
    "frame kind other",
    "unresolved actor",
    "non-event",
    "nothing named",
    "background",
    "question words",
    "clustered",
    "dropped, unlinked",
    "cut by max-events",
)
"""Causes from the earliest stage to the latest: a question's cause is its furthest."""


def frame_cause(claim, frame) -> str | None:
    """Why ``frame`` may not start a happening, or None when it may."""
    checks = (
        (frame is None, "no frame"),
        (not claim.forward, "not forward"),
        (condition_of(claim) is not None, "conditional"),
        (frame is not None and frame.kind == "other", "frame kind other"),
        (frame is not None and not frame.resolved, "unresolved actor"),
        (
            frame is not None
            and (frame.action in NOT_ASKED or frame.lemma in NOT_ASKED)
            and not made_known(frame),
            "non-event",
        ),
    )
    found = next((cause for failed, cause in checks if failed), None)
    if found is not None or questionable(claim, frame):
        return found
    return "background" if background(claim, frame) else "nothing named"


def claim_cause(question, claim, frame, happenings) -> str:
    """How far one cited claim gets toward drafting ``question``."""
    cause = frame_cause(claim, frame)
    if cause is not None:
        return cause
    rank, home = next((i, h) for i, h in enumerate(happenings) if any(c is claim for c in h.claims))
    if question_fires(question, question_text(home.frame.body, None)):
        return "cut by max-events" if rank >= MAX_EVENTS else "dropped, unlinked"
    if question_fires(question, question_text(frame.body, None)):
        return "clustered"
    return "question words"


def article_causes(article, labels, questions, lexicon) -> list[tuple[str, str]]:
    """``(question id, cause)`` for each question of ``article`` no drafted event is."""
    claims = scored_claims(article, extract_claims(article, lexicon))
    label_of = {
        id(m.claim): m.label["id"]
        for m in match_claims(article, labels, claims)
        if m.claim is not None
    }
    frames = claim_frames(claims)
    happenings = rank_happenings(group_happenings(claims, frames), article.title or "draft")
    try:
        scenario = draft_scenario(claims, name="wikinews", title=article.title or "draft")
        texts = [event_text(e) for e in scenario.events if not e.derived]
    except InputError:
        texts = []
    causes = []
    for question in questions:
        if any(question_fires(question, text) for text in texts):
            continue
        cited = {c["id"] for c in question["claims"]}
        found = [
            claim_cause(question, claim, frame, happenings)
            for claim, frame in zip(claims, frames, strict=True)
            if label_of.get(id(claim)) in cited
        ]
        causes.append((question["id"], max(found, key=STAGES.index, default="no claim")))
    return causes


def main(argv: list[str] | None = None) -> int:
    args = data_args(__doc__.splitlines()[0], argv, "--list", "print each missed question")
    if args is None:
        return 0
    lexicon = load_lexicon()
    labels = load_claim_labels()
    questions = load_question_labels(claims=labels)
    by_article, labels_of = defaultdict(list), defaultdict(list)
    for question in questions:
        by_article[question["article"]].append(question)
    for label in labels:
        labels_of[label["article"]].append(label)
    total = Counter()
    for name, article in load_articles(args.data, by_article).items():
        for question_id, cause in article_causes(
            article, labels_of[name], by_article[name], lexicon
        ):
            total[cause] += 1
            if args.show:
                print(f"  {question_id}: {cause}")
    print(f"missed analyst questions by cause ({sum(total.values())} of {len(questions)}):")
    for cause in STAGES:
        if total[cause]:
            print(f"  {cause:18s} {total[cause]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
