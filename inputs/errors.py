"""The one exception the input helpers raise: a ValueError whose text is the message for people."""


class InputRefused(ValueError):
    """A value refused at the boundary; str(exc) is a translated message naming the reason."""

    def __init__(self, message):
        self.message = str(message)
        super().__init__(self.message)
