"""The notice pages keep to the Content-Security-Policy (no inline script or style, no
CDN), staff pages are never cached, and each answers outsiders as the URL walk expects."""

import pytest
from django.urls import reverse

from tests.notices.factories import NoticeListingFactory, PublicityFactory
from tests.notices.formdata import notice_data
from tests.security.test_headers import header_problems, page_problems


def problems(label, response) -> list[str]:
    return [f"{label}: {p}" for p in header_problems(response) + page_problems(response)]


@pytest.fixture
def publicity(community_a):
    notice = PublicityFactory(community=community_a)
    NoticeListingFactory(notice=notice)
    return notice


def test_public_pages_keep_to_the_policy(client, publicity):
    failures = []
    for address in (reverse("notices:notice-list"), publicity.get_absolute_url()):
        response = client.get(address)
        assert response.status_code == 200
        failures += problems(address, response)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", ["staff_a", "subdistrict_user"])
def test_staff_pages_keep_to_the_policy(client, request, publicity, community_a, persona):
    client.force_login(request.getfixturevalue(persona))
    update = reverse("notices:update", args=[publicity.pk])
    failures = []
    for address in (
        reverse("notices:staff-list"),
        reverse("notices:create") + "?kind=publicity",
        update,
        update + "?more=1",
    ):
        response = client.get(address)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], address
        failures += problems(address, response)
    # With errors, and the htmx fragment.
    data = notice_data(community_a, kind="publicity", body="13812345678", listings=[("", "x")])
    failures += problems("errors", client.post(reverse("notices:create"), data))
    fragment = client.get(update, {"kind": "publicity"}, headers={"HX-Request": "true"})
    failures += page_problems(fragment)
    assert not failures, "\n".join(failures)


def test_outsiders_get_404_or_405_for_every_method(client, staff_b, publicity):
    client.force_login(staff_b)
    for name in ("update", "publish", "withdraw"):
        address = reverse(f"notices:{name}", args=[publicity.pk])
        for method in ("get", "post"):
            assert getattr(client, method)(address).status_code in {404, 405}, (name, method)
