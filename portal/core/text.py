"""Labels taken from the models, so a column heading and a form label read the same."""

from django.utils.text import capfirst


def field_label(model: type, name: str) -> str:
    """``Resident, "phone"`` → "Phone" (translated): the field's verbose name."""
    return capfirst(model._meta.get_field(name).verbose_name)


def field_labels(model: type, *names: str) -> dict[str, str]:
    """Column headings for a list page, keyed by field name."""
    return {name: field_label(model, name) for name in names}
