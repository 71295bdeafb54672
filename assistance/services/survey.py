"""Saving the household survey (家庭经济状况调查): members, incomes, assets and
support obligors, entered on one page and saved together or not at all."""

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext as _

from assistance.models import Application

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
