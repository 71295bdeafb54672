"""``{% filter_form form %}``: the filter bar's HTML comes from the cache only for the same
choices, submitted values and language, and is what crispy renders."""

from crispy_forms.utils import render_crispy_form
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from portal.core.forms import FilterForm
from portal.core.templatetags.filter_forms import _key


class ColourForm(FilterForm):
    q = forms.CharField(required=False)
    colour = forms.ChoiceField(required=False, choices=[])

    def __init__(self, *args, colours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = [("", "---"), *colours]
        self.helper = self.search_bar()


def render(query: str, colours) -> str:
    form = ColourForm(QueryDict(query), colours=colours)
    return Template("{% load filter_forms %}{% filter_form form %}").render(Context({"form": form}))


def test_same_html_as_crispy_and_cached_per_values_and_choices():
    red = [("red", "红")]
    first = render("q=张", red)
    assert first == render_crispy_form(ColourForm(QueryDict("q=张"), colours=red))
    assert render("q=张", red) == first
    assert 'value="王"' in render("q=王", red)
    other_scope = render("q=张", [("blue", "蓝")])
    assert "蓝" in other_scope and "红" not in other_scope
    assert "selected" in render("colour=red", red)


def test_each_language_has_its_own_copy():
    chinese = render("", [("red", "红")])
    with translation.override("en"):
        english = render("", [("red", "红")])
    assert chinese != english


def test_a_posting_form_is_not_cached():
    form = ColourForm(QueryDict(""), colours=[])
    form.helper.form_method = "post"
    assert _key(form) is None
