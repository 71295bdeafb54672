"""Log in and out, resident registration, and linking a resident account to the registry."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from portal.accounts import services
from portal.accounts.forms import IdentityLinkForm, LoginForm, ResidentSignUpForm


def _safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` of the request if it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@method_decorator(login_not_required, name="dispatch")
@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # Staff go to their home; residents back to the public site.
        if self.request.user.is_portal_staff:
            return super().get_default_redirect_url()
        return "/"


class LogoutView(auth_views.LogoutView):
    pass


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """A resident creates an account with a mobile number and a password, is logged in,
    and goes on to confirm who they are (then back to ``next``, e.g. the event)."""
    next_url = _safe_next(request, "/")
    if request.user.is_authenticated:
        return redirect(next_url)
    form = ResidentSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="portal.accounts.backends.PortalModelBackend")
        messages.success(request, _("Your account is ready. One more step: confirm who you are."))
        return redirect(f"{reverse('accounts:link')}?{urlencode({'next': next_url})}")
    return render(request, "accounts/register.html", {"form": form, "next": next_url})


@never_cache
@sensitive_post_parameters("id_number")
@require_http_methods(["GET", "POST"])
def link_identity(request: HttpRequest) -> HttpResponse:
    """A resident confirms they are in the registry with their name and ID number."""
    if request.user.is_portal_staff:
        raise PermissionDenied
    next_url = _safe_next(request, "/")
    if request.user.resident_id:
        messages.info(request, _("Your account is already linked to the registry."))
        return redirect(next_url)
    form = IdentityLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.link_resident(
                user=request.user,
                name=form.cleaned_data["name"],
                id_number=form.cleaned_data["id_number"],
                ip_address=services.client_ip(request),
            )
        except services.IdentityLinkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you, %(name)s. You can now sign up for activities.")
                % {"name": resident.name},
            )
            return redirect(next_url)
    return render(
        request,
        "accounts/link.html",
        {
            "form": form,
            "next": next_url,
            "attempts_left": services.link_attempts_left(request.user),
        },
    )
