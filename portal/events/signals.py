"""Signals other parts of the portal listen to.

Each is sent after commit, so a receiver sees what was saved:

- ``waitlist_promoted``, with ``registration``, for each sign-up moved from the waiting
  list to a confirmed place; the notifications kernel tells the person.
- ``event_cancelled``, with ``event``, when staff call an event off; everyone signed up
  or waiting is told, with the reason.
- ``event_changed``, with ``event`` and ``previous`` (a dict of the old ``starts_at``,
  ``ends_at`` and ``place``), when an event's time or place changed; everyone signed up
  or waiting is told.
"""

from django.dispatch import Signal

waitlist_promoted = Signal()
event_cancelled = Signal()
event_changed = Signal()
