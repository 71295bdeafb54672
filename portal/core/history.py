"""Writing a record that staff changed: validated, and with a history row that names
who did it (django-simple-history reads ``_history_user`` when the row is saved)."""

from collections.abc import Iterable
from typing import Any

from django.db import models


def save_checked(
    instance: models.Model,
    *,
    by: Any,
    update_fields: Iterable[str] | None = None,
    validate_constraints: bool = True,
) -> models.Model:
    """``full_clean`` then save ``instance``, its history row naming ``by``. Raises
    ``ValidationError`` before anything is written. Leave the constraints to the
    database (``validate_constraints=False``) where a caller turns its IntegrityError
    into a message, so that two requests at once get the same answer."""
    instance.full_clean(validate_constraints=validate_constraints)
    instance._history_user = by
    instance.save(update_fields=update_fields)
    return instance
