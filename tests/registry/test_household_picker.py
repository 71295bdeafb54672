"""The resident form's household picker: a search that fetches a few households at a time,
since a sub-district has far too many for one select."""

import re

import pytest
from django.urls import reverse

from tests.factories import HouseholdFactory, ResidentFactory

OPTIONS = reverse("registry:household-options")


def option_values(html: str) -> list[str]:
    return [v for v in re.findall(r'<option value="(\d*)"', html) if v]


def test_search_finds_households_by_address_or_member_in_scope_only(
    client, staff_a, household_a, resident_a, household_b
):
    client.force_login(staff_a)
    assert option_values(client.get(OPTIONS).text) == [str(household_a.pk)]
    by_address = client.get(OPTIONS, {"household_search": "3幢201"}).text
    assert option_values(by_address) == [str(household_a.pk)]
    by_member = client.get(OPTIONS, {"household_search": resident_a.name}).text
    assert option_values(by_member) == [str(household_a.pk)]
    # Another community's household, searched by its exact address: nothing.
    outside = client.get(OPTIONS, {"household_search": household_b.address}).text
    assert option_values(outside) == []


def test_search_follows_the_chosen_community(client, subdistrict_user, household_a, household_b):
    client.force_login(subdistrict_user)
    both = option_values(client.get(OPTIONS).text)
    assert set(both) == {str(household_a.pk), str(household_b.pk)}
    only_b = client.get(OPTIONS, {"community": household_b.community_id}).text
    assert option_values(only_b) == [str(household_b.pk)]
    assert client.get(OPTIONS, {"community": "x"}).status_code == 404


def test_search_is_for_registry_editors(client, doctor_a):
    client.force_login(doctor_a)
    assert client.get(OPTIONS).status_code == 403


def test_search_returns_at_most_30_in_a_fixed_number_of_queries(
    client, staff_a, community_a, django_assert_max_num_queries
):
    for _ in range(40):
        ResidentFactory(
            community=community_a,
            household=HouseholdFactory(community=community_a),
            relation_to_head="head",
        )
    client.force_login(staff_a)
    # session, user, households; then savepoint, session stamp, release
    with django_assert_max_num_queries(6):
        response = client.get(OPTIONS, {"household_search": "幢"})
    assert len(option_values(response.text)) == 30


@pytest.mark.parametrize("chosen", [True, False])
def test_the_form_lists_the_chosen_household_or_a_first_few(
    client, subdistrict_user, community_a, household_a, chosen
):
    for _ in range(40):
        HouseholdFactory(community=community_a)
    client.force_login(subdistrict_user)
    query = {"household": household_a.pk} if chosen else {}
    html = client.get(reverse("registry:resident-create"), query).text
    select = html[html.index('id="id_household"') :]
    select = select[: select.index("</select>")]
    offered = option_values(select)
    if chosen:
        assert offered == [str(household_a.pk)]
    else:
        assert len(offered) == 30
    assert f'data-hx-get="{OPTIONS}"' in html
