"""The guide in the Django admin: list, search, filters and change history."""

from django.urls import reverse

from tests.guide.factories import ServiceEntryFactory


def test_admin_lists_searches_and_shows_history(client, admin_user):
    entry = ServiceEntryFactory(slug="dibao", title="最低生活保障", keywords="低保")
    ServiceEntryFactory(slug="other", title="其他")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:guide_serviceentry_changelist"), {"q": "低保"})
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [entry]
    filtered = client.get(
        reverse("admin:guide_serviceentry_changelist"), {"status__exact": "closed"}
    )
    assert list(filtered.context["cl"].result_list) == []
    assert (
        client.get(reverse("admin:guide_serviceentry_change", args=[entry.pk])).status_code == 200
    )
    history = client.get(reverse("admin:guide_serviceentry_history", args=[entry.pk]))
    assert history.status_code == 200
