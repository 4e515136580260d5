"""A member adds a UK mobile number, stored in E.164 form, and chooses text message reminders."""

import pytest
from django.urls import reverse

from members.mobile_numbers import INVALID, to_e164
from members.models import User

pytestmark = pytest.mark.django_db
URL = reverse("text_messages")


@pytest.mark.parametrize(
    "typed", ["07700 900982", "07700900982", "+44 7700 900982", "0044 7700 900 982", "(07700) 900-982"]
)
def test_uk_mobile_numbers_are_stored_in_e164_form(typed):
    assert to_e164(typed) == "+447700900982"


@pytest.mark.parametrize("typed", ["020 7946 0000", "12345", "not a number", "+33 6 12 34 56 78"])
def test_other_numbers_are_refused_with_a_clear_error(client, member, typed):
    client.force_login(member)
    response = client.post(URL, {"mobile_number": typed, "text_reminders": "on"})
    assert response.context["form"].errors == {"mobile_number": [INVALID]}
    assert INVALID == "Enter a UK mobile number, like 07700 900 982"


def test_a_member_adds_a_number_and_text_reminders(client, member):
    client.force_login(member)
    response = client.post(URL, {"mobile_number": "07700 900982", "text_reminders": "on"}, follow=True)
    member.refresh_from_db()
    assert (member.mobile_number, member.text_reminders) == ("+447700900982", True)
    assert [str(m) for m in response.context["messages"]] == ["We will text you meeting reminders."]


def test_the_number_is_shown_back_as_people_write_it(client, member):
    User.objects.filter(pk=member.pk).update(mobile_number="+447700900982")
    client.force_login(member)
    assert 'value="07700 900982"' in client.get(URL).text


def test_text_reminders_need_a_number(client, member):
    client.force_login(member)
    response = client.post(URL, {"mobile_number": "", "text_reminders": "on"})
    assert response.context["form"].errors == {
        "mobile_number": ["Enter a UK mobile number to get text message reminders"]
    }


def test_the_page_says_when_no_texts_are_sent_yet(client, member):
    client.force_login(member)
    assert "We are not sending text messages yet." in client.get(URL).text


def test_the_profile_links_to_the_page(client, member):
    client.force_login(member)
    assert f'href="{URL}"' in client.get(reverse("profile")).text


def test_people_who_are_not_signed_in_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_staff_edit_both_in_the_people_admin():
    field = User._meta.get_field("mobile_number").formfield()
    assert field.clean("07700 900982") == "+447700900982"
