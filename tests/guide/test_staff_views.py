"""The staff pages that write the guide: only roles that see every community may use
them; the form checks the address code, the closed status and the online address."""

import pytest
from django.conf import settings
from django.urls import reverse

from portal.accounts.models import Role
from portal.core.templatetags.formats import format_day
from portal.guide.models import ServiceEntry, Status
from tests.factories import UserFactory
from tests.guide.factories import ServiceEntryFactory
from tests.guide.formdata import entry_data

STAFF_LIST = reverse("guide:staff-list")
CREATE = reverse("guide:create")


def update_url(entry) -> str:
    return reverse("guide:update", kwargs={"slug": entry.slug})


@pytest.fixture
def entry(db):
    return ServiceEntryFactory(slug="gaoling-jintie", title="高龄津贴")


@pytest.fixture
def pages(entry):
    return [STAFF_LIST, CREATE, update_url(entry)]


# --- who may come in ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, pages):
    for address in pages:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("accounts:login")), address
    for address in pages[1:]:
        assert client.post(address, entry_data()).status_code == 302, address
    assert ServiceEntry.objects.count() == 1


@pytest.mark.parametrize("persona", ["resident_user", "staff_a", "doctor_a"])
def test_residents_and_community_roles_get_403(client, request, pages, entry, persona):
    client.force_login(request.getfixturevalue(persona))
    for address in pages:
        assert client.get(address).status_code == 403, address
    assert client.post(CREATE, entry_data(slug="new-one")).status_code == 403
    assert client.post(update_url(entry), entry_data(title="改过")).status_code == 403
    entry.refresh_from_db()
    assert entry.title == "高龄津贴"
    assert ServiceEntry.objects.count() == 1


@pytest.mark.parametrize("persona", ["subdistrict_user", "admin_user"])
def test_subdistrict_roles_may_use_every_page(client, request, pages, persona):
    client.force_login(request.getfixturevalue(persona))
    for address in pages:
        assert client.get(address).status_code == 200, address


def test_course_coordinators_see_every_community_and_may_edit(client, pages):
    client.force_login(UserFactory(role=Role.COURSE_COORDINATOR))
    assert client.get(STAFF_LIST).status_code == 200


def test_unknown_entry_is_404_for_editors(client, subdistrict_user):
    client.force_login(subdistrict_user)
    assert client.get(reverse("guide:update", kwargs={"slug": "no-such"})).status_code == 404


def test_staff_pages_are_not_cached(client, subdistrict_user, pages):
    client.force_login(subdistrict_user)
    for address in pages:
        assert "no-store" in client.get(address)["Cache-Control"], address


# --- the staff list -----------------------------------------------------------------------------


def test_staff_list_shows_status_and_updated_time(client, subdistrict_user, entry):
    closed = ServiceEntryFactory(slug="yingji-hujiao", closed=True)
    client.force_login(subdistrict_user)
    response = client.get(STAFF_LIST)
    assert {e.slug for e in response.context["page_obj"]} == {"gaoling-jintie", "yingji-hujiao"}
    row = response.text[response.text.index('id="entry-yingji-hujiao"') :]
    row = row[: row.index("</tr>")]
    assert 'data-status="closed"' in row
    assert format_day(closed.updated_at, weekday=False) in row
    assert update_url(closed) in row
    assert 'id="result-count"' in response.text  # the shared list header
    assert f'href="{CREATE}"' in response.text


def test_staff_list_filters(client, subdistrict_user, entry):
    ServiceEntryFactory(slug="yingji-hujiao", closed=True, category="elder_care")
    client.force_login(subdistrict_user)

    def slugs(**params):
        return {e.slug for e in client.get(STAFF_LIST, params).context["page_obj"]}

    assert slugs(status=Status.CLOSED) == {"yingji-hujiao"}
    assert slugs(category="elder_care") == {"yingji-hujiao"}
    assert slugs(q="高龄") == {"gaoling-jintie"}


def test_staff_list_query_count_does_not_grow(
    client, subdistrict_user, django_assert_max_num_queries
):
    # 1 session, 2 user, 3 count, 4 the page of entries,
    # 5-7 savepoint, session update (last-seen stamp), release
    ServiceEntryFactory()
    client.force_login(subdistrict_user)
    with django_assert_max_num_queries(7):
        assert client.get(STAFF_LIST).status_code == 200
    ServiceEntryFactory.create_batch(30)
    with django_assert_max_num_queries(7):
        response = client.get(STAFF_LIST)
    assert len(response.context["page_obj"]) == 31


# --- creating and editing -----------------------------------------------------------------------


def test_create_publishes_the_entry_with_history(client, subdistrict_user):
    client.force_login(subdistrict_user)
    response = client.post(CREATE, entry_data(slug="Gaoling-Jintie"))
    assert response.status_code == 302
    assert response.url == STAFF_LIST
    entry = ServiceEntry.objects.get()
    assert entry.slug == "gaoling-jintie"  # typed in capitals, stored in lower case
    assert entry.material_list() == ["老人的身份证、户口簿", "老人本人的银行卡或存折"]
    record = entry.history.get()
    assert record.history_type == "+"
    assert record.history_user == subdistrict_user
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_edit_keeps_history(client, subdistrict_user, entry):
    client.force_login(subdistrict_user)
    data = entry_data(status=Status.CLOSED, status_note="系统升级，12月1日前暂停受理。")
    response = client.post(update_url(entry), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_closed
    assert [r.history_type for r in entry.history.all()] == ["~", "+"]
    assert entry.history.first().history_user == subdistrict_user


def test_a_duplicate_slug_is_refused(client, subdistrict_user, entry):
    client.force_login(subdistrict_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(CREATE, entry_data(slug="gaoling-jintie", title="另一个"))
    assert response.status_code == 200
    assert ServiceEntry.objects.count() == 1
    assert list(response.context["form"].errors) == ["slug"]
    assert 'id="error-summary"' in response.text
    assert "Another service already uses this address code." in response.text


def test_renaming_onto_another_entrys_slug_is_refused(client, subdistrict_user, entry):
    other = ServiceEntryFactory(slug="dibao", title="低保")
    client.force_login(subdistrict_user)
    response = client.post(update_url(other), entry_data(slug="gaoling-jintie", title="低保"))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    # The heading and links still name the stored entry, not the refused values.
    assert response.context["stored"]["url"] == "/services/dibao/"
    other.refresh_from_db()
    assert other.slug == "dibao"


@pytest.mark.parametrize("slug", ["低保", "di bao", "dibao_", "-dibao", "di--bao", ""])
def test_a_bad_slug_is_refused(client, subdistrict_user, slug):
    client.force_login(subdistrict_user)
    response = client.post(CREATE, entry_data(slug=slug))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not ServiceEntry.objects.exists()


def test_closing_needs_a_note(client, subdistrict_user, entry):
    client.force_login(subdistrict_user)
    response = client.post(update_url(entry), entry_data(status=Status.CLOSED))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["status_note"]
    entry.refresh_from_db()
    assert not entry.is_closed


@pytest.mark.parametrize(
    "path",
    ["https://example.com/apply/", "//example.com/", "javascript:alert(1)", "apply/", "/no/such/"],
)
def test_the_online_address_must_be_a_page_of_the_portal(client, subdistrict_user, path):
    client.force_login(subdistrict_user)
    response = client.post(CREATE, entry_data(online_path=path))
    assert list(response.context["form"].errors) == ["online_path"]
    assert not ServiceEntry.objects.exists()


def test_an_online_address_inside_the_portal_is_accepted(client, subdistrict_user):
    client.force_login(subdistrict_user)
    assert client.post(CREATE, entry_data(online_path="/services/")).status_code == 302
    assert ServiceEntry.objects.get().online_path == "/services/"


def test_required_fields_are_listed_at_the_top(client, subdistrict_user):
    client.force_login(subdistrict_user)
    response = client.post(CREATE, {})
    assert response.status_code == 200
    summary = response.text[response.text.index('id="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    for name in ("title", "slug", "category", "summary", "eligibility", "place", "status"):
        assert f'data-field="{name}"' in summary, name
