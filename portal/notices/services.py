"""Status changes of notices: publishing and withdrawing, each recorded."""

import logging
from typing import Any

from django.db import transaction

from portal.notices.models import Notice, NoticeStatus

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
