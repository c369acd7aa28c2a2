"""Fill msgstr entries of an app's Bulgarian catalogue from a JSON object {msgid: msgstr}.

Plural entries take a list [singular, plural]. Usage:
    python scripts/fill_po.py APP translations.json
Then `make install` compiles the catalogues. Untranslated entries are listed at the end.
"""

import json
import sys
from pathlib import Path

import polib


def main(app, mapping_path):
    po_path = Path(app) / "locale" / "bg" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    mapping = json.loads(Path(mapping_path).read_text(encoding="utf-8"))
    for entry in po:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    for msgid in missing:
        print("untranslated:", json.dumps(msgid, ensure_ascii=False))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
