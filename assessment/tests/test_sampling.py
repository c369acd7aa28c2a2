"""The sampler as pure functions: stratification, minimum per centre, reproducibility, consent."""

from collections import Counter

import pytest

from assessment.sampling import SampleError, Unit, allocate, draw


def population():
    units = []
    # centre 1: 40 of profession 10, 20 of profession 20; centre 2: 10 of profession 10; centre 3: 3 of 20
    for centre, profession, n in ((1, 10, 40), (1, 20, 20), (2, 10, 10), (3, 20, 3)):
        units += [Unit(key=f"g:{centre}{profession}{i:03d}", centre=centre, profession=profession) for i in range(n)]
    return units


def test_every_stratum_gets_its_proportional_share():
    result = draw(population(), size=20, min_per_centre=0, seed=1)
    counts = Counter((u.centre, u.profession) for u in result.chosen)
    # 20 of 73: 40→10.96, 20→5.48, 10→2.74, 3→0.82 → largest remainders give 11, 5, 3, 1
    assert counts == {(1, 10): 11, (1, 20): 5, (2, 10): 3, (3, 20): 1}
    assert len(result.chosen) == 20


def test_each_centre_gets_at_least_its_minimum():
    result = draw(population(), size=12, min_per_centre=3, seed=1)
    per_centre = Counter(u.centre for u in result.chosen)
    assert per_centre[2] >= 3 and per_centre[3] == 3
    assert sum(per_centre.values()) == 12


def test_a_small_centre_gives_all_it_has_when_below_the_minimum():
    assert allocate({(1, 10): 2, (2, 10): 30}, 10, 5) == {(1, 10): 2, (2, 10): 8}


def test_the_same_seed_gives_the_same_sample_and_another_seed_another():
    first = [u.key for u in draw(population(), size=15, min_per_centre=2, seed=42).chosen]
    again = [u.key for u in draw(list(reversed(population())), size=15, min_per_centre=2, seed=42).chosen]
    other = [u.key for u in draw(population(), size=15, min_per_centre=2, seed=43).chosen]
    assert first == again
    assert first != other


def test_graduates_without_consent_are_never_drawn():
    units = [Unit(key=f"g:{i}", centre=1, profession=1, consent=i % 2 == 0) for i in range(10)]
    result = draw(units, size=5, min_per_centre=0, seed=3)
    assert {u.consent for u in result.chosen} == {True}
    assert result.population == 5 and result.excluded_without_consent == 5


def test_a_sample_larger_than_the_eligible_population_is_refused():
    units = [Unit(key=f"g:{i}", centre=1, profession=1, consent=i < 4) for i in range(10)]
    with pytest.raises(SampleError) as caught:
        draw(units, size=5, min_per_centre=0, seed=3)
    assert caught.value.code == "larger_than_population" and caught.value.params["population"] == 4


def test_minimums_above_the_sample_size_are_refused():
    with pytest.raises(SampleError) as caught:
        draw(population(), size=5, min_per_centre=3, seed=1)
    assert caught.value.code == "minimum_exceeds_size"
