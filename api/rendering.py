"""JSON answers for the hot read endpoints, written without a second validation pass.

django-ninja validates what a view returns against the response schema and then encodes it; for a
list of 50 rows that validation is the largest part of the request. These endpoints build plain dicts
from `values()` rows whose types are the schema's, and encode them with ninja's own encoder, so the
bytes are the same as ninja would send (api/tests/test_rendering.py compares them, and the schemathesis
run checks every answer against the published schema).
"""

from django.http import JsonResponse
from ninja.responses import NinjaJSONEncoder


def json_answer(data, *, status=200, headers=None):
    return JsonResponse(data, encoder=NinjaJSONEncoder, safe=False, status=status, headers=headers)
