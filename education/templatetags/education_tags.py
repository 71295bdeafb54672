"""Template helpers of the education app."""

from typing import Any

from django import template

from education import roles

register = template.Library()


@register.filter
def coordinates(user: Any) -> bool:
    """``{% if request.user|coordinates %}``: the user runs the community college."""
    return bool(getattr(user, "is_authenticated", False) and roles.is_coordinator(user))
