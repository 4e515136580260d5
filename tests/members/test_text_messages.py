"""A member adds a UK mobile number, stored in E.164 form, and chooses text message reminders."""

import pytest
from django.urls import reverse

from members.mobile_numbers import INVALID, to_e164
from members.models import User

pytestmark = pytest.mark.django_db
URL = reverse("text_messages")


@pytest.mark.parametrize(
    "typed",
    ["07700 900982", "07700900982", "+44 7700 900982", "0044 7700 900 982", "(07700) 900-982", "+44 (0)7700 900982"],
)
def test_uk_mobile_numbers_are_stored_in_e164_form(typed):
    assert to_e164(typed) == "+447700900982"


@pytest.mark.parametrize(
    "typed",
    [
        "020 7946 0000",
        "12345",
        "not a number",
        "+33 6 12 34 56 78",
        # The drama range (07700 900xxx) is a mobile number like any other: all 11 digits, nothing else.
        "07700 900 982 ext",
        "07700900",
        "07700 900 982 1234567",
        "07911 123456 ext",
        "07911 12345",
        "07911 1234567",
        "07911 12345six",
    ],
)
def test_other_numbers_are_refused_with_a_clear_error(client, member, typed):
    client.force_login(member)
    response = client.post(URL, {"mobile_number": typed, "text_reminders": "on"})
    assert response.context["form"].errors == {"mobile_number": [INVALID]}
    assert INVALID == "Enter a UK mobile number, like 07700 900 982"


def test_after_an_error_the_number_is_shown_as_it_was_typed(client, member):
    client.force_login(member)
    response = client.post(URL, {"mobile_number": "+1 202 555 0123", "text_reminders": "on"})
    assert 'value="+1 202 555 0123"' in response.text


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


def test_the_profile_shows_the_number_as_people_write_it(client, member):
    User.objects.filter(pk=member.pk).update(mobile_number="+447911123456", text_reminders=True)
    client.force_login(member)
    text = client.get(reverse("profile")).text
    assert "Text message reminders: on, to 07911 123456." in text
    assert "+447911123456" not in text


def test_the_profile_shows_a_saved_number_with_reminders_off(client, member):
    User.objects.filter(pk=member.pk).update(mobile_number="+447911123456", text_reminders=False)
    client.force_login(member)
    assert "Text message reminders: off. Mobile number: 07911 123456." in client.get(reverse("profile")).text


def test_the_number_is_suggested_from_the_profiles_phone_number_if_it_is_a_mobile(client, member):
    User.objects.filter(pk=member.pk).update(phone="07911 123 456")
    client.force_login(member)
    assert 'value="07911 123456"' in client.get(URL).text


def test_a_landline_phone_number_is_not_suggested(client, member):
    User.objects.filter(pk=member.pk).update(phone="020 7946 0000")
    client.force_login(member)
    form = client.get(URL).context["form"]
    assert form["mobile_number"].value() in {None, ""}


def test_a_saved_mobile_number_is_shown_rather_than_the_phone_number(client, member):
    User.objects.filter(pk=member.pk).update(phone="07911 123456", mobile_number="+447700900982")
    client.force_login(member)
    assert 'value="07700 900982"' in client.get(URL).text


@pytest.fixture
def by_phone(member):
    User.objects.filter(pk=member.pk).update(
        communication_preference=User.CommunicationPreference.PHONE, mobile_number="+447911123456"
    )
    return User.objects.get(pk=member.pk)


def test_people_who_asked_for_phone_are_told_they_are_texted_without_a_tick_box(client, by_phone):
    client.force_login(by_phone)
    response = client.get(URL)
    assert "You asked us to contact you by phone. With a mobile number, we text you meeting reminders." in (
        response.text
    )
    assert "text_reminders" not in response.context["form"].fields


def test_the_profile_says_people_who_asked_for_phone_are_texted(client, by_phone):
    client.force_login(by_phone)
    assert "Text message reminders: on, to 07911 123456." in client.get(reverse("profile")).text


def test_people_who_asked_for_phone_are_told_on_saving_that_they_are_texted(client, by_phone):
    client.force_login(by_phone)
    response = client.post(URL, {"mobile_number": "07911 123456"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["We will text you meeting reminders."]


@pytest.mark.parametrize(
    ("preference", "told"),
    [
        (User.CommunicationPreference.EMAIL, "You still get the e-mail reminder."),
        (User.CommunicationPreference.POST, "Invitations, papers and changes to meetings still come by post."),
    ],
)
def test_the_tick_box_says_what_else_people_get(client, member, preference, told):
    User.objects.filter(pk=member.pk).update(communication_preference=preference)
    client.force_login(member)
    assert told in client.get(URL).text
