"""Who an event's subject is: actor co-reference within an article, by a small rule set.

An :class:`ActorBook` reads an article's sentences in order and remembers the names it
has met. A subject resolves to an actor *key* (what two mentions must share to be the
same actor) and a *display* text (how a question names it), by the first rule that
applies:

1. **Alias**: a phrase the scenario lists as an alias of a name ("the US president" for
   "Trump") is that name.
2. **Name**: a proper name is keyed by its family name, the last word ("President
   Donald Trump", "Trump" -> ``trump``), or the first when the last is hyphenated
   ("Kim Jong-un" -> ``kim``); it is shown as first written without its title.
3. **Title**: a phrase headed by a title word and naming nobody ("the president", "the
   US president", "the Cuban leader") is the last person named with that title
   ("President Trump"); "the leader" is the person named most often so far, the first
   named on a tie; "the two leaders" and "both presidents" are the last two persons
   named, when two are. Unmatched, the phrase stands as its own actor. "The country" and
   "the nation" are the country named last.
4. **He/she**: the last person named (a name with a title, or a first and last name, and
   every later mention of that name).
5. **It/they**: the nearest noun subject of a clause above the pronoun's own in the same
   sentence, else the last name without a title in the same or the previous sentence.
6. **I/we**: the claim's on-record source ("we", said the foreign minister), else the
   subject of the verb quoting the clause in the same sentence ("The Home Office letter
   reads: 'we may extend ...'").
7. **Count**: a numeral counting some of a group ("two of the rebel commanders") is keyed
   by the group, and shown as written; a bare quantifier ("But many do not want to") counts
   some of the last plural main subject (:func:`~forecast.language.coref.quantified`).
8. **Vague** subjects ("who", "which", "there", "you", "such a state", "any attack")
   and pronouns no rule resolves are unresolved: their mention cannot stand as a
   question on its own.
9. **Apposition and owner**: a common noun with a proper name in apposition ("the
   prototype orbiter, Space Shuttle Enterprise") is that name; an institution noun
   naming its owner ("the New Zealand government", "the Home Office letter") is keyed
   by the owner.
10. Any other noun phrase is keyed by its head lemma ("Russian troops" -> ``troop``).

Coordinated subjects ("Abe and Trump") join their keys with ``+`` in sorted order.
Across a scenario's articles, rule 2 makes the same name the same key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from forecast.language import frame_rules as rules
from forecast.language import tokens as tk
from forecast.language.coref import quantified
from forecast.language.wording import CLAUSE_DEPS, phrase_text, possessive, whole_phrase

__all__ = [
    "ActorBook",
    "alias_key",
    "name_key",
    "phrase_text",
    "text_key",
    "vague",
]

_NAME_DEPS = frozenset(["compound", "flat", "flat:name"])
_PRONOUNS = rules.PRONOUNS
_LEADERS = rules.LEADER_TITLES
_RELATIVE = frozenset(["who", "which", "that"])
RECALLED = 2
"""How many sentences read before the current one an object pronoun may refer back into."""


def text_key(name: str) -> str:
    """The key of a name written as text ("Shinzo Abe" -> ``abe``, "Kim Jong-un" -> ``kim``).

    Examples
    --------
    >>> text_key("President Donald Trump"), text_key("Kim Jong-un"), text_key("U.S.")
    ('trump', 'kim', 'us')
    >>> text_key("the United States") == text_key("America") == "us"
    True
    """
    skipped = rules.PERSON_TITLES | {"the"}
    words = [w for w in name.replace(".", "").split() if w.lower() not in skipped]
    if not words:
        return name.lower().strip()
    known = rules.NAME_KEYS.get(" ".join(words).lower())
    if known is not None:
        return known
    last = words[-1]
    key = (words[0] if "-" in last and len(words) > 1 else last).lower()
    return key.removesuffix("'s").removesuffix("’s")


def name_key(token) -> str:
    """The key of a noun token: a proper name by :func:`text_key`, else its lemma, or the
    lemma's class (:data:`~forecast.language.frame_rules.NOUN_CLASSES`: "ties" is
    ``relation``), or its country for an adjective of nationality ("Russian" is ``russia``)."""
    if token.pos_ == "PROPN":
        return text_key(" ".join(t.text for t in _name_tokens(token)))
    lemma = tk.lemma(token)
    return rules.DEMONYMS.get(lemma) or rules.NOUN_CLASSES.get(lemma, lemma)


@dataclass
class ActorBook:
    """The names met so far in one article (see the module docstring for the rules)."""

    aliases: Mapping[str, str]
    persons: list[tuple[str, str, frozenset[str]]] = field(default_factory=list)
    things: list[tuple[str, str, int]] = field(default_factory=list)
    shown: dict[str, str] = field(default_factory=dict)
    before: tuple = ()  # the parses of the last sentences read before the current one
    _doc: object = None
    _upto: int = 0
    _sentence: int = 0

    def read_until(self, token) -> None:
        """Remember the names written before ``token`` (and all of earlier sentences)."""
        if token.doc is not self._doc:
            if self._doc is not None:
                self._scan(self._doc, self._upto, len(self._doc))
            self.before = (self._doc, *self.before)[:RECALLED] if self._doc is not None else ()
            self._doc = token.doc
            self._upto, self._sentence = 0, self._sentence + 1
        if token.i > self._upto:
            self._scan(token.doc, self._upto, token.i)
            self._upto = token.i

    def resolve(self, subject, speaker: str) -> tuple[str, str, bool]:
        """``(key, display, resolved)`` for a subject token (None: no subject)."""
        if subject is None:
            return "", "", True
        heads = [subject, *(c for c in tk.children(subject, "conj") if c.pos_ != "VERB")]
        found = [self._one(head, speaker) for head in heads]
        if not all(resolved for _, _, resolved in found):
            return "", subject.text, False
        if len(found) == 1:
            return found[0]
        key = "+".join(sorted({k for k, _, _ in found}))
        return key, " and ".join(text for _, text, _ in found), True

    def _one(self, head, speaker: str) -> tuple[str, str, bool]:
        words = _subject_text(head)
        alias = self.aliases.get(alias_key(words))
        if alias is not None:
            return text_key(alias), alias, True
        low = head.lower_
        if low in _RELATIVE and head.head.dep_ == "acl:relcl" and head.head.head.i != head.i:
            return self._one(head.head.head, speaker)  # "Endeavour, which will launch"
        if low in rules.TIME_WORDS:
            return "", low, False  # a misread date ("August attack"), not an actor
        named = next((c for c in tk.children(head, "appos") if c.pos_ == "PROPN"), None)
        if head.pos_ == "NOUN" and named is not None:
            return self._one(named, speaker)  # "the prototype orbiter, Space Shuttle Enterprise"
        owner = _institution_owner(head)
        if owner is not None:
            return name_key(owner), words, True  # "the New Zealand government": New Zealand
        if head.pos_ == "PROPN":
            key = name_key(head)
            return key, self._shown(key, head), True
        if low in rules.SPEAKER_PRONOUNS:
            if speaker and text_key(speaker) not in _PRONOUNS:
                return text_key(speaker), speaker, True
            quoting = _quoting_subject(head)
            return self._one(quoting, "") if quoting is not None else ("", low, False)
        if low in rules.PERSON_PRONOUNS:
            return self._last_person(None)
        if low in rules.THING_PRONOUNS:
            governing = _governing_subject(head)
            if governing is not None and _disagree(head, governing):
                return "", low, False  # "officials said it would": it is something else
            if governing is not None:
                found = self._one(governing, speaker)
                person = low in ("it", "its") and any(
                    found[0] == key and titles for key, _, titles in self.persons
                )
                return ("", low, False) if person else found  # "it" is no titled person
            recent = [t for t in self.things if t[2] >= self._sentence - 1]
            return (recent[-1][0], recent[-1][1], True) if recent else ("", low, False)
        whole = _counted(head)
        if whole is not None:
            key, _, resolved = self._one(whole, speaker)
            return key, words, resolved  # "two of the commanders": the commanders, counted
        whole = quantified(head, self.before)
        if whole is not None:
            key, text, resolved = self._one(whole, speaker)
            the = "" if any(tk.children(whole, "det", "nmod:poss")) else "the "
            return key, f"{low} of {the}{text}", resolved  # "many": many of the refugees
        if low in rules.VAGUE_SUBJECTS or head.pos_ in ("PRON", "NUM") or head.like_num:
            return "", low, False
        if vague(head):
            return "", words, False  # "such a state", "any attack": no one in particular
        pair = self._last_two() if _two(head) else ("", "", False)
        if tk.lemma(head) in rules.PERSON_TITLES and pair[2]:
            return pair
        if tk.lemma(head) in rules.COUNTRY_NOUNS and words.lower() == f"the {low}":
            country = next((t for t in reversed(self.things) if t[0] in rules.COUNTRY_KEYS), None)
            if country is not None:
                return country[0], country[1], True
        if tk.lemma(head) in rules.PERSON_TITLES:
            key, text, resolved = self._last_person(tk.lemma(head))
            return (key, text, True) if resolved else (words.lower(), words, True)
        return self._owned(head, words, speaker)

    def _owned(self, head, words: str, speaker: str) -> tuple[str, str, bool]:
        """A common noun, its possessive pronoun shown as whom it refers to ("his party":
        "Tsvangirai's party"); unresolved when the pronoun refers to no one named."""
        owner = next((c for c in tk.children(head, "nmod:poss") if c.pos_ == "PRON"), None)
        if owner is None or owner.lower_ not in _PRONOUNS:
            return name_key(head), words, True
        key, text, resolved = self._one(owner, speaker)
        shown = " ".join(possessive(text) if w == owner.text else w for w in words.split())
        return name_key(head), shown, resolved and key in self.shown  # a name's, not "a
        # spokesperson's embassy" ("a spokesperson said their embassy would close")

    def _shown(self, key: str, token) -> str:
        """How the name at ``token`` is shown: as first written when it is a shorter mention
        of it ("Trump" after "Donald Trump"), else as written here ("the US House" is not
        "the White House", though both are keyed ``house``)."""
        written, first = _display(token), self.shown.get(key, "")
        return first if set(written.split()) <= set(first.split()) else written

    def _last_person(self, title: str | None) -> tuple[str, str, bool]:
        if title == "leader":
            return self._principal()
        for key, text, titles in reversed(self.persons):
            if title is None or title in titles:
                return key, text, True
        return "", title or "he", False

    def _last_two(self) -> tuple[str, str, bool]:
        """The two persons named last ("the two leaders", "both presidents"), joined."""
        recent: dict[str, str] = {}
        for key, text, _ in reversed(self.persons):
            if key not in rules.PERSON_TITLES:  # "Prime Minister" misread as a name
                recent.setdefault(key, text)
            if len(recent) == 2:
                keys = sorted(recent)
                return "+".join(keys), " and ".join(recent[k] for k in keys), True
        return "", "they", False

    def _principal(self) -> tuple[str, str, bool]:
        """The person named most often so far (the first named on a tie): the article's
        leader, whom a lead names first."""
        if not self.persons:
            return "", "leader", False
        counts = {key: [k for k, _, _ in self.persons].count(key) for key, _, _ in self.persons}
        key, text, _ = max(self.persons, key=lambda p: counts[p[0]])
        return key, text, True

    def _scan(self, doc, start: int, end: int) -> None:
        for token in doc[start:end]:
            if token.pos_ != "PROPN" or _inside_name(token):
                continue
            if token.lower_ in rules.TIME_WORDS and len(_name_tokens(token)) == 1:
                continue  # "in September" names a time, not someone "it" may refer to
            key = name_key(token)
            self.shown[key] = self._shown(key, token)
            titles = _titles(token)
            known = any(key == person for person, _, _ in self.persons)
            full = len(_name_tokens(token)) > 1 and _has_title_or_first_name(token)
            if titles or full or known:
                self.persons.append((key, self.shown[key], titles))
            else:
                self.things.append((key, self.shown[key], self._sentence))


def _two(noun) -> bool:
    """A plural title counted as two: "the two leaders", "both presidents"."""
    return noun.tag_ == "NNS" and any(
        c.lower_ in ("two", "both") for c in tk.children(noun, "nummod", "det", "det:predet")
    )


def _counted(head):
    """The noun a numeral subject counts some of ("two of the rebel commanders"), else None."""
    if head.pos_ != "NUM" and not head.like_num:
        return None
    wholes = (c for c in tk.children(head, "nmod") if c.pos_ in ("NOUN", "PROPN"))
    return next(
        (c for c in wholes if any(tk.lemma(k) == "of" for k in tk.children(c, "case"))), None
    )


def _institution_owner(head):
    """The proper name an institution noun belongs to ("the New Zealand government",
    "the Home Office letter"), else None."""
    if head.pos_ != "NOUN" or tk.lemma(head) not in rules.INSTITUTIONS:
        return None
    return next((c for c in tk.children(head, "compound") if c.pos_ == "PROPN"), None)


def vague(noun) -> bool:
    """A noun phrase that is no one in particular: "any attack", "such a state"."""
    return any(
        c.lower_ in rules.VAGUE_DETERMINERS for c in tk.children(noun, "det", "det:predet", "amod")
    )


def _quoting_subject(pronoun):
    """The subject of the verb that quotes the pronoun's clause in the same sentence: "The
    Home Office letter reads: 'we may extend ...'" (we: the Home Office letter)."""
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ not in ("ccomp", "parataxis", "conj", "xcomp") or clause.head.i == clause.i:
            return None
        clause = clause.head
        if tk.lemma(clause) in rules.QUOTING_VERBS:
            subject = next(tk.children(clause, "nsubj"), None)
            speaking = subject is not None and subject.lower_ not in _PRONOUNS
            return subject if speaking and subject.pos_ in ("NOUN", "PROPN") else None
    return None


def _governing_subject(pronoun):
    """The subject of the clause above the pronoun's own, in the same sentence: "Japan will
    send a team, and they will gather information" (they: Japan's team, read as Japan)."""
    clause = pronoun.head
    for _ in range(3):
        if clause.head.i == clause.i:
            return None
        clause = clause.head
        subject = next(tk.children(clause, "nsubj", "nsubj:pass"), None)
        inside = subject is not None and subject.left_edge.i <= pronoun.i <= subject.right_edge.i
        if subject is not None and not inside and subject.pos_ in ("PROPN", "NOUN"):
            return subject
    return None


def _disagree(pronoun, noun) -> bool:
    """A singular pronoun cannot refer to a plural noun ("officials made clear that it would
    not result in action": it is not the officials); "they" may refer to a singular
    collective ("the government said they would act")."""
    return "Sing" in pronoun.morph.get("Number") and "Plur" in noun.morph.get("Number")


def _titles(token) -> frozenset[str]:
    """Title words written right before a name ("Prime Minister Shinzo Abe", "Cuban
    President Fidel Castro"), read back over adjectives and titles only."""
    first = _name_tokens(token)[0]
    found = []
    for word in reversed(token.doc[max(0, first.i - 4) : first.i]):
        lemma = tk.lemma(word).strip(".")
        if lemma in rules.PERSON_TITLES:
            found.append(lemma)
        elif word.pos_ not in ("ADJ", "PROPN") or word.lower_ in ("the", "of"):
            break
    return frozenset(found)


def _has_title_or_first_name(token) -> bool:
    """A two-word name with no article before it reads as a person ("Fidel Castro")."""
    first = _name_tokens(token)[0]
    return first.i == 0 or first.doc[first.i - 1].lower_ not in ("the", "of")


def _name_tokens(token) -> list:
    """The words of the name ``token`` heads, its name words' own name words included
    ("United States": "United" as a name word; "the United Kingdom Home Office", parsed
    with "United" and "Home" under "Kingdom", is one name)."""
    names = [t for t in _name_words(token) if tk.lemma(t).strip(".") not in rules.PERSON_TITLES]
    return sorted([*names, token], key=lambda t: t.i)


def _name_words(token) -> list:
    found = []
    for t in tk.kids(token):
        if (t.dep_ in _NAME_DEPS and t.pos_ == "PROPN") or (
            t.dep_ == "amod" and t.i == token.i - 1 and t.text.istitle()
        ):
            found.extend([t, *_name_words(t)])
    return found


def _subject_text(head) -> str:
    """A subject's words, without a preposition of its own ("the flight" in "following the
    flight, which launches")."""
    return whole_phrase(head, CLAUSE_DEPS | {"case"})


def _inside_name(token) -> bool:
    """A word of a longer name headed by another word ("Red" in "the Red Cross")."""
    head = token.head
    return head.i != token.i and head.pos_ == "PROPN" and token in _name_tokens(head)


def _display(token) -> str:
    return " ".join(t.text for t in _name_tokens(token))


def alias_key(words: str) -> str:
    """How an alias is looked up: lower case, one space, no leading article.

    Examples
    --------
    >>> alias_key("The  US President")
    'us president'
    """
    text = " ".join(words.lower().split())
    first, _, rest = text.partition(" ")
    return rest if first in ("the", "a", "an") and rest else text
