"""高龄津贴 (old-age allowance, domain-rules §4.3, [local]): the dated bracket table, the
enrolment and its stop on death, and the monthly list.

The month arithmetic, in one place:

- The bracket of a month is the one for the age reached by the **last day of the month
  before** (a bracket change applies from the month after the birthday): an elder turning
  90 on 20 March is paid the 80–89 amount for March and the 90–99 amount from April.
- The first month paid is the month of the birthday that reaches the lowest bracket
  (``ELDERCARE_ALLOWANCE_FIRST_MONTH = "birthday"``; ``"next"``: the month after), or the
  month of the application when that is later (no back-pay before applying).
- The allowance is paid in advance, before the end of each month for the next: a death
  is paid through its own month, and the months paid after it, up to the month the death
  is recorded, are recovered (追缴).
- The amounts are those of the table in force on the first day of the month paid.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eldercare import conf, rules
from eldercare.models import AllowanceBracket, Enrolment
from eldercare.roles import check_scope
from eldercare.services.common import check_not_future
from portal.core.dates import add_months

ZERO = Decimal("0")
#: How many months ahead of the qualifying birthday an application is taken.
APPLY_AHEAD_MONTHS = 3

NEW = "new"
CHANGED = "changed"
CONTINUING = "continuing"
STOPPED = "stopped"
CHANGE_LABELS = {
    NEW: gettext_lazy("New this month"),
    CHANGED: gettext_lazy("Bracket changed"),
    CONTINUING: gettext_lazy("Continuing"),
    STOPPED: gettext_lazy("Stopped (died)"),
}


class Table:
    """The bracket rows, read once, answering for any month."""

    def __init__(self) -> None:
        self.rows = list(AllowanceBracket.objects.order_by("effective_from", "min_age"))

    def in_force(self, month: dt.date) -> list[AllowanceBracket]:
        starts = [r.effective_from for r in self.rows if r.effective_from <= month]
        if not starts:
            return []
        latest = max(starts)
        return [r for r in self.rows if r.effective_from == latest]

    def lowest_age(self, month: dt.date) -> int | None:
        brackets = self.in_force(month)
        return min(r.min_age for r in brackets) if brackets else None

    def bracket(self, age: int, month: dt.date) -> AllowanceBracket | None:
        for row in self.in_force(month):
            if row.min_age <= age and (row.max_age is None or age <= row.max_age):
                return row
        return None


def first_qualifying_month(birth: dt.date, lowest_age: int) -> dt.date:
    """The month the allowance may start: the month of the birthday reaching
    ``lowest_age`` (or the month after, by ``ELDERCARE_ALLOWANCE_FIRST_MONTH``)."""
    birthday_month = dt.date(birth.year + lowest_age, birth.month, 1)
    if conf.setting("ALLOWANCE_FIRST_MONTH") == "next":
        return add_months(birthday_month, 1)
    return birthday_month


def bracket_for_month(
    table: Table, birth: dt.date, month: dt.date, first_month: dt.date
) -> AllowanceBracket | None:
    """The bracket paid for ``month`` (None: nothing is owed)."""
    if month < first_month:
        return None
    before = month - dt.timedelta(days=1)  # the last day of the month before
    bracket = table.bracket(rules.age_on(birth, before), month)
    if bracket is None and month == first_month:
        # The birthday month itself (the "birthday" rule): the lowest bracket.
        lowest = table.lowest_age(month)
        if lowest is not None and rules.age_on(birth, rules.month_end(month)) >= lowest:
            bracket = table.bracket(lowest, month)
    return bracket


def enrolment_create(*, resident: Any, applied_on: dt.date, by: Any) -> Enrolment:
    """Put ``resident`` on the 高龄津贴 list. Raises ``ValidationError``
    ``other_community``, ``future``, ``no_brackets``, ``not_eligible`` (more than three
    months before the qualifying birthday) or ``duplicate``."""
    check_scope(by, resident.community_id)
    check_not_future(applied_on)
    table = Table()
    month = applied_on.replace(day=1)
    lowest = table.lowest_age(month)
    if lowest is None:
        raise ValidationError(_("No allowance brackets are in force."), code="no_brackets")
    qualifying = first_qualifying_month(resident.birth_date, lowest)
    if qualifying > add_months(month, APPLY_AHEAD_MONTHS):
        raise ValidationError(
            _("%(name)s reaches %(age)s only in %(month)s.")
            % {"name": resident.name, "age": lowest, "month": f"{qualifying:%Y-%m}"},
            code="not_eligible",
        )
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                resident=resident,
                applied_on=applied_on,
                first_month=max(qualifying, month),
                enrolled_by=by,
            )
    except IntegrityError:
        raise ValidationError(_("This elder is already on the list."), code="duplicate") from None


def enrolment_stop(
    *, enrolment: Enrolment, died_on: dt.date, by: Any, recorded_on: dt.date | None = None
) -> Enrolment:
    """Stop the allowance on death: paid through the month of death; the months paid
    after it are to be recovered (``recovery``). Raises ``other_community``,
    ``stopped``, ``future`` or ``order`` (a death before the application)."""
    check_scope(by, enrolment.resident.community_id)
    recorded_on = recorded_on or timezone.localdate()
    check_not_future(died_on)
    check_not_future(recorded_on)
    if enrolment.died_on:
        raise ValidationError(_("The allowance has already stopped."), code="stopped")
    if died_on < enrolment.resident.birth_date or recorded_on < died_on:
        raise ValidationError(_("Check the dates of death and of recording."), code="order")
    enrolment.died_on, enrolment.death_recorded_on = died_on, recorded_on
    enrolment.save(update_fields=["died_on", "death_recorded_on"])
    return enrolment


def recovery(enrolment: Enrolment, table: Table | None = None) -> tuple[int, Decimal]:
    """(months, amount) paid after the month of death up to the month it was recorded."""
    if not enrolment.died_on:
        return 0, ZERO
    table = table or Table()
    months, amount = 0, ZERO
    month = add_months(enrolment.died_on, 1)
    last = enrolment.death_recorded_on.replace(day=1)
    birth = enrolment.resident.birth_date
    while month <= last:
        bracket = bracket_for_month(table, birth, month, enrolment.first_month)
        if bracket:
            months += 1
            amount += bracket.amount
        month = add_months(month, 1)
    return months, amount


@dataclass
class ListRow:
    enrolment: Enrolment
    age: int
    amount: Decimal
    change: str
    previous_amount: Decimal | None = None
    recover_months: int = 0
    recover_amount: Decimal = ZERO

    @property
    def change_label(self) -> str:
        return str(CHANGE_LABELS[self.change])


def allowance_rows(month: dt.date, enrolments: Any) -> list[ListRow]:
    """The list of ``month`` among ``enrolments`` (already scoped): everyone owed that
    month, marked new / bracket changed / continuing, and those whose death was recorded
    in the month, with the months and amount to recover. One query and the table."""
    table = Table()
    rows = []
    for enrolment in enrolments.select_related("resident__community").order_by(
        "resident__community__code", "resident__name", "pk"
    ):
        birth = enrolment.resident.birth_date
        age = rules.age_on(birth, rules.month_end(month))
        died = enrolment.last_month
        if died and enrolment.death_recorded_on.replace(day=1) == month:
            months, amount = recovery(enrolment, table)
            rows.append(
                ListRow(enrolment, age, ZERO, STOPPED, recover_months=months, recover_amount=amount)
            )
            continue
        if died and (month > died or enrolment.death_recorded_on.replace(day=1) < month):
            continue
        bracket = bracket_for_month(table, birth, month, enrolment.first_month)
        if bracket is None:
            continue
        previous = bracket_for_month(table, birth, add_months(month, -1), enrolment.first_month)
        if previous is None:
            change = NEW
        elif previous.amount != bracket.amount:
            change = CHANGED
        else:
            change = CONTINUING
        rows.append(
            ListRow(
                enrolment,
                age,
                bracket.amount,
                change,
                previous_amount=previous.amount if previous else None,
            )
        )
    return rows
