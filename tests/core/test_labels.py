"""The label tag: templates read field labels from the models, in the active language."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.template import Context, Template
from django.utils import translation

from portal.registry.models import Resident

pytestmark = pytest.mark.django_db


def render(text: str, **context) -> str:
    return Template("{% load labels %}" + text).render(Context(context))


def test_a_label_by_model_name_is_the_fields_verbose_name_in_the_active_language():
    with translation.override("en"):
        assert render('{% field_label "registry.Resident" "phone" %}') == "Phone"
    with translation.override("zh-hans"):
        assert render('{% field_label "registry.Resident" "phone" %}') == "电话"


def test_a_model_instance_or_class_names_the_model_too(resident_a):
    with translation.override("en"):
        assert render('{% field_label person "birth_date" %}', person=resident_a) == "Birth date"
        assert render('{% field_label model "birth_date" %}', model=Resident) == "Birth date"


def test_a_typo_fails_loudly():
    with pytest.raises(FieldDoesNotExist):
        render('{% field_label "registry.Resident" "no_such_field" %}')
    with pytest.raises(LookupError):
        render('{% field_label "registry.Nobody" "name" %}')
