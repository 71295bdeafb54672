"""``{% filter_form form %}``: a staff list's filter bar, rendered by crispy once per
distinct set of choices, submitted values and language, then served from the cache.

Rendering the filter bar through crispy costs several milliseconds on every request of a
list page, yet its HTML only depends on the choices the user's role may pick from (the
same for every user of the same scope), the values submitted and the language; all of
these, with the labels, initial values and widget attributes, make the key. Forms
that post (a CSRF token), or whose choices come from a queryset, are rendered as usual.
"""

import hashlib

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

SECONDS = 600


def _key(form: forms.Form) -> str | None:
    helper = getattr(form, "helper", None)
    if helper is None or str(getattr(helper, "form_method", "")).lower() != "get":
        return None
    parts = [
        type(form).__module__,
        type(form).__qualname__,
        translation.get_language() or "",
        repr(form.is_bound),
        repr(sorted(form.initial.items(), key=str)),
    ]
    data = form.data if form.is_bound else {}
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            return None
        getlist = getattr(data, "getlist", None)
        parts.append(f"{name}={getlist(name) if getlist else data.get(name)!r}")
        parts.append(f"{field.label}|{field.initial!r}|{field.widget.attrs!r}")
        if isinstance(field, forms.ChoiceField):
            parts.append(repr(list(field.choices)))
    return "portal:filter-form:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def filter_form(context: template.Context, form: forms.Form) -> str:
    key = _key(form)
    html = cache.get(key) if key else None
    if html is None:
        html = render_crispy_form(form, context=context.flatten())
        if key:
            cache.set(key, str(html), SECONDS)
    return mark_safe(html)  # noqa: S308 (crispy's own output, escaped when rendered)
