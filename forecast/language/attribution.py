"""Who a sentence is attributed to, and what kind of source that is.

A sentence names its source in a prefix ("According to sources, ...", "X said (that) ...")
or a suffix ("..., sources said."); "reportedly" and "it is rumoured" mark hearsay, and
without any of these the outlet speaks for itself. Named news agencies and outlets
(:data:`NEWS_OUTLETS`) are not officials: a wire report relayed by another outlet
("according to Yonhap" in a Baonghean article) is hearsay, and the outlet's own report
(the article's source, or a wire tag such as "(AP)") speaks in the outlet's voice.
Phrases that point back ("the above sources", "one of the sources") inherit the source
named earlier in the article, so claims repeating one source share it rather than
counting as new witnesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forecast.language.claim import Source, SourceKind, Span

# A name never runs across a dateline's outlet tag ("TOKYO, June 3, 2018 (Kyodo) - ...").
_DATELINE_TAG = r"\)\s*[-\u2013\u2014]+\s"
_NAME = r"(?P<name>(?:(?!" + _DATELINE_TAG + r")[^,;:\"\u201c\u201d]){2,80}?)"
_REPORTING = (
    r"(?:said|says|reported|reports|told\s+[\w ]{1,30}?|stated|added|noted|explained|"
    r"insisted)"
)
# After the statement, belief verbs attribute it too ("..., officials believe.").
_SUFFIX_REPORTING = r"(?:" + _REPORTING + r"|believes?|think|thinks|expects?)"
PREFIX_PATTERNS = (
    re.compile(
        r"\b(?:according\s+to|citing|as\s+reported\s+by)\s+" + _NAME + r"\s*(?:[,;:]\s*|$)", re.I
    ),
    re.compile(
        r"(?:^|(?<=[,:]\s)|(?<=^[\"\u201c])|(?<=[-\u2013\u2014]\s))"
        + _NAME
        + r"\s+"
        + _REPORTING
        + r"(?:\s+on\s+\w+)?(?:\s+that)?\s*[,:]?\s+(?=\S)"
    ),
)
SUFFIX_PATTERNS = (
    re.compile(
        r"[,\"\u201d]\s*[\"\u201d]?\s*"
        + _NAME
        + r"\s+"
        + _SUFFIX_REPORTING
        + r"(?:\s+on\s+\w+)?\s*[.!?|]*[\"\u201d]?\s*$"
    ),
    re.compile(r"[,\"\u201d]\s*[\"\u201d]?\s*(?:said|says|added)\s+" + _NAME + r"\s*[.!?|]*\s*$"),
)
HEARSAY = re.compile(
    r"\b(?:reportedly|allegedly|rumou?red|rumou?rs?|it\s+is\s+said|(?:is|are)\s+said\s+to|"
    r"according\s+to\s+(?:media\s+)?reports|reports\s+(?:say|said|suggest(?:ed)?))\b",
    re.I,
)
_REFERS_BACK = re.compile(
    r"\b(?:above|these|those|same|such|aforementioned)\b|"
    r"^(?:one|some|two|three|several|many|each|both|all|none)\s+of\s+(?:the|these|those)\b|"
    r"^the\s+(?:sources?|officials?|insiders?|diplomats?)$",
    re.I,
)
# Unnamed people, by role: officials and insiders, and the people a story is about when
# no one of them is named ("analysts", "protesters", "a protester").
_ANONYMOUS = re.compile(
    r"\b(?:sources?|officials?|insiders?|diplomats?|aides?|people|person|someone|"
    r"informants?|analysts|experts|observers|critics|witnesses|residents|protest[eo]rs?|"
    r"demonstrators?|campaigners|activists|donors|militants|groups)\b",
    re.I,
)
_HEARSAY_NAME = re.compile(
    r"\b(?:reports?|media|newspapers?|press(?!\s+(?:secretary|officer|office|aide|attach))|"
    r"rumou?rs?|tabloids?|news\s+agency)\b",
    re.I,
)
_SPOKESPERSON = re.compile(r"\bspokes(?:person|man|woman)\b", re.I)
# Reporters speak for their outlet, not for the people they cover: "our correspondent in
# Cairo", "a journalist travelling with the delegation".
_JOURNALIST = re.compile(
    r"\b(?:correspondents?|journalists?|reporters?|editors?|columnists?|stringers?)\b", re.I
)
# An anonymous source placed on someone's side: "sources close to the president".
_SIDE = re.compile(
    r"\b(?:close\s+to|familiar\s+with|within|inside)\s+(?P<side>(?:the\s+)?[^,;:]{2,60}?)"
    r"(?:['\u2019]s?\s+(?:thinking|plans?|camp|team|office|circle))?$",
    re.I,
)
_MODAL = re.compile(r"\b(?:will|would|may|might|could|can|should|must|if|unless)\b", re.I)
MAX_NAME_WORDS = 8
# Words that open a clause or join one, never a name: "However, after 25 MPs said".
_CLAUSE_OPENERS = frozenset(
    ["after", "before", "when", "while", "as", "because", "since", "and", "but", "or", "then",
     "however", "although", "though", "once", "until", "who", "which", "that"]
)  # fmt: skip
# News agencies and large outlets that other outlets cite, by the names they are cited
# by. Wire agencies: AP, Reuters, AFP, Kyodo, Jiji, Yonhap, Xinhua, TASS, KCNA, VNA,
# Bloomberg; broadcasters and newspapers often relayed in Asia-Pacific and US coverage.
# A name containing "news agency", "media" or "newspaper" is caught by _HEARSAY_NAME.
NEWS_OUTLETS = (
    "Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "Kyodo", "Jiji",
    "Yonhap", "Xinhua", "TASS", "KCNA", "VNA", "Bloomberg", "NHK", "CNN", "BBC", "Fox News",
    "NBC", "CBS", "ABC News", "Nikkei", "Asahi", "Yomiuri", "Mainichi", "Sankei", "Chosun Ilbo",
    "JoongAng", "Dong-A Ilbo", "Korea Herald", "Korea Times", "Washington Post",
    "New York Times", "Wall Street Journal", "Financial Times", "Politico", "Axios",
    "South China Morning Post", "Al Jazeera", "VnExpress", "Baonghean",
)  # fmt: skip
_OUTLET_NAME = re.compile(
    r"\b(?:" + "|".join(re.escape(name) for name in NEWS_OUTLETS) + r")(?![\w-])"
)
# A wire tag naming the agency whose copy the article is: "WASHINGTON (AP) -".
_WIRE_TAG = re.compile(r"\((?P<name>" + _OUTLET_NAME.pattern + r")\)")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence's attribution as written: the name, its span in the sentence, its kind.

    ``refers_back`` marks phrases such as "the above sources" that point at a source
    named earlier; :func:`resolve_source` replaces them with that source.
    """

    name: str
    span: Span
    kind: SourceKind
    refers_back: bool = False
    outlet: bool = False  # the name is a news agency or outlet (NEWS_OUTLETS)
    marker: bool = False  # a hearsay word inside the statement ("reportedly"), not a clause
    wire: bool = False  # a wire tag: the agency whose copy the article is ("(AP)")


def find_attribution(sentence: str) -> Attribution | None:
    """The attribution phrase of ``sentence``, or None when the outlet speaks itself."""
    for pattern in (*PREFIX_PATTERNS, *SUFFIX_PATTERNS):
        for match in pattern.finditer(sentence):
            name = match.group("name").strip().rstrip(".!?")
            if _plausible_name(name):
                outlet = bool(_OUTLET_NAME.search(name))
                return Attribution(name, match.span(), *_classify(name), outlet=outlet)
    wire = _WIRE_TAG.search(sentence)
    if wire:
        name = wire.group("name")
        return Attribution(name, wire.span(), SourceKind.OUTLET, outlet=True, wire=True)
    hearsay = HEARSAY.search(sentence)
    if hearsay:
        return Attribution(hearsay.group(0), hearsay.span(), SourceKind.HEARSAY, marker=True)
    return None


def resolve_source(attribution: Attribution | None, previous: Source | None, outlet: str) -> Source:
    """The source a sentence speaks for, given the last explicitly named one.

    An agency named as the source is the outlet itself when it is the article's own
    outlet (``outlet``) or tagged as the wire copy; any other outlet is hearsay. A
    journalist speaks for the outlet (another outlet's journalist is hearsay, as that
    outlet is); an anonymous source "close to X" speaks for X's side.
    """
    if attribution is None:
        return Source(outlet, SourceKind.OUTLET)
    if attribution.refers_back and previous is not None:
        return previous
    if attribution.outlet:
        own = attribution.wire or _same_outlet(attribution.name, outlet)
        return Source(attribution.name, SourceKind.OUTLET if own else SourceKind.HEARSAY)
    if attribution.kind is SourceKind.ANONYMOUS:
        side = _SIDE.search(attribution.name)
        return Source(attribution.name, attribution.kind, side.group("side") if side else "")
    return Source(attribution.name, attribution.kind)


def _same_outlet(name: str, outlet: str) -> bool:
    """ "Kyodo News" names the outlet "Kyodo"; "Baonghean" the outlet "Baonghean.vn"."""
    cited = {found.group(0).lower() for found in _OUTLET_NAME.finditer(name)}
    own = {found.group(0).lower() for found in _OUTLET_NAME.finditer(outlet)}
    return bool(cited & own) or name.lower() == outlet.lower()


def source_named(name: str, previous: Source | None, outlet: str) -> Source | None:
    """The source a name found by the parse stands for (the subject of "announced",
    "vowed", "thinks"), classified as a written attribution is; None for no name. A name
    never runs across a line: the parse may join a headline or dateline to the first
    sentence ("Talks resume\n2024-05-01\n\nAnalysts doubt ...": "Analysts")."""
    name = " ".join(name.rsplit("\n", 1)[-1].split())
    if not _plausible_name(name):
        return None
    outlet_named = bool(_OUTLET_NAME.search(name))
    attribution = Attribution(name, (0, 0), *_classify(name), outlet=outlet_named)
    return resolve_source(attribution, previous, outlet)


def _plausible_name(name: str) -> bool:
    """A name of a few words with a letter in it that no subordinator, conjunction or modal
    opens ("after 25 MPs" is a clause's start, not a name)."""
    words = name.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and any(char.isalpha() for char in name)
        and words[0].lower() not in _CLAUSE_OPENERS
        and not _MODAL.search(name)
    )


def _classify(name: str) -> tuple[SourceKind, bool]:
    refers_back = bool(_REFERS_BACK.search(name))
    if _HEARSAY_NAME.search(name):
        return SourceKind.HEARSAY, refers_back
    if _JOURNALIST.search(name):
        return SourceKind.OUTLET, refers_back
    if _ANONYMOUS.search(name) and not _SPOKESPERSON.search(name):
        return SourceKind.ANONYMOUS, refers_back
    return SourceKind.OFFICIAL, refers_back
