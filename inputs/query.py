"""Query-string parameters read the same way in every view: a bad value means "not given", never a 500."""

from inputs.errors import InputRefused
from inputs.numbers import INTEGER_MAX, YEAR_MAX, YEAR_MIN, to_int


def int_param(request, name, default=None, *, minimum=0, maximum=INTEGER_MAX):
    raw = request.GET.get(name, "")
    if not raw.strip():
        return default
    try:
        return to_int(raw.strip(), minimum=minimum, maximum=maximum)
    except InputRefused:
        return default


def year_param(request, name="year", default=None):
    """A year between 2000 and 2100 from the query string, else `default`."""
    return int_param(request, name, default, minimum=YEAR_MIN, maximum=YEAR_MAX)
