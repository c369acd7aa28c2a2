from ninja import Schema


class Page(Schema):
    """A page of a list: `next` is the cursor of the following page, null on the last."""

    next: str | None
