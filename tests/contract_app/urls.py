from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "contract_app"

#: How often the public page was rendered (the cache test counts them).
RENDERED = {"public": 0}


@login_not_required
def public(request: HttpRequest) -> HttpResponse:
    RENDERED["public"] += 1
    return HttpResponse("public page")


urlpatterns = [
    path("staff/contract_app/", lambda request: HttpResponse("staff page"), name="home"),
    path("contract_app/", public, name="public"),
]
