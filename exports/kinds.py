"""What can be exported as a job: kind → the dotted path of its builder (imported when used, so this
app depends on no domain app). A builder module offers:

- `allowed(user) -> bool`: who may ask for it;
- `describe(params) -> (title, filename without extension)`;
- `table(params) -> Table`: the header rows and a generator of rows, with their number.
"""

from dataclasses import dataclass
from importlib import import_module

KINDS = {
    "survey_answers": "surveys.exports",
}


@dataclass
class Table:
    headers: list  # header rows: people's labels first, then the codes programs use
    rows: object  # an iterator of lists
    total: int  # how many rows `rows` will give (for the progress bar)
    sheet: str = "data"


def builder(kind):
    if kind not in KINDS:
        raise KeyError(kind)
    return import_module(KINDS[kind])
