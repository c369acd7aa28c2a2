"""Group free texts that say the same thing: identical after normalising, or nearly so (difflib).

Normalising folds case, collapses whitespace and drops the punctuation around a text, so
"Участие в семинари." and "участие  в семинари" are one group. Near-identical texts (a
SequenceMatcher ratio of at least `SIMILARITY`) join the first group they resemble; the
group's label is its most frequent original wording.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

SIMILARITY = 0.85
_SPACE = re.compile(r"\s+")


def normalise(text):
    return _SPACE.sub(" ", (text or "").casefold()).strip(" .,;:!?-–—\"'„“”()")


@dataclass
class TextGroup:
    key: str  # the normalised text of the first member
    members: list = field(default_factory=list)  # [(original text, payload)]

    @property
    def count(self):
        return len(self.members)

    @property
    def label(self):
        return Counter(text.strip() for text, _payload in self.members).most_common(1)[0][0]


def group_texts(items, similarity=SIMILARITY):
    """[TextGroup] from [(text, payload)], the largest first (ties in first-seen order); empty texts skipped."""
    groups, exact = [], {}
    for text, payload in items:
        key = normalise(text)
        if not key:
            continue
        group = exact.get(key)
        if group is None:
            for candidate in groups:
                matcher = SequenceMatcher(None, key, candidate.key, autojunk=False)
                # quick_ratio is an upper bound of ratio: the cheap test first.
                if (
                    matcher.real_quick_ratio() >= similarity
                    and matcher.quick_ratio() >= similarity
                    and matcher.ratio() >= similarity
                ):
                    group = candidate
                    break
            if group is None:
                group = TextGroup(key)
                groups.append(group)
            exact[key] = group
        group.members.append((text, payload))
    order = {id(g): i for i, g in enumerate(groups)}
    return sorted(groups, key=lambda g: (-g.count, order[id(g)]))
