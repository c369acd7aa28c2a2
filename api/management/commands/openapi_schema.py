"""Write the API's OpenAPI document (the committed api/openapi.json is compared with it by a test)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

SNAPSHOT = Path(__file__).resolve().parents[2] / "openapi.json"


def current_schema():
    from api.api import api

    # English, so the snapshot does not change with the reviewer's language.
    with translation.override("en"):
        return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/"), default=str))


def render(schema):
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI document to api/openapi.json (or --out FILE); --check exits 1 if it differs."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(SNAPSHOT))
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, out, check, **options):
        text = render(current_schema())
        path = Path(out)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                self.stderr.write("api/openapi.json is out of date: run `make openapi` and review the change.")
                raise SystemExit(1)
            self.stdout.write("api/openapi.json is up to date.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {path}")
