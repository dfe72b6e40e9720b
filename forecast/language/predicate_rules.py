"""The predicate reader's rules, as data: which words govern an event and what they mean.

Every table is keyed by spaCy lemma (lower case) and read by
:mod:`forecast.language.predicates`; none of them holds a probability. Probabilities come
from the lexicon: a rule names a lexicon cue (its canonical phrase), and the cue's
log-odds are the reading's. Construction families (point 3 of issue 10):

``plain``, ``negated``, ``hedged``, ``cancellation``, ``lapsed_plan``, ``open_question``,
``refusal``, ``reported_future``, ``counter_hedge``, ``appeal`` (a call on someone to act:
"urged Turkey not to attack"), plus ``conditional`` and
``question`` (a predicate inside an if-clause or a direct question).
"""

from __future__ import annotations

from forecast.language import breakdown_rules as bd

FAMILIES = (
    "plain",
    "negated",
    "hedged",
    "cancellation",
    "lapsed_plan",
    "open_question",
    "refusal",
    "reported_future",
    "counter_hedge",
    "appeal",
    "conditional",
    "question",
)

# Modal auxiliaries (tag MD only, so "May" the name and "will" the noun never match).
MODAL_CUES = {
    "will": "will",
    "shall": "will",
    "'ll": "will",
    "wo": "will",
    "would": "would",
    "'d": "would",
    "may": "may",
    "might": "might",
    "could": "could",
    "can": "can",
    "ca": "can",
    "should": "should",
    "must": "must",
}

COMMITMENT_CUE = "confirmed"
"""The cue of a commitment ("agreed to", "vowed to"): its act lies ahead of it."""
# Verbs of keeping a course: a commitment to one ("agreed to pursue the goal", "promised to
# stick with the policy") states a stance, not a happening to forecast.
COURSE_VERBS = frozenset(
    ["continue", "pursue", "maintain", "stick", "uphold", "remain", "stay", "persist"]
)

# Governing verbs and adjectives that put their complement's event under a cue:
# lemma -> lexicon cue. "expected to visit", "plans to attend", "hopes for a summit".
GOVERNOR_CUES = {
    "expect": "is expected to",
    "schedule": "is scheduled to",
    "slate": "is scheduled to",
    "plan": "plans to",
    "set": "is set to",
    "due": "is to",
    "suppose": "is expected to",
    "intend": "intends to",
    "aim": "aims to",
    "seek": "aims to",
    "prepare": "is preparing to",
    "poise": "is preparing to",
    "consider": "is considering",
    "mull": "is considering",
    "weigh": "is weighing",
    "hope": "hopes to",
    "wish": "wishes to",
    "want": "wants to",
    "eager": "wants to",
    "likely": "likely",
    "unlikely": "unlikely",
    "certain": "certainly",
    "possible": "possibly",
    "probable": "probable",
    "agree": COMMITMENT_CUE,
    "promise": COMMITMENT_CUE,
    "pledge": COMMITMENT_CUE,
    "vow": COMMITMENT_CUE,
    "arrange": "is arranging",
    "doubt": "we doubt",
    "doubtful": "we doubt",
    "skeptical": "we doubt",
    "sceptical": "we doubt",
    "risk": "possibly",
    "threaten": "possibly",
    "propose": "is considering",
    "believe": "we believe",
    "think": "i think",
    "suspect": "i think",
    "suggest": "i think",
    "seem": "seems",
    "appear": "seems",
    "anticipate": "is expected to",
    "ready": "is preparing to",
    "determined": "intends to",
    "willing": "wants to",
    "keen": "wants to",
    # nouns with a to-infinitive: "his intention to stand", "an effort to clear the backlog"
    "intention": "intends to",
    "desire": "wants to",
    "effort": "aims to",
    "bid": "aims to",
    "commitment": COMMITMENT_CUE,
    "potential": "possibly",
    "look": "aims to",  # only with a to-complement: TO_GOVERNORS
}
# Governors of the act they name with "with": "threatened the officials with travel bans".
THREATS = frozenset(["threaten"])
# Governors of an act only through "to": "looking to sell", not "looks like", "looks to be".
TO_GOVERNORS = frozenset(["look"])

# The cues of hope and wish among them: a noun of one names no plan ("our best hope of").
WISH_CUES = frozenset(["hopes to", "wishes to", "wants to"])

# Cognition and appearance governors: they hedge a clause without pointing it ahead ("I
# believe it is the world's factory" is about the present).
UNTIMED_GOVERNORS = frozenset(
    ["believe", "think", "suspect", "suggest", "seem", "appear", "doubt", "doubtful", "skeptical",
     "sceptical"]
)  # fmt: skip
# Governors whose subject is the event's own, raised, not someone holding a plan or view
# ("the talks are likely to resume", "the vote is set for May"): no source.
RAISING = frozenset(
    ["likely", "unlikely", "certain", "possible", "probable", "seem", "appear", "due", "set",
     "schedule", "slate", "poise", "suppose", "potential", "risk"]
)  # fmt: skip
# Modals that speak of what may come ("may", "might", "could", "would"); "can", "should"
# and "must" state ability or obligation and point ahead only with a time ahead.
EPISTEMIC_MODALS = frozenset(["may", "might", "could", "would"])
# Modals of ability, permission and duty: "you can buy", "you should call" is no deed done.
DEONTIC_MODALS = frozenset(["can", "should", "must"])
# The modal of advice: in reported speech ("stated that the EU should reassess"), a call.
ADVICE_MODAL = "should"
# Predicates that describe a state, not a happening: a modal on them is about the present.
STATIVE = frozenset(
    ["be", "have", "exist", "remain", "seem", "mean", "amount", "know", "need", "depend", "deserve"]
)
# Speech acts a speaker performs by saying she wants to ("we want to thank", "I would like to
# stress"): done in the saying, nothing ahead.
PERFORMATIVES = frozenset(
    ["thank", "congratulate", "apologize", "apologise", "welcome", "stress", "emphasize",
     "emphasise", "say", "express", "acknowledge", "remind", "assure", "reiterate", "commend"]
)  # fmt: skip
DESIRES = frozenset(["want", "wish", "like", "love", "prefer"])
# Verbs of going and arranging whose present progressive with a personal subject is a plan
# ("we are flying to Lisbon", "I am moving back in a month"), not an act under way.
FUTURATE_VERBS = frozenset(
    ["go", "come", "leave", "travel", "fly", "move", "stay", "return", "visit", "meet", "head"]
)
PERSONAL_SUBJECTS = frozenset(["i", "we", "you", "he", "she", "they"])
# Implicative and aspectual verbs: their infinitive happens when they do ("managed to
# leave", "was able to pay", "began to notice", "made us feel", "used to live").
IMPLICATIVES = frozenset(
    ["manage", "able", "bother", "dare", "happen", "remember", "begin", "start", "continue",
     "keep", "stop", "quit", "cease", "finish", "make", "enjoy", "use"]
)  # fmt: skip
# Governors of an act they ask for, allow, offer or need ("asked him to call", "allowed us
# to park", "we need to renew"): an act still to be done, however likely.
DIRECTIVES = frozenset(
    ["ask", "allow", "permit", "instruct", "invite", "order", "require", "encourage", "remind",
     "offer", "need"]
)  # fmt: skip
# Verbs of perceiving and saying, whose "can" is the act itself ("as you can see", "I can
# tell you that", "the only copy I can find"): a capacity exercised, not an ability.
PERCEPTION = frozenset(
    ["see", "hear", "feel", "smell", "taste", "notice", "find", "tell", "say", "imagine",
     "understand", "expect"]
)  # fmt: skip
# Verbs of contributing to an outcome ("will help reduce poverty"): a graded effect, no
# happening of their own to forecast unless someone reports or promises it.
CONTRIBUTING = frozenset(["help", "contribute"])
# Dependents of a predicate kept in its event phrase.
EVENT_LINKS = frozenset(
    ["obj", "iobj", "obl", "obl:tmod", "obl:unmarked", "compound:prt", "xcomp", "nmod", "advmod"]
)

# Adverbs that mark a past plan as overtaken: "was originally planned to", "was earlier
# supposed to".
LAPSED_ADVERBS = frozenset(["originally", "initially", "previously", "early", "earlier", "once"])

# Appeals: a call on someone to act puts the act ahead, in the speaker's view it should
# happen ("called on X to continue", "urged X not to attack", "demanding he step down").
APPEAL_GOVERNORS = frozenset(
    ["urge", "demand", "recommend", "advise", "advocate", "implore", "exhort", "appeal"]
)
# Appeal verbs that need their particle or preposition: "call on X to", "call for a ceasefire".
APPEAL_PHRASES = {"call": frozenset(["on", "for", "upon"]), "ask": frozenset(["that"])}
APPEAL_CUE = "called for"
# Nouns of "it is time (for X) to act": a call for the act.
APPEAL_NOUNS = frozenset(["time"])
# The cue of "is to be held", "was to meet", "due to be announced".
BE_TO_CUE = "is to"
# Nouns that name a way out a "be to" then specifies, not an actor with a plan: "the
# solution was to negotiate", "the only thing left is to wait" (an aim is a plan: "its goal
# is to cut costs").
ACT_NOUNS = frozenset(
    ["solution", "answer", "remedy", "cure", "thing", "option", "way", "key", "alternative"]
)

# Planning verbs whose past perfect ("had been scheduled for") leaves a lapsed plan.
PLAN_LEMMAS = frozenset(
    ["expect", "schedule", "slate", "plan", "set", "intend", "due", "suppose", "arrange", "aim"]
)

# Verbs (with their particle) that call an event off: "canceled", "called off", "put on hold".
CANCEL_VERBS = frozenset(
    [
        "cancel",
        "scrap",
        "shelve",
        "postpone",
        "delay",
        "abandon",
        "suspend",
        "drop",
        "axe",
        "call off",
        "rule out",
        "pull out",
        "put off",
        "push back",
        "put on",  # "put on hold": the "hold" object is checked by CANCEL_OBJECTS
        "back out",
    ]
)
# A cancel verb read through its object noun: "put the talks on hold".
CANCEL_OBJECTS = {"put": frozenset(["hold", "ice"])}
# Verbs that say an event will not go ahead when negated: "will not go ahead".
OCCUR_VERBS = frozenset(["go ahead", "happen", "occur", "proceed", "take place", "hold"])

# Refusal and inability: "refused to attend", "declined to sign", "was unable to".
REFUSAL_GOVERNORS = frozenset(["refuse", "decline", "fail", "reject", "unable", "reluctant"])
# A refusal to speak is an open question about the spoken-of event, not a refusal of it.
SPEECH_LEMMAS = frozenset(["say", "confirm", "comment", "disclose", "reveal", "specify", "answer"])

# Reporting and cognition verbs: the event is their complement, the source their subject.
REPORTING = frozenset(
    [
        "say",
        "tell",
        "announce",
        "report",
        "state",
        "add",
        "claim",
        "confirm",
        "deny",
        "insist",
        "warn",
        "indicate",
        "note",
        "explain",
        "write",
        "declare",
        "predict",
        "forecast",
        "acknowledge",
        "admit",
        "reveal",
        "disclose",
        "tweet",
        "quote",
        "cite",
    ]
)
# The cue of a report's passive with an infinitive: "is said to be leaving", "are reported
# to have fled".
HEARSAY_CUE = "reportedly"
# Reporting verbs that deny their complement.
DENIAL = frozenset(["deny", "dismiss", "reject", "refute", "discount"])
# Nouns of a report whose that-clause says what was reported: "reports that he would resign".
REPORT_NOUNS = frozenset(
    ["report", "claim", "rumour", "rumor", "speculation", "suggestion", "allegation"]
)

# Words that leave their complement undecided: "it is unclear if", "wondered whether".
OPEN_GOVERNORS = frozenset(["unclear", "uncertain", "unsure", "unknown", "undecided"])
# Governors of a how/when clause that leave it open: "doubts about how hard Bush will push".
WH_GOVERNORS = frozenset(
    ["doubt", "question", "ask", "wonder", "unclear", "uncertain", "unsure", "decide", "debate"]
)
# Subordinators of a later event under a negated clause: "not be long before", "not until".
LATER_MARKS = frozenset(["before", "until", "till"])
# Subordinators of a time clause, whose present tense speaks of the main clause's time:
# "when you turn 21 you can", "I will call once I land".
TIME_MARKS = LATER_MARKS | frozenset(["when", "whenever", "after", "once", "while"])
# Nouns that hedge the eventive noun they govern: "fears of an attack", "the risk of war".
NOUN_GOVERNOR_CUES = {
    "fear": "possibly",
    "risk": "possibly",
    "threat": "possibly",
    "danger": "possibly",
    "possibility": "the possibility of",
    "prospect": "the possibility of",
    "chance": "a chance of",
    "likelihood": "likely",
    "plan": "plans to",
    "hope": "hopes to",
    "expectation": "is expected to",
}
# Subordinators that make an open question of their clause.
OPEN_MARKS = frozenset(["whether", "if"])
# Governors of a whether/if clause for which it is a condition, not a question.
CONDITION_MARKS = frozenset(["if", "unless"])

# Negation words on a predicate (advmod / det); "no longer" is read through "longer".
NEGATORS = frozenset(["not", "n't", "never", "no", "longer", "neither", "nor"])

# Adverbs that strengthen a possibility into a counter-hedge: "could very well", "all but".
COUNTER_ADVERBS = frozenset(["well"])
# Adjectives whose negation means the event is possible: "not impossible", "not ruled out".
NEGATED_IMPOSSIBLE = frozenset(["impossible", "inconceivable", "unthinkable", "out"])

# Eventive nouns read as event mentions when a table verb governs them.
EVENT_NOUNS = frozenset(
    [
        "visit", "summit", "meeting", "talks", "talk", "trip", "tour", "resignation", "election",
        "vote", "referendum", "launch", "strike", "attack", "invasion", "withdrawal", "pullout",
        "deal", "agreement", "treaty", "merger", "sale", "release", "trial", "hearing",
        "conference", "ceremony", "match", "game", "concert", "festival", "wedding", "inauguration",
        "negotiation", "ceasefire", "parade", "rally", "protest", "march", "test", "flight",
        "mission", "tournament", "event", "debate", "session", "announcement", "statement",
        "update", "ban", "sanction", "change", "speech", "appearance", "interview", "poll",
        "operation", "exercise", "drill", "investigation", "inquiry", "programme", "program",
        "victory", "end", "reelection", "re-election"
    ]
)  # fmt: skip

# Nouns that count the noun after "of": "a number of conferences", "a series of talks".
QUANTITY_NOUNS = frozenset(["number", "series", "round", "couple", "handful", "dozen", "string"])

# Words in a clause that put a past-tense plan still ahead: "was to meet next week".
FUTURE_WORDS = frozenset(["next", "tomorrow", "upcoming", "coming", "later", "soon"])

# What each family means for the event, as a lexicon cue (None: the clause's own cues).
FAMILY_CUES = {
    "cancellation": "almost no chance",
    "refusal": "almost no chance",
    "open_question": "no decision has been made",
    "lapsed_plan": "no decision has been made",
    "counter_hedge": "realistic possibility",
    "conditional": "possibly",
    "question": "no decision has been made",
}
# The cue of an unhedged statement, and of a bare infinitive nothing known governs.
FACT_CUE = "stated as fact"
IRREALIS_CUE = "about even"
# Whether an event still ahead, commanded or intended has already happened: it has not.
NOT_YET_CUE = "almost no chance"

# Verbs that frame a clause; with a complement they are not the event themselves.
FRAME_LEMMAS = frozenset(
    [
        *GOVERNOR_CUES,
        *REPORTING,
        *REFUSAL_GOVERNORS,
        *OPEN_GOVERNORS,
        *CANCEL_VERBS,
        "remain",
        "long",
    ]
)

# Every word the tables key on, for mending a slipped lemma ("scrapp" -> "scrap").
KNOWN_LEMMAS = frozenset(
    word
    for table in (
        MODAL_CUES, GOVERNOR_CUES, PLAN_LEMMAS, CANCEL_VERBS, CANCEL_OBJECTS, OCCUR_VERBS,
        REFUSAL_GOVERNORS, SPEECH_LEMMAS, REPORTING, DENIAL, OPEN_GOVERNORS, WH_GOVERNORS,
        NOUN_GOVERNOR_CUES, EVENT_NOUNS, STATIVE, UNTIMED_GOVERNORS, APPEAL_GOVERNORS, COURSE_VERBS,
        CONTRIBUTING, PERFORMATIVES, DESIRES, IMPLICATIVES, FUTURATE_VERBS,
        APPEAL_PHRASES, DIRECTIVES, PERCEPTION, bd.BREAKDOWN_VERBS, bd.DROPPING_VERBS,
        bd.RETREAT_VERBS,
    )
    for phrase in table
    for word in phrase.split()
)  # fmt: skip
