"""Field labels in templates, read from the models: ``{% load labels %}`` then
``{% field_label "registry.Resident" "phone" %}`` (or a model instance in place of the
name), so a column heading, a detail page and a form label read the same without each
view building a dict of labels."""

from typing import Any

from django import template
from django.apps import apps

from portal.core.text import field_label as model_field_label

register = template.Library()


@register.simple_tag
def field_label(model: Any, name: str) -> str:
    """The verbose name of the field ``name`` of ``model`` ("app_label.Model", a model
    class or an instance), capitalised and translated. An unknown model or field raises
    (LookupError, FieldDoesNotExist), so a typo fails the page's tests instead of
    showing an empty heading."""
    if isinstance(model, str):
        model = apps.get_model(model)
    return model_field_label(model, name)
