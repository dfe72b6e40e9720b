"""Who speaks for a claim: the parse's attribution chain, the written attribution, who
holds the plan, or the person last named.

The predicate reader keeps, for each event, the subjects of the verbs that report it,
innermost first ("the paper cited an aide as saying": "an aide", then "the paper"), and
the subject that holds it as a plan, vow or view ("Yemen has vowed to", "analysts are
skeptical that"). A claim's speaker, first that applies:

1. the innermost reporter: whose words the event is; the written attribution instead when
   it names the same one more fully ("Political editor Ann Lee said", parsed "Ann Lee");
2. the written attribution (:func:`~forecast.language.attribution.find_attribution`:
   "According to sources, Mr. Abe hopes to" is the sources' word, not Mr. Abe's), unless
   the parse found its reporter to be a pronoun ("Later he said": step 4);
3. the holder ("Yemen has vowed to": Yemen's word, by the outlet's account);
4. the person or body the article last named as a source, for a reporter or written name
   that is a pronoun ("Later he said") and for a quoted sentence naming no one;
5. the outlet.

A personal or demonstrative pronoun is no name; a quantifier ("many do not want to
return") names nobody, and the written attribution stays. A quotation that runs over
several sentences is attributed once, in the sentence that opens or closes it ('"We will
provide food. We will provide a tent also," he explained.'), or by the speaker last named
before it: its other sentences are that speaker's (:func:`quoted_attributions`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forecast.language import coref, frame_rules
from forecast.language.attribution import Attribution, find_attribution, source_named
from forecast.language.claim import Claim, Source, SourceKind
from forecast.language.predicates import PredicateReading
from forecast.language.reconcile import reading_at
from forecast.language.sentences import Sentence

__all__ = ["Earlier", "is_named", "quoted_attributions", "speaker", "spoken"]

# Words that name no one by themselves: the pronouns questions must not show, and the
# generic and demonstrative ones a reporter may be ("one said", "this comes as").
PRONOUNS = frame_rules.PRONOUNS | frozenset(["you", "one", "this", "that", "these", "those"])
# A share of people, no one named: the quantifiers coreference reads, and their kin.
QUANTIFIERS = coref.QUANTIFIERS | frozenset(["all", "both", "none", "others", "each"])
NAMED_KINDS = frozenset([SourceKind.OFFICIAL, SourceKind.ANONYMOUS])
OPENING, CLOSING, STRAIGHT = "\u201c", "\u201d", '"'


@dataclass(frozen=True, slots=True)
class Earlier:
    """An article's outlet and the sources it named before a sentence: the last one written
    as an attribution (what "one of the sources" points back to) and the last person or
    body named anywhere, in an attribution or a reading (what "he said" stands for)."""

    outlet: str
    written: Source | None = None
    named: Source | None = None

    def after(self, written: Source, found: Iterable[Source]) -> Earlier:
        """What the article has named once a sentence with ``written`` attribution and the
        sources ``found`` in it (its readings' names, its claims' speakers) is read."""
        kept = written if written.kind in NAMED_KINDS else self.written
        named = [source for source in (written, *found) if is_named(source)]
        return Earlier(self.outlet, kept, named[-1] if named else self.named)

    def source(self, name: str) -> Source | None:
        """The source a name in a reading stands for, classified as a written one is."""
        return source_named(name, self.written, self.outlet)


def is_named(source: Source) -> bool:
    """A person or body named as a source, not a pronoun standing for one."""
    return source.kind in NAMED_KINDS and not _pronoun(source.name)


def spoken(
    claim: Claim,
    readings: Sequence[PredicateReading],
    written: Source,
    earlier: Earlier,
    quoted: bool = False,
) -> Claim:
    """``claim`` with its speaker (rules in the module docstring); ``readings`` are its
    sentence's, ``written`` the sentence's written source, ``earlier`` what the article
    named before, ``quoted`` whether the sentence lies inside a running quotation."""
    own = reading_at(claim.predicate_span, readings)
    holders = own.holders if own is not None else ()
    found = speaker(claim.sources, holders, written, earlier, quoted)
    return claim if found == claim.source else dataclasses.replace(claim, source=found)


def speaker(
    reporters: tuple[str, ...],
    holders: tuple[str, ...],
    written: Source,
    earlier: Earlier,
    quoted: bool = False,
) -> Source:
    """The speaker of a claim whose reading names ``reporters`` (innermost first) and
    ``holders`` (rules in the module docstring)."""
    attributed = written != Source(earlier.outlet, SourceKind.OUTLET)
    reporter = _first_named(reporters, earlier)
    if reporter is not None:
        fuller = attributed and set(reporter.name.split()) < set(written.name.split())
        return written if fuller else reporter
    if attributed and not reporters and not _pronoun(written.name):
        return written  # a reporter the parse found is a pronoun: "Later he said"
    holder = _first_named(holders, earlier)
    if holder is not None:
        return holder
    if any(_quantified(name) for name in (*reporters, *holders)):
        return written
    unnamed = bool(reporters) or quoted or _pronoun(written.name)
    return earlier.named if unnamed and earlier.named is not None else written


def _first_named(names: tuple[str, ...], earlier: Earlier) -> Source | None:
    """The source the first name that is no pronoun or quantifier stands for."""
    kept = (name for name in names if not (_pronoun(name) or _quantified(name)))
    return next(filter(None, map(earlier.source, kept)), None)


def _pronoun(name: str) -> bool:
    return name.strip().lower() in PRONOUNS


def _quantified(name: str) -> bool:
    """ "many", "some of them": a share of people, no one named."""
    words = name.lower().split()
    return bool(words) and words[0] in QUANTIFIERS


def quoted_attributions(
    text: str, sentences: Sequence[Sentence]
) -> list[tuple[Attribution | None, bool]]:
    """Each sentence's written attribution and whether it lies inside a quotation that runs
    over several sentences of a paragraph; such a sentence that names no speaker itself
    takes the attribution another sentence of the quotation gives (the first found).
    Linear in the text."""
    own = [find_attribution(sentence.text) for sentence in sentences]
    found = [(attribution, False) for attribution in own]
    for run in _quotation_runs(text, sentences):
        speaker = next((own[i] for i in run if own[i] is not None and not own[i].marker), None)
        for i in run:
            found[i] = (own[i] or speaker, True)
    return found


def _quotation_runs(text: str, sentences: Sequence[Sentence]) -> list[list[int]]:
    """Indices of sentences joined by an open quotation: each sentence after the first
    begins inside quotation marks the one before left open. A paragraph break ends any
    quotation (a quote that runs on reopens its marks)."""
    runs: list[list[int]] = []
    inside, end = False, 0
    for i, sentence in enumerate(sentences):
        inside = inside and "\n" not in text[end : sentence.span[0]]
        if inside and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif inside:
            runs.append([i - 1, i])
        for char in sentence.text:
            if char in (OPENING, CLOSING, STRAIGHT):
                inside = char == OPENING or (char == STRAIGHT and not inside)
        end = sentence.span[1]
    return runs
