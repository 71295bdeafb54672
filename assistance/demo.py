"""Demo data of the assistance app, called by ``manage.py seed_demo`` after the kernel's.

Installs the catalogue of ``assistance.catalogue`` for this year, then plays the cases of
``assistance.demo_cases`` through the services, in date order, as the demo accounts
would have entered them over the year: ``dongnan`` and ``yayuan`` for their
communities' steps, ``jiedao`` for confirmation, refusal and stopping, ``jumin`` for an
online request and an objection. Payment months are started by ``payments_start`` on
the first of each month, so the January cases are in payment from February. Then the
year's special-disease fund and claims, the charity donors, donations and allocations,
and the online addresses of two service-guide entries.

Idempotent: a case whose household already has an application to its programme is
left alone, and claims, donors, donations and allocations are matched before they are
made, so a second run creates nothing. A case whose household or account is missing
(a registry seeded with fewer residents, or without accounts) is skipped with a log
line; one dated after today (a run early in the year) stops where today is.
"""

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from assistance import payments
from assistance.catalogue import install_catalogue
from assistance.demo_cases import (
    CASES,
    CLAIMS,
    DONATIONS,
    DONORS,
    FUND,
    Act,
    Ago,
    Answer,
    BatchConfirm,
    Case,
    Now,
    Objection,
    On,
    Step,
    Survey,
    When,
)
from assistance.models import (
    AccountStatus,
    Allocation,
    Application,
    Asset,
    Channel,
    ClaimStatus,
    Donation,
    Donor,
    Entitlement,
    IncomeExclusion,
    IncomeItem,
    MedicalClaim,
    MedicalFund,
    Member,
    Obligor,
    Programme,
    SpecialDisease,
    Standard,
    Status,
)
from assistance.models import Step as StepRow
from assistance.services import applications as services
from assistance.services import charity, medical
from assistance.services import survey as survey_module
from portal.accounts.models import User
from portal.core.dates import add_months, local_datetime
from portal.core.history import save_checked
from portal.guide.models import ServiceEntry
from portal.notices import services as notice_services
from portal.notices.models import Notice, NoticeListing, NoticeObjection
from portal.registry.models import Community, Household, Relation, Resident

Log = Callable[[str], None]

#: Accounts of the registry demo the cases are entered with.
CONFIRMER = "jiedao"
RESIDENT = "jumin"
#: Service-guide entries that get an online address here.
GUIDE_PATHS = {
    "linshi-jiuzhu": "assistance:temporary-request",
    "cishan-juanzeng-qiuzhu": "assistance:charity-public",
}
#: The rows ``seed_assistance`` reports as created (counted before and after).
COUNTED: tuple[type[models.Model], ...] = (
    Programme,
    Standard,
    IncomeExclusion,
    SpecialDisease,
    Application,
    Member,
    IncomeItem,
    Asset,
    Obligor,
    StepRow,
    Entitlement,
    Notice,
    NoticeListing,
    NoticeObjection,
    MedicalFund,
    MedicalClaim,
    Donor,
    Donation,
    Allocation,
)


def _silent(_: str) -> None:
    pass


def seed_assistance(log: Log | None = _silent) -> int:
    """Create what is missing of the assistance demo; returns the rows created."""
    log = log or _silent
    now = timezone.now()
    year = timezone.localdate(now).year
    before = _counts()
    with transaction.atomic():
        install_catalogue(year)
        users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
        played = CasePlayer(year=year, now=now, users=users, log=log).play()
        claims = seed_medical(year, now=now, users=users, log=log)
        donations = seed_charity(year, now=now, users=users, log=log)
        guide = link_guide()
    created = sum(_counts().values()) - sum(before.values())
    states = Counter(
        Application.objects.filter(household__in=played.households).values_list("status", flat=True)
    )
    log(
        f"assistance: {played.entered} cases entered, {played.existing} there already, "
        f"{played.skipped} skipped; {len(states)} workflow states "
        f"({', '.join(f'{s} {n}' for s, n in sorted(states.items()))}); "
        f"{claims} medical claims, {donations} donations, {guide} guide links; "
        f"{created} rows created"
    )
    return created


def _usernames() -> set[str]:
    return {CONFIRMER, RESIDENT} | {case.staff for case in CASES}


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED}


# --- the cases ---------------------------------------------------------------------------


@dataclass
class _Run:
    """One case being played."""

    case: Case
    household: Household
    programme: Programme
    staff: Any
    application: Application | None = None
    halted: str = ""


@dataclass
class _Event:
    moment: dt.datetime
    order: int  # the case's position (payments first: -1)
    seq: int
    act: Any  # an Act, "submit", "payments" or a list of runs confirmed together
    run: _Run | None = None
    live: bool = False  # done at the moment the seed runs (now=None to the services)


@dataclass
class Played:
    entered: int = 0
    existing: int = 0
    skipped: int = 0
    households: tuple[int, ...] = ()


#: The day of the month the demo's roster is paid and closed.
ROSTER_DAY = 10


class CasePlayer:
    """Plays the demo cases through the services in date order."""

    def __init__(self, *, year: int, now: dt.datetime, users: dict[str, Any], log: Log) -> None:
        self.year = year
        self.now = now
        self.today = timezone.localdate(now)
        self.users = users
        self.log = log
        self.programmes = {p.code: p for p in Programme.objects.all()}

    # -- planning ---------------------------------------------------------------------------

    def play(self) -> Played:
        played = Played()
        runs: list[_Run] = []
        households = []
        for case in CASES:
            run = self._prepare(case)
            if run is None:
                played.skipped += 1
                continue
            households.append(run.household.pk)
            if Application.objects.filter(
                household=run.household, programme=run.programme
            ).exists():
                played.existing += 1
                continue
            runs.append(run)
        played.households = tuple(households)
        for event in self._events(runs):
            self._do(event)
        played.entered = sum(1 for run in runs if run.application is not None)
        for run in runs:
            if run.halted:
                self.log(f"assistance demo: case {run.case.key} {run.halted}")
        return played

    def _prepare(self, case: Case) -> _Run | None:
        household = (
            Household.objects.filter(community__name=case.community, address=case.address)
            .select_related("community")
            .first()
        )
        if (
            household is None
            or not household.members.filter(relation_to_head=Relation.HEAD, name=case.head).exists()
        ):
            self.log(
                f"assistance demo: skipped case {case.key}: no household of {case.head} at "
                f"{case.community} {case.address} (registry seeded with fewer residents?)"
            )
            return None
        missing = {case.staff, CONFIRMER} - set(self.users)
        if missing:
            self.log(
                f"assistance demo: skipped case {case.key}: demo account "
                f"{', '.join(sorted(missing))} missing"
            )
            return None
        return _Run(
            case=case,
            household=household,
            programme=self.programmes[case.programme],
            staff=self.users[case.staff],
        )

    def moment(self, when: When) -> dt.datetime:
        if isinstance(when, Now):
            return self.now
        if isinstance(when, Ago):
            return local_datetime(self.today - dt.timedelta(days=when.days), dt.time(when.hour))
        return local_datetime(dt.date(self.year, when.month, when.day), dt.time(when.hour))

    def _events(self, runs: list[_Run]) -> list[_Event]:
        events = []
        batches: dict[dt.datetime, _Event] = {}
        for order, run in enumerate(runs):
            case = run.case
            acts: list[tuple[When, Any]] = [(case.submitted, "submit")]
            acts += [(act.when, act) for act in case.acts]
            for seq, (when, act) in enumerate(acts):
                moment = self.moment(when)
                live = isinstance(when, Now)
                if isinstance(act, BatchConfirm):
                    batch = batches.get(moment)
                    if batch is None:
                        batch = batches[moment] = _Event(moment, order, seq, [])
                        events.append(batch)
                    batch.act.append((run, act))
                    continue
                events.append(_Event(moment, order, seq, act, run, live))
        # The payment month starts on the first, before anything else that day; its
        # roster is paid and closed on the 10th (later changes pay from the next month).
        month = dt.date(self.year, 1, 1)
        while month <= self.today:
            events.append(_Event(local_datetime(month, dt.time(1)), -1, 0, "payments"))
            closing = local_datetime(month.replace(day=ROSTER_DAY), dt.time(9))
            if closing <= self.now:
                events.append(_Event(closing, -1, 0, "close"))
            month = add_months(month, 1)
        events.sort(key=lambda e: (e.moment, e.order, e.seq))
        return events

    # -- playing ------------------------------------------------------------------------------

    def _do(self, event: _Event) -> None:
        if event.act == "payments":
            self._start_payments(event.moment)
            return
        if event.act == "close":
            self._close_roster(event.moment)
            return
        if isinstance(event.act, list):
            self._confirm_batch(event)
            return
        run = event.run
        if run.halted or (run.application is None and event.act != "submit"):
            return
        if event.moment > self.now:
            run.halted = f"stopped at {event.moment:%Y-%m-%d}: after today"
            return
        now = None if event.live else event.moment
        try:
            with transaction.atomic():
                self._act(run, event.act, now)
        except ValidationError as error:
            run.halted = f"stopped at {_act_name(event.act)}: {'；'.join(error.messages)}"

    def _act(self, run: _Run, act: Act | str, now: dt.datetime | None) -> None:
        case = run.case
        if act == "submit":
            run.application = self._submit(run, now)
        elif isinstance(act, Step):
            by = self.users[CONFIRMER] if act.to in services.CONFIRMER_STEPS else run.staff
            step = services.application_advance(
                application=run.application,
                to=act.to,
                by=by,
                opinion=act.opinion,
                category=act.category,
                now=now,
            )
            if step.notice_id and now is not None:
                _date_notice(step.notice_id, now)
        elif isinstance(act, Survey):
            apply_survey(run.application, act, by=run.staff)
        elif isinstance(act, Objection):
            notice = run.application.current_notice()
            if notice is None:
                raise ValidationError("no 公示 to object to")
            objection = notice_services.objection_file(
                notice=notice, text=act.text, by=self.users.get(RESIDENT, run.staff)
            )
            # Staff accepted it (受理): the case went back to investigation.
            notice_services.objection_accept(objection=objection, by=run.staff)
        elif isinstance(act, Answer):
            objection = run.application.open_objections().order_by("pk").first()
            if objection is None:
                raise ValidationError("no open objection to answer")
            notice_services.objection_answer(objection=objection, answer=act.text, by=run.staff)
        else:  # pragma: no cover - the data holds nothing else
            raise TypeError(f"{case.key}: unknown act {act!r}")
        run.application.refresh_from_db()

    def _submit(self, run: _Run, now: dt.datetime | None) -> Application:
        case = run.case
        by, channel = run.staff, case.channel
        if channel == Channel.ONLINE:
            resident = getattr(self.users.get(RESIDENT), "resident", None)
            if resident is not None and resident.household_id == run.household.pk:
                by = self.users[RESIDENT]
            else:  # the resident account is someone else: the worker takes it at the counter
                channel = Channel.COUNTER
        application = services.application_submit(
            household=run.household,
            programme=run.programme,
            by=by,
            reason=case.reason,
            channel=channel,
            requested_amount=Decimal(case.requested_amount) if case.requested_amount else None,
            staff_relative=case.staff_relative,
            now=now,
        )
        if case.bank:
            application = services.payee_account_save(
                application=application,
                by=run.staff,
                bank_name=case.bank,
                account_name=case.head,
                account_number=demo_account_number(case.key),
                account_status=AccountStatus.NORMAL,
            )
        return application

    def _confirm_batch(self, event: _Event) -> None:
        """批量确认 of the cases ready for it; if the batch is refused, one by one (so that
        one case in trouble does not hold up the others), each refusal logged."""
        ready = [(run, act) for run, act in event.act if run.application and not run.halted]
        if not ready:
            return
        if event.moment > self.now:
            for run, _ in ready:
                run.halted = f"stopped at {event.moment:%Y-%m-%d}: after today"
            return
        opinion = ready[0][1].opinion
        try:
            with transaction.atomic():
                services.applications_confirm(
                    applications=[run.application for run, _ in ready],
                    by=self.users[CONFIRMER],
                    opinion=opinion,
                    now=event.moment,
                )
        except ValidationError:
            for run, act in ready:
                self._do(_Event(event.moment, 0, 0, Step(act.when, Status.CONFIRMED, opinion), run))
        for run, _ in ready:
            run.application.refresh_from_db()

    def _start_payments(self, moment: dt.datetime) -> None:
        """``payments_start`` for the first of a month, as beat runs it that day."""
        services.payments_start(timezone.localdate(moment))

    def _close_roster(self, moment: dt.datetime) -> None:
        """The month's roster paid and closed by the sub-district (once)."""
        month = timezone.localdate(moment).replace(day=1)
        if CONFIRMER not in self.users or payments.is_closed(month):
            return
        try:
            payments.roster_close(month=month, by=self.users[CONFIRMER], now=moment)
        except ValidationError as error:  # an earlier month left open (a partial seed)
            self.log(f"assistance demo: roster {month:%Y-%m} not closed: {error.messages[0]}")


def demo_account_number(key: str) -> str:
    """A made-up 19-digit card number, the same for a case at every seeding."""
    return f"622848{zlib.crc32(key.encode()):013d}"


def _act_name(act: Any) -> str:
    if isinstance(act, Step):
        return f"step to {act.to}"
    return act if isinstance(act, str) else type(act).__name__.lower()


def _date_notice(notice_id: int, moment: dt.datetime) -> None:
    """A 公示 written in the past: ``created_at`` is stamped when the row is saved."""
    Notice.objects.filter(pk=notice_id).update(created_at=moment)


def apply_survey(application: Application, survey: Survey, *, by: Any) -> None:
    """Enter the survey's findings as the survey form would: the members' facts, income
    items (an existing item with the same member, category and description gets the new
    amount), assets and support obligors."""
    members = {m.resident.name: m for m in application.members.select_related("resident")}

    def member(name: str | None) -> Member | None:
        if name is None:
            return None
        if name not in members:
            raise ValidationError(f"{name} is not a member of {application.household}")
        return members[name]

    for facts in survey.members:
        row = member(facts.name)
        row.counted = facts.counted
        row.not_counted_reason = facts.not_counted_reason
        row.labour_capacity = facts.labour
        row.severely_disabled = facts.severely_disabled
        row.seriously_ill = facts.seriously_ill
        row.care_tier = facts.care_tier
        row.employment = facts.employment
        save_checked(row, by=by)
    exclusions = {e.name: e for e in IncomeExclusion.objects.all()}
    for income in survey.incomes:
        item = IncomeItem.objects.filter(
            application=application,
            member=member(income.name),
            category=income.category,
            description=income.description,
        ).first() or IncomeItem(
            application=application,
            member=member(income.name),
            category=income.category,
            description=income.description,
        )
        item.amount = Decimal(income.amount)
        item.exclusion = exclusions[income.not_counted_as] if income.not_counted_as else None
        save_checked(item, by=by)
    for asset in survey.assets:
        row = Asset(
            application=application,
            kind=asset.kind,
            description=asset.description,
            value=Decimal(asset.value),
        )
        save_checked(row, by=by)
    for obligor in survey.obligors:
        row = Obligor(
            application=application,
            name=obligor.name,
            relation=obligor.relation,
            family_size=obligor.family_size,
            per_capita_income=Decimal(obligor.per_capita_income),
            monthly_support=Decimal(obligor.monthly_support),
            unable_reason=obligor.unable_reason,
        )
        save_checked(row, by=by)
    if survey.rigid_expenses is not None:
        survey_module.rigid_expenses_save(
            application=application, by=by, amount=survey.rigid_expenses
        )


# --- special-disease medical assistance ------------------------------------------------------


def seed_medical(year: int, *, now: dt.datetime, users: dict[str, Any], log: Log) -> int:
    """The year's special-disease fund and the claims of ``CLAIMS``, entered by the
    community worker and decided by the sub-district through ``assistance.services.medical``
    (which pays the fund's share of the own costs within the patient's cap and what is
    left of the fund); returns the claims created."""
    fund, _ = MedicalFund.objects.get_or_create(
        year=year,
        defaults={
            "budget": Decimal(FUND["budget"]),
            "cap_per_person": Decimal(FUND["cap_per_person"]),
            "reimbursement_percent": Decimal(FUND["reimbursement_percent"]),
            "note": FUND["note"],
        },
    )
    diseases = {d.name: d for d in SpecialDisease.objects.all()}
    created = 0
    for facts in CLAIMS:
        entered = local_datetime(_day(year, facts.entered), dt.time(10))
        treated_to = _day(year, facts.treated_to)
        if entered > now or treated_to > timezone.localdate(now):
            continue
        patient = Resident.objects.filter(
            household__community__name=facts.community,
            household__address=facts.address,
            name=facts.patient,
        ).first()
        if patient is None:
            log(f"assistance demo: skipped the claim of {facts.patient}: not in the registry")
            continue
        disease = diseases[facts.disease]
        treated_from = _day(year, facts.treated_from)
        if MedicalClaim.objects.filter(
            fund=fund, patient=patient, disease=disease, treated_from=treated_from
        ).exists():
            continue
        if facts.staff not in users or CONFIRMER not in users:
            log(f"assistance demo: skipped the claim of {facts.patient}: demo account missing")
            continue
        try:
            with transaction.atomic():
                claim = medical.claim_submit(
                    patient=patient,
                    disease=disease,
                    fund=fund,
                    treated_from=treated_from,
                    treated_to=treated_to,
                    total_cost=Decimal(facts.total_cost),
                    own_cost=Decimal(facts.own_cost),
                    note=facts.note,
                    by=users[facts.staff],
                )
                dates = {"created_at": entered}
                decided = (
                    local_datetime(_day(year, facts.decided), dt.time(15))
                    if facts.decided
                    else None
                )
                if facts.decision and decided and decided <= now:
                    medical.claim_decide(
                        claim=claim,
                        approve=facts.decision == ClaimStatus.APPROVED,
                        note=facts.decision_note,
                        by=users[CONFIRMER],
                    )
                    dates["decided_at"] = decided
                # Entered and decided in the past (the services stamp the time they run).
                MedicalClaim.objects.filter(pk=claim.pk).update(**dates)
        except ValidationError as error:
            log(f"assistance demo: the claim of {facts.patient} was refused: {error.messages}")
            continue
        created += 1
    return created


def _day(year: int, on: On) -> dt.date:
    return dt.date(year, on.month, on.day)


# --- charity -------------------------------------------------------------------------------


def seed_charity(year: int, *, now: dt.datetime, users: dict[str, Any], log: Log) -> int:
    """Donors, donations of last year and this one, and where they went, recorded by
    the sub-district through ``assistance.services.charity``; returns the donations created."""
    by = users.get(CONFIRMER)
    if by is None:
        log(f"assistance demo: no charity demo: demo account {CONFIRMER} missing")
        return 0
    today = timezone.localdate(now)
    communities = {c.name: c for c in Community.objects.all()}
    donors = {}
    for facts in DONORS:
        donor = Donor.objects.filter(name=facts.name, kind=facts.kind).first()
        if donor is None:
            donor = charity.donor_create(
                kind=facts.kind,
                name=facts.name,
                credit_code=facts.credit_code,  # validated (stdnum.cn.uscc) by the model
                contact=facts.contact,
                phone=facts.phone,
                community=communities.get(facts.community) if facts.community else None,
                by=by,
            )
        donors[facts.key] = donor
    created = 0
    for facts in DONATIONS:
        received = _year_day(year, facts.received)
        if received > today:
            continue
        donation = Donation.objects.filter(
            donor=donors[facts.donor], kind=facts.kind, received_on=received
        ).first()
        if donation is None:
            donation = charity.donation_record(
                donor=donors[facts.donor],
                kind=facts.kind,
                purpose=facts.purpose,
                received_on=received,
                value=Decimal(facts.value),
                hours=Decimal(facts.hours) if facts.hours else None,
                description=facts.description,
                community=communities.get(facts.community) if facts.community else None,
                by=by,
            )
            created += 1
        for allocation in facts.allocations:
            given = _year_day(year, allocation.on)
            if given > today:
                continue
            household = None
            if allocation.household:
                community, address = allocation.household
                household = Household.objects.filter(
                    community__name=community, address=address
                ).first()
                if household is None:
                    log(f"assistance demo: skipped an allocation to {address}: not registered")
                    continue
            if Allocation.objects.filter(
                donation=donation,
                household=household,
                project=allocation.project,
                allocated_on=given,
            ).exists():
                continue
            charity.allocation_create(
                donation=donation,
                household=household,
                project=allocation.project,
                value=Decimal(allocation.value),
                allocated_on=given,
                note=allocation.note,
                by=by,
            )
    return created


def _year_day(year: int, day: tuple[int, int, int]) -> dt.date:
    back, month, number = day
    return dt.date(year - back, month, number)


# --- the service guide ---------------------------------------------------------------------


def link_guide() -> int:
    """Point the guide entries of temporary assistance and charity at their online pages;
    returns the entries changed."""
    changed = 0
    for entry in ServiceEntry.objects.filter(slug__in=GUIDE_PATHS):
        path = reverse(GUIDE_PATHS[entry.slug])
        if entry.online_path != path:
            entry.online_path = path
            entry.save(update_fields=["online_path"])
            changed += 1
    return changed
