"""Receivers: the assistance app's reaction to kernel events."""

from typing import Any

from django.dispatch import receiver

from portal.notices.signals import objection_accepted


@receiver(objection_accepted, dispatch_uid="assistance-reopen-on-objection")
def reopen_on_objection(sender: Any, notice: Any, objection: Any, **kwargs: Any) -> None:
    """Staff accepted (受理) an objection: the case goes back to investigation."""
    from assistance.services import reopen_for_objection

    reopen_for_objection(notice=notice, objection=objection)
