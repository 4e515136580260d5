"""Public pages, no account needed: the sign-up form for public events, and each person's private reply page
(reached from their invitation or confirmation e-mail) to answer, change their answer or cancel."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac

from engagement.core import idempotency
from engagement.core.forms import submitted
from meetings.wording import span_in_words
from members.recruitment import throttle

from . import calendars, services
from .forms import ReplyForm, SignUpForm
from .models import Event, Registration

# Sign-ups one internet address may send in an hour: a family or a care home may sign up several people.
SIGN_UPS_PER_HOUR = 10
LIMITED = (
    "We have had several sign-ups from your internet connection in the last hour, so we cannot take another "
    "one yet. Your answers are kept on this page. Try again in an hour, or e-mail us at {email} to sign up."
)


Status = Registration.Status


def _throttle_key(request):
    address = get_client_ip_address(request) or "unknown"
    return "events:sign-ups:" + salted_hmac("events.throttle", address).hexdigest()


def _event_context(event):
    return {
        "event": event,
        "when": span_in_words(event.start, event.end),
        "access": event.venue.access_summary() if event.venue else [],
    }


def get_public_event(pk):
    """A public event whose sign-up page is open; any other (invited only, sign-up closed) is not found."""
    events = Event.objects.filter(audience=Event.Audience.PUBLIC, sign_up_open=True).select_related("venue")
    return get_object_or_404(events, pk=pk)


def sign_up(request, pk):
    event = get_public_event(pk)
    form = SignUpForm(submitted(request))
    status = 200
    if not event.takes_replies:
        if request.method == "POST":
            status = 403
        return render(request, "events/sign_up.html", {**_event_context(event), "closed": True}, status=status)
    if request.method == "POST":
        key = _throttle_key(request)
        if throttle.over_limit(key, SIGN_UPS_PER_HOUR):
            form.is_valid()
            form.add_error(None, LIMITED.format(email=settings.ENGAGEMENT_TEAM_EMAIL))
            status = 429
        elif form.is_bot():
            # A bot is told it succeeded, so it learns nothing; nothing is stored.
            throttle.count(key)
            return redirect("events:signed_up", pk=event.pk)
        elif form.is_valid():
            return idempotency.once(request, lambda: _signed_up(request, event, form, key))
    return render(
        request,
        "events/sign_up.html",
        {**_event_context(event), "form": form, "full": not services.has_place(event)},
        status=status,
    )


def _signed_up(request, event, form, key):
    try:
        services.sign_up(event, **form.details())
    except services.Closed:
        messages.warning(request, "Sorry: sign-up for this event has just closed.")
        return redirect(event.get_public_url())
    throttle.count(key)
    return redirect("events:signed_up", pk=event.pk)


def signed_up(request, pk):
    """After every sign-up, new or not, and after a bot's: the page says the same, so it never shows whether an
    address was already registered. What they got (a place, the waiting list, their link again) is in the
    e-mail. No form here, so no one is invited to sign up twice."""
    return render(request, "events/signed_up.html", {"event": get_public_event(pk)})


def get_registration(token):
    """The registration for a private link, or None for a link that was mistyped or made up."""
    return Registration.objects.select_related("event__venue", "event__plan__project").filter(token=token).first()


def link_problem(request):
    """A private link that was mistyped or made up (reply, calendar and feedback links alike)."""
    return render(request, "events/link_problem.html", status=404)


def reply(request, token):
    registration = get_registration(token)
    if registration is None:
        return link_problem(request)
    event = registration.event
    form = ReplyForm.for_registration(registration, submitted(request))
    if request.method == "POST":
        if not event.takes_replies:
            messages.warning(request, "This event has already happened, so your answer cannot be changed.")
            return redirect(registration.get_reply_url())
        if form.is_valid():
            was = registration.status
            try:
                registration = services.reply(registration, coming=form.is_coming, **form.answers())
            except services.Closed:
                messages.warning(request, "This event has already happened, so your answer cannot be changed.")
            else:
                messages.success(request, _replied(registration, was))
            return redirect(registration.get_reply_url())
    return render(
        request,
        "events/reply.html",
        {
            **_event_context(event),
            "registration": registration,
            "form": form,
            "status": registration.status,
            "calendar_url": reverse("events:calendar", args=[registration.token]),
        },
    )


def _replied(registration, was):
    if was == Status.WAITING and registration.status == Status.NOT_COMING:
        return "Thank you. You are off the waiting list."
    return {
        Status.COMING: "Thank you. You have a place: we look forward to seeing you.",
        Status.WAITING: "Thank you. Every place is taken, so you are on the waiting list. You do not have a place "
        "yet: we will e-mail you if one comes up.",
        Status.NOT_COMING: "Thank you for letting us know you cannot come.",
        Status.CANCELLED: "Your place is cancelled. Thank you for letting us know: we can offer it to someone else.",
    }[registration.status]


def calendar_file(request, token):
    registration = get_registration(token)
    if registration is None:
        return link_problem(request)
    if not calendars.has_calendar_file(registration):
        raise Http404("No calendar entry: they are not coming or waiting for a place.")
    response = HttpResponse(
        calendars.calendar_file(registration.event, registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response
