import copy
import json

import pytest

from frameworks.loader import BUNDLED_DIR


def bundled(code):
    return json.loads((BUNDLED_DIR / f"{code}.json").read_text(encoding="utf-8"))


@pytest.fixture
def cpo_doc():
    """A fresh copy of the bundled CPO-2018 document to mutate."""
    return copy.deepcopy(bundled("CPO-2018"))


@pytest.fixture
def write_doc(tmp_path):
    def write(doc, name="framework.json"):
        path = tmp_path / name
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return path

    return write
