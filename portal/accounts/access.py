"""Role checks for views: decorators for function views and their mixin twins."""

import logging
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from portal.accounts.models import REGISTRY_EDITOR_ROLES, Role

security_log = logging.getLogger("portal.security")


def _user_has_role(user: Any, roles: Iterable[str] | None) -> bool:
    if not user.is_portal_staff:
        return False
    return roles is None or user.is_superuser or user.role in roles


def _log_refusal(request: HttpRequest) -> None:
    """A role refusal (403) names who asked for what, by id."""
    security_log.warning(
        "role refused: user=%s role=%s path=%s",
        request.user.pk,
        getattr(request.user, "role", "-"),
        request.path,
    )


def role_required(*roles: Role) -> Callable:
    """Let in staff users with one of ``roles`` (any staff role when none are given).

    Anonymous visitors are sent to log in; residents and other roles get 403.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not _user_has_role(request.user, roles or None):
                _log_refusal(request)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required()
registry_editor_required = role_required(*REGISTRY_EDITOR_ROLES)


class RoleRequiredMixin(AccessMixin):
    """Class-view twin of :func:`role_required`; set ``required_roles`` (None: any staff)."""

    required_roles: Iterable[str] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not _user_has_role(request.user, self.required_roles):
            _log_refusal(request)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(RoleRequiredMixin):
    required_roles = None


# --- predicates for the app contract's menu entries and report kinds ------------------------
# ``f(user) -> bool``, named by dotted path in the apps' configs (portal.core.contract).


def is_signed_in(user: Any) -> bool:
    """Any logged-in account (residents' own pages)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_staff_user(user: Any) -> bool:
    """Any staff role (the staff area)."""
    return bool(getattr(user, "is_portal_staff", False))


def is_notice_editor(user: Any) -> bool:
    return is_staff_user(user) and user.can_edit_notices


def is_subdistrict_user(user: Any) -> bool:
    """Staff who see every community."""
    return is_staff_user(user) and user.sees_all_communities


def is_site_admin(user: Any) -> bool:
    """Users of the Django admin (administrators and superusers)."""
    return bool(is_signed_in(user) and user.is_staff)
