"""After the event, outside the admin: attendees' feedback link (no account), and the event report's downloads
for staff and the chair of the project's group. Staff's own pages after the event are in after_admin.py."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac

from engagement.core import documents, idempotency
from engagement.core.forms import submitted
from meetings.wording import span_in_words
from members.recruitment import throttle

from . import outcomes, reports
from .after_forms import AttendeeFeedbackForm
from .models import Event
from .views import link_problem

# Sends from one internet address in an hour. Generous, as people who came may all answer on the
# venue's Wi-Fi at the end of the event; a script sending hundreds is still stopped.
FEEDBACK_PER_HOUR = 30


def _event_for_feedback(token):
    """The event for a feedback link, or None for a link that was mistyped or made up."""
    return Event.objects.select_related("plan__project", "venue").filter(feedback_token=token).first()


def _limit_key(request):
    address = get_client_ip_address(request) or "unknown"
    return "events:feedback:" + salted_hmac("events.feedback", address).hexdigest()


def attendee_feedback(request, token):
    """The event's feedback link: what people want to say, and how useful it was. Open once the event has started."""
    event = _event_for_feedback(token)
    if event is None:
        return link_problem(request)
    if not outcomes.is_open_for_feedback(event):
        context = {"event": event, "when": span_in_words(event.start, event.end)}
        return render(request, "events/after/feedback_not_open.html", context, status=403)
    form = AttendeeFeedbackForm(submitted(request))
    status = 200
    if request.method == "POST":
        if throttle.over_limit(_limit_key(request), FEEDBACK_PER_HOUR):
            # Shown with the form as they filled it in, so nothing they typed is lost.
            form.is_valid()
            form.add_error(
                None,
                "We have had a lot of feedback from your internet connection in the last hour, so we cannot take "
                "any more yet. What you wrote is kept on this page. Try again in an hour, or e-mail it to us at "
                f"{settings.ENGAGEMENT_TEAM_EMAIL}.",
            )
            status = 429
        elif form.is_valid():
            return idempotency.once(request, lambda: _save(request, event, form))
    return render(request, "events/after/feedback_form.html", {"event": event, "form": form}, status=status)


def _save(request, event, form):
    data = form.cleaned_data
    outcomes.save_attendee_feedback(event, data["text"], data["usefulness"], data["what_to_change"])
    throttle.count(_limit_key(request))
    return redirect("events:attendee_feedback_thanks", token=event.feedback_token)


def attendee_feedback_thanks(request, token):
    event = _event_for_feedback(token)
    if event is None:
        return link_problem(request)
    return render(request, "events/after/feedback_thanks.html", {"event": event})


def _event_for_report(user, pk):
    event = get_object_or_404(Event.objects.select_related("plan__project", "venue"), pk=pk)
    # 404 rather than 403, so that no one else learns the event exists.
    if not reports.can_see_report(user, event):
        raise Http404
    return event


def _no_report(request, event):
    context = {"event": event, "when": span_in_words(event.start, event.end)}
    return render(request, "events/after/report_not_ready.html", context, status=404)


@login_required
def report_pdf(request, pk):
    event = _event_for_report(request.user, pk)
    if not reports.has_report(event):
        return _no_report(request, event)
    large_print = documents.large_print_asked(request)
    document = reports.report_pdf(reports.event_report(event), large_print)
    filename = f"event-report-{event.pk}{'-large-print' if large_print else ''}.pdf"
    return documents.pdf_response(document.stored(), filename)


@login_required
def report_docx(request, pk):
    event = _event_for_report(request.user, pk)
    if not reports.has_report(event):
        return _no_report(request, event)
    return reports.report_word(reports.event_report(event)).response(f"event-report-{event.pk}.docx")
