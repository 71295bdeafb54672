"""The monthly payment roster (发放花名册): one row per household paid that month.

A month's roster pays each case the latest entitlement whose ``pays_from`` has come
(so a case confirmed in March first appears in April), plus the back-pay (补发) of the
entitlements first paid in that month. Built by a report job, by the
``assistance_roster`` command, and read by the tests against hand computations.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from assistance.models import AccountStatus, Entitlement, RosterMonth, RosterPayment
from portal.core.dates import add_months
from portal.core.jobs import BuiltFile, JobError
from portal.core.xlsx import add_sheet, book_bytes
from portal.registry.masking import mask_bank_account, mask_name
from portal.registry.models import Community, RegistrationType, Resident
from portal.reports.statistics import parse_month

#: The roster's report kind, registered in the app's config.
REPORT_KIND = "assistance_roster"

Progress = Callable[[int, int, str], None]
ZERO = Decimal("0")


@dataclass
class RosterRow:
    community: str
    community_order: tuple
    programme: str
    programme_order: int
    certificate_number: str
    head_name: str
    head_id_number: str
    bank_name: str
    account_name: str
    account_number: str
    account_status: str
    registration: str
    members: int
    per_capita_income: Decimal | None
    standard: Decimal | None
    monthly_amount: Decimal
    arrears: Decimal
    one_off: bool
    application_id: int = 0
    entitlement_id: int = 0

    @property
    def total(self) -> Decimal:
        return self.monthly_amount + self.arrears


def roster_rows(month: dt.date, community: Community | None = None) -> list[RosterRow]:
    """The roster of ``month`` for one community (None: every community), sorted by
    community, programme and certificate number. A closed (paid) month is read as it was
    paid; an open one is priced from the entitlements. Two queries, whatever the size."""
    if RosterMonth.objects.filter(month=month).exists():
        return _closed_rows(month, community)
    heads = Resident.objects.heads().filter(household=OuterRef("application__household"))
    entitlements = Entitlement.objects.filter(pays_from__lte=month).select_related(
        "application__programme", "application__household__community"
    )
    if community is not None:
        entitlements = entitlements.filter(application__household__community=community)
    entitlements = entitlements.annotate(
        head_name=Subquery(heads.values("name")[:1]),
        head_id_number=Subquery(heads.values("id_number")[:1]),
    ).order_by("application_id", "pays_from", "decided_at", "pk")
    rows = []
    grace: dict[int, int] = {}
    for _application_id, group in groupby(
        entitlements.iterator(chunk_size=2000), key=lambda e: e.application_id
    ):
        history = list(group)
        arrears = sum((e.arrears for e in history if e.pays_from == month), ZERO)
        current = history[-1]
        monthly = current.monthly_amount
        if current.one_off and current.pays_from != month:
            continue  # a one-off payment is paid in its own month only
        if monthly <= 0 and arrears <= 0:
            continue
        if review_overdue(current.application, month, grace):
            continue  # suspended until the overdue review is done
        rows.append(
            _row(
                current.application,
                current.head_name,
                current.head_id_number,
                entitlement_id=current.pk,
                members=current.insured_members,
                per_capita_income=current.per_capita_income,
                standard=current.standard_amount,
                monthly_amount=monthly,
                arrears=arrears,
                one_off=current.one_off,
            )
        )
    rows.sort(key=lambda r: (r.community_order, r.programme_order, r.certificate_number))
    return rows


def review_overdue(application: Any, month: dt.date, cache: dict[int, int] | None = None) -> bool:
    """Whether ``application``'s periodic review is overdue by more than its rules' grace
    days on the first of ``month``: its monthly payment is suspended then (issue 13.8)."""
    from assistance.models import RuleSet, Status

    due = application.next_review_on
    if due is None or application.status not in (Status.PAYING, Status.REVIEWING):
        return False
    cache = {} if cache is None else cache
    programme_id = application.programme_id
    if programme_id not in cache:
        cache[programme_id] = RuleSet.objects.in_force(
            application.programme, month
        ).review_grace_days
    return month > due + dt.timedelta(days=cache[programme_id])


def _closed_rows(month: dt.date, community: Community | None) -> list[RosterRow]:
    heads = Resident.objects.heads().filter(household=OuterRef("application__household"))
    payments = RosterPayment.objects.filter(roster__month=month).select_related(
        "application__programme", "application__household__community"
    )
    if community is not None:
        payments = payments.filter(application__household__community=community)
    payments = payments.annotate(
        head_name=Subquery(heads.values("name")[:1]),
        head_id_number=Subquery(heads.values("id_number")[:1]),
    )
    rows = [
        _row(
            p.application,
            p.head_name,
            p.head_id_number,
            entitlement_id=p.entitlement_id,
            members=p.insured_members,
            per_capita_income=p.per_capita_income,
            standard=p.standard_amount,
            monthly_amount=p.monthly_amount,
            arrears=p.arrears,
            one_off=p.one_off,
        )
        for p in payments
    ]
    rows.sort(key=lambda r: (r.community_order, r.programme_order, r.certificate_number))
    return rows


def _row(
    application: Any, head_name: str | None, head_id_number: str | None, **amounts: Any
) -> RosterRow:
    household = application.household
    return RosterRow(
        community=household.community.name,
        community_order=(household.community.code, household.community.name),
        programme=application.programme.name,
        programme_order=application.programme.position,
        certificate_number=application.certificate_number,
        head_name=head_name or "",
        head_id_number=head_id_number or "",
        bank_name=application.bank_name,
        account_name=application.account_name,
        account_number=application.account_number,
        # 未登记 when there is no number, whatever the status field holds.
        account_status=str(
            dict(AccountStatus.choices)[application.account_status]
            if application.account_number
            else _("Not recorded")
        ),
        registration=str(dict(RegistrationType.choices).get(application.registration_type, "")),
        application_id=application.pk,
        **amounts,
    )


def roster_workbook(
    month: dt.date,
    community: Community | None = None,
    *,
    full_identity: bool = False,
    progress: Progress | None = None,
) -> tuple[bytes, int]:
    """The roster as a workbook: monthly payments with a subtotal per community and a
    grand total, then the month's one-off payments, each row with the payee account the
    bank pays into. Names are masked (张*), account numbers show their last four digits
    and no ID number is written unless ``full_identity`` (for roles that must verify
    identity)."""
    progress = progress or (lambda done, total, stage: None)
    progress(0, 3, _("Reading the entitlements"))
    rows = roster_rows(month, community)
    progress(1, 3, _("Writing the roster"))
    header = [
        _("Community"),
        _("Programme"),
        _("Certificate number"),
        _("Head of household"),
        *([_("ID number")] if full_identity else []),
        _("Bank"),
        _("Account holder"),
        _("Bank account number"),
        _("Account status"),
        _("Urban or rural"),
        _("People covered"),
        _("Monthly income per person"),
        _("Standard applied"),
        _("Monthly amount"),
        _("Back-pay"),
        _("Total"),
    ]

    def line(row: RosterRow) -> list[Any]:
        if full_identity:
            name, identity, account = row.head_name, [row.head_id_number], row.account_number
            holder = row.account_name
        else:
            name, identity = mask_name(row.head_name), []
            account, holder = mask_bank_account(row.account_number), mask_name(row.account_name)
        return [
            row.community,
            row.programme,
            row.certificate_number,
            name,
            *identity,
            row.bank_name,
            holder,
            account,
            row.account_status,
            row.registration,
            row.members,
            row.per_capita_income,
            row.standard,
            row.monthly_amount,
            row.arrears,
            row.total,
        ]

    members_column = header.index(_("People covered"))

    def total_line(label: str, rows: list[RosterRow]) -> list[Any]:
        cells: list[Any] = [label] + [""] * (len(header) - 1)
        cells[members_column] = sum(r.members for r in rows)
        cells[-3] = sum((r.monthly_amount for r in rows), ZERO)
        cells[-2] = sum((r.arrears for r in rows), ZERO)
        cells[-1] = sum((r.total for r in rows), ZERO)
        return cells

    def monthly_lines() -> Any:
        monthly = [r for r in rows if not r.one_off]
        for name, group in groupby(monthly, key=lambda r: r.community):
            members = list(group)
            yield from (line(r) for r in members)
            yield total_line(_("%(community)s subtotal") % {"community": name}, members)
        yield total_line(_("Total"), monthly)

    book = Workbook(write_only=True)
    widths = [10, 16, 16, 10, *([20] if full_identity else []), 16, 10, 22, 8]
    widths += [8, 8, 12, 10, 12, 10, 12]
    add_sheet(
        book,
        _("Payment roster %(month)s") % {"month": f"{month:%Y-%m}"},
        header,
        monthly_lines(),
        widths=widths,
    )
    progress(2, 3, _("Writing the one-off payments"))
    one_off = [r for r in rows if r.one_off]
    add_sheet(
        book,
        _("One-off payments"),
        header,
        [*(line(r) for r in one_off), total_line(_("Total"), one_off)],
        widths=widths,
    )
    return book_bytes(book), len(rows)


def roster_title(month: dt.date, community: Community | None) -> str:
    scope = community.name if community else _("Whole sub-district")
    return _("Payment roster %(month)s · %(scope)s") % {"month": f"{month:%Y-%m}", "scope": scope}


def roster_filename(month: dt.date, community: Community | None) -> str:
    """``救助金发放花名册-2026年12月-东南.xlsx`` (the whole sub-district: 全街道)."""
    scope = community.name if community else _("Whole sub-district")
    return _("Assistance payment roster-%(year)s-%(month)s-%(scope)s.xlsx") % {
        "year": month.year,
        "month": month.month,
        "scope": scope,
    }


def check_roster_month(month: dt.date, today: dt.date | None = None) -> None:
    """A roster can be prepared up to next month (to send to the bank in time), not
    further. Raises ``ValidationError``."""
    today = today or timezone.localdate()
    if month > add_months(today, 1):
        raise ValidationError(
            _("The roster can be prepared up to next month; %(month)s is too far ahead.")
            % {"month": f"{month:%Y-%m}"},
            code="roster_month",
        )


def build_roster(job: Any) -> BuiltFile:
    """The report job's builder: the month in ``job.params``, the job's community."""
    month = parse_month(job.params.get("month", ""))
    try:
        check_roster_month(month)
    except ValidationError as error:
        raise JobError(error.messages[0]) from None
    content, count = roster_workbook(
        month, job.community, full_identity=job.full_identity, progress=job.report_progress
    )
    return BuiltFile(roster_filename(month, job.community), content, row_count=count)
