"""Labels taken from the models, so a column heading and a form label read the same
(templates use the ``field_label`` tag of portal/core/templatetags/labels.py)."""

from django.utils.text import capfirst


def field_label(model: type, name: str) -> str:
    """``Resident, "phone"`` → "Phone" (translated): the field's verbose name."""
    return capfirst(model._meta.get_field(name).verbose_name)
