"""Tables for event frames: action synonym classes, light verbs and non-events.

Data, not code: :mod:`forecast.language.frames` reads them. A class name is the word an
analyst's question uses for the happening ("visit"); its members are the lemmas and
verb-particle pairs that denote it ("stop in" is read as "stop" with a place, "step down"
as the phrasal "step down").
"""

from __future__ import annotations

from forecast.language.predicate_rules import CANCEL_VERBS, REPORTING

ACTION_CLASSES: dict[str, tuple[str, ...]] = {
    "visit": ("visit", "travel", "trip", "fly", "tour", "go", "come", "head", "stop over"),
    "meet": (
        *("meet", "meeting", "talk", "talks", "summit", "negotiate", "negotiation"),
        "discussion",
    ),
    "resign": (
        *("resign", "resignation", "step down", "quit", "stand down", "retire", "step aside"),
        *("leave office", "leave power", "give up power"),
    ),
    "cancel": (
        *sorted(CANCEL_VERBS - {"put on", "pull out", "drop"}),
        *("cancellation", "postponement"),
    ),
    "withdraw": ("withdraw", "withdrawal", "pull out", "pullout", "retreat", "leave"),
    "attack": (
        *("attack", "strike", "invade", "invasion", "bomb", "raid", "offensive", "assault"),
        *("shell", "bombard", "shelling", "airstrike"),
    ),
    "agree": ("agree", "agreement", "deal", "sign", "treaty", "accord", "pact"),
    "vote": ("vote", "ballot", "referendum"),
    "run": ("run", "stand", "candidacy"),
    "elect": ("elect", "election", "reelection", "re-election", "win", "victory"),
    "release": ("release", "free", "freeing"),
    "restore": ("restore", "reinstate", "resume", "re-establish", "reestablish"),
    "return": ("return", "come back", "go back"),
    "launch": ("launch", "liftoff", "lift off", "blast off"),
    "approve": ("approve", "approval", "pass", "adopt", "ratify", "ratification", "endorse"),
    "announce": ("announce", "announcement", "declare", "publish"),
    "join": ("join", "accede", "accession", "membership", "become member"),
    "protest": ("protest", "demonstrate", "demonstration", "rally", "march"),
    "participate": ("participate", "participation", "attend", "attendance", "take part"),
    "send": ("send", "dispatch", "deploy", "deployment"),
    "move": ("move", "relocate", "relocation", "transfer"),
    "reopen": ("reopen", "reopening"),
    "host": ("host", "organise", "organize", "convene"),
    "invest": ("invest", "investment", "fund", "finance", "donate", "pledge"),
}
"""Action class -> the lemmas (and verb-particle pairs) that denote it."""

OPPOSITE_CLASSES = frozenset(
    [frozenset(["withdraw", "participate"]), frozenset(["withdraw", "join"])]
)
"""Pairs of classes where one undoes the other for the same actor and target: withdrawing
from a government is evidence against taking part in it, and the reverse."""

PLACE_SENSES = {"stop": "visit"}
"""Lemmas that take a class only with a place: "stop in Japan" visits; "the shelling stops"
does not."""
PLACE_PREPOSITIONS = frozenset(["in", "at", "over", "by"])
"""Prepositions that give a :data:`PLACE_SENSES` lemma its place."""

CANCEL_CLASS = "cancel"
"""The class whose frames speak against the happening they name ("the visit was called off")."""

LIGHT_VERBS = frozenset(
    [
        *("hold", "have", "make", "take", "give", "conduct", "stage", "pay", "carry out"),
        *("mount", "launch", "begin", "start", "open", "reach", "conclude", "enter"),
    ]
)
"""Verbs whose eventive object names the happening: "hold talks", "launch an attack",
"enter into negotiations"."""

EMPTY_VERBS = frozenset(
    ["hold", "have", "make", "take", "give", "conduct", "stage", "pay", "carry out", "reach"]
)
"""Light verbs that name no happening without an eventive object ("take time", "make
sure"); the other light verbs are one by themselves ("Endeavour will launch on STS-134")."""

EXHORTING = frozenset(
    ["urge", "call", "call on", "ask", "appeal", "demand", "press", "encourage", "implore"]
)
"""Verbs by which a speaker asks another to act ("called on Turkey to show restraint"): the
happening they urge is the addressee's, and is an appeal, not an event an analyst asks
about unless someone else says it may happen."""

NON_EVENTS = frozenset(
    [
        "be",
        "have",
        "do",
        "say",
        "tell",
        "think",
        "believe",
        "suspect",
        "know",
        "want",
        "hope",
        "wish",
        "like",
        "feel",
        "see",
        "seem",
        "appear",
        "need",
        "mean",
        "remain",
        "exist",
        "depend",
        "ask",
        "let",
        "due",
        "discuss",
        *("expect", "plan", "intend", "schedule", "slate", "arrange", "aim", "set", "due"),
        "consider",
        "reaffirm",
        "restate",
        "stress",
        "urge",
        "call",
        "suggest",
        "thank",
        "persuade",
        "hear",
        "look",
        "welcome",
        "happen",
        "use",
    ]
)
"""Lemmas that state an attitude, a state or a report: never a happening an analyst asks
about by themselves (the event, if any, is their complement)."""

FRAMING = frozenset(
    [
        *("continue", "begin", "start", "help", "allow", "try", "agree", "decide"),
        *("vow", "pledge", "promise", "threaten", "seek", "keep", "work", "prepare"),
        *("carry", "carry on"),
        *("able", "ready", "prepared", "willing", "poised", "eager", "keen"),
    ]
)
"""Verbs (and adjectives of readiness) that stand over another happening when they have a
complement ("agreed to withdraw", "able to reach an agreement"), and are a happening
themselves when they have none ("the talks began")."""

PERSON_TITLES = frozenset(
    [
        "president",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "chairman",
        "secretary",
        "king",
        "queen",
        "emperor",
        "leader",
        "governor",
        "senator",
        "general",
        "prince",
        "pope",
        "mayor",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
"""Title words: a name after one is a person; a phrase headed by one refers back to them."""

LEADER_TITLES = frozenset(
    ["president", "premier", "prime", "chancellor", "king", "queen", "emperor", "leader"]
)
"""Titles of a head of state or government: "the leader" refers back to one of them."""

NAME_KEYS = {
    "united states": "us",
    "united states of america": "us",
    "america": "us",
    "usa": "us",
    "united kingdom": "uk",
    "britain": "uk",
    "great britain": "uk",
    "european union": "eu",
    "united nations": "un",
    "north korea": "north_korea",
    "dprk": "north_korea",
    "pyongyang": "north_korea",
    "south korea": "south_korea",
    "seoul": "south_korea",
}
"""Names of one actor written in other words (lower case, without dots: "U.S." is "us"),
mapped to one key; capitals are added from :data:`CAPITALS`."""

CAPITALS = {
    **{"kabul": "afghanistan", "tirana": "albania", "algiers": "algeria", "yerevan": "armenia"},
    **{"canberra": "australia", "vienna": "austria", "baku": "azerbaijan", "dhaka": "bangladesh"},
    **{"minsk": "belarus", "brussels": "belgium", "brasilia": "brazil", "sofia": "bulgaria"},
    **{"ottawa": "canada", "beijing": "china", "bogota": "colombia", "havana": "cuba"},
    **{"copenhagen": "denmark", "quito": "ecuador", "cairo": "egypt"},
    **{"tallinn": "estonia", "helsinki": "finland", "tbilisi": "georgia", "berlin": "germany"},
    **{"accra": "ghana", "athens": "greece", "budapest": "hungary", "reykjavik": "iceland"},
    **{"new delhi": "india", "jakarta": "indonesia", "tehran": "iran", "baghdad": "iraq"},
    **{"dublin": "ireland", "rome": "italy", "tokyo": "japan", "amman": "jordan"},
    **{"nairobi": "kenya", "beirut": "lebanon", "vilnius": "lithuania"},
    **{"islamabad": "pakistan", "nouakchott": "mauritania", "maputo": "mozambique"},
    **{"kathmandu": "nepal", "managua": "nicaragua"},
    **{"abuja": "nigeria", "oslo": "norway", "manila": "philippines", "warsaw": "poland"},
    **{"lisbon": "portugal", "bucharest": "romania", "moscow": "russia", "riyadh": "saudi arabia"},
    **{
        "dakar": "senegal",
        "belgrade": "serbia",
        "mogadishu": "somalia",
        "pretoria": "south africa",
    },
    **{"madrid": "spain", "khartoum": "sudan", "stockholm": "sweden", "damascus": "syria"},
    **{"taipei": "taiwan", "bangkok": "thailand", "ankara": "turkey", "kiev": "ukraine"},
    **{"kyiv": "ukraine", "caracas": "venezuela", "hanoi": "vietnam", "sanaa": "yemen"},
    **{"sana'a": "yemen", "harare": "zimbabwe", "kampala": "uganda", "tunis": "tunisia"},
}
"""Capitals standing for their countries' governments as actors and places ("Tbilisi will
join NATO" is Georgia joining), keyed as :func:`~forecast.language.actors.text_key` keys
the country (its last word). Left out: capitals that are also common names of people or
of other places (Washington, London, Paris, Victoria, Kingston, Santiago, Lima,
Jerusalem, Tripoli, Wellington), where the metonymy is not safe to assume."""

NAME_KEYS.update({capital: country.split()[-1] for capital, country in CAPITALS.items()})

DEMONYMS = {
    **{"american": "us", "british": "uk", "russian": "russia", "chinese": "china"},
    **{"french": "france", "german": "germany", "japanese": "japan", "indian": "india"},
    **{"iranian": "iran", "iraqi": "iraq", "israeli": "israel", "palestinian": "palestine"},
    **{"syrian": "syria", "turkish": "turkey", "ukrainian": "ukraine", "afghan": "afghanistan"},
    **{"pakistani": "pakistan", "egyptian": "egypt", "saudi": "arabia", "yemeni": "yemen"},
    **{"georgian": "georgia", "cuban": "cuba", "colombian": "colombia", "kenyan": "kenya"},
    **{"nigerian": "nigeria", "italian": "italy", "spanish": "spain", "canadian": "canada"},
    **{"australian": "australia", "mexican": "mexico", "brazilian": "brazil"},
}
"""Adjectives of nationality standing for their country's side as the doer of an eventive
noun ("a Russian invasion" is Russia's), keyed as the country is."""

NAME_KEYS.update(DEMONYMS)

COUNTRY_KEYS = frozenset(NAME_KEYS.values()) - {"eu", "un"}
"""Keys of countries (those named in other words or by a listed capital), which "the
country" refers back to."""
COUNTRY_NOUNS = frozenset(["country", "nation"])
"""Nouns by which an article refers back to the country it named last."""

NOUN_CLASSES = {
    **{"ties": "relation", "tie": "relation", "relations": "relation"},
    **{"talks": "talk", "negotiation": "talk", "discussion": "talk"},
    **{"soldier": "troops", "troop": "troops", "force": "troops"},
}
"""Common nouns of one thing in other words, keyed alike as actors and targets, so that
"political ties be reinstated" names what "restore diplomatic relations" does."""

INSTITUTIONS = frozenset(
    [
        *("government", "administration", "authority", "cabinet", "parliament", "ministry"),
        *("regime", "army", "military", "embassy", "letter", "statement"),
    ]
)
"""Nouns keyed by the proper name they belong to: "the New Zealand government" is New
Zealand, as the question "Will New Zealand hold a referendum?" names it."""

QUOTE_MARKS = frozenset(['"', "\u201c", "\u201d"])
"""Marks that open or close a quotation (not the single quote, which is also an apostrophe)."""

QUOTING_VERBS = REPORTING | {"read"}
"""Verbs whose subject is who "I" and "we" are in the clause they quote."""

WISHES = frozenset(["want", "wish", "like", "prefer", "please"])
"""Verbs of a condition that is only someone's wish ("Georgia will become a NATO member if
it wants to"): no happening to condition on, so the claim counts unconditionally."""

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "his"])
THING_PRONOUNS = frozenset(["it", "they", "them", "its", "their"])
SPEAKER_PRONOUNS = frozenset(["i", "we", "us", "me", "my", "our"])
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | SPEAKER_PRONOUNS
"""Words that name someone only by reference: a question must not show them unresolved."""
POSSESSIVES = {"Sing": frozenset(["his", "its"]), "Plur": frozenset(["their"])}
"""Possessive pronouns that may refer to a subject of each number ("her" is also an
object pronoun, and "my", "our" are the speaker's, never the subject of a question's)."""
VAGUE_SUBJECTS = frozenset(
    [
        *("who", "which", "that", "what", "there", "this", "these", "those", "you", "one"),
        *("such", "many", "some", "all", "few", "most", "both", "others", "any", "way"),
    ]
)
"""Subjects that never make an actor (relative and demonstrative pronouns, generic "you")."""
VAGUE_DETERMINERS = frozenset(["such", "any", "every", "each", "some", "another", "no"])
"""Determiners that make a noun phrase no one in particular: "any attack", "such a state"."""

PLACE_CASES = frozenset(["to", "in", "into", "at", "through", "from", "for", "on", "with", "of"])
"""Prepositions whose object is a target or place of the happening (not its time)."""

TIMING_MARKS = frozenset(["until", "till"])
"""Conjunctions of a clause that times or excepts the happening of the clause it hangs on
("will not recognise it until he is informed"): its own happening is no claim."""

PRESUPPOSE_CASES = frozenset(["after", "following", "at", "during", "on", "once", "when"])
"""Prepositions and conjunctions by which one happening presupposes another ("after the
summit", "once the talks are over")."""

OCCUR_VERBS = frozenset(["happen", "occur", "go ahead", "proceed", "take place"])
"""Verbs whose subject is the happening: "the summit will go ahead"."""

TIME_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "week",
        "month",
        "year",
        "day",
        "weekend",
        "time",
        "future",
        "moment",
        "end",
        "deadline",
        "hour",
    ]
)
"""Head words of a time phrase: left out of a frame's targets and of its question."""


PLAN_NOUNS = frozenset(
    [
        *("plan", "effort", "attempt", "bid", "decision", "commitment", "intention", "pledge"),
        *("promise", "threat", "potential", "readiness", "determination", "move", "push"),
    ]
)
"""Nouns whose infinitive names the happening ("plans to hold a conference", "an effort to
clear the backlog"); its doer is the noun's owner, else the subject of the verb the noun
is the object of ("Britain announced plans to hold ...")."""

PURPOSE_NOUNS = PLAN_NOUNS | frozenset(
    [*("aim", "goal", "objective", "purpose", "solution", "answer", "idea", "task"), "priority"]
)
"""Nouns that a copula equates with an infinitive ("the solution is not to dictate", "the
aim is to cut costs"): they name a purpose, not who acts."""


def class_of(lemma: str) -> str:
    """The action class of a lemma or verb-particle pair, else the lemma itself.

    A lemma the lemmatizer cut short of its final "e" ("reinstat") or left inflected
    ("freed") takes the class of the word it slipped from.

    Examples
    --------
    >>> class_of("step down"), class_of("trip"), class_of("sneeze"), class_of("reinstat")
    ('resign', 'visit', 'sneeze', 'restore')
    >>> class_of("freed")
    'release'
    """
    slips = (lemma + "e", lemma.removesuffix("d"), lemma.removesuffix("ed"))
    return _CLASS_OF.get(lemma) or next((_CLASS_OF[s] for s in slips if s in _CLASS_OF), lemma)


_CLASS_OF = {member: name for name, members in ACTION_CLASSES.items() for member in members}
PHRASAL = frozenset(
    [*(m for m in _CLASS_OF if " " in m), *(v for v in OCCUR_VERBS if " " in v), "carry out"]
)
"""Verb-particle pairs read as one action when the particle is parsed as an adverb."""
