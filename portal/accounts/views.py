"""Log in and out, resident registration, and linking a resident account to the registry."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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
from portal.accounts.forms import (
    IdentityCodeForm,
    IdentityLinkForm,
    LoginForm,
    PasswordResetByCodeForm,
    PhoneOnlyForm,
    ResidentSignUpForm,
)
from portal.accounts.models import PhoneCodePurpose


def _safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` of the request if it is a path on this site, else ``default``. A bare
    word is no path: ``redirect("0")`` would take it for a view name (a 500 the fuzzing
    found)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
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


def _send_code(request: HttpRequest, form: forms.Form, purpose: str) -> None:
    """The "Send me a code" button of a form with a ``phone`` field: validate the number
    alone, send (rate-limited), and say so on the form, the same whether or not the number
    has an account."""
    phone_form = PhoneOnlyForm(request.POST)
    if not phone_form.is_valid():
        form.errors.clear()
        form.add_error("phone", phone_form.errors["phone"])
        return
    form.errors.clear()
    phone = phone_form.cleaned_data["phone"]
    send = purpose != PhoneCodePurpose.RESET or services.resident_account(phone) is not None
    try:
        if send:
            services.phone_code_send(
                phone=phone, purpose=purpose, ip_address=services.client_ip(request)
            )
    except ValidationError as error:
        form.add_error("phone", error)
    else:
        messages.info(
            request,
            _(
                "If this number can use the service, a code is on its way. It is valid "
                "for 10 minutes."
            ),
        )


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2", "code")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """A resident creates an account with a mobile number, the code sent to it and a
    password, is logged in, and goes on to confirm who they are (then back to ``next``,
    e.g. the event). "Send me a code" posts the same form with ``send_code``."""
    next_url = _safe_next(request, "/")
    if request.user.is_authenticated:
        return redirect(next_url)
    form = ResidentSignUpForm(request.POST or None)
    if request.method == "POST" and "send_code" in request.POST:
        form.is_valid()
        _send_code(request, form, PhoneCodePurpose.REGISTER)
    elif request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.phone_code_check(
                    phone=form.cleaned_data["phone"],
                    purpose=PhoneCodePurpose.REGISTER,
                    code=form.cleaned_data["code"],
                )
                user = form.save()
        except ValidationError as error:
            form.add_error("code", error)
        else:
            login(request, user, backend="portal.accounts.backends.PortalModelBackend")
            messages.success(
                request, _("Your account is ready. One more step: confirm who you are.")
            )
            return redirect(f"{reverse('accounts:link')}?{urlencode({'next': next_url})}")
    return render(request, "accounts/register.html", {"form": form, "next": next_url})


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2", "code")
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """忘记密码: a resident sets a new password with a code sent to their mobile number.
    A number without a resident account gets no message, and the page says the same."""
    form = PasswordResetByCodeForm(request.POST or None)
    if request.method == "POST" and "send_code" in request.POST:
        form.is_valid()
        _send_code(request, form, PhoneCodePurpose.RESET)
    elif request.method == "POST" and form.is_valid():
        try:
            user = services.password_reset_by_code(
                phone=form.cleaned_data["phone"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            if user is None:
                form.add_error("code", services.code_refused_message())
            else:
                messages.success(request, _("Your password is changed. Please log in."))
                return redirect("accounts:login")
    return render(request, "accounts/password_reset.html", {"form": form})


LINK_SESSION_KEY = "identity_link"


@never_cache
@sensitive_post_parameters("id_number", "code")
@require_http_methods(["GET", "POST"])
def link_identity(request: HttpRequest) -> HttpResponse:
    """A resident confirms they are in the registry: name and ID number, then the code
    sent to the mobile number recorded with them. Every failure gets one message."""
    if request.user.is_portal_staff:
        raise PermissionDenied
    next_url = _safe_next(request, "/")
    if request.user.resident_id:
        messages.info(request, _("Your account is already linked to the registry."))
        return redirect(next_url)
    pending = request.session.get(LINK_SESSION_KEY)
    ip_address = services.client_ip(request)
    if pending and request.method == "POST" and "code" in request.POST:
        code_form = IdentityCodeForm(request.POST)
        if code_form.is_valid():
            try:
                resident = services.resident_link(
                    user=request.user,
                    resident_id=pending.get("resident"),
                    identity=pending.get("identity", ""),
                    code=code_form.cleaned_data["code"],
                    ip_address=ip_address,
                )
            except services.IdentityLinkError as error:
                code_form.add_error("code", str(error))
            else:
                request.session.pop(LINK_SESSION_KEY, None)
                messages.success(
                    request,
                    _("Thank you, %(name)s. You can now sign up for activities.")
                    % {"name": resident.name},
                )
                return redirect(next_url)
        return _link_page(request, IdentityLinkForm(), code_form, next_url)
    form = IdentityLinkForm(request.POST or None)
    code_form = None
    if request.method == "POST" and form.is_valid():
        try:
            resident_id = services.link_request(
                user=request.user,
                name=form.cleaned_data["name"],
                id_number=form.cleaned_data["id_number"],
                ip_address=ip_address,
            )
        except services.IdentityLinkError as error:
            form.add_error(None, str(error))
        else:
            request.session[LINK_SESSION_KEY] = {
                "resident": resident_id,
                "identity": services.identity_digest(
                    form.cleaned_data["name"], form.cleaned_data["id_number"]
                ),
            }
            code_form = IdentityCodeForm()
    return _link_page(request, form, code_form, next_url)


def _link_page(request, form, code_form, next_url) -> HttpResponse:
    return render(
        request,
        "accounts/link.html",
        {
            "form": form,
            "code_form": code_form,
            "next": next_url,
            "attempts_left": services.link_attempts_left(request.user),
        },
    )
