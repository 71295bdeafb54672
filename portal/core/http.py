"""Small request helpers every app's views share."""

from django.http import Http404

#: Methods of pages that only show something. Detail pages check the method after the
#: scoped fetch, so that another community's record answers 404 whatever the method.
READ_METHODS = ["GET", "HEAD"]


def int_or_404(value: str) -> int:
    """A record number from a query string (``?household=12``); anything else is a 404,
    not a 500."""
    if not (value.isascii() and value.isdigit()):
        raise Http404("Not a record number.")
    return int(value)
