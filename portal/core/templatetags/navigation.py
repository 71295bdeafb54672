"""Marking the current menu entry: ``{% load navigation %}``.

``{% aria_current url %}`` writes `` aria-current="page"`` when the page being shown is
the entry's (the entry's own page or one below it; the home pages only themselves), so a
menu built in a loop over entries marks the right one::

    <a class="nav-link" href="{{ entry.url }}"{% aria_current entry.url %}>…</a>
    <a class="nav-link" href="{% url 'events:calendar' %}"{% aria_current 'events:calendar' %}>…</a>
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

register = template.Library()

#: Entries whose pages are everything below them only in name: the public and the staff
#: home page are current on themselves alone.
EXACT_ONLY = {"/", "/staff/"}


@register.filter
def is_current(url: str, path: str) -> bool:
    """``{{ entry.url|is_current:request.path }}``: whether ``path`` is ``url``'s page."""
    if not url or not path:
        return False
    url = str(url)
    if url == path:
        return True
    if url in EXACT_ONLY or not url.endswith("/"):
        return False
    return path.startswith(url)


@register.simple_tag(takes_context=True)
def aria_current(context: template.Context, url: str) -> str:
    """`` aria-current="page"`` on the current page's menu entry, else nothing. ``url`` is
    a path or a URL name (``"events:calendar"``)."""
    if url and not str(url).startswith("/"):
        try:
            url = reverse(url)
        except NoReverseMatch:
            return ""
    request = context.get("request")
    path = getattr(request, "path", "")
    return mark_safe(' aria-current="page"') if is_current(url, path) else ""
