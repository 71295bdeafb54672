"""Root URL configuration. Stable public addresses are listed in docs/product.md."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from portal import views
from portal.core import display
from portal.core import views as core_views

# The home pages are the project's (``portal/views.py``) and the health check is the core
# app's; their names keep the ``core:`` namespace they have always had.
core_patterns = (
    [
        path("", views.home, name="home"),
        path("staff/", views.staff_home, name="staff-home"),
        path("healthz", core_views.healthz, name="healthz"),
        path("text-size/", display.text_size, name="text-size"),
    ],
    "core",
)

urlpatterns = [
    path("", include(core_patterns)),
    path("accounts/", include("portal.accounts.urls")),
    path("staff/registry/", include("portal.registry.urls")),
    path("", include("portal.guide.urls")),
    path("", include("portal.notices.urls")),
    path("", include("portal.events.urls")),
    path("inbox/", include("portal.notifications.urls")),
    path("staff/reports/", include("portal.reports.urls")),
    path("", include("portal.plans.urls")),
    # Domain apps.
    path("", include("assistance.urls")),
    path("", include("health.urls")),
    path("", include("education.urls")),
    path("", include("eldercare.urls")),
    path("", include("partywork.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = "portal.core.views.bad_request"
handler403 = "portal.core.views.permission_denied"
handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"
