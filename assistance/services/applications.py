"""The assistance workflow: applications, their steps and their money.

Every status change goes through ``application_advance`` (one step) or
``applications_confirm`` (a batch, all or nothing), which check who may take the step,
call ``Application.transition`` and do the step's side effects in the same transaction:
the 公示 notice, the certificate number, the entitlement the roster pays. Standards
raise amounts through ``standard_add`` and ``standard_recompute``.
"""

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assistance.models import (
    BENEFIT_STATUSES,
    NEGATIVE_STATUSES,
    Application,
    Category,
    Channel,
    Entitlement,
    EntitlementReason,
    LabourCapacity,
    Member,
    Programme,
    Rule,
    RuleSet,
    Standard,
    Status,
    Step,
)
from assistance.payments import first_unpaid_month, paid_for
from assistance.roles import is_caseworker, is_confirmer
from assistance.rules import WORKING_AGE, Assessment, assess, assess_facts, facts_of
from assistance.texts import date_text, money_text, month_text
from portal.core.dates import add_months, local_datetime
from portal.core.history import save_checked
from portal.notices.models import Notice, NoticeKind, NoticeListing, NoticeStatus, default_period
from portal.registry.models import Household

log = logging.getLogger(__name__)
audit_log = logging.getLogger("portal.audit")

#: Steps the sub-district takes (审核确认 and its refusals, stopping payment).
CONFIRMER_STEPS = frozenset({Status.CONFIRMED, Status.NOT_CONFIRMED, Status.STOPPED})
#: Steps nobody takes by hand: an objection reopens a case, the payment month starts it.
SYSTEM_STEPS = frozenset(
    {
        (Status.PUBLICITY, Status.ACCEPTED),
        (Status.CONFIRMED, Status.PAYING),
        (Status.CONFIRMED, Status.PAID),
    }
)


# --- who may do what ---------------------------------------------------------------------


def may_take_step(user: Any, application: Application, to: str) -> bool:
    """Whether ``user`` may move ``application`` to ``to`` now (the map allows it, the
    role fits). Scope is the fetcher's: call it on an application fetched for the user."""
    if to not in application.allowed_targets() or (application.status, to) in SYSTEM_STEPS:
        return False
    if to in CONFIRMER_STEPS:
        return is_confirmer(user)
    return is_caseworker(user)


def next_steps(user: Any, application: Application) -> list[str]:
    """The statuses ``user`` may move the application to, in workflow order."""
    order = list(Status.values)
    targets = [to for to in application.allowed_targets() if may_take_step(user, application, to)]
    if {Status.PUBLICITY, Status.CONFIRMED} & set(targets) and application.open_objections():
        targets = [to for to in targets if to not in (Status.PUBLICITY, Status.CONFIRMED)]

    def forward_first(to: str) -> tuple[int, int]:
        back = to == Status.ACCEPTED and application.status != Status.SUBMITTED
        kind = 2 if to in NEGATIVE_STATUSES else 1 if back else 0
        return kind, order.index(to)

    return sorted(targets, key=forward_first)


# --- intake --------------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    household: Household,
    programme: Programme,
    by: Any,
    reason: str,
    channel: str = Channel.COUNTER,
    requested_amount: Decimal | None = None,
    rigid_expenses: Decimal | None = None,
    staff_relative: bool = False,
    now: dt.datetime | None = None,
) -> Application:
    """Open an application of ``household`` to ``programme`` with its members as the
    registry lists them (all counted until the survey says otherwise).

    Staff apply for households of their scope; a resident applies online for their own
    household, for temporary assistance only. Raises ``ValidationError`` with the
    user's message for a household outside the scope, a programme the household cannot
    apply to, a second application to the same programme, or a missing reason.
    """
    reason = (reason or "").strip()
    if channel == Channel.ONLINE:
        resident = getattr(by, "resident", None)
        if resident is None or resident.household_id != household.pk:
            raise ValidationError(_("You can apply online for your own household only."))
        if programme.rule != Rule.TEMPORARY:
            raise ValidationError(_("Online, only temporary assistance can be requested."))
    elif not Household.objects.visible_to(by).filter(pk=household.pk).exists():
        raise ValidationError(_("This household is outside your community."))
    if not programme.active or programme.rule == Rule.MEDICAL:
        raise ValidationError(_("Applications to this programme are not taken."))
    if programme.registration_type and programme.registration_type != household.registration_type:
        raise ValidationError(
            _("%(programme)s is for %(type)s households; this household is %(actual)s.")
            % {
                "programme": programme,
                "type": programme.get_registration_type_display(),
                "actual": household.get_registration_type_display(),
            }
        )
    if not reason:
        raise ValidationError(_("Say why the household needs assistance."))
    if Application.objects.active().filter(household=household, programme=programme).exists():
        raise ValidationError(_duplicate_message())
    members = list(household.members.order_by("pk"))
    if not members:
        raise ValidationError(_("This household has no members in the registry."))
    application = Application(
        household=household,
        programme=programme,
        channel=channel,
        registration_type=household.registration_type,
        reason=reason,
        requested_amount=requested_amount,
        rigid_expenses=rigid_expenses,
        staff_relative=staff_relative,
        lookback_months=settings.ASSISTANCE_LOOKBACK_MONTHS,
        submitted_by=by,
        submitted_at=now or timezone.now(),
    )
    application.full_clean(validate_constraints=False)
    application._history_user = by
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # a second request for the same household at the same moment
        raise ValidationError(_duplicate_message()) from None
    # The survey starts from 无劳动能力 for members 60 or over or under 16 (§3.6), which
    # the caseworker can change.
    today = timezone.localdate(application.submitted_at)
    Member.objects.bulk_create(
        Member(
            application=application,
            resident=r,
            labour_capacity=(
                LabourCapacity.NONE
                if not WORKING_AGE <= r.age_on(today) < settings.ELDERLY_AGE
                else LabourCapacity.FULL
            ),
        )
        for r in members
    )
    Step.objects.create(
        application=application,
        from_status="",
        to_status=Status.SUBMITTED,
        by=by,
        at=application.submitted_at,
        opinion=reason if channel == Channel.ONLINE else "",
    )
    audit_log.info(
        "assistance application: user=%s application=%s household=%s programme=%s",
        getattr(by, "pk", None),
        application.pk,
        household.pk,
        programme.code,
    )
    return application


#: The payee account's fields (收款账户), which ``payee_account_save`` alone writes.
ACCOUNT_FIELDS = ("bank_name", "account_name", "account_number", "account_status")


def payee_account_save(*, application: Application, by: Any, **fields: Any) -> Application:
    """Record the payee account (收款账户) the roster pays the household into.

    Refused once the case has ended (not accepted, not confirmed, stopped or paid). The
    row is locked and only the account's fields are written, so a step taken meanwhile
    is not undone. Side effects: a history row naming ``by``; one ``portal.audit`` line
    with the ids, never the number.
    """
    with transaction.atomic():
        current = _locked(application)
        if not current.is_active:
            raise ValidationError(
                _("The account of an application that is “%(status)s” cannot be changed.")
                % {"status": current.get_status_display()}
            )
        for name in ACCOUNT_FIELDS:
            setattr(current, name, fields[name])
        save_checked(current, by=by, update_fields=ACCOUNT_FIELDS, validate_constraints=False)
    audit_log.info(
        "assistance payee account: user=%s application=%s", getattr(by, "pk", None), current.pk
    )
    return current


def _duplicate_message() -> str:
    return _(
        "This household already has an application to this programme in progress or in payment."
    )


# --- one step ------------------------------------------------------------------------------


def application_advance(
    *,
    application: Application,
    to: str,
    by: Any,
    opinion: str = "",
    category: str = "",
    now: dt.datetime | None = None,
) -> Step:
    """Take one step of the workflow, with its side effects, in one transaction.

    For users allowed by ``may_take_step`` on an application fetched for them. The
    survey's completion (→ 调查) assesses the household for today; publication (→ 公示)
    writes the public notice; confirmation assesses for the first payment month, gives
    the certificate number and the entitlement; finishing a review (复核 → 发放)
    recomputes the amount from the next payment month; stopping pays nothing from the
    next month. Raises ``ValidationError`` with the user's message, writing nothing.
    """
    with transaction.atomic():
        application = _locked(application)
        if not may_take_step(by, application, to):
            if to in application.allowed_targets() and to in CONFIRMER_STEPS:
                raise ValidationError(_("Only sub-district staff confirm, refuse or stop."))
            raise ValidationError(
                _("An application that is “%(current)s” cannot become “%(target)s”.")
                % {"current": application.get_status_display(), "target": Status(to).label}
            )
        step = _take_step(application, to, by=by, opinion=opinion, category=category, now=now)
    audit_log.info(
        "assistance step: user=%s application=%s from=%s to=%s",
        getattr(by, "pk", None),
        application.pk,
        step.from_status,
        step.to_status,
    )
    return step


def applications_confirm(
    *, applications: list[Application], by: Any, opinion: str = "", now: dt.datetime | None = None
) -> list[Step]:
    """Confirm several applications at once (批量确认): all of them or none. Raises one
    ``ValidationError`` listing every application that cannot be confirmed and why."""
    if not applications:
        raise ValidationError(_("Choose the applications to confirm."))
    steps, problems = [], []
    with transaction.atomic():
        for application in applications:
            try:
                with transaction.atomic():
                    steps.append(
                        application_advance(
                            application=application,
                            to=Status.CONFIRMED,
                            by=by,
                            opinion=opinion,
                            now=now,
                        )
                    )
            except ValidationError as error:
                problems.append(f"{application.household}：{'；'.join(error.messages)}")
        if problems:
            raise ValidationError(
                [_("Nothing was confirmed. These applications cannot be confirmed:"), *problems]
            )
    return steps


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme", "household__community")
        .get(pk=application.pk)
    )


def _take_step(
    application: Application,
    to: str,
    *,
    by: Any,
    opinion: str,
    category: str = "",
    now: dt.datetime | None = None,
) -> Step:
    now = now or timezone.now()
    today = timezone.localdate(now)
    before = application.status
    notice = None
    if to == Status.ACCEPTED and before == Status.SUBMITTED:
        application.accepted_at = now
    elif to == Status.INVESTIGATED:
        if not opinion.strip():
            raise ValidationError(
                _("Write what the survey found (home visit, checks made): it is the record.")
            )
        if application.programme.pays_monthly and category not in Category.values:
            raise ValidationError(_("Choose the management category (A, B or C)."))
        application.category = category or application.category
        _store(application, assess(application, today))
    elif to == Status.PUBLICITY:
        notice = _publish(application, by=by, now=now)
    elif to == Status.CONFIRMED:
        _confirm(application, by=by, now=now)
    elif before == Status.REVIEWING and to == Status.PAYING:
        opinion = _finish_review(application, by=by, opinion=opinion, category=category, now=now)
    elif to == Status.STOPPED:
        _stop(application, by=by, now=now)
    if to in (Status.CONFIRMED, Status.NOT_CONFIRMED, Status.NOT_ACCEPTED):
        application.decided_at = now
    return application.transition(to, by=by, opinion=opinion, notice=notice, now=now)


def _store(application: Application, result: Assessment) -> None:
    application.counted_members = result.counted_members
    application.household_income = result.household_income
    application.per_capita_income = result.per_capita_income
    application.standard_amount = result.standard_amount
    application.proposed_amount = result.monthly_amount
    application.eligible = result.eligible
    application.assessment = "\n".join(result.notes)
    application.rules = result.rules_row


def _amounts(result: Assessment, facts: dict[str, Any]) -> dict[str, Any]:
    """An entitlement's figures from the assessment that set them, with the facts and
    the rules it read (so each of its months can be priced again from its own facts)."""
    return {
        "monthly_amount": result.monthly_amount,
        "standard_amount": result.standard_amount,
        "per_capita_income": result.per_capita_income,
        "insured_members": result.counted_members,
        "addon_amount": result.addon_amount,
        "facts": facts,
        "rules": result.rules_row,
    }


def _change_month(today: dt.date) -> dt.date:
    """The first payment month a decision taken ``today`` changes (增发/减发/停发 from the
    next payment month): the first month whose roster is not paid, not before this one."""
    return max(today.replace(day=1), first_unpaid_month(today))


# --- 公示 ------------------------------------------------------------------------------------


def _publish(application: Application, *, by: Any, now: dt.datetime) -> Notice:
    """The public notice of one proposed recipient (a batch of one)."""
    row = _listing_row(application, now=now)
    return _notice_write(application.household.community, [(application, row)], by=by, now=now)


def _listing_row(application: Application, *, now: dt.datetime) -> tuple[str, str]:
    """Assess ``application`` for the first payment month after a 公示 starting ``now``
    and store the result; its row on the notice: the head's name (masked on the public
    page), the number of people and the amount, nothing else (domain-rules §7.3).
    Raises ``ValidationError`` when the household is not (or no longer) eligible."""
    if application.eligible is None:
        raise ValidationError(_("Complete the household survey first."))
    if not application.eligible:
        raise ValidationError(
            _("The survey found the household not eligible; it cannot go to public notice.")
        )
    household = application.household
    head = household.members.filter(relation_to_head="head").first()
    _starts, ends = default_period(timezone.localdate(now))
    # The amount states what confirmation right after the period will pay: assessed for
    # the first payment month then (a standard raised meanwhile is in it).
    first_month = add_months(ends + dt.timedelta(days=1), 1)
    result = assess(application, first_month)
    if not result.eligible:
        raise ValidationError(
            [
                _("By the rules in force from %(month)s the household is not eligible:")
                % {"month": f"{first_month:%Y-%m}"},
                *result.notes,
            ]
        )
    _store(application, result)
    with translation.override(settings.LANGUAGE_CODE):
        if application.programme.pays_monthly:
            detail = _("%(members)s people, %(amount)s a month from %(month)s") % {
                "members": application.counted_members,
                "amount": money_text(application.proposed_amount),
                "month": month_text(first_month),
            }
        else:
            detail = _("%(members)s people, %(amount)s once") % {
                "members": application.counted_members,
                "amount": money_text(application.proposed_amount),
            }
    return (head.name if head else str(household)), detail


def _notice_write(
    community: Any, rows: list[tuple[Application, tuple[str, str]]], *, by: Any, now: dt.datetime
) -> Notice:
    """One 公示 of ``community`` listing every household of ``rows`` (application, (name,
    detail)), published now; the programme named in each row when there are several."""
    starts, ends = default_period(timezone.localdate(now))
    programmes = list(dict.fromkeys(str(a.programme) for a, _row in rows))
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(community)s: proposed recipients of %(programme)s") % {
            "community": community,
            "programme": "、".join(programmes),
        }
        if len(rows) == 1:
            body = _(
                "The household below has applied for %(programme)s. The community has "
                "investigated and reviewed it and proposes it for approval. Anyone who knows "
                "of facts against it may object on this page or at the office below from "
                "%(starts)s to %(ends)s."
            )
        else:
            body = _(
                "The %(count)s households below have applied for %(programme)s. The community "
                "has investigated and reviewed them and proposes them for approval. Anyone "
                "who knows of facts against one of them may object on this page or at the "
                "office below from %(starts)s to %(ends)s, naming the household."
            )
        body = body % {
            "count": len(rows),
            "programme": "、".join(programmes),
            "starts": date_text(starts),
            "ends": date_text(ends),
        }
        contact = _("%(community)s residents' committee") % {"community": community}
        listings = []
        for position, (application, (name, detail)) in enumerate(rows):
            if len(programmes) > 1:
                detail = _("%(programme)s: %(detail)s") % {
                    "programme": application.programme,
                    "detail": detail,
                }
            listings.append((position, name, detail))
    notice = Notice(
        kind=NoticeKind.PUBLICITY,
        title=title,
        body=body,
        community=community,
        period_starts=starts,
        period_ends=ends,
        objection_contact=" ".join(filter(None, [contact, community.phone])),
        created_by=by,
    )
    notice.full_clean()
    notice.save()
    NoticeListing.objects.bulk_create(
        NoticeListing(notice=notice, position=position, name=name[:50], detail=detail[:200])
        for position, name, detail in listings
    )
    notice.transition(NoticeStatus.PUBLISHED, by=by, now=now)
    return notice


def applications_publish(
    *, applications: list[Application], by: Any, now: dt.datetime | None = None
) -> list[Notice]:
    """Publish several reviewed applications at once (批量公示): one notice per community
    listing every household of the batch in it (programme, people, amount), each case's
    step naming its notice. All of them or none.

    For caseworkers (``may_take_step``) on applications of their scope. Raises one
    ``ValidationError`` (code ``publish``) listing every application that cannot be
    published and why (not reviewed, no 公示 in its programme, not eligible, an open
    objection); nothing is written then. Writes an audit line per case.
    """
    if not applications:
        raise ValidationError(_("Tick the applications to publish."), code="publish")
    now = now or timezone.now()
    prepared: list[tuple[Application, tuple[str, str]]] = []
    problems = []
    with transaction.atomic():
        for application in sorted(applications, key=lambda a: a.pk):
            try:
                with transaction.atomic():
                    locked = _locked(application)
                    if not may_take_step(by, locked, Status.PUBLICITY):
                        raise ValidationError(
                            _("An application that is “%(current)s” cannot become “%(target)s”.")
                            % {
                                "current": locked.get_status_display(),
                                "target": Status.PUBLICITY.label,
                            }
                        )
                    if locked.open_objections().exists():
                        raise ValidationError(
                            _("An objection to the public notice is still open; answer it first.")
                        )
                    prepared.append((locked, _listing_row(locked, now=now)))
            except ValidationError as error:
                problems.append(f"{application.household}：{'；'.join(error.messages)}")
        if problems:
            raise ValidationError(
                [
                    ValidationError(message, code="publish")
                    for message in [
                        _("Nothing was published. These applications cannot be published:"),
                        *problems,
                    ]
                ]
            )
        by_community: dict[int, list[tuple[Application, tuple[str, str]]]] = {}
        for item in prepared:
            by_community.setdefault(item[0].household.community_id, []).append(item)
        notices = []
        for rows in by_community.values():
            rows.sort(key=lambda item: (item[0].programme.position, item[1][0], item[0].pk))
            notice = _notice_write(rows[0][0].household.community, rows, by=by, now=now)
            for application, _row in rows:
                application.transition(Status.PUBLICITY, by=by, notice=notice, now=now)
            notices.append(notice)
    for application, _row in prepared:
        audit_log.info(
            "assistance step: user=%s application=%s from=%s to=%s",
            getattr(by, "pk", None),
            application.pk,
            Status.REVIEWED,
            Status.PUBLICITY,
        )
    return notices


def application_reopen(
    *, notice: Notice, objection: Any, concerning: Any = None
) -> list[Application]:
    """An objection to a running 公示 that staff accepted (受理) reopens the investigation
    of the applications it lists and withdraws the notice; the case is published again
    after the new investigation (and once the objection is answered). On a batch notice
    accepted from one case's page (``concerning``, an application the notice lists), only
    that case is reopened and the notice stays up for the others, whose confirmation waits
    until the objection is answered. Runs in the acceptance's transaction (the
    ``objection_accepted`` signal)."""
    reopened = []
    applications = list(
        Application.objects.filter(steps__notice=notice, status=Status.PUBLICITY).distinct()
    )
    one_of_several = (
        isinstance(concerning, Application)
        and len(applications) > 1
        and concerning.pk in {a.pk for a in applications}
    )
    if one_of_several:
        applications = [a for a in applications if a.pk == concerning.pk]
    for application in applications:
        application = _locked(application)
        with translation.override(settings.LANGUAGE_CODE):
            opinion = _("Objection raised during the public notice; investigation reopened.")
        application.transition(Status.ACCEPTED, by=None, opinion=opinion)
        reopened.append(application)
    if reopened and not one_of_several and notice.status == NoticeStatus.PUBLISHED:
        notice.transition(NoticeStatus.WITHDRAWN)
    for application in reopened:
        audit_log.info(
            "assistance objection: application=%s notice=%s objection=%s",
            application.pk,
            notice.pk,
            objection.pk,
        )
    return reopened


# --- confirmation, payment, review, stop -------------------------------------------------


def _confirm(application: Application, *, by: Any, now: dt.datetime) -> None:
    """Assess for the first payment month (the month after the decision), then number
    the case and record what the roster pays from that month."""
    pays_from = add_months(timezone.localdate(now), 1)
    result = assess(application, pays_from)
    _store(application, result)
    if not result.eligible:
        raise ValidationError(
            [
                _("By the standard in force from %(month)s the household is not eligible:")
                % {"month": f"{pays_from:%Y-%m}"},
                *result.notes,
            ]
        )
    programme = Programme.objects.select_for_update().get(pk=application.programme_id)
    application.certificate_number = _next_certificate_number(programme, pays_from.year)
    application.payment_starts = pays_from
    if programme.pays_monthly:
        # Counted from the confirmation (issue 13.11), by the rules of the first month.
        application.next_review_on = _add_months_same_day(
            timezone.localdate(now),
            result.rules.review_interval(application.category, application.registration_type),
        )
    amounts = _amounts(result, facts_of(application))
    prior_month = (
        application.entitlements.filter(reason=EntitlementReason.PRIOR)
        .values_list("pays_from", flat=True)
        .first()
        if application.prior_amount
        else None
    )
    # 先行救助: the advance is part of the amount decided; pay only what is left (unless
    # the advance's roster is this one: then this payment replaces it, whole).
    if prior_month is not None and prior_month < pays_from and result.one_off:
        left = max(result.monthly_amount - application.prior_amount, Decimal("0"))
        amounts["monthly_amount"] = left
        note = _("%(prior)s paid in advance; %(left)s is paid now.") % {
            "prior": money_text(application.prior_amount),
            "left": money_text(left),
        }
        if application.prior_amount > result.monthly_amount:
            note += " " + _("The advance is %(more)s more than the amount decided.") % {
                "more": money_text(application.prior_amount - result.monthly_amount)
            }
        application.assessment = "\n".join(filter(None, [application.assessment, note]))
    Entitlement.objects.create(
        application=application,
        reason=EntitlementReason.CONFIRMED,
        effective_from=pays_from,
        pays_from=pays_from,
        **amounts,
        one_off=result.one_off,
        decided_at=now,
        decided_by=by,
    )
    if programme.pays_monthly:
        known_standards_apply(application, after=pays_from, by=by, now=now)
    _move_members(application, pays_from=pays_from, by=by, now=now)


def _move_members(
    application: Application, *, pays_from: dt.date, by: Any, now: dt.datetime
) -> None:
    """低保, 特困 and 边缘 exclude each other per person: the members this confirmation
    covers leave their other case from the same month, with no gap and no overlap. A
    case left with nobody counted stops; one with others repriced without them. A case
    still being decided is refused until it is settled (nothing is written)."""
    for other in application.exclusive_conflicts():
        other = _locked(other)
        if other.status not in BENEFIT_STATUSES:
            raise ValidationError(
                _(
                    "A member also has an application to %(programme)s that is “%(status)s”; "
                    "close it first (a person is in one of 低保, 特困 and 低保边缘 at a time)."
                )
                % {"programme": other.programme, "status": other.get_status_display()},
                code="exclusive_programme",
            )
        moving = set(application.members.filter(counted=True).values_list("resident_id", flat=True))
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Moved to %(programme)s (%(number)s) from %(month)s") % {
                "programme": application.programme,
                "number": application.certificate_number,
                "month": month_text(pays_from),
            }
        other.members.filter(counted=True, resident_id__in=moving).update(
            counted=False, not_counted_reason=reason[:200]
        )
        result = assess(other, pays_from)
        if not result.eligible:  # nobody left counted, or those left are not eligible
            other.next_review_on = None
            if other.programme.pays_monthly and other.entitlements.exists():
                Entitlement.objects.create(
                    application=other,
                    reason=EntitlementReason.MOVED,
                    effective_from=pays_from,
                    pays_from=pays_from,
                    monthly_amount=Decimal("0"),
                    decided_at=now,
                    decided_by=by,
                )
            other.transition(
                Status.STOPPED, by=by, opinion="\n".join([reason, *result.notes]), now=now
            )
            continue
        _store(other, result)
        other.save()
        Entitlement.objects.create(
            application=other,
            reason=EntitlementReason.MOVED,
            effective_from=pays_from,
            pays_from=pays_from,
            **_amounts(result, facts_of(other)),
            decided_at=now,
            decided_by=by,
        )
        Step.objects.create(
            application=other,
            from_status=other.status,
            to_status=other.status,
            by=by,
            at=now,
            opinion=reason,
        )


def _next_certificate_number(programme: Programme, year: int) -> str:
    """证号: the programme's prefix, the year and a sequence (the caller holds a lock on
    the programme row, so two confirmations cannot take the same number)."""
    prefix = f"{programme.certificate_prefix or programme.code.upper()}{year}"
    taken = (
        Application.objects.filter(programme=programme, certificate_number__startswith=prefix)
        .order_by("-certificate_number")
        .values_list("certificate_number", flat=True)
        .first()
    )
    sequence = int(taken[len(prefix) :]) + 1 if taken else 1
    return f"{prefix}{sequence:04d}"


def _finish_review(
    application: Application, *, by: Any, opinion: str, category: str, now: dt.datetime
) -> str:
    """Reassess for the next payment month; a changed amount applies from then (§3.4:
    增发/减发 from the next payment month). Returns the opinion with the change noted."""
    today = timezone.localdate(now)
    next_month = _change_month(today)
    result = assess(application, next_month)
    if not result.eligible and result.income_above and application.taper_ends is None:
        tapered = _start_taper(application, result, next_month=next_month, by=by, now=now)
        if tapered:
            return f"{opinion.strip()}\n{tapered}".strip()
    if not result.eligible:
        raise ValidationError(
            [
                _("The household is no longer eligible; ask the sub-district to stop payment:"),
                *result.notes,
            ]
        )
    if category:
        if category not in Category.values:
            raise ValidationError(_("Choose the management category (A, B or C)."))
        application.category = category
    _store(application, result)
    application.next_review_on = _add_months_same_day(
        today, result.rules.review_interval(application.category, application.registration_type)
    )
    current = application.entitlement_for(next_month)
    if current is not None and current.monthly_amount == result.monthly_amount:
        note = _("Reviewed: amount unchanged (%(amount)s).") % {
            "amount": money_text(result.monthly_amount)
        }
    else:
        Entitlement.objects.create(
            application=application,
            reason=EntitlementReason.REVIEW,
            effective_from=next_month,
            pays_from=next_month,
            **_amounts(result, facts_of(application)),
            decided_at=now,
            decided_by=by,
        )
        note = _("Amount changed from %(old)s to %(new)s from %(month)s.") % {
            "old": money_text(current.monthly_amount if current else Decimal("0")),
            "new": money_text(result.monthly_amount),
            "month": month_text(next_month),
        }
    known_standards_apply(application, after=next_month, by=by, now=now)
    return f"{opinion.strip()}\n{note}".strip()


def _start_taper(
    application: Application, result: Assessment, *, next_month: dt.date, by: Any, now: dt.datetime
) -> str:
    """渐退期 (§3.4): income has risen above the standard; the household keeps its
    current amount for the rules' ``taper_months`` from the change month, then payment
    stops. Returns the note for the step ("" when the rules give no tapering)."""
    months = result.rules.taper_months
    current = application.entitlement_for(next_month)
    if not months or current is None or current.monthly_amount <= 0:
        return ""
    ends = add_months(next_month, months)
    application.taper_ends = ends
    application.next_review_on = None
    Entitlement.objects.create(
        application=application,
        reason=EntitlementReason.TAPER,
        effective_from=ends,
        pays_from=ends,
        monthly_amount=Decimal("0"),
        facts=facts_of(application),
        rules=result.rules_row,
        decided_at=now,
        decided_by=by,
    )
    return _(
        "Income is above the standard: tapering period of %(months)s months, %(amount)s a "
        "month paid from %(first)s to %(last)s, stopped from %(ends)s."
    ) % {
        "months": months,
        "amount": money_text(current.monthly_amount),
        "first": month_text(next_month),
        "last": month_text(add_months(ends, -1)),
        "ends": month_text(ends),
    }


def _stop(application: Application, *, by: Any, now: dt.datetime) -> None:
    """No payment from the next payment month; nothing is recovered."""
    application.next_review_on = None
    if application.entitlements.exists() and application.programme.pays_monthly:
        next_month = _change_month(timezone.localdate(now))
        Entitlement.objects.create(
            application=application,
            reason=EntitlementReason.STOPPED,
            effective_from=next_month,
            pays_from=next_month,
            monthly_amount=Decimal("0"),
            decided_at=now,
            decided_by=by,
        )


def payments_start(today: dt.date | None = None) -> int:
    """Move confirmed applications whose payment month has come to 发放 (monthly) or
    已发放 (one-off). Run daily by beat; a second run finds nothing to do."""
    now = timezone.now() if today is None else local_datetime(today)
    today = timezone.localdate(now)
    moved = 0
    for pk in Application.objects.filter(
        status=Status.CONFIRMED, payment_starts__lte=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            application = _locked(Application(pk=pk))
            if application.status != Status.CONFIRMED:
                continue
            to = Status.PAYING if application.programme.pays_monthly else Status.PAID
            application.transition(to, by=None, now=now)
            moved += 1
    for pk in Application.objects.filter(status=Status.PAYING, taper_ends__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            application = _locked(Application(pk=pk))
            if application.status != Status.PAYING:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                opinion = _("The tapering period has ended; payment stopped.")
            application.transition(Status.STOPPED, by=None, opinion=opinion, now=now)
            moved += 1
    return moved


# --- standards -------------------------------------------------------------------------------


@transaction.atomic
def standard_add(*, by: Any, **fields: Any) -> Standard:
    """Add a standard (never change one) and recompute, after commit, the amounts of the
    households it concerns. For sub-district staff. Raises ``ValidationError`` for a
    month that has a standard already or a bad amount."""
    standard = Standard(created_by=by, **fields)
    standard.full_clean()
    standard._history_user = by
    try:
        with transaction.atomic():
            standard.save()
    except IntegrityError:  # the same standard entered twice at the same moment
        raise ValidationError(Standard._meta.constraints[0].violation_error_message) from None
    audit_log.info(
        "assistance standard: user=%s standard=%s programme=%s amount=%s from=%s",
        getattr(by, "pk", None),
        standard.pk,
        standard.programme_id,
        standard.monthly_amount,
        standard.effective_from,
    )
    from assistance.tasks import standard_recompute_task

    standard_recompute_task.delay_on_commit(standard.pk)
    return standard


def standards_for(application: Application) -> Any:
    """The standards an application's amount depends on (the inverse of
    :func:`affected_by`)."""
    programme = application.programme
    standards = Standard.objects.filter(registration_type__in=[application.registration_type, ""])
    if programme.rule in (Rule.MARGIN, Rule.DESTITUTE):
        return standards.filter(
            Q(programme=programme) | Q(programme__rule=Rule.SUBSISTENCE, care_tier="")
        )
    return standards.filter(programme=programme)


def known_standards_apply(
    application: Application, *, after: dt.date, by: Any, now: dt.datetime
) -> None:
    """Standards already entered that take effect after ``after``: the amount under each
    from its month (a raise announced in advance). Those months are not paid yet, so an
    earlier estimate for them is replaced (a review changed the income meanwhile)."""
    for standard in (
        standards_for(application).filter(effective_from__gt=after).order_by("effective_from", "pk")
    ):
        result = assess(application, standard.effective_from)
        if not result.eligible:
            continue
        Entitlement.objects.update_or_create(
            application=application,
            standard=standard,
            defaults={
                "reason": EntitlementReason.STANDARD,
                "effective_from": standard.effective_from,
                "pays_from": standard.effective_from,
                **_amounts(result, facts_of(application)),
                "arrears": Decimal("0"),
                "decided_at": now,
                "decided_by": by,
            },
        )


def affected_by(standard: Standard) -> Any:
    """Applications in payment whose amount depends on ``standard``: its programme's, and
    for a 低保 standard also the programmes measured against it (边缘, 特困)."""
    applications = Application.objects.filter(
        status__in=BENEFIT_STATUSES, programme__pays_monthly=True
    )
    if standard.registration_type:
        applications = applications.filter(registration_type=standard.registration_type)
    if standard.programme.rule == Rule.SUBSISTENCE:
        return applications.filter(
            Q(programme=standard.programme) | Q(programme__rule__in=[Rule.MARGIN, Rule.DESTITUTE])
        )
    return applications.filter(programme=standard.programme)


def standard_recompute(standard_id: int, today: dt.date | None = None) -> int:
    """Recompute every affected household's amount under a new standard (§3, rule 1).

    The new amount is paid from the standard's month, or from the first month whose
    roster is not yet paid (closed) if that is later; the months already paid are
    back-paid (补发) on that roster, each month priced from the facts and rules in force
    in it (the household as its entitlement then assessed it), less what it was paid.
    A closed month's payment is never changed. Idempotent: one entitlement per
    application and standard. Returns how many amounts changed.
    """
    today = today or timezone.localdate()
    standard = Standard.objects.select_related("programme").get(pk=standard_id)
    pays_from = max(standard.effective_from, first_unpaid_month(today))
    changed = 0
    for pk in affected_by(standard).values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            application = _locked(Application(pk=pk))
            if Entitlement.objects.filter(application=application, standard=standard).exists():
                continue
            if _recompute_one(
                application, standard.effective_from, pays_from=pays_from, standard=standard
            ):
                changed += 1
    log.info("standard %s recomputed: %s amounts changed", standard_id, changed)
    return changed


def _facts_in_force(application: Application, month: dt.date) -> tuple[Any, dict[str, Any]]:
    """The entitlement paying ``month`` and the facts it was assessed on (the current
    survey for an entitlement recorded before facts were kept)."""
    entitlement = application.entitlement_for(month)
    facts = entitlement.facts if entitlement is not None and entitlement.facts else None
    return entitlement, facts or facts_of(application)


def month_owed(application: Application, month: dt.date) -> Decimal:
    """What ``month`` should pay by the facts in force in it and the standards and rules
    of that month (zero when it paid nothing: a case not yet or no longer paid)."""
    entitlement, facts = _facts_in_force(application, month)
    if entitlement is None or entitlement.monthly_amount <= 0:
        return Decimal("0")
    result = assess_facts(application.programme, facts, month)
    return result.monthly_amount if result.eligible else Decimal("0")


@transaction.atomic
def rule_set_add(*, by: Any, programme: Programme, **fields: Any) -> RuleSet:
    """Add dated rules for ``programme`` (never change a row) and recompute, after
    commit, the amounts of its cases in payment: as for a standard, from the rules'
    month or the first unpaid month, closed months back-paid and never re-priced.
    Income exclusions go in ``exclusions`` (a list). For sub-district staff; raises
    ``ValidationError`` for a month that has rules already or a bad value."""
    exclusions = fields.pop("exclusions", None)
    rule_set = RuleSet(programme=programme, created_by=by, **fields)
    rule_set.full_clean()
    try:
        with transaction.atomic():
            rule_set.save()
    except IntegrityError:
        raise ValidationError(RuleSet._meta.constraints[0].violation_error_message) from None
    if exclusions is not None:
        rule_set.exclusions.set(exclusions)
    audit_log.info(
        "assistance rules: user=%s rules=%s programme=%s from=%s",
        getattr(by, "pk", None),
        rule_set.pk,
        programme.code,
        rule_set.effective_from,
    )
    from assistance.tasks import rule_set_recompute_task

    rule_set_recompute_task.delay_on_commit(rule_set.pk)
    return rule_set


def rule_set_recompute(rule_set_id: int, today: dt.date | None = None) -> int:
    """Recompute the cases in payment of the rules' programme (see :func:`rule_set_add`).
    Idempotent: one entitlement per application and rules row. Returns how many
    amounts changed."""
    today = today or timezone.localdate()
    rule_set = RuleSet.objects.select_related("programme").get(pk=rule_set_id)
    pays_from = max(rule_set.effective_from, first_unpaid_month(today))
    changed = 0
    applications = Application.objects.filter(
        status__in=BENEFIT_STATUSES, programme=rule_set.programme, programme__pays_monthly=True
    )
    for pk in applications.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            application = _locked(Application(pk=pk))
            if Entitlement.objects.filter(
                application=application, reason=EntitlementReason.RULES, rules=rule_set
            ).exists():
                continue
            if _recompute_one(
                application,
                rule_set.effective_from,
                pays_from=pays_from,
                reason=EntitlementReason.RULES,
            ):
                changed += 1
    log.info("rules %s recomputed: %s amounts changed", rule_set_id, changed)
    return changed


def _recompute_one(
    application: Application,
    effective_from: dt.date,
    *,
    pays_from: dt.date,
    standard: Standard | None = None,
    reason: str = EntitlementReason.STANDARD,
) -> bool:
    _entitlement, facts = _facts_in_force(application, pays_from)
    result = assess_facts(application.programme, facts, pays_from)
    if not result.eligible:
        log.info("standard recompute: application=%s no longer eligible", application.pk)
        return False
    arrears = Decimal("0")
    month = effective_from
    while month < pays_from:
        paid = paid_for(application, month)
        if paid > 0:
            arrears += max(Decimal("0"), month_owed(application, month) - paid)
        month = add_months(month, 1)
    current = application.entitlement_for(pays_from)
    if current is not None and current.monthly_amount == result.monthly_amount and not arrears:
        return False
    Entitlement.objects.create(
        application=application,
        reason=reason,
        standard=standard,
        effective_from=effective_from,
        pays_from=pays_from,
        **_amounts(result, facts),
        arrears=arrears,
    )
    return True


def _add_months_same_day(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day if it is shorter)."""
    import calendar

    first = add_months(day, months)
    last = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=min(day.day, last))
