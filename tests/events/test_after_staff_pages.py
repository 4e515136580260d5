"""Staff's page after an event: typing in what was heard, theming it, next steps; who may open it."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from feedback.events.after_admin import EventFeedbackInline
from feedback.events.after_forms import split_items
from feedback.events.models import Event, EventFeedback
from feedback.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_event):
    """A workshop held yesterday: what was heard is typed in once the event has started."""
    return make_event(days=-1)


@pytest.fixture
def staff_page(event):
    return reverse("admin:events_eventfeedback_event", args=[event.pk])


@pytest.fixture
def themes(db):
    return [Theme.objects.create(name="Transport"), Theme.objects.create(name="Carers")]


def test_it_saves_one_item_per_line_marked_as_entered_by_staff(client, staff, event, staff_page):
    client.force_login(staff)
    text = "Buses stop at 6pm\n\n- Parking is hard\r\n1. Carers need respite\n"
    response = client.post(staff_page, {"do": "paste", "text": text, "split": "lines", "source": "form"}, follow=True)
    items = list(EventFeedback.objects.filter(event=event).order_by("pk"))
    assert [item.text for item in items] == ["Buses stop at 6pm", "Parking is hard", "Carers need respite"]
    assert {(item.source, item.entered_by) for item in items} == {("form", staff)}
    assert "3 items of feedback saved (one item to a line)." in response.text


def test_it_refuses_typed_in_feedback_before_the_event_has_started(client, staff, make_event):
    upcoming = make_event(days=3)
    staff_page = reverse("admin:events_eventfeedback_event", args=[upcoming.pk])
    client.force_login(staff)
    assert "The event has not started yet: you can type in what was heard once it has" in client.get(staff_page).text
    response = client.post(staff_page, {"do": "paste", "text": "Buses stop at 6pm", "source": "form"}, follow=True)
    assert "Nothing saved. The event has not started yet" in response.text
    assert not EventFeedback.objects.exists()


def test_it_keeps_an_item_over_several_lines_whole_when_blank_lines_separate_items():
    text = "The memory clinic is far\nand the bus takes an hour\n\nCarers need a named contact"
    assert split_items(text, "blank_lines") == [
        "The memory clinic is far and the bus takes an hour",
        "Carers need a named contact",
    ]


def test_it_keeps_what_was_typed_when_the_source_is_missing(client, staff, event, staff_page):
    client.force_login(staff)
    response = client.post(staff_page, {"do": "paste", "text": "Buses stop at 6pm", "source": ""})
    assert response.status_code == 200
    assert "Buses stop at 6pm</textarea>" in response.text
    assert not EventFeedback.objects.exists()


def test_it_gives_the_ticked_items_a_theme(client, staff, event, staff_page, themes):
    said = [EventFeedback.objects.create(event=event, text=text) for text in ["Buses", "Parking", "Respite"]]
    client.force_login(staff)
    response = client.post(
        staff_page, {"do": "theme", "items": [said[0].pk, said[1].pk], "theme": themes[0].pk}, follow=True
    )
    assert [item.theme for item in EventFeedback.objects.order_by("pk")] == [themes[0], themes[0], None]
    assert "2 items given the theme “Transport”." in response.text


def test_it_themes_only_the_events_own_feedback(client, staff, event, make_event, staff_page, themes):
    other = EventFeedback.objects.create(event=make_event(title="Another event"), text="Elsewhere")
    client.force_login(staff)
    response = client.post(staff_page, {"do": "theme", "items": [other.pk], "theme": themes[0].pk})
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.theme is None


def test_it_saves_the_next_steps(client, staff, event, staff_page):
    client.force_login(staff)
    client.post(staff_page, {"do": "next_steps", "next_steps": "A draft plan in March."})
    event.refresh_from_db()
    assert event.next_steps == "A draft plan in March."


def test_it_lists_the_feedback_in_a_fixed_number_of_queries(
    client, staff, event, staff_page, themes, django_assert_num_queries
):
    client.force_login(staff)
    for size in (3, 13):
        while EventFeedback.objects.count() < size:
            EventFeedback.objects.create(event=event, text=f"Item {size}", theme=themes[size % 2], entered_by=staff)
        # session, user, the user's and their groups' permissions (one query), the event with its project and venue,
        # the feedback with its themes and who typed it in, the evaluations counted, the themes to choose from
        with django_assert_num_queries(7):
            response = client.get(staff_page)
        assert response.text.count('name="items"') == size


@pytest.mark.parametrize("who", ["member", "chair"])
def test_it_refuses_people_who_are_not_staff(client, request, who, staff_page):
    client.force_login(request.getfixturevalue(who))
    response = client.get(staff_page)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_it_refuses_visitors(client, staff_page):
    response = client.get(staff_page)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_it_links_to_suggested_themes_for_the_events_feedback(client, staff, event, staff_page):
    client.force_login(staff)
    response = client.get(staff_page)
    assert reverse("themes:start", args=["event", event.pk]) in response.text


def test_feedback_added_on_the_events_own_page_is_marked_as_entered_by_staff(rf, staff, event):
    request = rf.post("/")
    request.user = staff
    inline = EventFeedbackInline(Event, admin.site)
    formset = inline.get_formset(request, event)(
        {
            "feedback-TOTAL_FORMS": "1",
            "feedback-INITIAL_FORMS": "0",
            "feedback-0-text": "Buses stop at 6pm",
            "feedback-0-source": "flipchart",
        },
        instance=event,
        prefix="feedback",
    )
    assert formset.is_valid(), formset.errors
    formset.save()
    assert EventFeedback.objects.get().entered_by == staff


def test_it_keeps_one_line_items_apart_when_a_blank_line_is_among_them(client, staff, event, staff_page):
    client.force_login(staff)
    text = "Buses stop at 6pm\nParking is hard\n\nCarers need respite\nNo one to ring"
    response = client.post(staff_page, {"do": "paste", "text": text, "split": "lines", "source": "form"}, follow=True)
    assert EventFeedback.objects.filter(event=event).count() == 4
    assert "4 items of feedback saved (one item to a line)." in response.text


def test_it_splits_at_blank_lines_when_staff_choose_that(client, staff, event, staff_page):
    client.force_login(staff)
    text = "The memory clinic is far\nand the bus takes an hour\n\nCarers need a named contact"
    response = client.post(
        staff_page, {"do": "paste", "text": text, "split": "blank_lines", "source": "form"}, follow=True
    )
    assert [item.text for item in EventFeedback.objects.order_by("pk")] == [
        "The memory clinic is far and the bus takes an hour",
        "Carers need a named contact",
    ]
    assert "2 items of feedback saved (items split at blank lines)." in response.text


def test_the_page_offers_each_line_as_one_item_first(client, staff, staff_page):
    client.force_login(staff)
    form = client.get(staff_page).context["paste"]
    assert form["split"].value() == "lines"
    assert [label for _, label in form.fields["split"].choices] == [
        "Each line is one item",
        "Items are separated by blank lines",
    ]


def test_it_says_when_typing_in_opens_in_words(client, staff, make_event):
    upcoming = make_event(days=3)
    start = timezone.localtime(upcoming.start).replace(hour=13, minute=30)
    Event.objects.filter(pk=upcoming.pk).update(start=start, end=start + timedelta(hours=2))
    client.force_login(staff)
    text = client.get(reverse("admin:events_eventfeedback_event", args=[upcoming.pk])).text
    assert "1:30pm" in text and "13:30" not in text
