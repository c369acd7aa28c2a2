"""Drawing the sample of graduates for independent assessment: pure functions, no database.

The population is a list of Units (one graduate each) with their centre, profession and consent.
Graduates who refused to be contacted (consent False) are never drawn. The draw is stratified by
centre and profession:

1. every centre gets its minimum (or all its eligible graduates if it has fewer), shared among its
   professions in proportion to their size;
2. the rest of the sample is shared among all strata in proportion to what is left in them
   (largest remainders, ties broken by the stratum's key so the result never depends on dict order);
3. inside each stratum the graduates are drawn with a generator seeded from the stored seed and the
   stratum's key, so the same seed and population always give the same sample.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Unit:
    key: str  # stable identifier of the graduate in the population ("g:12", "c:7:3")
    centre: int
    profession: int
    consent: bool | None = True  # None: not asked yet (asked with the invitation)


@dataclass
class Draw:
    chosen: list  # the Units drawn, in stratum order
    population: int  # eligible graduates
    excluded_without_consent: int
    allocation: dict = field(default_factory=dict)  # {(centre, profession): (drawn, eligible)}


class SampleError(ValueError):
    """A sample that cannot be drawn; `code` says why (for the message shown to the person)."""

    def __init__(self, code, **params):
        self.code, self.params = code, params
        super().__init__(code)


def eligible(units):
    return [u for u in units if u.consent is not False]


def _largest_remainder(total, weights):
    """Share `total` among keys in proportion to weights (dict key → int), whole numbers, capped by weight."""
    share = dict.fromkeys(weights, 0)
    if total <= 0:
        return share
    whole = sum(weights.values())
    if total >= whole:
        return dict(weights)
    exact = {k: Fraction(total * w, whole) for k, w in weights.items()}
    for k, value in exact.items():
        share[k] = min(int(value), weights[k])
    left = total - sum(share.values())
    order = sorted(weights, key=lambda k: (-(exact[k] - int(exact[k])), str(k)))
    while left > 0:
        for k in order:
            if left and share[k] < weights[k]:
                share[k] += 1
                left -= 1
    return share


def allocate(strata_sizes, size, min_per_centre):
    """{(centre, profession): n} for strata of the given sizes; see the module's description."""
    by_centre = defaultdict(dict)
    for (centre, profession), n in strata_sizes.items():
        by_centre[centre][(centre, profession)] = n
    allocation = dict.fromkeys(strata_sizes, 0)
    for strata in by_centre.values():
        floor = min(min_per_centre, sum(strata.values()))
        allocation.update(_largest_remainder(floor, strata))
    floors = sum(allocation.values())
    if floors > size:
        raise SampleError("minimum_exceeds_size", needed=floors, size=size)
    left = {k: n - allocation[k] for k, n in strata_sizes.items()}
    for k, extra in _largest_remainder(size - floors, left).items():
        allocation[k] += extra
    return allocation


def draw(units, *, size, min_per_centre, seed):
    """The stratified, reproducible draw of `size` graduates from `units`."""
    if size < 1:
        raise SampleError("empty_sample")
    pool = eligible(units)
    excluded = len(units) - len(pool)
    if size > len(pool):
        raise SampleError("larger_than_population", size=size, population=len(pool))
    strata = defaultdict(list)
    for unit in pool:
        strata[(unit.centre, unit.profession)].append(unit)
    allocation = allocate({k: len(v) for k, v in strata.items()}, size, min_per_centre)
    chosen = []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda u: u.key)
        rng = random.Random(f"{seed}:{key[0]}:{key[1]}")
        chosen.extend(sorted(rng.sample(members, allocation[key]), key=lambda u: u.key))
    return Draw(
        chosen=chosen,
        population=len(pool),
        excluded_without_consent=excluded,
        allocation={k: (allocation[k], len(strata[k])) for k in sorted(strata)},
    )


def new_seed():
    """A fresh seed for a draw (stored with the sample, so the draw can be repeated)."""
    return random.SystemRandom().randrange(1, 2**53)
