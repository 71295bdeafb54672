"""Paid roster months (花名册已发放): the first month not yet paid, what a month paid,
and closing a month's roster.

A month is closed once its roster has been paid; its payments are kept as paid
(``RosterPayment``) and never re-priced. Changes pay from the first month not closed.
"""

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import Application, Recovery, RosterMonth, RosterPayment
from assistance.texts import date_text, money_text, month_text
from portal.core.dates import add_months

audit_log = logging.getLogger("portal.audit")


def first_unpaid_month(today: dt.date | None = None) -> dt.date:
    """The first month whose roster is not paid: the month after the latest closed one;
    with none closed yet (payments made outside the portal), the current month."""
    today = today or timezone.localdate()
    latest = RosterMonth.objects.latest_month()
    return add_months(latest, 1) if latest else today.replace(day=1)


def is_closed(month: dt.date) -> bool:
    return RosterMonth.objects.filter(month=month.replace(day=1)).exists()


def paid_for(application: Application, month: dt.date) -> Decimal:
    """The monthly amount ``application`` was paid for ``month``, a month before the
    first unpaid one (back-pay apart): the closed roster's payment; for a month before
    any closed one, the entitlement then in force (paid outside the portal)."""
    month = month.replace(day=1)
    roster = RosterMonth.objects.filter(month=month).first()
    if roster is not None:
        payment = RosterPayment.objects.filter(roster=roster, application=application).first()
        return payment.monthly_amount if payment is not None else Decimal("0")
    entitlement = application.entitlement_for(month)
    if entitlement is None or entitlement.one_off:
        return Decimal("0")
    return entitlement.monthly_amount


def roster_close(*, month: dt.date, by: Any, now: dt.datetime | None = None) -> RosterMonth:
    """Record that ``month``'s roster has been paid: each row's amounts are fixed and
    the month is never re-priced; later changes pay from the month after.

    For sub-district staff. Raises ``ValidationError`` for a month not begun, a month
    closed already, or a month after one still open (months close in order); nothing is
    written then.
    """
    from assistance.roster import roster_rows

    now = now or timezone.now()
    month = month.replace(day=1)
    today = timezone.localdate(now)
    if month > today.replace(day=1):
        raise ValidationError(
            _("The roster of %(month)s cannot be closed before the month begins.")
            % {"month": month_text(month)},
            code="roster_not_begun",
        )
    with transaction.atomic():
        existing = RosterMonth.objects.select_related("closed_by").filter(month=month).first()
        if existing is not None:
            raise ValidationError(
                _(
                    "The roster of %(month)s was closed on %(date)s by %(user)s; it cannot be "
                    "closed twice."
                )
                % {
                    "month": month_text(month),
                    "date": date_text(timezone.localdate(existing.closed_at)),
                    "user": existing.closed_by,
                },
                code="roster_closed_twice",
            )
        latest = RosterMonth.objects.latest_month()
        if latest is not None and month != add_months(latest, 1):
            if month < latest:
                raise ValidationError(
                    _("%(month)s is before %(latest)s, which is closed already.")
                    % {"month": month_text(month), "latest": month_text(latest)},
                    code="roster_out_of_order",
                )
            raise ValidationError(
                _("Close the roster of %(first)s first: months are closed in order.")
                % {"first": month_text(add_months(latest, 1))},
                code="roster_out_of_order",
            )
        rows = roster_rows(month)
        try:
            with transaction.atomic():
                roster = RosterMonth.objects.create(
                    month=month,
                    closed_by=by,
                    closed_at=now,
                    households=len(rows),
                    total=sum((r.total for r in rows), Decimal("0")),
                )
        except IntegrityError:  # closed at the same moment by someone else
            raise ValidationError(
                _("The roster of %(month)s has just been closed.") % {"month": month_text(month)},
                code="roster_closed_twice",
            ) from None
        RosterPayment.objects.bulk_create(
            RosterPayment(
                roster=roster,
                application_id=r.application_id,
                entitlement_id=r.entitlement_id,
                monthly_amount=r.monthly_amount,
                arrears=r.arrears,
                insured_members=r.members,
                per_capita_income=r.per_capita_income,
                standard_amount=r.standard,
                one_off=r.one_off,
            )
            for r in rows
        )
    audit_log.info(
        "assistance roster closed: user=%s month=%s rows=%s",
        getattr(by, "pk", None),
        f"{month:%Y-%m}",
        len(rows),
    )
    return roster


def recovery_record(
    *,
    application: Application,
    by: Any,
    from_month: dt.date,
    reason: str,
    now: dt.datetime | None = None,
) -> Recovery:
    """追缴: record as owed what was paid for the months from ``from_month`` (when the
    case should have stopped) to the last month paid, on a stopped case.

    For sub-district staff. Raises ``ValidationError`` (code ``recovery``) for a case
    not stopped, no reason, a month in the future, or nothing paid in those months;
    nothing is written then.
    """
    from assistance.models import Status
    from assistance.roles import is_confirmer

    now = now or timezone.now()
    today = timezone.localdate(now)
    from_month = from_month.replace(day=1)
    if not is_confirmer(by):
        raise ValidationError(_("Only sub-district staff record a recovery."), code="recovery")
    if not (reason or "").strip():
        raise ValidationError(_("Say why the money was paid wrongly."), code="recovery")
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status != Status.STOPPED:
            raise ValidationError(
                _("Stop the payment first; then record what is to be recovered."), code="recovery"
            )
        last = add_months(first_unpaid_month(today), -1)
        if from_month > last:
            raise ValidationError(
                _("Nothing has been paid from %(month)s.") % {"month": month_text(from_month)},
                code="recovery",
            )
        total, month = Decimal("0"), from_month
        while month <= last:
            total += paid_for(current, month)
            month = add_months(month, 1)
        if total <= 0:
            raise ValidationError(
                _("Nothing has been paid from %(month)s.") % {"month": month_text(from_month)},
                code="recovery",
            )
        recovery = Recovery.objects.create(
            application=current,
            from_month=from_month,
            to_month=last,
            amount=total,
            reason=reason.strip(),
            recorded_by=by,
            recorded_at=now,
        )
    audit_log.info(
        "assistance recovery: user=%s application=%s amount=%s",
        getattr(by, "pk", None),
        application.pk,
        total,
    )
    return recovery


def _money(value: Any, code: str) -> Decimal:
    """``value`` as an exact sum of yuan (at most two decimals, more than 0), or a
    ``ValidationError`` with ``code``."""
    from decimal import InvalidOperation

    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        amount = None
    if (
        amount is None
        or not amount.is_finite()
        or amount <= 0
        or amount > Decimal("100000000")
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise ValidationError(
            _("Give the amount in yuan, more than 0, with at most two decimals."), code=code
        )
    return amount.quantize(Decimal("0.01"))


def recovery_repay(
    *,
    recovery: Recovery,
    by: Any,
    amount: Any,
    paid_on: dt.date,
    note: str = "",
    now: dt.datetime | None = None,
) -> Recovery:
    """Record money the household paid back against a 追缴; once the whole amount is
    repaid the recovery is closed as recovered.

    For sub-district staff on a recovery fetched for them. Raises ``ValidationError``
    (code ``recovery``) for a recovery no longer owed, an amount that is not an exact sum
    of yuan or is more than what is still owed, or a day in the future; nothing is
    written then. Writes an audit line (ids and amount only)."""
    from assistance.models import RecoveryRepayment, RecoveryStatus
    from assistance.roles import is_confirmer

    now = now or timezone.now()
    if not is_confirmer(by):
        raise ValidationError(_("Only sub-district staff record repayments."), code="recovery")
    value = _money(amount, "recovery")
    if paid_on is None or paid_on > timezone.localdate(now):
        raise ValidationError(
            _("The day of the repayment cannot be in the future."), code="recovery"
        )
    with transaction.atomic():
        current = Recovery.objects.select_for_update().get(pk=recovery.pk)
        if current.status != RecoveryStatus.OWED:
            raise ValidationError(
                _("This recovery is “%(status)s” already.")
                % {"status": current.get_status_display()},
                code="recovery",
            )
        outstanding = current.outstanding
        if value > outstanding:
            raise ValidationError(
                _("Only %(amount)s is still owed.") % {"amount": money_text(outstanding)},
                code="recovery",
            )
        RecoveryRepayment.objects.create(
            recovery=current,
            amount=value,
            paid_on=paid_on,
            note=(note or "").strip()[:200],
            recorded_by=by,
            recorded_at=now,
        )
        if value == outstanding:
            current.status = RecoveryStatus.RECOVERED
            current.settled_by = by
            current.settled_at = now
            current.settlement_note = _("Repaid in full.")
            current.save()
    audit_log.info(
        "assistance recovery repaid: user=%s recovery=%s amount=%s",
        getattr(by, "pk", None),
        current.pk,
        value,
    )
    return current


def recovery_settle(
    *, recovery: Recovery, by: Any, outcome: str, note: str, now: dt.datetime | None = None
) -> Recovery:
    """Close a 追缴 as recovered or waived. Recovered: what is still owed is recorded as
    repaid today. Waived: what is still owed is written off, and the waiver needs its
    reason. For sub-district staff; raises ``ValidationError`` (code ``recovery``) for a
    settled one, nothing written then. Writes an audit line."""
    from assistance.models import RecoveryRepayment, RecoveryStatus
    from assistance.roles import is_confirmer

    now = now or timezone.now()
    if not is_confirmer(by):
        raise ValidationError(_("Only sub-district staff settle a recovery."), code="recovery")
    if outcome not in (RecoveryStatus.RECOVERED, RecoveryStatus.WAIVED):
        raise ValidationError(_("Choose recovered or waived."), code="recovery")
    note = (note or "").strip()
    if outcome == RecoveryStatus.WAIVED and not note:
        raise ValidationError(
            _("A waiver needs its reason (e.g. the household cannot repay)."), code="recovery"
        )
    with transaction.atomic():
        current = Recovery.objects.select_for_update().get(pk=recovery.pk)
        if current.status != RecoveryStatus.OWED:
            raise ValidationError(
                _("This recovery is “%(status)s” already.")
                % {"status": current.get_status_display()},
                code="recovery",
            )
        outstanding = current.outstanding
        if outcome == RecoveryStatus.RECOVERED and outstanding > 0:
            RecoveryRepayment.objects.create(
                recovery=current,
                amount=outstanding,
                paid_on=timezone.localdate(now),
                note=note[:200],
                recorded_by=by,
                recorded_at=now,
            )
        current.status = outcome
        current.settled_by = by
        current.settled_at = now
        current.settlement_note = note
        current.save()
    audit_log.info(
        "assistance recovery settled: user=%s recovery=%s outcome=%s outstanding=%s",
        getattr(by, "pk", None),
        current.pk,
        outcome,
        outstanding,
    )
    return current
