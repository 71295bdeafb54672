"""Receivers: the assistance app's reaction to kernel events."""

from typing import Any

from django.dispatch import receiver

from portal.notices.signals import objection_filed


@receiver(objection_filed, dispatch_uid="assistance-reopen-on-objection")
def reopen_on_objection(sender: Any, notice: Any, objection: Any, **kwargs: Any) -> None:
    from assistance.services.applications import reopen_for_objection

    reopen_for_objection(notice=notice, objection=objection)
