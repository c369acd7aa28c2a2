"""Tolerant name search: one normalisation for the stored key and for what people type.

Case, quotes and punctuation do not matter; the generic words of a centre's name ("ЦПО към …",
"ЕООД") are dropped; Latin letters that look like Cyrillic ones (a, e, o, p, c, x, …) count as
those, and a word typed wholly in Latin is also tried in Bulgarian transliteration ("alfa" → "алфа").
"""

import re
import unicodedata

# After lower-casing: Latin letters drawn like Cyrillic ones, as people type them by mistake.
LOOK_ALIKES = str.maketrans(
    {"a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р", "t": "т", "x": "х"}
    | {"y": "у", "ѐ": "е", "ѝ": "и"}
)
# The official Bulgarian transliteration, read backwards (longest first).
TRANSLITERATION = [
    ("sht", "щ"),
    ("zh", "ж"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ts", "ц"),
    *zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцй", strict=True),
]
GENERIC_WORDS = {
    "цпо",
    "ципо",
    "към",
    "център",
    "центъра",
    "за",
    "професионално",
    "обучение",
    "информация",
    "и",
    "ориентиране",
    "еоод",
    "оод",
    "ад",
    "еад",
    "ет",
    "кд",
    "сд",
}
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
MAX_QUERY = 200  # a longer query is cut: nobody types a centre's name in more


def _words(text):
    text = unicodedata.normalize("NFKC", text or "")[: MAX_QUERY * 2].casefold().replace("\x00", " ")
    return [w for w in _NON_WORD.sub(" ", text).replace("_", " ").split() if w]


def _cyrillic(word):
    return word.translate(LOOK_ALIKES)


def _transliterated(word):
    out, i = [], 0
    while i < len(word):
        for latin, cyr in TRANSLITERATION:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def search_key(name):
    """The stored key of a centre's name: its meaningful words, normalised, joined by spaces."""
    words = [_cyrillic(w) for w in _words(name)]
    return " ".join(w for w in words if w not in GENERIC_WORDS)


def query_terms(text):
    """What a query asks for: [(alternatives of one word)]; each word must match one alternative."""
    terms = []
    for word in _words(text[:MAX_QUERY] if text else ""):
        if _cyrillic(word) in GENERIC_WORDS:
            continue
        alternatives = {_cyrillic(word)}
        if word.isascii() and word.isalpha():
            alternatives.add(_transliterated(word))
        terms.append(tuple(sorted(alternatives)))
    return terms


def matches(terms, key, licence_number):
    """Every word of the query is found in the name's key, or the query is (part of) the licence number."""
    if not terms:
        return True
    digits = "".join(t[0] for t in terms if t[0].isdigit())
    if digits and len(digits) == sum(len(t[0]) for t in terms) and digits in licence_number:
        return True
    return all(any(alt in key for alt in alternatives) for alternatives in terms)
