"""Status changes of notices: publishing and withdrawing, each recorded."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notices.models import Notice, NoticeObjection, NoticeStatus, ObjectionStatus
from portal.notices.signals import objection_filed

audit_log = logging.getLogger("portal.audit")


@transaction.atomic
def notice_publish(*, notice: Notice, by: Any) -> Notice:
    """Publish a draft (or a withdrawn notice again): the public pages show it from its
    publication time on. For notice editors on a notice fetched through
    ``get_notice_for_user``. Raises ``ValidationError`` when the status does not allow it
    or the notice is incomplete. Writes a history row and an audit line."""
    return _transition(notice, NoticeStatus.PUBLISHED, by)


@transaction.atomic
def notice_withdraw(*, notice: Notice, by: Any) -> Notice:
    """Withdraw a published notice: the public pages no longer show it (404). Same
    callers, errors and records as :func:`notice_publish`."""
    return _transition(notice, NoticeStatus.WITHDRAWN, by)


def _transition(notice: Notice, to: str, by: Any) -> Notice:
    before = notice.status
    notice.transition(to, by=by)
    audit_log.info(
        "notice status: user=%s notice=%s from=%s to=%s",
        getattr(by, "pk", None),
        notice.pk,
        before,
        to,
    )
    return notice


@transaction.atomic
def objection_file(*, notice: Notice, text: str, by: Any) -> NoticeObjection:
    """Record a resident's objection to a running 公示 and tell its owner (the
    ``objection_filed`` signal). For logged-in users on a public notice. Raises
    ``ValidationError`` with the user's message for an empty text or a notice that takes
    no objections (not a 公示, not public, period not running)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write what you object to."))
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not (notice.is_publicity and notice.accepts_objections):
        raise ValidationError(_("This notice is not open for objections."))
    objection = NoticeObjection(notice=notice, text=text, submitted_by=by)
    objection.full_clean()
    objection.save()
    objection_filed.send(sender=Notice, notice=notice, objection=objection)
    audit_log.info(
        "objection filed: user=%s notice=%s objection=%s",
        getattr(by, "pk", None),
        notice.pk,
        objection.pk,
    )
    return objection


@transaction.atomic
def objection_answer(*, objection: NoticeObjection, answer: str, by: Any) -> NoticeObjection:
    """Close an objection with the staff's written answer (the investigation's
    finding). For staff who may see the notice. Raises ``ValidationError`` for an empty
    answer or an objection answered already."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer to the objection."))
    objection = NoticeObjection.objects.select_for_update().get(pk=objection.pk)
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(_("This objection has been answered already."))
    objection.status = ObjectionStatus.ANSWERED
    objection.answer = answer
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection._history_user = by
    objection.save()
    audit_log.info(
        "objection answered: user=%s objection=%s", getattr(by, "pk", None), objection.pk
    )
    return objection
