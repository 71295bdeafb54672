from django.dispatch import Signal

#: Sent after an objection to a 公示 is recorded, inside its transaction, with ``notice``
#: and ``objection``. Nothing changes yet: the notice stays up while staff triage it.
objection_filed = Signal()

#: Sent when staff accept (受理) an objection, inside its transaction, with ``notice``,
#: ``objection`` and ``concerning`` (the record staff said it is about, or None). The
#: owner of the 公示 sends its case back to investigation and withdraws the notice; an
#: exception rolls the acceptance back, so staff see the error.
objection_accepted = Signal()
