"""Signals of the notices app, for the apps whose 公示 they are."""

from django.dispatch import Signal

#: Sent after an objection to a 公示 is saved, inside its transaction, with ``notice``
#: and ``objection``. The owner of the 公示 reopens its case; an exception rolls the
#: objection back, so the resident sees the error instead of a lost objection.
objection_filed = Signal()
