"""Signals other parts of the portal listen to.

``waitlist_promoted`` is sent after commit for each sign-up moved from the waiting list to
a confirmed place, with ``registration``; the notifications kernel tells the person.
"""

from django.dispatch import Signal

waitlist_promoted = Signal()
