"""Drafted scenarios on real news: the drafter against an analyst's questions (Wikinews).

For every article with questions in ``benchmarks/labels/wikinews_questions.jsonl``, the
claims are extracted and a scenario drafted (``draft_scenario``, what ``forecast draft``
writes); the drafter's own links (``link_claims``) say which claims inform which event.

Rules (each checkable by hand with ``--events``):

- a drafted event **is** an analyst question when its question text (without a "Given
  X:" prefix, which names the condition) names the question's
  happening: one of the question's ``actor`` words and one of its ``action`` words,
  compared by stem (``wikinews_labels.question_fires``);
- a question is **drafted** when at least one drafted event is it;
- a drafted event that is no question is **other** when one of its claims matches a
  forward claim label (a real happening the analyst did not ask about), else **junk**;
- two drafted events that are the same question are a **split**; a split is
  **contradictory** when one event's claims bear on the question mostly *for* it and the
  other's mostly *against* it (the question's ``claims`` relations, reversed for a link
  the drafter marked ``against``): forecasting both as likely says yes and no at once;
- **linking**: a predicted link is (claim, question) for a claim the drafter links to an
  event that is the question; it is right when the claim matches (rule in
  ``wikinews_labels``) a labelled claim the question cites. Precision = right / predicted;
  recall = cited (label, question) pairs with a right link / cited pairs.
- **ill-formed**: over every article in the data (labelled or not), the drafted questions
  with a fault an analyst would have to repair (``question_faults``: no subject, no verb,
  a pronoun subject, a verb without its complement, an event name shown, a wh-word
  inside, a function word in capitals); printed with ``--events`` as ``ill-formed (fault)``.
- **linking to the analyst's questions**: the questions themselves, written as a scenario
  of plain questions with deadlines and no match rules, link claims by frame
  (``link_claims``); precision and recall as above, over every question.

Usage::

    python benchmarks/wikinews_drafts.py [--data ../shared/data/wikinews] [--events]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

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
from forecast.language.question_form import question_faults
from forecast.scenario import Event, Scenario, draft_scenario
from forecast.scenario.frame_link import event_frame, frame_reason
from forecast.scenario.link import link_claims


def event_text(event) -> str:
    """The drafted question without its "Given X:" prefix, which names another event."""
    return event.question.split(": ", 1)[1] if event.given is not None else event.question


def ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "  - "


def lean(relations: list[str]) -> str | None:
    """'for' or 'against' when the relations lean one way, else None."""
    counts = Counter(relations)
    if counts["for"] > counts["against"]:
        return "for"
    if counts["against"] > counts["for"]:
        return "against"
    return None


def flip(relation: str, against: bool) -> str:
    if not against or relation not in ("for", "against"):
        return relation
    return "against" if relation == "for" else "for"


def evaluate_article(article, labels, questions, lexicon, total, show):
    """Add one article's counts to ``total``; print its events when ``show``."""
    claims = scored_claims(article, extract_claims(article, lexicon))
    label_of = {
        id(m.claim): m.label["id"]
        for m in match_claims(article, labels, claims)
        if m.claim is not None and m.label["forward"]
    }
    forward_ids = {label["id"] for label in labels if label["forward"]}
    try:
        scenario = draft_scenario(claims, name="wikinews", title=article.title or "draft")
    except InputError:
        scenario = None
    events = [event for event in scenario.events if not event.derived] if scenario else []
    evidence = defaultdict(list)
    for item in link_claims(scenario, claims) if scenario else ():
        evidence[item.event].append(item)
    relation = {q["id"]: {c["id"]: c["relation"] for c in q["claims"]} for q in questions}
    link_questions(questions, claims, label_of, relation, total, show)
    is_question = {
        e.name: [q for q in questions if question_fires(q, event_text(e))] for e in events
    }
    total["events"] += len(events)
    total["questions"] += len(questions)
    drafted = {q["id"] for qs in is_question.values() for q in qs}
    total["drafted"] += len(drafted)
    for event in events:
        if is_question[event.name]:
            status = "question " + ",".join(q["id"] for q in is_question[event.name])
        elif any(label_of.get(id(item.claim)) in forward_ids for item in evidence[event.name]):
            status = "other"
        else:
            status = "junk"
        total[status.split()[0]] += 1
        if show:
            print(f"  {status:16s} {event.question}")
    count_faults(events, total, show)
    for question in questions:
        cited = relation[question["id"]]
        total["cited"] += len(cited)
        same = [e for e in events if question in is_question[e.name]]
        leans = []
        right_labels = set()
        for event in same:
            relations = []
            for item in evidence[event.name]:
                total["links"] += 1
                label = label_of.get(id(item.claim))
                if label in cited:
                    total["right_links"] += 1
                    right_labels.add(label)
                    relations.append(flip(cited[label], item.against))
            leans.append(lean(relations))
        total["found_links"] += len(right_labels)
        total["splits"] += len(same) * (len(same) - 1) // 2
        total["contradictory"] += leans.count("for") * leans.count("against")
        if show:
            shown = "/".join(str(side) for side in leans)
            print(f"  {question['id']}: {len(same)} event(s) [{shown}] -> {question['question']}")


def count_faults(events, total, show: bool) -> None:
    """Add the drafted events and the ill-formed ones among them to ``total``."""
    total["asked"] += len(events)
    for event in events:
        faults = question_faults(event.question)
        total["ill_formed"] += bool(faults)
        if show and faults:
            print(f"  ill-formed ({', '.join(faults)}): {event.question}")


def unlabelled_faults(data: Path, labelled, lexicon, total, show: bool) -> None:
    """Count the faults of the questions drafted from the articles no question labels."""
    names = sorted(p.name for p in (data / "articles").glob("*.txt") if p.name not in labelled)
    for name, article in load_articles(data, names).items():
        if show:
            print(f"{name} [unlabelled]")
        try:
            scenario = draft_scenario(
                extract_claims(article, lexicon), name="wikinews", title=article.title or "d"
            )
        except InputError:
            continue
        count_faults([e for e in scenario.events if not e.derived], total, show)


def link_questions(questions, claims, label_of, relation, total, show=False) -> None:
    """Link claims to the analyst's questions written as a plain scenario; count links.

    With ``show``, print each link to a claim the question does not cite, and each cited
    claim left unlinked: its frame, the question's frame and the first check that fails
    (:func:`missed_field`)."""
    events = tuple(
        Event(question["id"].replace("-", "_").lower(), question["question"], "R")
        for question in questions
    )
    scenario = Scenario("questions", "Analyst questions", events)
    ids = {event.name: question["id"] for event, question in zip(events, questions, strict=True)}
    right = set()
    for item in link_claims(scenario, claims):
        total["q_links"] += 1
        label = label_of.get(id(item.claim))
        if label in relation[ids[item.event]]:
            right.add((ids[item.event], label))
        elif show:
            print(f"  {ids[item.event]} linked uncited {label}: {item.reason}")
            print(f"      claim {item.claim.sentence[:100]!r}")
    total["q_right"] += len(right)
    if show:
        frames = dict(zip(map(id, claims), claim_frames(claims), strict=True))
        for event in events:
            wanted = event_frame(event)
            for claim in claims:
                label = label_of.get(id(claim))
                if label in relation[ids[event.name]] and (ids[event.name], label) not in right:
                    frame = frames[id(claim)]
                    print(f"  {ids[event.name]} {label}: {missed_field(claim, frame, wanted)}")
                    print(f"      claim {claim.sentence[:100]!r}\n      {brief(frame)}")
                    print(f"      event {event.question!r}\n      {brief(wanted)}")


def brief(frame) -> str:
    if frame is None:
        return "no frame"
    return (
        f"actor={frame.actor!r} action={frame.action}/{frame.lemma} targets={sorted(frame.targets)}"
    )


def missed_field(claim, frame, wanted) -> str:
    """The first linking check a cited claim fails, for ``--links``."""
    if not claim.forward:
        return "not forward"
    if frame is None or wanted is None:
        return "no frame" if frame is None else "no event frame"
    if frame.action != wanted.action:
        return "action"
    if frame_reason(frame, wanted) is None:
        return "actor/target"
    return "condition or time or another event"


def evaluate(data: Path, show: bool) -> None:
    lexicon = load_lexicon()
    labels = load_claim_labels()
    questions = load_question_labels(claims=labels)
    by_article = defaultdict(list)
    for question in questions:
        by_article[question["article"]].append(question)
    labels_of = defaultdict(list)
    for label in labels:
        labels_of[label["article"]].append(label)
    total = Counter()
    for name, article in load_articles(data, by_article).items():
        if show:
            print(name)
        evaluate_article(article, labels_of[name], by_article[name], lexicon, total, show)
    unlabelled_faults(data, set(by_article), lexicon, total, show)
    n_articles = len(list((data / "articles").glob("*.txt")))
    print(
        f"Wikinews drafts: {len(by_article)} articles, {total['questions']} analyst questions, "
        f"{total['events']} drafted events"
    )
    print(
        f"questions drafted   {ratio(total['drafted'], total['questions'])} "
        f"({total['drafted']}/{total['questions']})"
    )
    print(
        f"drafted events      {total['question']} are a question, {total['other']} other "
        f"happenings, {total['junk']} junk ({ratio(total['junk'], total['events'])} junk)"
    )
    print(
        f"split pairs         {total['splits']} (events sharing one question), "
        f"{total['contradictory']} contradictory"
    )
    print(
        f"ill-formed questions {total['ill_formed']}/{total['asked']} over all {n_articles} "
        f"articles ({ratio(total['ill_formed'], total['asked'])})"
    )
    print(
        f"linking             precision {ratio(total['right_links'], total['links'])} "
        f"({total['right_links']}/{total['links']}), recall "
        f"{ratio(total['found_links'], total['cited'])} ({total['found_links']}/{total['cited']})"
    )
    print(
        f"linking to the analyst's questions (as a plain scenario): precision "
        f"{ratio(total['q_right'], total['q_links'])} ({total['q_right']}/{total['q_links']}), "
        f"recall {ratio(total['q_right'], total['cited'])} ({total['q_right']}/{total['cited']})"
    )


def main(argv: list[str] | None = None) -> int:
    args = data_args(
        __doc__.splitlines()[0],
        argv,
        "--events",
        "print every drafted event and unlinked cited claim",
    )
    if args is not None:
        evaluate(args.data, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
