import pytest
from django.urls import reverse

from members.models import AccessNeed


@pytest.mark.django_db
def test_it_saves_profile_changes(client, member):
    need = AccessNeed.objects.create(name="Large print")
    client.force_login(member)
    response = client.post(
        reverse("edit_profile"),
        {"preferred_name": "Liv", "postcode": "zz1 1aa", "communication_preference": "post", "access_needs": [need.pk]},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.preferred_name, member.postcode, member.communication_preference) == ("Liv", "ZZ1 1AA", "post")
    assert list(member.access_needs.all()) == [need]


@pytest.mark.django_db
def test_it_keeps_what_was_typed_when_there_is_an_error(client, member):
    client.force_login(member)
    response = client.post(
        reverse("edit_profile"),
        {"preferred_name": "Liv", "access_needs_other": "A quiet room", "communication_preference": "pigeon"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "A quiet room" in response.text
    assert 'value="Liv"' in response.text


@pytest.mark.django_db
def test_the_profile_shows_the_members_groups(client, member):
    client.force_login(member)
    response = client.get(reverse("profile"))
    assert "Public Engagement Group" in response.text
    assert member.email in response.text
