"""System checks of the security baseline (``manage.py check``, and so ``check --deploy``
and every test run): the portal refuses to start without its Content-Security-Policy."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

#: Directives the policy must set, with what each must hold.
REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}


@register("security")
def csp_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """portal.E001 when django-csp's middleware is not installed, portal.E002 when the
    policy is missing, report-only, or lacks a directive the baseline needs, or lets
    inline scripts or ``*`` in."""
    errors = []
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE:
        errors.append(
            Error("The Content-Security-Policy middleware is not installed.", id="portal.E001")
        )
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    directives = policy.get("DIRECTIVES") or {}
    if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) and not directives:
        errors.append(Error("The Content-Security-Policy is report-only.", id="portal.E002"))
        return errors
    for name, needed in REQUIRED_DIRECTIVES.items():
        values = [str(value) for value in directives.get(name) or []]
        if needed not in values:
            errors.append(
                Error(f"The Content-Security-Policy must set {name} {needed}.", id="portal.E002")
            )
    for name in ("script-src", "default-src"):
        values = [str(value) for value in directives.get(name) or []]
        if "'unsafe-inline'" in values or "*" in values:
            errors.append(
                Error(f"The Content-Security-Policy's {name} lets anything in.", id="portal.E002")
            )
    return errors
