"""With GOV.UK Notify, the confirmation before staff tell many people counts each way a message goes, and
lists for staff to contact only the people no message reaches, so no one is contacted twice."""

import pytest
from django.urls import reverse

from engagement.core import confirm, notifications
from engagement.core.confirm import CONFIRMED
from engagement.core.models import Notification
from members.models import Membership, User
from tests.conftest import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_letters")]
Channel, Status = Notification.Channel, Notification.Status
URL = reverse("admin:meetings_meeting_changelist")


@pytest.fixture
def by_post(peg):
    person = make_person(
        "post@example.org",
        "Pat Post",
        communication_preference=User.CommunicationPreference.POST,
        address="1 Station Road\nReading",
        postcode="RG1 1AA",
    )
    Membership.objects.create(user=person, group=peg)
    return person


@pytest.fixture
def by_phone(peg):
    """Asked for phone, with no mobile number: no text message can reach them."""
    person = make_person("phone@example.org", "Ruth Okafor", communication_preference="phone", phone="0113 496 0000")
    Membership.objects.create(user=person, group=peg)
    return person


@pytest.fixture
def texted(peg):
    person = make_person(
        "texted@example.org", "Tess Text", communication_preference="phone", mobile_number="+447700900982"
    )
    Membership.objects.create(user=person, group=peg)
    return person


def names(people):
    return sorted(person.full_name for person in people)


def test_with_letters_on_post_people_get_a_letter_and_are_not_listed_to_contact(fake_notify, meeting, member, by_post):
    emailed, offline, _ = confirm.audience([(meeting, [member, by_post])], "papers-issued")
    assert (names(emailed), names(offline.lettered), list(offline)) == (["Olivia Bennett"], ["Pat Post"], [])


def test_with_letters_off_post_people_are_listed_to_contact(fake_notify, settings, meeting, by_post):
    settings.NOTIFY_LETTERS_ENABLED = False
    _, offline, _ = confirm.audience([(meeting, [by_post])], "papers-issued")
    assert (names(offline), offline.lettered) == (["Pat Post"], [])


def test_a_kind_with_no_letter_leaves_post_people_to_contact(fake_notify, meeting, by_post):
    _, offline, _ = confirm.audience([(meeting, [by_post])], "minutes-approved")
    assert (names(offline), offline.lettered) == (["Pat Post"], [])


def test_phone_people_without_a_mobile_number_are_listed_to_contact(fake_notify, meeting, by_phone):
    _, offline, _ = confirm.audience([(meeting, [by_phone])], "reminder-1")
    assert (names(offline), offline.texted) == (["Ruth Okafor"], [])


def test_phone_people_with_a_mobile_number_are_texted_the_kinds_with_a_text(fake_notify, meeting, texted):
    _, offline, _ = confirm.audience([(meeting, [texted])], "reminder-1")
    assert (names(offline.texted), list(offline)) == (["Tess Text"], [])


def test_the_counts_are_what_plan_makes(fake_notify, meeting, member, by_post, by_phone, texted):
    everyone = [member, by_post, by_phone, texted]
    for event in ["invitation", "reminder-1", "minutes-approved"]:
        emailed, offline, _ = confirm.audience([(meeting, everyone)], event)
        notifications.plan(meeting, event, everyone)
        planned = Notification.objects.filter(event=event)
        assert {
            (channel, person.full_name)
            for channel, people in [
                (Channel.EMAIL, emailed),
                (Channel.SMS, offline.texted),
                (Channel.LETTER, offline.lettered),
            ]
            for person in people
        } == {(row.channel, row.user.full_name) for row in planned}, event
        # Once sent, no one is counted again.
        planned.update(status=Status.SENT)
        emailed, offline, _ = confirm.audience([(meeting, everyone)], event)
        assert (emailed, offline.texted, offline.lettered) == ([], [], []), event


def test_a_letter_staff_decided_not_to_post_is_not_counted_again(fake_notify, meeting, by_post):
    Notification.objects.create(
        user=by_post, subject=meeting, event="papers-issued", channel=Channel.LETTER, status=Status.NOT_SENT
    )
    _, offline, _ = confirm.audience([(meeting, [by_post])], "papers-issued")
    assert offline.lettered == []


def test_told_counts_texts_and_letters_apart_from_those_to_contact(fake_notify, meeting, member, by_post, by_phone):
    emailed, offline, _ = confirm.audience([(meeting, [member, by_post, by_phone])], "papers-issued")
    assert confirm.told(len(emailed), offline, "member") == (
        "1 member e-mailed, 1 letter waiting for your approval, 1 to contact by phone"
    )


def test_the_page_counts_each_way_and_lists_only_those_no_message_reaches(
    client, staff, fake_notify, meeting, member, by_post, by_phone
):
    client.force_login(staff)
    page = client.post(URL, {"action": "issue_papers", "_selected_action": [meeting.pk]}).text
    assert "<li>1 by e-mail</li>" in page
    assert "<li>0 by text message</li>" in page
    assert "<li>1 by letter (waiting for your approval before posting" in page
    listed = page[page.index("To contact yourselves by post or phone (1)") :]
    assert "Ruth Okafor" in listed and "Pat Post" not in listed
    assert fake_notify.requests == []


def test_without_notify_the_page_is_as_before(client, staff, meeting, member, by_post):
    client.force_login(staff)
    page = client.post(URL, {"action": "issue_papers", "_selected_action": [meeting.pk]}).text
    assert "1 person will be e-mailed." in page and "by letter" not in page
    assert "Pat Post" in page[page.index("To contact yourselves by post or phone (1)") :]


def test_sending_says_what_went_and_the_letter_waits_for_approval(
    client, staff, fake_notify, meeting, member, by_post, by_phone, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            URL, {"action": "issue_papers", "_selected_action": [meeting.pk], CONFIRMED: "1"}, follow=True
        )
    assert [str(m) for m in done.context["messages"]] == [
        "Papers issued for 1 meeting; 1 member e-mailed, 1 letter waiting for your approval, 1 to contact by phone."
    ]
    # Issuing papers also sends the invitation if it has not gone yet: e-mails only, no letter posted.
    assert {path for path, _ in fake_notify.sent} == {"/v2/notifications/email"}
    letter = Notification.objects.get(channel=Channel.LETTER, event="papers-issued")
    assert (letter.user, letter.status) == (by_post, Status.AWAITING_APPROVAL)


def test_cancelling_lists_a_post_person_never_told_and_letters_only_those_told(
    client, staff, fake_notify, meeting, member, by_post, peg
):
    told = make_person(
        "told@example.org", "Terry Told", communication_preference="post", address="2 High St", postcode="RG1 2AA"
    )
    Membership.objects.create(user=told, group=peg)
    for person, channel in [(member, Channel.EMAIL), (told, Channel.LETTER)]:
        Notification.objects.create(
            user=person, subject=meeting, event="invitation", channel=channel, status=Status.SENT
        )
    client.force_login(staff)
    page = client.post(URL, {"action": "cancel_meetings", "_selected_action": [meeting.pk]}).text
    # Terry had the invitation letter, so gets the cancellation by letter; Pat's was never posted.
    assert "<li>1 by letter (waiting for your approval before posting" in page
    listed = page[page.index("To contact yourselves by post or phone (1)") :]
    assert "Pat Post" in listed and "Terry Told" not in listed
