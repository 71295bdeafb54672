"""Saving the household survey (家庭经济状况调查): members, incomes, assets and
support obligors, entered on one page and saved together or not at all."""

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import Application, LabourCapacity, Member
from assistance.rules import WORKING_AGE

audit_log = logging.getLogger("portal.audit")


@transaction.atomic
def survey_save(
    *, application: Application, formsets: Iterable[BaseInlineFormSet], by: Any
) -> Application:
    """Save the survey's validated ``formsets`` (bound to ``application``) in one
    transaction: changed and new rows saved, rows ticked for deletion deleted, each
    history row naming ``by``.

    For caseworkers on an application fetched for them (``access.
    get_application_for_user``). Raises ``ValidationError`` with the user's message,
    writing nothing, when the survey may no longer be edited (the case moved on
    meanwhile) or no member would stay counted in the household. Writes an audit line.
    """
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not locked.survey_editable:
        raise ValidationError(
            _("The survey of an application that is “%(status)s” cannot be changed.")
            % {"status": locked.get_status_display()}
        )
    changed = 0
    for formset in formsets:
        for row in formset.save(commit=False):
            row.application = locked
            row._history_user = by
            row.save()
            changed += 1
        for row in formset.deleted_objects:
            row._history_user = by
            row.delete()
            changed += 1
    if not locked.members.filter(counted=True).exists():
        raise ValidationError(
            _("At least one member must be counted in the household; nothing was saved.")
        )
    audit_log.info(
        "assistance survey: user=%s application=%s rows=%s",
        getattr(by, "pk", None),
        locked.pk,
        changed,
    )
    return locked


def member_add(
    *,
    application: Application,
    by: Any,
    id_number: str,
    reason: str,
    name: str = "",
) -> Member:
    """Count a person living with the household who is not in its registry household
    (共同生活家庭成员, §3.1: a spouse or student registered elsewhere, a newborn), found
    in the registry by ID number or, if not there, entered with a checked ID number
    (the person is then registered in the case's community, without a household).

    For caseworkers while the survey may be edited; the amount changes from the next
    unpaid month when the review is completed. Raises ``ValidationError`` (code
    ``member_add``) for no reason, an invalid ID number, a resident outside the user's
    scope, a new person without a name, or a person counted already; nothing is written.
    """
    from portal.registry import idnumbers
    from portal.registry.models import Resident

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why this person is counted (e.g. spouse registered elsewhere, newborn)."),
            code="member_add",
        )
    number = idnumbers.normalize_id_number(id_number or "")
    idnumbers.validate_id_number(number)
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if not locked.survey_editable:
            raise ValidationError(
                _("The survey of an application that is “%(status)s” cannot be changed.")
                % {"status": locked.get_status_display()},
                code="member_add",
            )
        resident = Resident.objects.filter(id_number=number).first()
        if (
            resident is not None
            and not Resident.objects.visible_to(by).filter(pk=resident.pk).exists()
        ):
            raise ValidationError(
                _("This person is registered in another community; ask that community."),
                code="member_add",
            )
        existing = (
            locked.members.filter(resident=resident).first() if resident is not None else None
        )
        if existing is not None and existing.counted:
            raise ValidationError(
                _("%(name)s is a member of this survey already.") % {"name": resident.name},
                code="member_add",
            )
        if existing is not None:
            # Removed earlier (not counted): counted again, with the new reason.
            existing.counted = True
            existing.not_counted_reason = ""
            existing.added_reason = reason[:200]
            existing._history_user = by
            existing.save()
            audit_log.info(
                "assistance member counted again: user=%s application=%s member=%s",
                getattr(by, "pk", None),
                application.pk,
                existing.pk,
            )
            return existing
        if resident is None:
            if not (name or "").strip():
                raise ValidationError(
                    _("This ID number is not in the registry: give the person's name."),
                    code="member_add",
                )
            info = idnumbers.parse_id_number(number)
            resident = Resident(
                community=locked.household.community,
                name=name.strip(),
                id_number=info.number,
                birth_date=info.birth_date,
                gender=info.gender,
            )
            resident.full_clean(exclude=["household"])
            resident.save()
        today = timezone.localdate()
        member = Member(
            application=locked,
            resident=resident,
            added_reason=reason[:200],
            labour_capacity=(
                LabourCapacity.NONE
                if not WORKING_AGE <= resident.age_on(today) < settings.ELDERLY_AGE
                else LabourCapacity.FULL
            ),
        )
        member._history_user = by
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError:
            raise ValidationError(
                _("%(name)s is a member of this survey already.") % {"name": resident.name},
                code="member_add",
            ) from None
    audit_log.info(
        "assistance member added: user=%s application=%s member=%s",
        getattr(by, "pk", None),
        application.pk,
        member.pk,
    )
    return member


def member_remove(*, member: Member, by: Any, reason: str) -> Member:
    """No longer count ``member`` in the household (共同生活家庭成员, §3.1: moved out,
    married away, deceased, found not to live with them), with the reason; the row stays
    (its incomes are then not counted) and :func:`member_add` may count them again.

    For caseworkers on a member of an application fetched for them, while the survey may
    be edited; the amount changes from the next unpaid month when the survey or review
    is completed. Raises ``ValidationError`` (code ``member_remove``) for no reason, a
    case past the survey, a member not counted already, or the last counted member;
    nothing is written then. Writes a history row naming ``by`` and an audit line.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why this person is no longer counted (e.g. moved out, deceased)."),
            code="member_remove",
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=member.application_id)
        if not locked.survey_editable:
            raise ValidationError(
                _("The survey of an application that is “%(status)s” cannot be changed.")
                % {"status": locked.get_status_display()},
                code="member_remove",
            )
        current = Member.objects.select_related("resident").get(pk=member.pk)
        if not current.counted:
            raise ValidationError(
                _("%(name)s is not counted in the household already.")
                % {"name": current.resident.name},
                code="member_remove",
            )
        if not locked.members.filter(counted=True).exclude(pk=current.pk).exists():
            raise ValidationError(
                _("At least one member must be counted in the household; nothing was saved."),
                code="member_remove",
            )
        current.counted = False
        current.not_counted_reason = reason[:200]
        current._history_user = by
        current.save()
    audit_log.info(
        "assistance member removed: user=%s application=%s member=%s",
        getattr(by, "pk", None),
        locked.pk,
        current.pk,
    )
    return current


def rigid_expenses_save(*, application: Application, by: Any, amount: Any) -> Application:
    """Record the rigid expenses of the look-back period (medical, education, disaster)
    that 支出型 temporary assistance is tested on. For caseworkers while the survey may
    be edited; raises ``ValidationError`` (code ``rigid_expenses``) for another
    programme, a case past the survey, or an amount that is not a sum of money."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0 or value > Decimal("100000000"):
        raise ValidationError(_("Give the rigid expenses in yuan."), code="rigid_expenses")
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if not locked.programme.expense_test:
            raise ValidationError(
                _("This programme does not test rigid expenses."), code="rigid_expenses"
            )
        if not locked.survey_editable:
            raise ValidationError(
                _("The survey of an application that is “%(status)s” cannot be changed.")
                % {"status": locked.get_status_display()},
                code="rigid_expenses",
            )
        locked.rigid_expenses = value.quantize(Decimal("0.01"))
        locked._history_user = by
        locked.save(update_fields=["rigid_expenses"])
    return locked
