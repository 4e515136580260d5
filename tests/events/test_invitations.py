"""Inviting stakeholders from the plan: chosen by category or one by one, through the confirmation page."""

import pytest
from django.urls import reverse

from engagement.core import notifications
from engagement.core.confirm import CONFIRMED
from feedback.events import services
from feedback.events.models import Registration
from feedback.models import Project
from feedback.planning.models import EngagementPlan, Stakeholder

pytestmark = pytest.mark.django_db


def url(event):
    return reverse("admin:events_event_invite", args=[event.pk])


def test_the_page_offers_the_plans_categories_and_people(client, staff, event, stakeholders):
    client.force_login(staff)
    page = client.get(url(event)).text
    assert "Voluntary sector organisation" in page and "Parish or town council" in page
    assert "Local councillor" not in page  # no one on the plan in that category
    assert "Bill Hart, Downs Parish Council: Parish or town council (no e-mail address)" in page


def test_choosing_asks_first_with_a_count_a_preview_and_who_to_phone(
    client, staff, event, stakeholders, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), {"categories": ["voluntary_sector"], "stakeholders": [stakeholders[3].pk]})
    assert "2 people will be e-mailed" in response.text
    assert "You are invited: Dementia services workshop" in response.text
    assert "Bill Hart" in response.text and "01632 960123" in response.text
    assert mailoutbox == [] and not Registration.objects.exists()


def test_sending_invites_each_chosen_person_once_with_their_private_link(
    client, staff, event, stakeholders, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    chosen = {"categories": ["voluntary_sector"], "stakeholders": [stakeholders[0].pk, stakeholders[3].pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), chosen | {CONFIRMED: "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "3 invitations e-mailed. 1 person has no e-mail address: contact them by phone or post "
        "(they are listed on the registrations page)."
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.org", "priya@example.org", "tom@example.org"]
    priya = Registration.objects.get(name="Priya Shah")
    assert (priya.organisation, priya.category, priya.status) == (
        "Healthwatch Riverside",
        Stakeholder.Category.HEALTHWATCH,
        Registration.Status.INVITED,
    )
    message = next(m for m in mailoutbox if m.to == ["priya@example.org"])
    assert priya.get_reply_url() in message.body
    # Bill has no address: a registration to record his reply, listed for staff to phone.
    bill = Registration.objects.get(name="Bill Hart")
    assert bill.phone == "01632 960123"
    assert "Record their reply" in client.get(reverse("admin:events_event_registrations", args=[event.pk])).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(event), chosen | {CONFIRMED: "1"})
    assert Registration.objects.count() == 4 and len(mailoutbox) == 3


def test_people_already_invited_are_left_out_and_said_so(client, staff, event, stakeholders):
    services.invite(event, stakeholders[:1])
    client.force_login(staff)
    # Priya, invited, is in the Healthwatch category chosen whole.
    response = client.post(url(event), {"categories": ["healthwatch"], "stakeholders": [stakeholders[1].pk]})
    assert "1 person already invited, left out." in response.text
    assert "1 person will be e-mailed" in response.text


def test_someone_invited_since_the_page_was_opened_is_left_out_and_said_so(client, staff, event, stakeholders):
    services.invite(event, stakeholders[:1])
    client.force_login(staff)
    response = client.post(url(event), {"stakeholders": [stakeholders[0].pk, stakeholders[1].pk]})
    assert "1 person already invited, left out." in response.text


def test_choosing_no_one_is_an_error(client, staff, event, stakeholders):
    client.force_login(staff)
    response = client.post(url(event), {})
    assert "Choose a category, or at least one person, to invite." in response.text


def test_stakeholders_of_another_plan_cannot_be_invited(event, stakeholders, make_event, plan, project):
    other_project = Project.objects.create(title="Other", partner=project.partner, summary="x")
    other = Stakeholder.objects.create(
        plan=EngagementPlan.objects.create(project=other_project), name="Zed", category="other", email="z@example.org"
    )
    services.invite(event, [other])
    assert not Registration.objects.exists()


def test_the_invitation_is_sent_once_however_often_it_is_delivered(event, stakeholders, mailoutbox):
    services.invite(event, stakeholders[:1])
    registration = Registration.objects.get()
    [notification_id] = notifications.plan_to_subject(registration, "invitation")
    notifications.deliver(notification_id)
    notifications.deliver(notification_id)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("who", ["member", "visitor"])
def test_members_and_visitors_cannot_invite(client, request, event, stakeholders, who):
    if who == "member":
        client.force_login(request.getfixturevalue("member"))
    response = client.get(url(event))
    assert response.status_code == 302 and "/login/" in response.url


def test_the_page_marks_people_already_invited_with_their_reply_and_gives_them_no_box(
    client, staff, event, stakeholders
):
    services.invite(event, stakeholders[:1])
    Registration.objects.filter(name="Priya Shah").update(status=Registration.Status.COMING)
    client.force_login(staff)
    response = client.get(url(event))
    assert "Priya Shah, Healthwatch Riverside: Healthwatch (invited: coming)" in response.text
    boxes = [value for value, _ in response.context["form"].fields["stakeholders"].widget.choices]
    assert str(stakeholders[0].pk) not in boxes and str(stakeholders[1].pk) in boxes
    assert f'value="{stakeholders[0].pk}"' not in response.text
