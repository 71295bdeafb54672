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


#: 先行救助 is paid before the case is decided (§3.7: pay at once, paperwork after).
PRIOR_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED})


def prior_assistance_pay(
    *,
    application: Application,
    by: Any,
    amount: Decimal | str | None,
    reason: str,
    now: dt.datetime | None = None,
) -> Any:
    """先行救助 (§3.7, the service guide's promise): pay an emergency (急难型) temporary-
    assistance case at once, before its survey and decision; the paperwork is due within
    the rules' ``prior_paperwork_days``, and the case's decision later pays only what is
    left (the amount decided less this one).

    For sub-district staff (乡镇/街道 审批), on a 急难型 case applied for or accepted,
    once. The money is a one-off payment on the first roster not yet paid. Raises
    ``ValidationError`` (code ``prior_assistance``) for another programme, a case past
    acceptance or paid in advance already, no reason, an amount that is not an exact sum
    of yuan or is above the per-event cap (more needs the full procedure and 一事一议);
    nothing is written then. Writes a step (the record), a history row and an audit line.
    """
    from assistance.models import Entitlement, EntitlementReason, RuleSet, Standard, Step
    from assistance.payments import _money, first_unpaid_month
    from assistance.services.applications import _locked
    from assistance.texts import date_text, money_text

    now = now or timezone.now()
    today = timezone.localdate(now)
    if not is_confirmer(by):
        raise ValidationError(
            _("Only sub-district staff pay temporary assistance in advance."),
            code="prior_assistance",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say what emergency makes the payment urgent."), code="prior_assistance"
        )
    value = _money(amount if amount is not None else "", "prior_assistance")
    with transaction.atomic():
        current = _locked(application)
        if current.programme.rule != Rule.TEMPORARY or current.programme.expense_test:
            raise ValidationError(
                _("Only emergency temporary assistance (急难型) is paid in advance."),
                code="prior_assistance",
            )
        if current.prior_paid_on is not None:
            raise ValidationError(
                _("%(amount)s was paid in advance on %(date)s already.")
                % {
                    "amount": money_text(current.prior_amount),
                    "date": date_text(current.prior_paid_on),
                },
                code="prior_assistance",
            )
        if current.status not in PRIOR_STATUSES:
            raise ValidationError(
                _("A case that is “%(status)s” is not paid in advance: decide it.")
                % {"status": current.get_status_display()},
                code="prior_assistance",
            )
        rules = RuleSet.objects.in_force(current.programme, today)
        base = Standard.objects.subsistence_in_force(current.registration_type, today)
        if base is None:
            raise ValidationError(
                _("No minimum living standard is in force to cap the payment."),
                code="prior_assistance",
            )
        cap = (base.monthly_amount * rules.temporary_cap_months).quantize(Decimal("0.01"))
        if value > cap:
            raise ValidationError(
                _(
                    "%(amount)s is more than the cap of %(cap)s per event; pay at most the cap "
                    "in advance (more needs the full procedure and a case-by-case decision)."
                )
                % {"amount": money_text(value), "cap": money_text(cap)},
                code="prior_assistance",
            )
        month = max(today.replace(day=1), first_unpaid_month(today))
        entitlement = Entitlement.objects.create(
            application=current,
            reason=EntitlementReason.PRIOR,
            effective_from=month,
            pays_from=month,
            monthly_amount=value,
            standard_amount=base.monthly_amount,
            one_off=True,
            decided_at=now,
            decided_by=by,
        )
        current.prior_amount = value
        current.prior_paid_on = today
        current.paperwork_due = today + dt.timedelta(days=rules.prior_paperwork_days)
        current._history_user = by
        current.save(update_fields=["prior_amount", "prior_paid_on", "paperwork_due"])
        Step.objects.create(
            application=current,
            from_status=current.status,
            to_status=current.status,
            by=by,
            at=now,
            opinion=_(
                "Paid %(amount)s in advance (先行救助): %(reason)s. The paperwork is due by "
                "%(due)s."
            )
            % {
                "amount": money_text(value),
                "reason": reason,
                "due": date_text(current.paperwork_due),
            },
        )
    audit_log.info(
        "assistance prior assistance: user=%s application=%s amount=%s",
        getattr(by, "pk", None),
        current.pk,
        value,
    )
    return entitlement
