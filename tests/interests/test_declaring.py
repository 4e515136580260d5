"""A member declares their interests, or that they have nothing to declare, from their profile."""

import pytest
from django.urls import reverse

from engagement.core.dates import local_today
from meetings.interests import privacy
from meetings.interests.models import Declaration, Interest
from members import privacy as members_privacy

pytestmark = pytest.mark.django_db

FORM = {
    "category": "partner_role",
    "description": "Governor of the hospital trust",
    "organisation": "Riverside Hospitals",
    "partner": "",
    "started_on_0": "1",
    "started_on_1": "4",
    "started_on_2": "2024",
}


def test_it_records_an_interest_sent_from_the_form(client, member):
    client.force_login(member)
    response = client.post(reverse("interests:add"), FORM)
    assert response.status_code == 302
    interest = Interest.objects.get(declaration__person=member)
    assert (interest.organisation, interest.started_on.isoformat()) == ("Riverside Hospitals", "2024-04-01")


def test_declaring_an_interest_dates_the_declaration_today(client, member):
    client.force_login(member)
    client.post(reverse("interests:add"), FORM)
    assert Declaration.objects.get(person=member).confirmed_on == local_today()


def test_it_records_nothing_to_declare_with_the_date(client, member):
    client.force_login(member)
    client.post(reverse("interests:nothing"))
    page = client.get(reverse("interests:mine")).text
    assert Declaration.objects.get(person=member).confirmed_on == local_today()
    assert "You have declared that you have nothing to declare." in page


def test_nothing_to_declare_is_refused_while_an_interest_is_listed(client, member, declare):
    declare(member, "Riverside Hospitals")
    client.force_login(member)
    response = client.post(reverse("interests:nothing"), follow=True)
    assert "You have interests listed" in response.text


def test_the_form_says_interests_must_be_updated_within_28_days(client, member):
    client.force_login(member)
    assert "within 28 days of any change" in client.get(reverse("interests:add")).text


def test_the_profile_links_to_the_interests_page(client, member):
    client.force_login(member)
    assert f'href="{reverse("interests:mine")}"' in client.get(reverse("profile")).text


def test_an_end_before_the_start_is_refused(client, member):
    client.force_login(member)
    response = client.post(
        reverse("interests:add"), FORM | {"ended_on_0": "1", "ended_on_1": "1", "ended_on_2": "2024"}
    )
    assert "The end date must be the same as or after the start date" in response.text


def test_a_member_cannot_open_another_members_interest(client, member, chair, declare):
    interest = declare(chair, "Riverside Hospitals")
    client.force_login(member)
    assert client.get(reverse("interests:edit", args=[interest.pk])).status_code == 404


def test_a_member_cannot_remove_another_members_interest(client, member, chair, declare):
    interest = declare(chair, "Riverside Hospitals")
    client.force_login(member)
    client.post(reverse("interests:remove", args=[interest.pk]))
    assert Interest.objects.filter(pk=interest.pk).exists()


def test_staff_recording_in_the_admin_dates_the_declaration_and_names_them(client, staff, member):
    client.force_login(staff)
    response = client.post(
        reverse("admin:interests_declaration_add"),
        {
            "person": member.pk,
            "interests-TOTAL_FORMS": "1",
            "interests-INITIAL_FORMS": "0",
            "interests-0-category": "voluntary",
            "interests-0-organisation": "Riverside Carers",
            "interests-0-description": "Trustee",
        },
    )
    assert response.status_code == 302
    declaration = Declaration.objects.get(person=member)
    assert (declaration.recorded_by, declaration.interests.get().organisation) == (staff, "Riverside Carers")


def test_the_members_data_download_includes_their_interests(member, declare):
    declare(member, "Riverside Hospitals")
    assert "Riverside Hospitals" in str(privacy.personal_data(member))


def test_erasing_a_member_removes_their_interests_and_past_versions(member, declare):
    interest = declare(member, "Riverside Hospitals")
    interest.organisation = "Hill Surgery"
    interest.save()
    members_privacy.erase(member)
    assert (Interest.history.count(), Declaration.history.count(), Interest.objects.count()) == (0, 0, 0)
