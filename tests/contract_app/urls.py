from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

app_name = "contract_app"

urlpatterns = [
    path("staff/contract_app/", lambda request: HttpResponse("staff page"), name="home"),
    path(
        "contract_app/",
        login_not_required(lambda request: HttpResponse("public page")),
        name="public",
    ),
]
