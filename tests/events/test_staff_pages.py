"""Staff pages in the admin: the event form's checks, registrations and access needs, the CSV, the register
on the day, places added, the plan's link and the staff home."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from engagement.core.confirm import CONFIRMED
from feedback.events import services
from feedback.events.models import Event, Registration
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

Status = Registration.Status


def registrations_url(event):
    return reverse("admin:events_event_registrations", args=[event.pk])


def register_url(event):
    return reverse("admin:events_event_register", args=[event.pk])


@pytest.fixture
def replies(event, make_registration):
    """Two coming (with needs), one waiting, one not coming, one cancelled, one with no reply."""
    return [
        make_registration(
            event, "Ann Lee", status=Status.COMING, access_needs=["bsl", "step_free"], access_details="Needs a seat."
        ),
        make_registration(event, "Bob Hart", status=Status.COMING, access_needs=["step_free"]),
        make_registration(event, "Cat Wood", status=Status.WAITING, access_needs=["dietary"], access_details="Vegan"),
        make_registration(event, "Dan Ross", status=Status.NOT_COMING),
        make_registration(event, "Eve Shaw", status=Status.CANCELLED),
        make_registration(event, "Fay Moss", email=""),
    ]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"end_hours": -1}, "end"),
        ({"venue": None}, "venue"),
        ({"capacity": 0}, "capacity"),
        ({"sign_up_open": True}, "sign_up_open"),
    ],
)
def test_an_event_must_make_sense(plan, venue, fields, field):
    start = timezone.now() + timedelta(days=7)
    event = Event(
        plan=plan,
        title="Workshop",
        purpose="To listen.",
        start=start,
        end=start + timedelta(hours=fields.pop("end_hours", 3)),
        venue=fields.pop("venue", venue),
        **fields,
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert list(error.value.message_dict) == [field]


def test_an_online_event_needs_no_venue(plan):
    start = timezone.now() + timedelta(days=7)
    Event(
        plan=plan, title="Online", purpose="x", start=start, end=start + timedelta(hours=1), online_link="https://x.org"
    ).full_clean()


def test_the_registrations_page_counts_replies_and_rolls_up_needs_without_names(client, staff, event, replies):
    client.force_login(staff)
    response = client.get(registrations_url(event))
    assert response.context["counts"] == {"coming": 2, "waiting": 1, "not_coming": 2, "no_reply": 1}
    # Only those coming: the venue plans for them.
    assert response.context["needs"] == [("A British Sign Language interpreter", 1), ("Step-free access", 2)]
    assert response.context["details"] == ["Needs a seat."]


def test_invitees_with_no_e_mail_address_are_listed_to_phone(client, staff, event, stakeholders):
    services.invite(event, stakeholders)
    client.force_login(staff)
    offline = client.get(registrations_url(event)).context["offline"]
    assert [registration.name for registration in offline] == ["Bill Hart"]


# The registrations page: 1 session, 2 user, 3 the event with its venue, 4 the user's own and their
# groups' permissions (the admin's checks share them), 5 its registrations. The counts, needs and phone list
# come from the same rows.
REGISTRATIONS_QUERIES = 5


def test_the_registrations_page_takes_the_same_queries_however_many_registered(
    client, staff, event, replies, make_registration, django_assert_num_queries
):
    client.force_login(staff)
    with django_assert_num_queries(REGISTRATIONS_QUERIES):
        assert client.get(registrations_url(event)).status_code == 200
    for i in range(30):
        make_registration(event, f"Person{i} Reed", status=Status.COMING, access_needs=["hearing_loop"])
    with django_assert_num_queries(REGISTRATIONS_QUERIES):
        assert client.get(registrations_url(event)).status_code == 200


def test_the_csv_lists_every_registration_with_their_needs(client, staff, event, replies):
    replies[0].name = "=HYPERLINK()"
    replies[0].save()
    client.force_login(staff)
    response = client.get(reverse("admin:events_event_registrations_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["Name", "E-mail address", "Phone number", "Organisation", "Category", "Reply"]
    assert len(rows) == 7
    ann = next(row for row in rows if row[0] == "'=HYPERLINK()")
    assert ann[5:8] == ["Coming", "A British Sign Language interpreter; Step-free access", "Needs a seat."]


def on_the_day(event):
    """The event moved to have started a minute ago: its register is open."""
    start = timezone.now() - timedelta(minutes=1)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=3))
    event.refresh_from_db()
    return event


def test_the_register_ticks_who_came_and_adds_walk_ins(client, staff, event, replies):
    on_the_day(event)
    client.force_login(staff)
    ann, bob, cat = replies[:3]
    page = client.get(register_url(event))
    # People with a place and on the waiting list; not those who said no or have not replied.
    assert [line.name for line in page.context["form"].lines] == ["Ann Lee", "Bob Hart", "Cat Wood"]
    response = client.post(
        register_url(event),
        {"present": [ann.pk, cat.pk], "walk_in_name": "Gus Field", "walk_in_category": "ppg"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Register saved, and Gus Field added."]
    came = dict(event.registrations.values_list("name", "attended"))
    assert (came["Ann Lee"], came["Bob Hart"], came["Cat Wood"], came["Gus Field"]) == (True, False, True, True)
    assert came["Dan Ross"] is None
    gus = Registration.objects.get(name="Gus Field")
    assert (gus.category, gus.status) == ("ppg", Status.COMING)
    # The walk-in is on the register next time, ticked.
    assert "Gus Field" in [line.name for line in client.get(register_url(event)).context["form"].lines]


def test_adding_places_offers_them_to_the_waiting_list_in_turn(client, staff, public_event, make_registration):
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    make_registration(public_event, "Bob Hart", status=Status.COMING)
    now = timezone.now()
    make_registration(public_event, "Cat Wood", status=Status.WAITING, waiting_since=now)
    make_registration(public_event, "Dan Ross", status=Status.WAITING, waiting_since=now - timedelta(hours=1))
    public_event.capacity = 3
    public_event.save()
    assert services.offer_free_places(public_event) == 1
    assert Registration.objects.get(name="Dan Ross").status == Status.COMING
    assert Registration.objects.get(name="Cat Wood").status == Status.WAITING


def test_the_event_page_links_to_its_staff_pages(client, staff, event):
    client.force_login(staff)
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).text
    for url in [registrations_url(event), register_url(event), reverse("admin:events_event_invite", args=[event.pk])]:
        assert url in page


def test_the_plans_admin_page_links_to_its_events(client, staff, plan):
    client.force_login(staff)
    page = client.get(reverse("admin:planning_engagementplan_change", args=[plan.pk])).text
    assert reverse("admin:events_event_changelist") + f"?plan__id__exact={plan.pk}" in page


def test_the_plan_page_lists_its_events(client, member, event, public_event):
    client.force_login(member)
    page = client.get(reverse("planning:plan_detail", args=[event.plan.project_id])).text
    assert "Dementia services workshop" in page and public_event.get_public_url() in page


def test_the_staff_home_lists_events_to_come_with_their_replies(client, staff, event, replies):
    client.force_login(staff)
    page = client.get(reverse("admin:index")).text
    assert "Workshops and events to come" in page
    assert registrations_url(event) in page


@pytest.mark.parametrize("name", ["registrations", "registrations_csv", "register", "invite"])
def test_members_and_visitors_are_sent_to_sign_in(client, member, event, name):
    url = reverse(f"admin:events_event_{name}", args=[event.pk])
    assert "/login/" in client.get(url).url
    client.force_login(member)
    assert "/login/" in client.get(url).url


def test_staff_without_the_events_permission_are_refused(client, event):
    clerk = make_person("clerk@example.org", "Clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(registrations_url(event)).status_code == 403


def event_form(plan, **fields):
    start = timezone.localtime(timezone.now() + timedelta(days=10))
    return {
        "plan": plan.pk,
        "step": 3,
        "title": "Carers' workshop",
        "purpose": "To listen.",
        "start_0": start.strftime("%d/%m/%Y"),
        "start_1": "14:00:00",
        "end_0": start.strftime("%d/%m/%Y"),
        "end_1": "16:00:00",
        "venue": "",
        "online_link": "",
        "capacity": "",
        "audience": "invited",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "feedback-TOTAL_FORMS": "0",
        "feedback-INITIAL_FORMS": "0",
        **fields,
    }


def test_staff_add_an_event_from_the_plans_link_and_are_told_what_is_missing(client, staff, plan, venue):
    client.force_login(staff)
    add = reverse("admin:events_event_add")
    assert client.get(add + f"?plan={plan.pk}").context["adminform"].form.initial["plan"] == str(plan.pk)
    response = client.post(add, event_form(plan))
    assert "Choose a venue, or give an online joining link, or both." in response.text
    response = client.post(add, event_form(plan, venue=venue.pk, capacity="20"))
    assert response.status_code == 302
    assert Event.objects.get().capacity == 20


def test_adding_places_in_the_admin_offers_them_to_the_waiting_list(
    client, staff, public_event, make_registration, mailoutbox, django_capture_on_commit_callbacks
):
    for name in ["Ann Lee", "Bob Hart"]:
        make_registration(public_event, name, status=Status.COMING)
    waiting = make_registration(public_event, "Cat Wood", status=Status.WAITING, waiting_since=timezone.now())
    client.force_login(staff)
    start, end = timezone.localtime(public_event.start), timezone.localtime(public_event.end)
    data = event_form(
        public_event.plan,
        title=public_event.title,
        start_0=start.strftime("%d/%m/%Y"),
        start_1=start.strftime("%H:%M:%S"),
        end_0=end.strftime("%d/%m/%Y"),
        end_1=end.strftime("%H:%M:%S"),
        venue=public_event.venue_id,
        capacity="3",
        audience="public",
        sign_up_open="on",
    )
    data["registrations-INITIAL_FORMS"] = data["registrations-TOTAL_FORMS"] = "3"
    for i, registration in enumerate(public_event.registrations.order_by("name", "pk")):
        data[f"registrations-{i}-id"] = registration.pk
        data[f"registrations-{i}-event"] = public_event.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:events_event_change", args=[public_event.pk]), data | {CONFIRMED: "1"}, follow=True
        )
    assert "1 place offered to the waiting list" in response.text
    waiting.refresh_from_db()
    assert waiting.status == Status.COMING
    assert [m.to for m in mailoutbox] == [[waiting.email]]


@pytest.fixture
def waiting_list(public_event, make_registration):
    """Both places taken; two people waiting, Dan first."""
    for name in ["Ann Lee", "Bob Hart"]:
        make_registration(public_event, name, status=Status.COMING)
    now = timezone.now()
    return [
        make_registration(public_event, "Dan Ross", status=Status.WAITING, waiting_since=now - timedelta(hours=1)),
        make_registration(public_event, "Cat Wood", status=Status.WAITING, waiting_since=now),
    ]


def change_form(event, **fields):
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    as_it_is = {
        "title": event.title,
        "start_0": start.strftime("%d/%m/%Y"),
        "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%d/%m/%Y"),
        "end_1": end.strftime("%H:%M:%S"),
        "venue": event.venue_id,
        "capacity": event.capacity or "",
        "audience": event.audience,
        **({"sign_up_open": "on"} if event.sign_up_open else {}),
    }
    return event_form(event.plan, **(as_it_is | fields))


def test_adding_places_asks_first_with_a_count_and_the_e_mail(
    client, staff, public_event, waiting_list, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:events_event_change", args=[public_event.pk]), change_form(public_event, capacity="3")
        )
    assert "offer 1 place to the waiting list?" in response.text
    assert "1 person will be e-mailed" in response.text
    assert "A place has come up: Dementia services: public drop-in" in response.text
    assert mailoutbox == []
    public_event.refresh_from_db()
    assert public_event.capacity == 2
    assert {r.status for r in waiting_list if r.refresh_from_db() is None} == {Status.WAITING}


def register_get(client, event):
    return client.get(register_url(event))


def test_the_register_opens_on_the_events_day(client, staff, event, replies):
    client.force_login(staff)
    response = register_get(client, event)
    day = timezone.localtime(event.start)
    assert f"The register opens on {day:%A} {day.day} {day:%B %Y}, the day of the event." in response.text
    assert "form" not in response.context


def test_the_register_is_not_saved_before_the_events_day(client, staff, event, replies):
    client.force_login(staff)
    response = client.post(register_url(event), {"present": [replies[0].pk]}, follow=True)
    assert [str(m) for m in response.context["messages"]][0].startswith("Nothing saved. The register opens on")
    assert not event.registrations.filter(attended__isnull=False).exists()


def test_a_walk_in_needs_a_category(client, staff, event, replies):
    on_the_day(event)
    client.force_login(staff)
    response = client.post(register_url(event), {"walk_in_name": "Gus Field", "walk_in_category": ""})
    assert "Choose who they are, or Other if none fits" in response.text
    assert not event.registrations.filter(name="Gus Field").exists()


def test_a_walk_in_with_the_name_of_someone_on_the_register_is_not_saved(client, staff, event, replies):
    on_the_day(event)
    client.force_login(staff)
    response = client.post(register_url(event), {"walk_in_name": " ann  lee", "walk_in_category": "other"})
    assert "Ann Lee is already on the register: tick their name above instead." in response.text
    assert event.registrations.filter(name__iexact="ann lee").count() == 1


def test_a_walk_in_with_the_same_name_is_saved_when_staff_say_it_is_a_different_person(client, staff, event, replies):
    on_the_day(event)
    client.force_login(staff)
    client.post(
        register_url(event), {"walk_in_name": "Ann Lee", "walk_in_category": "other", "walk_in_different": "on"}
    )
    assert event.registrations.filter(name="Ann Lee", attended=True).count() == 1


@time_machine.travel(datetime(2030, 3, 12, 9, 0, tzinfo=UTC), tick=False)
def test_walk_ins_are_not_listed_to_phone_when_the_event_is_cancelled(client, staff, event, replies):
    # The register is open in the morning of an afternoon event, which can still be cancelled.
    start = datetime(2030, 3, 12, 14, 0, tzinfo=UTC)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=3))
    services.add_walk_in(event, name="Gus Field", category="other")
    client.force_login(staff)
    response = client.post(
        reverse("admin:events_event_changelist"), {"action": "cancel_events", "_selected_action": [event.pk]}
    )
    assert "Fay Moss" in response.text  # invited, with no e-mail address: still to phone
    assert "Gus Field" not in response.text


def test_events_people_registered_for_are_not_deleted_and_staff_are_pointed_to_cancel(
    client, staff, event, replies, make_event
):
    spare = make_event(title="Made by mistake")
    client.force_login(staff)
    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk, spare.pk], "post": "yes"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing deleted: “Dementia services workshop” has people invited or signed up. Use “Cancel the selected "
        "events and tell everyone expecting them” instead."
    ]
    assert Event.objects.count() == 2


def test_an_event_no_one_registered_for_can_be_deleted(client, staff, make_event):
    spare = make_event(title="Made by mistake")
    client.force_login(staff)
    client.post(
        reverse("admin:events_event_changelist"),
        {"action": "delete_selected", "_selected_action": [spare.pk], "post": "yes"},
    )
    assert not Event.objects.exists()


def test_the_change_form_offers_no_delete_once_people_are_registered(client, staff, event, replies):
    client.force_login(staff)
    response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.context["has_delete_permission"] is False


def test_the_add_form_does_not_say_when_it_was_cancelled(client, staff, plan):
    client.force_login(staff)
    response = client.get(reverse("admin:events_event_add") + f"?plan={plan.pk}")
    assert "cancelled_at" not in response.context["adminform"].form.fields
    assert "Cancelled at" not in response.text


@pytest.mark.parametrize("name", ["invite", "registrations", "register"])
def test_the_events_pages_link_back_to_the_events_section_and_the_plan(client, staff, event, name):
    client.force_login(staff)
    page = client.get(reverse(f"admin:events_event_{name}", args=[event.pk])).text
    assert f'<a href="{reverse("admin:app_list", args=["events"])}">Workshops and public events</a>' in page
    assert reverse("admin:planning_engagementplan_change", args=[event.plan_id]) in page


def test_moving_and_adding_places_at_once_says_both_on_the_one_page(client, staff, public_event, waiting_list):
    client.force_login(staff)
    response = client.post(
        reverse("admin:events_event_change", args=[public_event.pk]),
        change_form(public_event, capacity="3", online_link="https://meet.example.org/drop-in"),
    )
    assert "The places added are then offered to 1 person on the waiting list" in response.text
