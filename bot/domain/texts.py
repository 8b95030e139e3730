"""Marks English source text for the catalogs. The domain never translates: the layers that
speak to a person look the marked text up in that person's language."""


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where the locale is known."""
    return message
