from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).glob("*/locale/bg/LC_MESSAGES/django.po"))


def test_every_app_with_templates_or_models_has_a_bulgarian_catalogue():
    apps_with_catalogue = {p.parts[-5] for p in CATALOGUES}
    assert {"vetquality", "accounts", "frameworks", "centres", "reports"} <= apps_with_catalogue


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_bulgarian_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], f"untranslated in {po_path}: {missing}"
