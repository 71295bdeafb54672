"""Small request helpers every app's views share."""

from django.http import Http404

#: Methods of pages that only show something. Detail pages check the method after the
#: scoped fetch, so that another community's record answers 404 whatever the method.
READ_METHODS = ["GET", "HEAD"]


#: The largest primary key a database column holds (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1


def int_or_404(value: str) -> int:
    """A record number from a query string (``?household=12``); anything else, a number
    larger than any column holds included, is a 404, not a 500."""
    if not (value.isascii() and value.isdigit()) or len(value) > 19 or int(value) > LARGEST_ID:
        raise Http404("Not a record number.")
    return int(value)
