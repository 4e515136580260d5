"""Staff's admin pages after the event: what was heard (typed in many at once, and themed), the feedback
link e-mailed to those who came, "what we heard" drafts for the project's response, and the report.

Registered by EventsConfig.ready(); the event's own admin page shows EventFeedbackInline, whose
heading links to the event's page here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html

from engagement.core import confirm
from engagement.core.confirm import counted
from engagement.core.forms import submitted
from engagement.core.models import Notification
from meetings.wording import date_in_words, span_in_words, time_in_words

from . import outcomes
from .after_forms import BY_LINE, NextStepsForm, PasteFeedbackForm, ThemeFeedbackForm
from .models import Evaluation, Event, EventFeedback


class EventFeedbackInline(admin.TabularInline):
    """What was heard, on the event's own page; the heading links to typing many in at once and theming."""

    model = EventFeedback
    extra = 0
    fields = ["text", "source", "theme", "entered_by"]
    readonly_fields = ["entered_by"]
    template = "events/after/feedback_inline.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme", "entered_by")

    def has_add_permission(self, request, obj=None):
        # What was heard is typed in once the event has started (not_open_for_typing says so on its page).
        return obj is not None and not_open_for_typing(obj) is None and super().has_add_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        user = request.user

        class MarkedAsEnteredBy(formset):
            def save_new(self, form, commit=True):
                form.instance.entered_by = user
                return super().save_new(form, commit)

        return MarkedAsEnteredBy


def not_open_for_typing(event):
    """Why feedback cannot be typed in for the event yet (or at all), or None: what was heard comes after the
    event has started, as for the attendees' link."""
    if event.is_cancelled:
        return "The event was cancelled, so there is no feedback from it to type in."
    if not outcomes.is_open_for_feedback(event):
        return (
            "The event has not started yet: you can type in what was heard once it has, "
            f"from {date_in_words(event.start)}, {time_in_words(event.start)}."
        )
    return None


def suggest_themes_url(event):
    """The suggested themes page for this event's feedback, once that feature is installed; else None."""
    try:
        return reverse("themes:start", args=["event", event.pk])
    except NoReverseMatch:
        return None


@admin.register(EventFeedback)
class EventFeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event_page", "theme", "source", "entered_by", "created"]
    list_filter = ["source", "theme"]
    list_select_related = ["event", "theme", "entered_by"]
    search_fields = ["text", "event__title"]
    fields = ["event", "text", "source", "theme", "entered_by"]
    readonly_fields = ["entered_by"]
    raw_id_fields = ["event"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if change:
            return form

        class OnlyOnceStarted(form):
            def clean(self):
                cleaned = super().clean()
                if (event := cleaned.get("event")) and (not_yet := not_open_for_typing(event)):
                    self.add_error("event", not_yet)
                return cleaned

        return OnlyOnceStarted

    @admin.display(description="event", ordering="event__start")
    def event_page(self, feedback):
        url = reverse("admin:events_eventfeedback_event", args=[feedback.event_id])
        return format_html('<a href="{}">{}</a>', url, feedback.event)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("event/<int:event_id>/", view(self.event_view), name="events_eventfeedback_event"),
            path(
                "event/<int:event_id>/email-link/", view(self.email_link_view), name="events_eventfeedback_email_link"
            ),
            path("event/<int:event_id>/what-we-heard/", view(self.drafts_view), name="events_eventfeedback_drafts"),
            *super().get_urls(),
        ]

    def _event(self, request, event_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Event.objects.select_related("plan__project", "venue"), pk=event_id)

    def _here(self, event):
        return reverse("admin:events_eventfeedback_event", args=[event.pk])

    def event_view(self, request, event_id):
        """Type in what was heard, many items at once; give them themes; write the next steps; get the report."""
        event = self._event(request, event_id)
        action = request.POST.get("do") if request.method == "POST" else None
        paste = PasteFeedbackForm(submitted(request) if action == "paste" else None)
        theming = ThemeFeedbackForm(submitted(request) if action == "theme" else None, event=event)
        next_steps = NextStepsForm(submitted(request) if action == "next_steps" else None, instance=event)
        if action == "paste":
            if not self.has_add_permission(request):
                raise PermissionDenied
            if not_yet := not_open_for_typing(event):
                # The page shows this instead of the form; a form left open in another tab gets it here.
                self.message_user(request, f"Nothing saved. {not_yet}", messages.ERROR)
                return redirect(self._here(event))
            if paste.is_valid():
                saved = outcomes.record_feedback(
                    event, paste.cleaned_data["items"], paste.cleaned_data["source"], request.user
                )
                how = "one item to a line" if paste.cleaned_data["split"] == BY_LINE else "items split at blank lines"
                self.message_user(
                    request, f"{counted(len(saved), 'item')} of feedback saved ({how}).", messages.SUCCESS
                )
                return redirect(self._here(event))
        elif action == "theme":
            if not self.has_change_permission(request):
                raise PermissionDenied
            if theming.is_valid():
                theme = theming.cleaned_data["theme"]
                changed = outcomes.set_theme(event, [item.pk for item in theming.cleaned_data["items"]], theme)
                done = f"given the theme “{theme}”" if theme else "left without a theme"
                self.message_user(request, f"{counted(changed, 'item')} {done}.", messages.SUCCESS)
                return redirect(self._here(event))
        elif action == "next_steps":
            if not request.user.has_perm("events.change_event"):
                raise PermissionDenied
            if next_steps.is_valid():
                next_steps.save()
                self.message_user(request, "Next steps saved. They are in the event report.", messages.SUCCESS)
                return redirect(self._here(event))
        items = list(event.feedback.select_related("theme", "entered_by").order_by("theme__name", "created", "pk"))
        chosen = {str(pk) for pk in request.POST.getlist("items")} if action == "theme" else set()
        context = {
            **self.admin_site.each_context(request),
            "title": f"After the event: {event}",
            "opts": self.model._meta,
            "event": event,
            "when": span_in_words(event.start, event.end),
            "paste": paste,
            "theming": theming,
            "next_steps": next_steps,
            "items": items,
            "chosen": chosen,
            "unthemed": sum(1 for item in items if item.theme_id is None),
            "evaluations": event.evaluations.count(),
            "feedback_link": request.build_absolute_uri(
                reverse("events:attendee_feedback", args=[event.feedback_token])
            ),
            "is_open": outcomes.is_open_for_feedback(event),
            "not_open_for_typing": not_open_for_typing(event),
            "suggest_themes_url": suggest_themes_url(event),
            "event_admin_url": _event_admin_url(event),
        }
        return TemplateResponse(request, "events/after/admin_event.html", context)

    def email_link_view(self, request, event_id):
        """E-mail the feedback link to those who came, after a page with the count and the first e-mail."""
        event = self._event(request, event_id)
        if not request.user.has_perm("events.change_event"):
            raise PermissionDenied
        if request.method != "POST":
            return redirect(self._here(event))
        waiting = list(outcomes.feedback_link_waiting(event))
        came = outcomes.who_came(event)
        no_address = came.filter(email="").count()
        already = came.exclude(email="").count() - len(waiting)
        left_out = []
        if not outcomes.is_open_for_feedback(event):
            left_out.append(
                "The event has not started yet, or is cancelled: the link opens once the event has started."
            )
        if already:
            left_out.append(f"{counted(already, 'person', 'people')} already sent the link, left out.")
        if no_address:
            left_out.append(
                f"{counted(no_address, 'person', 'people')} who came {'has' if no_address == 1 else 'have'} "
                "no e-mail address: give them the link another way."
            )
        ready = bool(waiting) and outcomes.is_open_for_feedback(event)
        if request.POST.get(confirm.CONFIRMED) and ready:
            sent = outcomes.email_feedback_link(event)
            self.message_user(
                request, f"Feedback link e-mailed to {counted(sent, 'person', 'people')}.", messages.SUCCESS
            )
            return redirect(self._here(event))
        return confirm.page(
            self,
            request,
            title=f"E-mail the feedback link to {counted(len(waiting), 'person', 'people')} who came?",
            emailed=waiting,
            first=waiting and (lambda: Notification(subject=waiting[0], event=outcomes.FEEDBACK_LINK)),
            left_out=left_out,
            ready=ready,
            hidden=[],
            back=self._here(event),
        )

    def drafts_view(self, request, event_id):
        """Turn the event's themed feedback into draft "what we heard" entries of the project's response."""
        event = self._event(request, event_id)
        if not request.user.has_perm("feedback.add_responseentry"):
            raise PermissionDenied
        groups = outcomes.themed_groups(event)
        if request.method == "POST" and request.POST.get(confirm.CONFIRMED) and groups:
            entries = outcomes.draft_what_we_heard(event, groups)
            self.message_user(
                request,
                f"{counted(len(entries), 'draft “what we heard” entry', 'draft “what we heard” entries')} added "
                f"to the response to “{event.project}”. Rewrite each in your own words, and say how it was "
                "reflected, before publishing the response.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:feedback_project_change", args=[event.project.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Make “what we heard” drafts from {event}?",
            "opts": self.model._meta,
            "event": event,
            "groups": [(theme, len(quotes)) for theme, quotes, _ in groups],
            "unthemed": event.feedback.filter(theme=None).count(),
            "confirmed": confirm.CONFIRMED,
            "back": self._here(event),
        }
        return TemplateResponse(request, "events/after/admin_drafts.html", context)


def _event_admin_url(event):
    try:
        return reverse("admin:events_event_change", args=[event.pk])
    except NoReverseMatch:
        return None


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """Attendees send these through the feedback link: here they are read, not written. They name no one."""

    list_display = ["event", "usefulness", "what_to_change", "created"]
    list_filter = ["usefulness"]
    list_select_related = ["event"]
    search_fields = ["event__title", "what_to_change"]
    fields = ["event", "usefulness", "what_to_change", "created"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
