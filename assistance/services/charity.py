"""Charity (慈善): registering donors, recording what they give, giving it out, and the
totals the public page shows.

Community staff work for their own community: the donors and donations they record
belong to it, and they give out their community's donations to its households. The
sub-district records for a community or for its charity association (no community) and
gives out any donation. A donation is never given out beyond its value: allocations lock
the donation's row, so two at the same moment queue up and the second sees the first.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import Allocation, Donation, DonationKind, Donor, Purpose
from assistance.roles import is_caseworker
from portal.core.history import save_checked
from portal.registry import idnumbers
from portal.registry.models import Community, Household

audit_log = logging.getLogger("portal.audit")

ZERO = Decimal("0.00")


def _require_caseworker(by: Any) -> None:
    if not is_caseworker(by):
        raise ValidationError(_("Only assistance staff can record charity."), code="not_allowed")


def _community_for(by: Any, chosen: Community | None) -> Community | None:
    """Community staff record for their own community whatever was chosen; the
    sub-district for the chosen one or, with none, for its charity association."""
    if by.sees_all_communities:
        return chosen
    return by.community


def _not_in_future(day: dt.date, message: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(message, code="future")


# --- donors --------------------------------------------------------------------------------


@transaction.atomic
def donor_create(
    *,
    kind: str,
    name: str,
    credit_code: str = "",
    contact: str = "",
    phone: str = "",
    community: Community | None = None,
    by: Any,
) -> Donor:
    """Register a donor (enterprise, organisation or individual).

    Caseworkers only; community staff register donors of their own community, the
    sub-district of a chosen community or of the whole sub-district (``community`` None).
    Raises ``ValidationError`` for other callers, an invalid credit code (or one for an
    individual), and a credit code already registered for a donor the caller can see.
    Side effects: saves the donor (history row naming ``by``), one ``portal.audit`` line.
    """
    _require_caseworker(by)
    donor = Donor(
        kind=kind,
        name=(name or "").strip(),
        credit_code=(credit_code or "").strip().upper(),
        contact=(contact or "").strip(),
        phone=idnumbers.normalize_phone(phone or ""),
        community=_community_for(by, community),
    )
    if donor.phone:
        try:
            idnumbers.validate_phone(donor.phone)
        except ValidationError as error:
            raise ValidationError({"phone": error.error_list}) from None
    donor.full_clean()  # normalises the credit code
    if (
        donor.credit_code
        and Donor.objects.visible_to(by).filter(credit_code=donor.credit_code).exists()
    ):
        raise ValidationError(
            _("A donor with this unified social credit code is already registered."),
            code="duplicate",
        )
    donor._history_user = by
    donor.save()
    audit_log.info("donor created: donor=%s by=%s", donor.pk, by.pk)
    return donor


# --- donations -----------------------------------------------------------------------------


@transaction.atomic
def donation_record(
    *,
    donor: Donor,
    kind: str,
    purpose: str,
    received_on: dt.date,
    value: Decimal,
    hours: Decimal | None = None,
    description: str = "",
    community: Community | None = None,
    by: Any,
) -> Donation:
    """Record money, goods (with their estimated value) or labour (hours and value)
    received from ``donor``.

    Caseworkers only, for a donor they can see; the donation belongs to the community
    staff's own community, or to the community the sub-district chose (none: its
    charity association). Raises ``ValidationError`` for other callers, a donor outside
    the caller's scope, a date in the future, labour without hours, hours for anything
    but labour, and goods without a description. Side effects: saves the donation
    (history row naming ``by``), one ``portal.audit`` line.
    """
    _require_caseworker(by)
    if not Donor.objects.visible_to(by).filter(pk=donor.pk).exists():
        raise ValidationError(_("This donor is outside your community."), code="out_of_scope")
    _not_in_future(received_on, _("The date received cannot be in the future."))
    donation = Donation(
        donor=donor,
        kind=kind,
        purpose=purpose,
        received_on=received_on,
        value=value,
        hours=hours,
        description=(description or "").strip(),
        community=_community_for(by, community),
        created_by=by,
    )
    save_checked(donation, by=by)
    audit_log.info("donation recorded: donation=%s donor=%s by=%s", donation.pk, donor.pk, by.pk)
    return donation


def may_allocate(user: Any, donation: Donation) -> bool:
    """Whether ``user`` may give out ``donation`` (fetched for them): any caseworker for a
    community's donation, only the sub-district for its charity association's."""
    return is_caseworker(user) and (donation.community_id is not None or user.sees_all_communities)


@transaction.atomic
def allocation_create(
    *,
    donation: Donation,
    household: Household | None = None,
    project: str = "",
    value: Decimal,
    allocated_on: dt.date,
    note: str = "",
    by: Any,
) -> Allocation:
    """Give part of ``donation`` to one household or to one project (exactly one).

    Caseworkers who can see the donation; the sub-district's own donations only by the
    sub-district. Locks the donation's row so concurrent allocations queue up: the
    allocations together never exceed the donation's value. Raises ``ValidationError``
    for other callers, a donation or household outside the caller's scope, a household
    of another community than a community's donation, both or neither of household and
    project, a date before the donation was received or in the future, and a value
    above what is left of the donation. Side effects: saves the allocation (history row
    naming ``by``), one ``portal.audit`` line.
    """
    _require_caseworker(by)
    locked = Donation.objects.visible_to(by).select_for_update().filter(pk=donation.pk).first()
    if locked is None:
        raise ValidationError(_("This donation is outside your community."), code="out_of_scope")
    if not may_allocate(by, locked):
        raise ValidationError(
            _("Only the sub-district gives out the sub-district's donations."),
            code="not_allowed",
        )
    project = (project or "").strip()
    if bool(household) == bool(project):
        raise ValidationError(
            _("Give it either to a household or to a project."), code="household_or_project"
        )
    if household is not None:
        if not Household.objects.visible_to(by).filter(pk=household.pk).exists():
            raise ValidationError(
                _("This household is outside your community."), code="out_of_scope"
            )
        if locked.community_id and household.community_id != locked.community_id:
            raise ValidationError(
                _("This donation was received by another community; give it to its households."),
                code="other_community",
            )
    if allocated_on < locked.received_on:
        raise ValidationError(
            _("It cannot be given out before it was received (%(date)s).")
            % {"date": locked.received_on.isoformat()},
            code="before_received",
        )
    _not_in_future(allocated_on, _("The date given cannot be in the future."))
    given = locked.allocations.aggregate(total=models.Sum("value"))["total"] or ZERO
    left = locked.value - given
    if value > left:
        raise ValidationError(
            _("Only %(left)s yuan of this donation is left to give.") % {"left": left},
            code="over_allocated",
        )
    allocation = Allocation(
        donation=locked,
        household=household,
        project=project,
        value=value,
        allocated_on=allocated_on,
        note=(note or "").strip(),
        created_by=by,
    )
    save_checked(allocation, by=by)
    audit_log.info(
        "allocation created: allocation=%s donation=%s household=%s by=%s",
        allocation.pk,
        locked.pk,
        household.pk if household else None,
        by.pk,
    )
    return allocation


# --- public totals -------------------------------------------------------------------------


@dataclass
class CharityLine:
    """One purpose's totals in one year (or a year's total, ``purpose`` empty)."""

    purpose: str = ""
    money: Decimal = ZERO
    goods_value: Decimal = ZERO
    labour_hours: Decimal = Decimal("0.0")
    labour_value: Decimal = ZERO
    allocated: Decimal = ZERO
    donations: int = 0

    @property
    def label(self) -> str:
        return Purpose(self.purpose).label if self.purpose else ""

    @property
    def received_value(self) -> Decimal:
        return self.money + self.goods_value + self.labour_value

    def add(self, other: "CharityLine") -> None:
        self.money += other.money
        self.goods_value += other.goods_value
        self.labour_hours += other.labour_hours
        self.labour_value += other.labour_value
        self.allocated += other.allocated
        self.donations += other.donations


@dataclass
class CharityYear:
    year: int
    lines: list[CharityLine] = field(default_factory=list)
    total: CharityLine = field(default_factory=CharityLine)


def charity_totals() -> list[CharityYear]:
    """Per year (newest first) and purpose: money received, goods' value, labour hours
    and value, the value given out, and the number of donations; with each year's total.

    For the public page: amounts and counts only, never a donor's or a recipient's name,
    across the whole sub-district. Received amounts count by the day received; given-out
    amounts by the day given (a December gift given out in January counts in January).
    Two queries; no side effects.
    """
    lines: dict[tuple[int, str], CharityLine] = {}

    def line(year: int, purpose: str) -> CharityLine:
        return lines.setdefault((year, purpose), CharityLine(purpose=purpose))

    received = (
        Donation.objects.annotate(year=ExtractYear("received_on"))
        .values("year", "purpose", "kind")
        .annotate(value=models.Sum("value"), hours=models.Sum("hours"), n=models.Count("pk"))
        .order_by()
    )
    for row in received:
        entry = line(row["year"], row["purpose"])
        entry.donations += row["n"]
        if row["kind"] == DonationKind.MONEY:
            entry.money += row["value"]
        elif row["kind"] == DonationKind.GOODS:
            entry.goods_value += row["value"]
        else:
            entry.labour_value += row["value"]
            entry.labour_hours += row["hours"] or 0
    given = (
        Allocation.objects.annotate(year=ExtractYear("allocated_on"))
        .values("year", "donation__purpose")
        .annotate(value=models.Sum("value"))
        .order_by()
    )
    for row in given:
        line(row["year"], row["donation__purpose"]).allocated += row["value"]

    order = list(Purpose.values)
    years: dict[int, CharityYear] = {}
    for (year, _purpose), entry in sorted(
        lines.items(), key=lambda item: (-item[0][0], order.index(item[0][1]))
    ):
        summary = years.setdefault(year, CharityYear(year=year))
        summary.lines.append(entry)
        summary.total.add(entry)
    return list(years.values())
