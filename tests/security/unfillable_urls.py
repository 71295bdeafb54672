"""The project's URLs plus one route with an argument that no app's urlwalk.py fills:
test_url_walk.py proves that the walk refuses it (fails closed)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns


def throwaway_page(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse()


urlpatterns = [
    *portal_urlpatterns,
    path("throwaway/", include(([path("<int:pk>/", throwaway_page, name="page")], "throwaway"))),
]
