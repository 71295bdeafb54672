"""特殊疾病医疗救助: claims against the sub-district's yearly special-disease fund.

The seed plan sets up the fund for the patients of 低保 and 低保边缘 households: a patient
qualifies while their household holds an application to a SUBSISTENCE or MARGIN
programme in a benefit status (confirmed, in payment, under periodic review). A claim
pays ``reimbursement_percent`` of the patient's own costs (after medical insurance), no
more than what is left of the person's yearly cap and of the fund, both counted over
approved claims.

Community staff and the sub-district enter claims (``claim_submit``), which proposes an
amount; the sub-district approves or rejects them (``claim_decide``), which recomputes
the amount under a lock on the fund row so that two approvals at the same moment cannot
overspend the fund or a person's cap.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import (
    BENEFIT_STATUSES,
    Application,
    ClaimStatus,
    EntitlementReason,
    MedicalClaim,
    MedicalFund,
    MedicalRate,
    Rule,
    SpecialDisease,
)
from assistance.roles import is_caseworker, is_confirmer
from assistance.texts import date_text
from portal.core.history import save_checked
from portal.registry.models import Resident

audit_log = logging.getLogger("portal.audit")

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
#: The programmes whose members the fund helps, first to last: 特困, 低保, 低保边缘.
ELIGIBLE_RULES = (Rule.DESTITUTE, Rule.SUBSISTENCE, Rule.MARGIN)
#: Claims that hold a treatment period: a second claim may not overlap them.
OPEN_OR_PAID = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)
#: Entitlements that end a case's cover from their month.
ENDING_REASONS = (EntitlementReason.STOPPED, EntitlementReason.TAPER)


# --- eligibility ---------------------------------------------------------------------------


def qualifying_applications() -> models.QuerySet:
    """Applications that make their household's patients eligible now: 特困, 低保 or
    低保边缘, confirmed or being paid. Not scoped: callers filter by a household they
    may see."""
    return Application.objects.filter(
        programme__rule__in=ELIGIBLE_RULES, status__in=BENEFIT_STATUSES
    )


def is_eligible(patient: Resident) -> bool:
    """Whether ``patient``'s household currently receives 特困, 低保 or 低保边缘 support."""
    if not patient.household_id:
        return False
    return qualifying_applications().filter(household_id=patient.household_id).exists()


def category_on(patient: Resident, day: dt.date) -> str | None:
    """The patient's category on the treatment day (issue 13.10): the first of 特困,
    低保, 低保边缘 whose case counted them and covered that day (paid from its month on
    or before it, not stopped by then); None when none did."""
    applications = (
        Application.objects.filter(
            programme__rule__in=ELIGIBLE_RULES,
            payment_starts__lte=day,
            members__resident=patient,
            members__counted=True,
        )
        .select_related("programme")
        .distinct()
    )
    found = set()
    for application in applications:
        entitlement = application.entitlement_for(day.replace(day=1))
        if entitlement is None or entitlement.reason in ENDING_REASONS:
            continue
        if entitlement.reason == EntitlementReason.MOVED and entitlement.monthly_amount <= 0:
            continue
        found.add(application.programme.rule)
    for rule in ELIGIBLE_RULES:
        if rule in found:
            return str(rule)
    return None


def with_eligibility(residents: models.QuerySet) -> models.QuerySet:
    """``residents`` annotated with ``eligible`` (a boolean, one EXISTS per row)."""
    return residents.annotate(
        eligible=models.Exists(
            qualifying_applications().filter(household=models.OuterRef("household"))
        )
    )


# --- amounts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """What a claim may be paid now, and the three limits it is the smallest of."""

    share: Decimal  # own cost × reimbursement share
    cap_left: Decimal  # the person's yearly cap less their approved claims
    fund_left: Decimal  # the fund less all approved claims

    @property
    def amount(self) -> Decimal:
        return min(self.share, self.cap_left, self.fund_left)


def rate_on(category: str | None, day: dt.date) -> MedicalRate | None:
    """The share and deductible of ``category`` in force on ``day`` (None: the fund's
    share, no deductible)."""
    if not category:
        return None
    return (
        MedicalRate.objects.filter(category=category, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )


def _proposal(
    *,
    fund: MedicalFund,
    patient_id: int,
    own_cost: Decimal,
    category: str | None = None,
    treated_from: dt.date | None = None,
) -> Proposal:
    """The payable amount for ``own_cost`` against the approved claims as they stand:
    the share of the category in force on the treatment day, after what is left of
    the person's yearly deductible (起付线). The caller holds the fund's row lock when
    the result is to be paid."""
    totals = MedicalClaim.objects.filter(fund=fund, status=ClaimStatus.APPROVED).aggregate(
        fund_total=models.Sum("amount"),
        person_total=models.Sum("amount", filter=models.Q(patient_id=patient_id)),
        person_costs=models.Sum("own_cost", filter=models.Q(patient_id=patient_id)),
    )
    rate = rate_on(category, treated_from) if treated_from else None
    percent = rate.reimbursement_percent if rate else fund.reimbursement_percent
    deductible_left = max(
        (rate.deductible if rate else ZERO) - (totals["person_costs"] or ZERO), ZERO
    )
    counted_cost = max(Decimal(own_cost) - deductible_left, ZERO)
    share = (counted_cost * percent / 100).quantize(CENT, ROUND_HALF_UP)
    return Proposal(
        share=share,
        cap_left=max(fund.cap_per_person - (totals["person_total"] or ZERO), ZERO),
        fund_left=max(fund.budget - (totals["fund_total"] or ZERO), ZERO),
    )


def claim_proposal(claim: MedicalClaim) -> Proposal:
    """What ``claim`` would be paid if approved now, and the limits (for the decision
    page; the approval itself recomputes under the fund's lock). No side effects."""
    return _proposal(
        fund=claim.fund,
        patient_id=claim.patient_id,
        own_cost=claim.own_cost,
        category=category_on(claim.patient, claim.treated_from),
        treated_from=claim.treated_from,
    )


def _payable(
    *,
    fund: MedicalFund,
    patient_id: int,
    own_cost: Decimal,
    category: str | None = None,
    treated_from: dt.date | None = None,
) -> Decimal:
    """The proposal's amount, or ``ValidationError`` when the cap or the fund is spent."""
    proposal = _proposal(
        fund=fund,
        patient_id=patient_id,
        own_cost=own_cost,
        category=category,
        treated_from=treated_from,
    )
    if proposal.fund_left <= 0:
        raise ValidationError(
            _("The special-disease fund of %(year)s is used up; no more claims can be paid.")
            % {"year": fund.year},
            code="fund_exhausted",
        )
    if proposal.cap_left <= 0:
        raise ValidationError(
            _("This patient has reached the yearly cap of %(cap)s yuan for %(year)s.")
            % {"cap": fund.cap_per_person, "year": fund.year},
            code="cap_exhausted",
        )
    return proposal.amount


def _check_not_eligible(patient: Resident, day: dt.date) -> str:
    """The patient's category on the treatment day, or ``ValidationError``."""
    category = category_on(patient, day)
    if category is None:
        raise ValidationError(
            _(
                "Only destitute persons (特困) and members of households receiving the "
                "minimum living allowance (低保) or near-poor support (低保边缘) on the "
                "treatment day (%(day)s) can claim from the fund."
            )
            % {"day": date_text(day)},
            code="not_eligible",
        )
    return category


def _check_dates(
    fund: MedicalFund, treated_from: dt.date, treated_to: dt.date, today: dt.date
) -> None:
    if treated_to < treated_from:
        raise ValidationError(
            _("The treatment cannot end before it starts."), code="dates_reversed"
        )
    if treated_from.year != fund.year or treated_to.year != fund.year:
        raise ValidationError(
            _("The treatment dates must fall within %(year)s, the year of the fund.")
            % {"year": fund.year},
            code="out_of_year",
        )
    if treated_to > today:
        raise ValidationError(_("The treatment cannot end in the future."), code="future")


def _check_costs(total_cost: Decimal, own_cost: Decimal) -> None:
    if own_cost > total_cost:
        raise ValidationError(
            _("The own cost cannot exceed the total cost."), code="own_cost_above_total"
        )
    if own_cost <= 0:
        raise ValidationError(
            _("There is no own cost after insurance to pay a share of."), code="no_own_cost"
        )


# --- workflow ------------------------------------------------------------------------------


@transaction.atomic
def claim_submit(
    *,
    patient: Resident,
    disease: SpecialDisease,
    fund: MedicalFund,
    treated_from: dt.date,
    treated_to: dt.date,
    total_cost: Decimal,
    own_cost: Decimal,
    note: str = "",
    by: Any,
) -> MedicalClaim:
    """Enter a claim for ``patient``'s treatment of ``disease``, with the amount the fund
    would pay as things stand (min of the share of the own cost, the person's cap left
    and the fund left, in cents); the amount is fixed at approval.

    Caseworkers (community staff for their community's residents, the sub-district for
    all) may call it. Raises ``ValidationError`` (with a ``code``) for a caller who is no
    caseworker or cannot see the patient, a patient whose household receives neither
    低保 nor 低保边缘, an inactive disease, an own cost above the total or of nothing,
    dates reversed, outside the fund's year or in the future, a claim overlapping
    another of the same patient and disease, and a spent cap or fund. Side effects:
    saves the claim (a history row naming ``by``) and writes a ``portal.audit`` line.
    """
    if not is_caseworker(by):
        raise ValidationError(_("Only assistance staff can enter claims."), code="not_allowed")
    if not Resident.objects.visible_to(by).filter(pk=patient.pk).exists():
        raise ValidationError(_("This patient is outside your community."), code="out_of_scope")
    _check_costs(total_cost, own_cost)
    _check_dates(fund, treated_from, treated_to, timezone.localdate())
    category = _check_not_eligible(patient, treated_from)
    if not disease.active:
        raise ValidationError(
            _("%(disease)s is no longer covered by the fund.") % {"disease": disease},
            code="disease_inactive",
        )
    overlapping = MedicalClaim.objects.filter(
        patient=patient,
        disease=disease,
        status__in=OPEN_OR_PAID,
        treated_from__lte=treated_to,
        treated_to__gte=treated_from,
    )
    if overlapping.exists():
        raise ValidationError(
            _("A claim for this patient and disease already covers part of these dates."),
            code="overlap",
        )
    claim = MedicalClaim(
        fund=fund,
        patient=patient,
        disease=disease,
        treated_from=treated_from,
        treated_to=treated_to,
        total_cost=total_cost,
        own_cost=own_cost,
        amount=_payable(
            fund=fund,
            patient_id=patient.pk,
            own_cost=own_cost,
            category=category,
            treated_from=treated_from,
        ),
        note=(note or "").strip(),
        created_by=by,
    )
    save_checked(claim, by=by)
    audit_log.info(
        "claim submitted: claim=%s patient=%s fund=%s by=%s",
        claim.pk,
        patient.pk,
        fund.pk,
        by.pk,
    )
    return claim


@transaction.atomic
def claim_decide(*, claim: MedicalClaim, approve: bool, note: str = "", by: Any) -> MedicalClaim:
    """Approve ``claim`` (paying what the fund and the person's cap allow now) or reject
    it (with the reason in ``note``). Returns the claim as saved.

    Sub-district staff only. Locks the fund's row, then the claim's, so concurrent
    decisions on the same fund queue up and each recomputes from the approvals before
    it: together they never exceed the fund or a cap. Raises ``ValidationError`` (with
    a ``code``) for a caller who is not sub-district staff, a claim already decided, a
    rejection without a reason, and an approval for a household no longer receiving
    低保/低保边缘 or with the cap or the fund spent. Side effects: saves the claim (a
    history row naming ``by``) and writes a ``portal.audit`` line.
    """
    if not is_confirmer(by):
        raise ValidationError(_("Only the sub-district decides claims."), code="not_allowed")
    note = (note or "").strip()
    # Always the fund first, then the claim: one lock order, so no deadlock.
    fund = MedicalFund.objects.select_for_update().get(pk=claim.fund_id)
    claim = MedicalClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.SUBMITTED:
        raise ValidationError(_("This claim has already been decided."), code="decided")
    if approve:
        category = _check_not_eligible(claim.patient, claim.treated_from)
        claim.amount = _payable(
            fund=fund,
            patient_id=claim.patient_id,
            own_cost=claim.own_cost,
            category=category,
            treated_from=claim.treated_from,
        )
        claim.status = ClaimStatus.APPROVED
    else:
        if not note:
            raise ValidationError(
                _("Write the reason for the rejection: the patient's family is told it."),
                code="note_required",
            )
        claim.amount = ZERO
        claim.status = ClaimStatus.REJECTED
    claim.decision_note = note
    claim.decided_by = by
    claim.decided_at = timezone.now()
    save_checked(claim, by=by)
    audit_log.info(
        "claim decided: claim=%s status=%s fund=%s by=%s", claim.pk, claim.status, fund.pk, by.pk
    )
    return claim


# --- totals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundSummary:
    """A fund's money and claims; with a patient, also what is left of their cap."""

    fund: MedicalFund
    approved: Decimal
    claims: int
    submitted: int
    approved_count: int
    rejected: int
    patient_approved: Decimal | None = None

    @property
    def budget(self) -> Decimal:
        return self.fund.budget

    @property
    def remaining(self) -> Decimal:
        return max(self.fund.budget - self.approved, ZERO)

    @property
    def percent_paid(self) -> Decimal:
        return (self.approved * 100 / self.fund.budget).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def patient_remaining(self) -> Decimal | None:
        if self.patient_approved is None:
            return None
        return max(self.fund.cap_per_person - self.patient_approved, ZERO)


def fund_summary(fund: MedicalFund, *, patient: Resident | None = None) -> FundSummary:
    """Budget, approved total, remaining, claims by status of ``fund`` (one query); with
    ``patient``, their approved total and remaining cap too. Fund-wide, not scoped: the
    fund is the sub-district's and its totals name nobody. Any caller; no side effects."""
    by_status = {
        f"n_{status}": models.Count("pk", filter=models.Q(status=status))
        for status in ClaimStatus.values
    }
    person = {}
    if patient is not None:
        person["person_total"] = models.Sum(
            "amount", filter=models.Q(status=ClaimStatus.APPROVED, patient=patient)
        )
    row = MedicalClaim.objects.filter(fund=fund).aggregate(
        approved_total=models.Sum("amount", filter=models.Q(status=ClaimStatus.APPROVED)),
        claims=models.Count("pk"),
        **by_status,
        **person,
    )
    return FundSummary(
        fund=fund,
        approved=row["approved_total"] or ZERO,
        claims=row["claims"],
        submitted=row[f"n_{ClaimStatus.SUBMITTED}"],
        approved_count=row[f"n_{ClaimStatus.APPROVED}"],
        rejected=row[f"n_{ClaimStatus.REJECTED}"],
        patient_approved=(row["person_total"] or ZERO) if patient is not None else None,
    )


def fund_summaries(funds: Iterable[MedicalFund]) -> list[FundSummary]:
    """Summaries of funds fetched with ``MedicalFund.objects.with_totals()`` (no query)."""
    return [
        FundSummary(
            fund=fund,
            approved=fund.approved_total,
            claims=fund.claims_count,
            submitted=fund.submitted_count,
            approved_count=fund.approved_count,
            rejected=fund.rejected_count,
        )
        for fund in funds
    ]
