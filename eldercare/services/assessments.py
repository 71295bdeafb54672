"""Capability assessments (GB/T 42195-2022, domain-rules §4.1): recording one, marking a
change of condition (reassessment due at once) and the reminders of reassessments due."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare import conf, rules
from eldercare.models import Assessment, Reason, Standard
from eldercare.roles import check_scope
from eldercare.services.common import check_elderly, check_not_future, community_staff
from portal.core.dates import add_months
from portal.notifications.services import notify

REMINDER_KIND = "eldercare_reassessment_due"


def assessment_record(
    *,
    elder: Any,
    by: Any,
    assessed_on: dt.date,
    reason: str,
    assessor_name: str,
    scores: dict[str, Any],
    cognitive_disorder: bool = False,
    risk_events: int = 0,
    coma: bool = False,
    notes: str = "",
) -> Assessment:
    """Record a GB/T 42195-2022 assessment of ``elder`` and supersede the earlier ones.

    Staff of the elder's community (or the sub-district) call it. Raises
    ``ValidationError`` with code ``other_community``, ``not_elderly``, ``future``,
    ``missing_item``, ``unknown_item``, ``score_range``, ``risk_events`` or ``reason``;
    nothing is written then. The next reassessment is due after the interval in force
    on the day (``ELDERCARE_REASSESSMENT_MONTHS``)."""
    check_scope(by, elder.community_id)
    check_not_future(assessed_on)
    check_elderly(elder, assessed_on)
    if reason not in Reason.values:
        raise ValidationError(_("Choose the reason of the assessment."), code="reason")
    if not 0 <= int(risk_events) <= 99:
        raise ValidationError(_("Count the care-risk events (0 to 99)."), code="risk_events")
    try:
        checked = rules.check_scores(scores)
    except rules.ScoreError as error:
        raise ValidationError(error.message, code=error.code, params={"item": error.item}) from None
    totals = rules.indicator_totals(checked)
    total = sum(totals.values())
    base, level = rules.assessed_level(
        total, cognitive_disorder=cognitive_disorder, risk_events=int(risk_events), coma=coma
    )
    with transaction.atomic():
        earlier = Assessment.objects.select_for_update().filter(
            elder=elder, standard=Standard.GB_42195, superseded=False
        )
        newest = earlier.order_by("-assessed_on").first()
        latest = newest is None or newest.assessed_on <= assessed_on
        if latest:
            earlier.update(superseded=True)
        assessment = Assessment(
            elder=elder,
            standard=Standard.GB_42195,
            assessed_on=assessed_on,
            reason=reason,
            assessor=by,
            assessor_name=assessor_name.strip()[:50] or by.get_full_name() or by.get_username(),
            scores=checked,
            self_care=totals[rules.B1],
            mobility=totals[rules.B2],
            mental=totals[rules.B3],
            perception=totals[rules.B4],
            total=total,
            cognitive_disorder=cognitive_disorder,
            risk_events=int(risk_events),
            coma=coma,
            base_level=base,
            level=level,
            next_due_on=add_months(assessed_on, conf.reassessment_months(assessed_on))
            .replace(day=1)
            .replace(day=min(assessed_on.day, 28)),
            superseded=not latest,
            notes=notes,
        )
        assessment.full_clean()
        assessment.save()
    return assessment


def condition_change_record(*, elder: Any, by: Any, on: dt.date | None = None) -> Assessment:
    """The elder's condition changed: the current assessment is due again at once (即时评估).
    Raises ``ValidationError`` ``other_community`` or ``no_assessment``."""
    check_scope(by, elder.community_id)
    on = on or timezone.localdate()
    with transaction.atomic():
        current = (
            Assessment.objects.select_for_update()
            .current()
            .filter(elder=elder)
            .order_by("-assessed_on")
            .first()
        )
        if current is None:
            raise ValidationError(
                _("There is no assessment yet: record the first one."), code="no_assessment"
            )
        current.next_due_on = on
        current.save(update_fields=["next_due_on"])
    return current


def reassessment_reminders_send(today: dt.date | None = None) -> int:
    """Tell each community's staff of the current assessments due within
    ``ELDERCARE_REASSESSMENT_REMINDER_DAYS``, once per due date (``reminded_for``, and the
    notification key): a second run sends nothing. Returns the messages sent."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=conf.setting("REASSESSMENT_REMINDER_DAYS"))
    due = (
        Assessment.objects.unscoped()
        .current()
        .filter(next_due_on__lte=horizon)
        .select_related("elder")
    )
    sent = 0
    for assessment in due:
        if assessment.reminded_for == assessment.next_due_on:
            continue
        url = reverse("eldercare:elder-detail", args=[assessment.elder_id])
        for user in community_staff(assessment.elder.community_id):
            key = f"eldercare-reassess-{assessment.pk}-{assessment.next_due_on}-{user.pk}"
            if notify(
                user,
                REMINDER_KIND,
                {"elder": assessment.elder.name, "due_on": assessment.next_due_on},
                url=url,
                key=key,
            ):
                sent += 1
        Assessment.objects.filter(pk=assessment.pk).update(reminded_for=assessment.next_due_on)
    return sent
