"""Notes are material, not text to paste: split into items, cut to short phrases, turned to the reader.

People type notes in fragments, first person, lists and bullets. A draft never pastes them: it takes
items (sentences, list entries), keeps a few words of each, speaks to the reader as "you", keeps the
user's own things as "my", lower-cases common nouns mid-sentence, and joins lists as English.
"""

from __future__ import annotations

import re

BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")
# Words that end a short phrase: what follows is detail a question does not need.
CUT_WORDS = {"when", "while", "because", "since", "which", "who", "where", "although", "though", "but",
             "so", "after", "before", "during", "whereas", "if", "then", "using", "via", "through"}
# Words a cut phrase must not end on ("published last", "a project for").
TRAILING = {"last", "next", "this", "every", "each", "some", "very", "really", "more", "most"}
NOUN_STOP = {"to", "of", "in", "on", "at", "for", "with", "and", "or", "the", "a", "an", "about", "into",
             "from", "by", "is", "was", "be", "as", "that", "it", "this", "me", "us", "them", "up", "out"}
SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "about"}
# Verbs that want their object: "seeing students use" is a phrase cut before what they use.
OBJECT_VERBS = {"use", "uses", "using", "make", "makes", "making", "bring", "brings", "bringing", "give", "gives",
                "giving", "take", "takes", "taking", "create", "creates", "need", "needs", "want", "wants", "enjoy",
                "enjoys", "love", "loves", "like", "likes", "see", "sees", "seeing", "include", "includes",
                "including", "improve", "improves", "reach", "share", "shares", "send", "sends", "tell", "tells",
                "get", "gets", "find", "finds", "keep", "keeps", "hire", "hires", "meet", "meets", "teach", "teaches"}
# A sentence or phrase never ends on these (whatever was cut, it shows): articles, conjunctions, prepositions
# that are never particles ("log in", "follow up" end well), and verbs that want their object.
ENDS_BADLY = {"a", "an", "the", "and", "or", "but", "nor", "of", "to", "at", "for", "with", "from", "about", "into",
              "onto", "between", "than", "your", "my", "their", "our"} | OBJECT_VERBS
# Words that start a clause: "something you" was cut before its verb ("something you built").
SUBJECT_PRONOUNS = {"i", "we", "they", "he", "she"}
RELATIVE_HEADS = {"something", "anything", "everything", "nothing", "what", "things", "thing", "stuff", "tools",
                  "one", "ones", "people", "work", "way", "ways", "the"}
PREPOSITIONS = {"of", "to", "at", "for", "with", "from", "about", "into", "onto", "between"}
# "The tools you use" ends well: the verb's object is the noun before its subject.
SUBJECTS = {"i", "you", "we", "they", "he", "she", "it", "who", "people", "team", "teams", "everyone"}


def ends_badly(said: list[str]) -> bool:
    """Whether words end on one that wants more after it: "seeing students use", "a project for"."""
    if not said:
        return False
    raw = said[-1].strip(".,;:!?'’\"”")
    last = raw.lower()
    if raw != last:
        return False  # a name or an acronym: "your work at WANT", "ask Will"
    if last in OBJECT_VERBS:
        return len(said) < 2 or said[-2].lower() not in SUBJECTS
    if last in SUBJECT_PRONOUNS or last in ("his", "its") or re.fullmatch(r"[a-z]+['’]s", last):
        return last not in ("it's", "that's", "what's", "he's", "she's", "let's")  # a possessive, a subject
    if last == "you" and len(said) >= 2 and said[-2].lower() in RELATIVE_HEADS:
        return True  # "use something you" lost its verb
    if last in PREPOSITIONS and len(said) >= 3 and said[-3].lower() in SUBJECTS:
        return False  # "the curriculum she asked about"
    return last in ENDS_BADLY


# Shorthand people type on a phone, as the words a sentence needs. Note symbols never reach a draft.
SHORTHAND = [
    (r"(?<!\w)w/o(?!\w)", "without"), (r"(?<!\w)w/(?=\s|\w)", "with "), (r"(?<!\w)b/c(?!\w)", "because"),
    (r"\b(?:b4)\b", "before"), (r"\bppl\b", "people"), (r"\babt\b", "about"), (r"\bmgmt\b", "management"),
    (r"\byrs\b", "years"), (r"\byr\b", "year"), (r"\bthru\b", "through"), (r"\btho\b", "though"),
    (r"\bbc\b", "because"), (r"\bu\b", "you"), (r"\bur\b", "your"), (r"\bimo\b", ""), (r"\btbh\b", ""),
    (r"\b(?:lol|lmao|haha+|omg)\b", ""), (r"\bdont\b", "don't"), (r"\bcant\b", "can't"),
    (r"\s*(?:->|=>|→|⇒|>>)\s*", " - "), (r"\s+[=:]\s+|\s*=\s*", " is "), (r"\s*(?:\+|&)\s*", " and "),
    (r"\s+>\s+", " over "), (r"[!?]{2,}", "!"), (r":\)|:D|;\)|:\(|[\U0001F300-\U0001FAFF\u2600-\u27BF]", ""),
    (r"\s+[~*#]+\s+|[~*#]+$", " "),
]


LABEL = re.compile(r"(?i)^(key thing|main thing|big one|tip|top tip|advice|note|todo|to do|tl;?dr|basically|"
                   r"summary)\s*:\s*")


def plain(text: str) -> str:
    """A typed note in words: "w/" is "with", "b4" is "before", an arrow is a clause break, "lol" goes, a label
    ("key thing:") goes and "feedback: their flow" is "feedback on their flow"."""
    text = LABEL.sub("", text.strip())
    text = re.sub(r"^(\w+(?:\s\w+)?):\s+(?=\w)", r"\1 on ", text)
    for pattern, words_ in SHORTHAND:
        text = re.sub(pattern, words_, text, flags=re.IGNORECASE)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def first_name(name: str) -> str:
    """The first word of a name that is a name: "🦄 Ben Walker" is greeted as Ben."""
    found = [w for w in name.split() if any(c.isalpha() for c in w)]
    return re.sub(r"^\W+|\W+$", "", found[0]) if found else ""


def items(text: str) -> list[str]:
    """The separate things a note says: lines, bullets, list entries and sentences, without end stops."""
    found: list[str] = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        line = plain(BULLET.sub("", line)).strip()
        if not line:
            continue
        for part in re.split(r";\s*|(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[a-z0-9]{2}[.!?])\s+", line):
            part = part.strip().strip("\"“”").rstrip(".!;,: ").strip()
            if part:
                found.append(part)
    return found


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def tokens(text: str) -> list[str]:
    """Words as the draft checks count them: a hyphen splits ("ex-teacher" is two)."""
    return re.findall(r"[\w'’]+", text)


def phrase(text: str, most: int = 8) -> str:
    """A few words of a note: up to the first clause break, at most `most` words, no trailing small word."""
    whole = text.strip()
    # One sentence, up to its first clause break: "Greenline raised a Series B. ex-teacher" is two notes.
    text = re.split(r"(?<=[.!?])\s+|\s*[(,:;–—]\s*|\s+-\s+", whole)[0]
    kept: list[str] = []
    for word in text.split():
        if word.lower() in CUT_WORDS and len(kept) >= 2:
            break
        kept.append(word)
        # Counted as the draft checks count words ("ex-teacher" is two), so a phrase is never 8 in a row.
        if len(tokens(" ".join(kept))) >= most:
            break
    while len(tokens(" ".join(kept))) > most and len(kept) > 1:
        kept.pop()
    if " ".join(kept).rstrip(".,;:!?") != whole.rstrip(".,;:!?"):  # cut short: end on a word that ends
        if ends_badly(kept) and kept[-1].lower() in OBJECT_VERBS:
            joins = [n for n, w in enumerate(kept) if w.lower() in ("and", "or") and n >= 2]
            kept = kept[:joins[-1]] if joins else kept  # drop the half-said part, not just its verb
        while kept and kept[-1].lower().strip(".,;") in SMALL | TRAILING:
            kept.pop()
    while len(kept) > 1 and ends_badly(kept):
        kept.pop()
    return " ".join(kept).rstrip(".,;:!?")


def whole(text: str, most: int = 8) -> str:
    """A note's first clause when it fits in `most` words, else nothing: a phrase is kept whole or left out."""
    clause = phrase(text, 99)
    for part in (clause, *re.split(r"\s+(?:and|or|&)\s+", clause)[:1]):  # "classroom visits and …" keeps the first
        if part and len(tokens(part)) <= most and not ends_badly(words(part)):
            return part
    return ""


def lower_common(text: str) -> str:
    """Lower-case the first word of a phrase that goes mid-sentence, unless it is a name or an acronym."""
    if not text:
        return text
    found = text.split()
    first = found[0]
    if len(first) > 1 and (first.isupper() or any(c.isupper() for c in first[1:])):
        return text  # UX, EdTech, McKinsey
    if len(found) > 1 and found[1][:1].isupper():
        return text  # a name of several words: Quill Academy, New Zealand
    return text[:1].lower() + text[1:]


def join(parts: list[str]) -> str:
    """A list as English: "a", "a and b", "a, b and c"."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _swap(text: str, table: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        new = table[word.lower()]
        return new[:1].upper() + new[1:] if word[:1].isupper() and match.start() == 0 else new
    pattern = r"\b(" + "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True)) + r")\b"
    return re.sub(pattern, replace, text, flags=re.IGNORECASE)


def to_reader(text: str, name: str = "", plural: bool = True) -> str:
    """A note about the other person, said to them: "her talk" → "your talk", "introduce Priya to" →
    "introduce you to". The user's own "my" stays the user's. With `plural=False` "they" stays "they": in
    advice ("people hire people they trust") it is people in general."""
    first = first_name(name)
    for who in filter(None, {name.strip(), first}):
        text = re.sub(rf"\b{re.escape(who)}['’]s\b", "your", text)
        text = re.sub(rf"\b{re.escape(who)}\b", "you", text)
    # "her" is "your" before a noun ("her talk") and "you" otherwise ("introduce her to").
    not_a_noun = NOUN_STOP | {"my", "our", "your", "his", "their", "some", "any", "all", "one", "two", "back", "know"}
    text = re.sub(r"\bher\b(?=\s+(?!(?:" + "|".join(not_a_noun) + r")\b)[A-Za-z])", "your", text, flags=re.I)
    table = {"his": "your", "her": "you", "him": "you", "she": "you", "he": "you", "she's": "you're",
             "he's": "you're", "herself": "yourself", "himself": "yourself", "hers": "yours"}
    if plural:
        table |= {"their": "your", "them": "you", "they": "you"}
    text = _swap(text, table)
    return re.sub(r"\byou (is|was|has|does)\b", lambda m: "you " + {"is": "are", "was": "were", "has": "have",
                                                                    "does": "do"}[m.group(1)], text)


def advice_in_my_voice(text: str) -> str:
    """Advice as they said it ("turn one of your projects…") restated by the user ("one of my projects")."""
    text = _swap(text, {"your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm", "you've": "I've",
                        "you'll": "I'll", "you'd": "I'd"})
    # "a problem you've lived", "people you trust": "you" after a noun is the subject of what follows.
    text = re.sub(r"(?i)\b(problem|problems|people|someone|thing|things|what|that|who|work|role|roles|one)\s+you\b"
                  r"(?=\s+\w)", r"\1 I", text)
    text = re.sub(r"(^|[,;:]\s*|\b(?:and|if|when|that|so|before|after|until|once|because|while)\s+)you\b",
                  lambda m: m.group(1) + "I", text, flags=re.IGNORECASE)
    text = re.sub(r"\byou\b", "me", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:I )?(?:should|must|need to|could|might|have to)\s+", "", text, flags=re.I)
    return text


def as_plan(text: str) -> str:
    """A next step in the user's voice after "I am going to": "I'll email Tom" → "email Tom"."""
    text = re.sub(r"^(?:I(?:'ll| will| am going to|'m going to| plan to| want to| need to| should)|"
                  r"will|going to|plan to|to)\s+", "", text.strip(), flags=re.I)
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper() and first[1:] == first[1:].lower():  # a plan starts with a verb: "Read …"
        return text[:1].lower() + text[1:]
    return text
