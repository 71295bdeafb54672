"""The project's URLs plus the throwaway app's one include() line."""

from django.urls import include, path

from portal.urls import handler400, handler403, handler404, handler500
from portal.urls import urlpatterns as portal

urlpatterns = [*portal, path("", include("tests.contract_app.urls"))]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
