"""Status changes of notices: publishing and withdrawing, each recorded."""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notices.models import Notice, NoticeObjection, NoticeStatus, ObjectionStatus
from portal.notices.signals import objection_accepted, objection_filed

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
    """Record a resident's objection to a running 公示 from its public page; staff then
    triage it (:func:`objection_accept`, :func:`objection_reject`) and the notice stays up
    meanwhile. For signed-in users on a public notice. Raises ``ValidationError`` with the
    user's message and a code: ``not_linked`` for an account not linked to the registry
    (they object in person at the office), ``too_many`` past
    ``NOTICE_OBJECTIONS_PER_DAY`` in 24 hours or with one still open on this notice,
    ``empty`` for an empty text, ``closed`` for a notice that takes no objections."""
    if not getattr(by, "resident_id", None):
        raise ValidationError(
            _(
                "Only residents who have confirmed who they are can object here. Please "
                "object in person at the office named below."
            ),
            code="not_linked",
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write what you object to."), code="empty")
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not (notice.is_publicity and notice.accepts_objections):
        raise ValidationError(_("This notice is not open for objections."), code="closed")
    mine = NoticeObjection.objects.filter(submitted_by=by)
    recent = mine.filter(created_at__gte=timezone.now() - dt.timedelta(days=1))
    if (
        mine.filter(notice=notice, status=ObjectionStatus.OPEN).exists()
        or recent.count() >= settings.NOTICE_OBJECTIONS_PER_DAY
    ):
        raise ValidationError(
            _(
                "You have objected already; staff are looking into it. For anything more, "
                "please contact the office named below."
            ),
            code="too_many",
        )
    return _record(notice, NoticeObjection(notice=notice, text=text, submitted_by=by), by)


@transaction.atomic
def objection_record(*, notice: Notice, text: str, raised_by_name: str, by: Any) -> NoticeObjection:
    """Record an objection someone raised in person at the office, for staff who may see
    the notice (the caller fetched it for them). Raises ``ValidationError`` (codes
    ``empty``, ``closed``) as :func:`objection_file`; no rate limit, staff decide."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write what you object to."), code="empty")
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not (notice.is_publicity and notice.accepts_objections):
        raise ValidationError(_("This notice is not open for objections."), code="closed")
    objection = NoticeObjection(
        notice=notice, text=text, raised_by_name=(raised_by_name or "").strip(), recorded_by=by
    )
    return _record(notice, objection, by)


def _record(notice: Notice, objection: NoticeObjection, by: Any) -> NoticeObjection:
    objection.full_clean()
    objection._history_user = by
    objection.save()
    objection_filed.send(sender=Notice, notice=notice, objection=objection)
    audit_log.info(
        "objection filed: user=%s notice=%s objection=%s",
        getattr(by, "pk", None),
        notice.pk,
        objection.pk,
    )
    return objection


def _locked_untriaged(objection: NoticeObjection) -> NoticeObjection:
    objection = (
        NoticeObjection.objects.select_for_update().select_related("notice").get(pk=objection.pk)
    )
    if not objection.awaits_triage:
        raise ValidationError(_("This objection has been decided already."), code="decided")
    return objection


@transaction.atomic
def objection_accept(
    *, objection: NoticeObjection, by: Any, concerning: Any = None
) -> NoticeObjection:
    """受理: accept an objection for investigation. The notice's owner reacts to the
    ``objection_accepted`` signal (an assistance case goes back to investigation and its
    notice is withdrawn). ``concerning`` is the record the objection is about, as staff
    chose it where the notice lists several (one household of a batch 公示); the signal
    passes it on. For staff who may see the notice (the caller's fetcher and role
    check). Raises ``ValidationError`` (code ``decided``) when it was triaged already."""
    objection = _locked_untriaged(objection)
    objection.accepted_at = timezone.now()
    objection.accepted_by = by
    objection._history_user = by
    objection.save()
    objection_accepted.send(
        sender=Notice, notice=objection.notice, objection=objection, concerning=concerning
    )
    audit_log.info(
        "objection accepted: user=%s objection=%s", getattr(by, "pk", None), objection.pk
    )
    return objection


def _close(objection: NoticeObjection, status: str, text: str, by: Any) -> None:
    """Close ``objection`` (locked by the caller) with staff's written text: the reason it
    was not accepted, or the answer after the investigation."""
    objection.status = status
    objection.answer = text
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection._history_user = by
    objection.save()


@transaction.atomic
def objection_reject(*, objection: NoticeObjection, reason: str, by: Any) -> NoticeObjection:
    """不予受理: decline an objection with the reason; the notice stays up and its case
    goes on. Same callers as :func:`objection_accept`. Raises ``ValidationError`` for an
    empty reason (code ``empty``) or an objection triaged already (``decided``)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for not accepting it."), code="empty")
    objection = _locked_untriaged(objection)
    _close(objection, ObjectionStatus.REJECTED, reason, by)
    audit_log.info(
        "objection not accepted: user=%s objection=%s", getattr(by, "pk", None), objection.pk
    )
    return objection


@transaction.atomic
def objection_answer(*, objection: NoticeObjection, answer: str, by: Any) -> NoticeObjection:
    """Close an accepted objection with the staff's written answer (the investigation's
    finding). For staff who may see the notice. Raises ``ValidationError`` for an empty
    answer, an objection not accepted yet (code ``untriaged``) or answered already."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer to the objection."))
    objection = NoticeObjection.objects.select_for_update().get(pk=objection.pk)
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(_("This objection has been answered already."))
    if objection.accepted_at is None:
        raise ValidationError(
            _("Accept the objection or decline it with a reason first."), code="untriaged"
        )
    _close(objection, ObjectionStatus.ANSWERED, answer, by)
    audit_log.info(
        "objection answered: user=%s objection=%s", getattr(by, "pk", None), objection.pk
    )
    return objection
