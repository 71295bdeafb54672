"""Health records: registries and follow-ups by the decision tables, children's plans and
doses by the schedule, and the 65+ yearly check. Clinicians of the patient's community
only (the views check role and scope; these functions check the rules)."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from health import immunisation, rules
from health.models import (
    ChildPlan,
    Classification,
    Condition,
    DoseGiven,
    ElderlyCheck,
    FollowUp,
    Patient,
    PatientStatus,
    Team,
)


def _check_visit_date(day: dt.date, earliest: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if day < earliest:
        raise ValidationError(_("The date is before the record began."), code="too_early")


def check_values(values: dict[str, Any]) -> None:
    """Refuse readings outside physiological ranges and a diastolic above the systolic
    (``out_of_range``, ``diastolic_above_systolic``), naming the field."""
    errors = {}
    for field, (low, high) in rules.RANGES.items():
        value = values.get(field)
        if value in (None, ""):
            continue
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            errors[field] = ValidationError(_("Enter a number."), code="out_of_range")
            continue
        if not Decimal(str(low)) <= number <= Decimal(str(high)):
            errors[field] = ValidationError(
                _("Enter a value between %(low)s and %(high)s.") % {"low": low, "high": high},
                code="out_of_range",
            )
    systolic, diastolic = values.get("systolic"), values.get("diastolic")
    if (systolic is None) != (diastolic is None) and not errors:
        errors["diastolic"] = ValidationError(
            _("Enter both the systolic and the diastolic pressure."), code="incomplete_pressure"
        )
    if systolic is not None and diastolic is not None and diastolic >= systolic:
        errors["diastolic"] = ValidationError(
            _("The diastolic pressure must be below the systolic."),
            code="diastolic_above_systolic",
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def patient_register(
    *, resident: Any, condition: str, team: Team, registered_on: dt.date, by: Any
) -> Patient:
    """Put ``resident`` on a registry; the first follow-up is due at once. Raises
    ``duplicate``, ``wrong_community``, ``future``."""
    if team.community_id != resident.community_id:
        raise ValidationError(_("This team serves another community."), code="wrong_community")
    _check_visit_date(registered_on, resident.birth_date)
    try:
        with transaction.atomic():
            return Patient.objects.create(
                resident=resident,
                condition=condition,
                team=team,
                registered_on=registered_on,
                next_due=registered_on,
            )
    except IntegrityError:
        raise ValidationError(
            _("This resident is already on that registry."), code="duplicate"
        ) from None


def _classification(decision: rules.Decision, reading: rules.Reading, chosen: str) -> str:
    """此次随访分类: the most severe of the doctor's choice and what the readings show."""
    order = [
        Classification.SATISFIED,
        Classification.UNSATISFIED,
        Classification.ADVERSE,
        Classification.COMPLICATION,
    ]
    found = Classification.SATISFIED
    if decision.situation in (rules.UNCONTROLLED, rules.REPEAT_UNCONTROLLED, rules.EMERGENCY):
        found = Classification.UNSATISFIED
    if reading.adverse_reaction:
        found = max(found, Classification.ADVERSE, key=order.index)
    if reading.complication:
        found = Classification.COMPLICATION
    return max(found, chosen or Classification.SATISFIED, key=order.index)


@transaction.atomic
def followup_record(*, patient: Patient, by: Any, **fields: Any) -> FollowUp:
    """Record a follow-up and set the next due date by the decision table in force on
    the visit date (hypertension, diabetes) or the stability class (severe mental
    disorder). Refuses a date in the future or before registration (``future``,
    ``too_early``), values outside range or a diastolic above the systolic, a
    managed-patient check (``not_managed``). Writes the patient's next due date, the
    "uncontrolled last time" flag, and the referral date when the table refers."""
    patient = Patient.objects.select_for_update().select_related("resident").get(pk=patient.pk)
    if patient.status != PatientStatus.MANAGED:
        raise ValidationError(_("This patient is no longer under management."), code="not_managed")
    visited_on = fields["visited_on"]
    _check_visit_date(visited_on, patient.registered_on)
    check_values(fields)
    age = patient.resident.age_on(visited_on)
    reading = rules.Reading(
        age=age,
        systolic=fields.get("systolic"),
        diastolic=fields.get("diastolic"),
        fasting_glucose=fields.get("fasting_glucose"),
        heart_rate=fields.get("heart_rate"),
        temperature=fields.get("temperature"),
        emergency_signs=bool(fields.get("emergency_signs")),
        adverse_reaction=bool(fields.get("adverse_reaction")),
        complication=bool(fields.get("complication")),
    )
    if patient.condition == Condition.SMI:
        risk = fields.get("risk_level")
        if risk is None:
            raise ValidationError(
                {"risk_level": ValidationError(_("Assess the risk level."), code="required")}
            )
        stability = fields.get("stability") or rules.smi_stability(risk)
        # The doctor may class a visit worse than the risk level alone, never better.
        worst = max(
            [stability, rules.smi_stability(risk)],
            key=["stable", "basic", "unstable"].index,
        )
        decision = rules.smi_next_followup(risk, visited_on, worst)
        fields["stability"] = worst
        classification = fields.get("classification") or Classification.SATISFIED
    else:
        if patient.condition == Condition.HYPERTENSION and fields.get("systolic") is None:
            raise ValidationError(
                {"systolic": ValidationError(_("Enter the blood pressure."), code="required")}
            )
        if patient.condition == Condition.DIABETES and fields.get("fasting_glucose") is None:
            raise ValidationError(
                {
                    "fasting_glucose": ValidationError(
                        _("Enter the fasting glucose."), code="required"
                    )
                }
            )
        decision = rules.next_followup(
            patient.condition,
            reading,
            visited_on,
            previous_uncontrolled=patient.last_uncontrolled,
        )
        classification = _classification(decision, reading, fields.get("classification", ""))
    followup = FollowUp(
        patient=patient,
        doctor=by,
        situation=decision.situation,
        action=decision.action,
        next_due=decision.next_date,
        **{**fields, "classification": classification},
    )
    followup.full_clean()
    followup.save()
    later = patient.followups.filter(visited_on__gt=visited_on).exists()
    if not later:  # a late entry of an older visit does not move the due date back
        patient.next_due = decision.next_date
        patient.last_uncontrolled = decision.uncontrolled
        if decision.refer:
            patient.referred_on = visited_on
            patient.referral_back_on = None
        patient.save(
            update_fields=["next_due", "last_uncontrolled", "referred_on", "referral_back_on"]
        )
    return followup


@transaction.atomic
def referral_return(*, patient: Patient, on: dt.date, by: Any) -> Patient:
    """Record the patient back from a referral (双向转诊, 下转). Raises ``not_referred``,
    ``future``, ``too_early``."""
    patient = Patient.objects.select_for_update().get(pk=patient.pk)
    if not patient.referred_on or patient.referral_back_on:
        raise ValidationError(_("This patient has no open referral."), code="not_referred")
    _check_visit_date(on, patient.referred_on)
    patient.referral_back_on = on
    patient.save(update_fields=["referral_back_on"])
    return patient


def face_to_face_count(patient: Patient, year: int) -> int:
    """§1.3/§1.4: face-to-face follow-ups of ``year`` (at least four are due)."""
    return patient.followups.filter(visited_on__year=year, method__in=["clinic", "home"]).count()


# --- immunisation ---


def child_plan_create(
    *, child: Any, je_line: str = "JE-L", hepa_line: str = "HepA-L", guardians=(), by: Any
) -> ChildPlan:
    """Open a child's plan on the schedule version of their birth date. Raises
    ``too_old`` (7 and over: not on the children's schedule) and ``duplicate``."""
    if child.age_on(timezone.localdate()) >= 7:
        raise ValidationError(_("The schedule covers children under 7."), code="too_old")
    schedule = immunisation.version_for_birth(child.birth_date)
    try:
        with transaction.atomic():
            plan = ChildPlan.objects.create(
                child=child, schedule=schedule.code, je_line=je_line, hepa_line=hepa_line
            )
            plan.guardians.set(guardians)
    except IntegrityError:
        raise ValidationError(_("This child already has a plan."), code="duplicate") from None
    return plan


def given_doses(plan: ChildPlan) -> dict[str, dt.date]:
    return {dose.key: dose.given_on for dose in plan.doses.all()}


def plan_lines(plan: ChildPlan, on: dt.date) -> list[immunisation.PlanLine]:
    return immunisation.due_list(
        birth_date=plan.child.birth_date,
        schedule=immunisation.version(plan.schedule),
        je_line=plan.je_line,
        hepa_line=plan.hepa_line,
        given=given_doses(plan),
        on=on,
    )


@transaction.atomic
def dose_record(
    *, plan: ChildPlan, dose_key: str, given_on: dt.date, batch: str = "", by: Any
) -> DoseGiven:
    """Record a dose. Refuses a dose not in the child's plan (``unknown_dose``), in the
    future, before its minimum age (``too_young``) or interval (``too_soon``), without
    its previous dose (``previous_missing``), twice (``dose_given``)."""
    plan = ChildPlan.objects.select_for_update().select_related("child").get(pk=plan.pk)
    doses = {
        d.key: d
        for d in immunisation.plan_doses(
            immunisation.version(plan.schedule), je_line=plan.je_line, hepa_line=plan.hepa_line
        )
    }
    dose = doses.get(dose_key)
    if dose is None:
        raise ValidationError(_("This dose is not in the child's plan."), code="unknown_dose")
    if given_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    refusal = immunisation.dose_refusal(
        dose=dose, birth_date=plan.child.birth_date, given=given_doses(plan), on=given_on
    )
    if refusal:
        raise ValidationError(refusal[1], code=refusal[0])
    return DoseGiven.objects.create(
        plan=plan,
        vaccine=dose.vaccine,
        number=dose.number,
        given_on=given_on,
        batch=batch[:40],
        given_by=by,
    )


# --- the 65+ yearly check ---


@transaction.atomic
def elderly_check_record(
    *,
    resident: Any,
    checked_on: dt.date,
    scores: dict[str, int],
    by: Any,
    systolic=None,
    diastolic=None,
    notes: str = "",
) -> ElderlyCheck:
    """Record the yearly check of a resident of 65 and over, with the self-care score
    (§1.5). Raises ``too_young``, ``future``, ``duplicate`` (checked this year), value
    refusals (``out_of_range``, ``diastolic_above_systolic``)."""
    if checked_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if resident.age_on(checked_on) < 65:
        raise ValidationError(
            _("The yearly check is for residents of 65 and over."), code="too_young"
        )
    for item in rules.SELF_CARE_ITEMS:
        value = scores.get(item)
        if value is None or not 0 <= int(value) <= rules.SELF_CARE_MAX[item]:
            raise ValidationError(
                {item: ValidationError(_("Score out of range."), code="out_of_range")}
            )
    check_values({"systolic": systolic, "diastolic": diastolic})
    total = sum(int(scores[item]) for item in rules.SELF_CARE_ITEMS)
    try:
        with transaction.atomic():
            return ElderlyCheck.objects.create(
                resident=resident,
                year=checked_on.year,
                checked_on=checked_on,
                self_care_total=total,
                self_care_level=rules.self_care_level(total),
                systolic=systolic,
                diastolic=diastolic,
                notes=notes,
                doctor=by,
                **{item: int(scores[item]) for item in rules.SELF_CARE_ITEMS},
            )
    except IntegrityError:
        raise ValidationError(
            _("This resident has had the yearly check this year."), code="duplicate"
        ) from None


def dose_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell the guardians (with a portal account) of each child with a dose that fell due
    in the last week that a vaccination is due, once per child and dose. The message
    names no vaccine and no child: "您家孩子有预防接种已到期，请预约接种". Idempotent."""
    from health.services.reminders import tell_resident

    today = today or timezone.localdate()
    sent = 0
    plans = (
        ChildPlan.objects.unscoped()
        .filter(guardians__isnull=False)
        .select_related("child")
        .prefetch_related("doses", "guardians__account")
        .distinct()
    )
    for plan in plans:
        for line in plan_lines(plan, today):
            if line.state != immunisation.DUE or line.due < today - dt.timedelta(days=7):
                continue
            for guardian in plan.guardians.all():
                if tell_resident(
                    guardian,
                    "health_dose_due",
                    {},
                    key=f"health-dose-{plan.pk}-{line.dose.key}-{guardian.pk}",
                    url="/health/book/?service=immunisation",
                ):
                    sent += 1
    return sent
