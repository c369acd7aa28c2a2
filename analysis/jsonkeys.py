"""A JSON object's value by key, as text, where the key may look like a number.

Django's `KT("texts__6")` (and `KeyTextTransform("6", …)`) reads a key made of digits as an
array index (`$[6]` on SQLite, `-> 6` on PostgreSQL), so it never finds the report section
"6". This expression always addresses an object key.
"""

import json

from django.db.models import Func, TextField


class ObjectKeyText(Func):
    output_field = TextField()

    def __init__(self, field, key):
        self.key = str(key)
        super().__init__(field)

    def as_sql(self, compiler, connection, **extra):
        # SQLite and MySQL-style JSON paths: a quoted member name is always an object key.
        lhs, params = compiler.compile(self.source_expressions[0])
        return f"JSON_EXTRACT({lhs}, %s)", (*params, "$." + json.dumps(self.key))

    def as_postgresql(self, compiler, connection, **extra):
        lhs, params = compiler.compile(self.source_expressions[0])
        # A text parameter (not an integer) makes ->> look the key up in the object.
        return f"({lhs} ->> %s::text)", (*params, self.key)
