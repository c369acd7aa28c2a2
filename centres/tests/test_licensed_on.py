import datetime as dt

from centres.models import Centre
from centres.regions import Region, parse_region
from conftest import make_centre


def test_licence_active_from_grant_until_the_day_before_revocation(db):
    make_centre("1", "Granted on the day", licensed_on=dt.date(2024, 12, 31))
    make_centre("2", "Revoked on the day", licensed_on=dt.date(2010, 1, 1), licence_revoked_on=dt.date(2024, 12, 31))
    make_centre("3", "Revoked the day after", licensed_on=dt.date(2010, 1, 1), licence_revoked_on=dt.date(2025, 1, 1))
    make_centre("4", "Granted the day after", licensed_on=dt.date(2025, 1, 1))
    names = set(Centre.objects.licensed_on(dt.date(2024, 12, 31)).values_list("name", flat=True))
    assert names == {"Granted on the day", "Revoked the day after"}


def test_region_names_parse_in_any_case_with_synonyms():
    assert parse_region("  стара   загора ") == Region.STARA_ZAGORA
    assert parse_region("СОФИЯ-ГРАД") == Region.SOFIA_CITY
    assert parse_region("Софийска") == Region.SOFIA
    assert parse_region("София") == Region.SOFIA
    assert parse_region("Атлантида") is None
    assert len(Region.values) == 28
