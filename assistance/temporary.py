"""临时救助 beyond the limits: recording the 一事一议 decision (domain-rules §3.7)."""

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import Application, Rule, SpecialDecision, Status
from assistance.roles import is_confirmer

audit_log = logging.getLogger("portal.audit")

#: A decision is recorded while the case is being decided.
DECISION_STATUSES = frozenset({Status.ACCEPTED, Status.INVESTIGATED, Status.REVIEWED})


def special_decision_record(
    *,
    application: Application,
    by: Any,
    decided_by: str,
    decided_on: dt.date | None,
    minutes: str,
    amount: Decimal | str | None,
    now: dt.datetime | None = None,
) -> SpecialDecision:
    """Record the 一事一议 decision that lets this temporary-assistance case exceed the
    caps, up to ``amount``, and assess the case again with it.

    For sub-district staff, on a temporary-assistance case being decided. Raises
    ``ValidationError`` (code ``special_decision``) for another programme or step, a
    missing body, date or minutes, a date in the future, an amount that is not positive,
    or a second decision; nothing is written then.
    """
    from assistance.rules import assess
    from assistance.services.applications import _locked, _store

    now = now or timezone.now()
    if not is_confirmer(by):
        raise ValidationError(
            _("Only sub-district staff record a case-by-case decision."), code="special_decision"
        )
    problems = []
    if not (decided_by or "").strip():
        problems.append(_("Say who decided (the meeting or body)."))
    if not (minutes or "").strip():
        problems.append(_("A case-by-case decision needs its minutes: what was decided and why."))
    if decided_on is None:
        problems.append(_("Give the date of the decision."))
    elif decided_on > timezone.localdate(now):
        problems.append(_("The decision cannot be dated in the future."))
    try:
        value = Decimal(str(amount)) if amount not in (None, "") else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0:
        problems.append(_("Give the amount decided, in yuan."))
    if problems:
        raise ValidationError(problems, code="special_decision")
    with transaction.atomic():
        current = _locked(application)
        if current.programme.rule != Rule.TEMPORARY:
            raise ValidationError(
                _("Only temporary assistance is decided case by case."), code="special_decision"
            )
        if current.status not in DECISION_STATUSES:
            raise ValidationError(
                _("A case that is “%(status)s” cannot take a case-by-case decision.")
                % {"status": current.get_status_display()},
                code="special_decision",
            )
        try:
            with transaction.atomic():
                decision = SpecialDecision.objects.create(
                    application=current,
                    decided_by=decided_by.strip(),
                    decided_on=decided_on,
                    minutes=minutes.strip(),
                    amount=value,
                    recorded_by=by,
                    recorded_at=now,
                )
        except IntegrityError:
            raise ValidationError(
                _("This case has a case-by-case decision already."), code="special_decision"
            ) from None
        if current.eligible is not None:
            _store(current, assess(current, timezone.localdate(now)))
            current._history_user = by
            current.save()
    audit_log.info(
        "assistance special decision: user=%s application=%s amount=%s",
        getattr(by, "pk", None),
        current.pk,
        value,
    )
    return decision
