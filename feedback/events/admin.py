"""Staff run events here: the event itself, inviting stakeholders from the plan (through the confirmation
page), who has replied and what they need, the register on the day, and a CSV of registrations."""

import csv
from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from engagement.core import confirm
from engagement.core.admin import SelectOnlyRelatedFields
from engagement.core.confirm import counted
from engagement.core.forms import as_id, submitted
from engagement.core.models import Notification
from engagement.core.resources import spreadsheet_safe
from meetings.wording import date_in_words, span_in_words

from . import services
from .after_admin import EventFeedbackInline
from .forms import InviteForm, RegisterForm
from .models import Event, Registration

Status = Registration.Status


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "organisation", "category", "status", "needs", "replied_at", "attended", "private_link"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = "registrations: replies come through each person's private link"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="access needs")
    def needs(self, registration):
        return ", ".join(registration.access_need_labels) or "None"

    @admin.display(description="private link")
    def private_link(self, registration):
        # Staff record a reply given by phone or post on the person's own page.
        return format_html('<a href="{}">Reply page</a>', registration.get_reply_url())


@admin.register(Event)
class EventAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["title", "project", "when", "audience", "coming", "waiting", "no_reply"]
    list_filter = ["audience", "sign_up_open", "plan"]
    list_select_related = ["plan__project"]
    search_fields = ["title", "plan__project__title"]
    autocomplete_fields = ["plan", "venue"]
    date_hierarchy = "start"
    inlines = [RegistrationInline, EventFeedbackInline]
    readonly_fields = ["pages", "cancelled_at"]
    fieldsets = [
        (None, {"fields": ["plan", "step", "title", "purpose", "pages", "cancelled_at"]}),
        ("When", {"fields": ["start", "end"]}),
        ("Where", {"fields": ["venue", "online_link"], "description": "A venue, an online link, or both."}),
        (
            "Who it is for",
            {
                "fields": ["audience", "capacity", "sign_up_open"],
                "description": "Invite stakeholders from the plan on the event's invitations page. A public event "
                "also has a sign-up page, linked from the home page and the groups' public pages, while sign-up is "
                "open. When every place is taken, people join a waiting list and are offered freed places in turn.",
            },
        ),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # delete_selected: Django's, for events no one was invited to or signed up for (see delete_selected below).
    actions = ["cancel_events", "delete_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.action(description="Cancel the selected events and tell everyone expecting them", permissions=["change"])
    def cancel_events(self, request, queryset):
        events = list(queryset.filter(cancelled_at=None, start__gt=timezone.now()))
        expecting = [r for event in events for r in services.expecting(event).select_related("event")]
        emailed, to_phone = self._by_email(expecting)

        def send():
            with transaction.atomic():
                count = sum(services.cancel(event) for event in events)
            return f"{counted(len(events), 'event')} cancelled; {counted(count, 'person', 'people')} e-mailed."

        left_out = []
        if len(events) < len(queryset):
            left_out.append("Events already cancelled, or already started, are left out.")
        left_out += to_phone
        return confirm.confirm_send(
            self,
            request,
            title=f"Cancel {counted(len(events), 'event')}?",
            emailed=emailed,
            first=emailed and self._first_cancelled(emailed[0]),
            send=send,
            left_out=left_out,
            ready=bool(events),
        )

    @admin.action(description="Delete the selected events", permissions=["delete"])
    def delete_selected(self, request, queryset):
        """Django's delete, for events made by mistake. An event anyone was invited to or signed up for holds
        their replies, and deleting it would tell no one: it is cancelled instead, which tells everyone
        expecting it and keeps the record. (Registrations are never deleted in the admin either: a deleted
        place would never be offered to the waiting list.)"""
        held = list(queryset.filter(registrations__isnull=False).distinct().order_by("start", "pk"))
        if held:
            names = ", ".join(f"“{event}”" for event in held)
            self.message_user(
                request,
                f"Nothing deleted: {names} {'has' if len(held) == 1 else 'have'} people invited or signed up. "
                "Use “Cancel the selected events and tell everyone expecting them” instead.",
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def has_delete_permission(self, request, obj=None):
        # The change form offers Delete only for an event no one was invited to or signed up for (as the action).
        if obj is not None and obj.registrations.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        # "Cancelled at" is said only of a cancelled event (with a banner above the form), never on the add form.
        if obj is not None and obj.is_cancelled:
            return self.fieldsets
        first, *rest = self.fieldsets
        return [(first[0], {**first[1], "fields": [f for f in first[1]["fields"] if f != "cancelled_at"]}), *rest]

    @staticmethod
    def _first_cancelled(registration):
        # Cancelled inside the preview's transaction, which is undone: nothing is kept.
        def make():
            services.cancel(registration.event)
            return Notification(subject=registration, event="cancelled")

        return make

    @admin.display(description="project", ordering="plan__project__title")
    def project(self, event):
        return event.plan.project.title

    @admin.display(description="when", ordering="start")
    def when(self, event):
        return span_in_words(event.start, event.end)

    @admin.display(description="coming", ordering="coming_count")
    def coming(self, event):
        if event.is_cancelled:
            return "Cancelled"
        return f"{event.coming_count} of {event.capacity}" if event.capacity else event.coming_count

    @admin.display(description="waiting", ordering="waiting_count")
    def waiting(self, event):
        return event.waiting_count

    @admin.display(description="no reply", ordering="no_reply_count")
    def no_reply(self, event):
        return event.no_reply_count

    @admin.display(description="pages")
    def pages(self, event):
        if not event.pk:
            return "Links appear once the event is saved."
        links = [
            (reverse("admin:events_event_invite", args=[event.pk]), "Invite stakeholders from the plan"),
            (reverse("admin:events_event_registrations", args=[event.pk]), "Registrations and access needs"),
            (reverse("admin:events_event_register", args=[event.pk]), "Attendance register on the day"),
            (reverse("admin:events_eventfeedback_event", args=[event.pk]), "After the event: feedback, themes, report"),
        ]
        if event.is_public and event.sign_up_open:
            links.append((event.get_public_url(), "The public sign-up page"))
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', links))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Moving an event people expect e-mails them all, and adding places e-mails those offered one: ask first.
        if request.method == "POST" and object_id and not request.POST.get(confirm.CONFIRMED):
            asking = self._confirm_move(request, object_id) or self._confirm_places(request, object_id)
            if asking is not None:
                return asking
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _posted_form(self, request, event):
        # A copy: checking the form writes the new values into the instance it is given.
        return self.get_form(request, event, change=True)(
            request.POST, request.FILES, instance=Event.objects.get(pk=event.pk)
        )

    @staticmethod
    def _posted_back(request):
        # The whole change form, saved as it was filled in once Send is pressed.
        return [
            (name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values
        ]

    def _confirm_places(self, request, object_id):
        """The confirmation page if this change form adds places that go to people on the waiting list (who are
        e-mailed), else None."""
        event = self.get_object(request, object_id)
        if event is None or not self.has_change_permission(request, event):
            return None
        form = self._posted_form(request, event)
        if not (form.is_valid() and "capacity" in form.changed_data):
            return None
        capacity = form.cleaned_data["capacity"]
        offered = services.next_in_line(event, capacity)
        if not offered:
            return None
        emailed, to_phone = self._by_email(offered)
        return confirm.page(
            self,
            request,
            title=f"Add places to “{event}” and offer {counted(len(offered), 'place')} to the waiting list?",
            emailed=emailed,
            first=emailed and self._first_offered(emailed[0], capacity),
            left_out=to_phone,
            hidden=self._posted_back(request),
            back=request.get_full_path(),
        )

    @staticmethod
    def _first_offered(registration, capacity):
        # The places offered inside the preview's transaction, which is undone: nothing is kept.
        def make():
            Event.objects.filter(pk=registration.event_id).update(capacity=capacity)
            services.offer_free_places(registration.event)
            return Notification(subject=registration, event="place-offered")

        return make

    def _confirm_move(self, request, object_id):
        """The confirmation page if this change form moves an event people expect, else None (the change form
        then saves, or shows its errors, as usual)."""
        event = self.get_object(request, object_id)
        if event is None or not self.has_change_permission(request, event):
            return None
        form = self._posted_form(request, event)
        if not (form.is_valid() and set(services.MOVING) & set(form.changed_data)):
            return None
        details = {name: form.cleaned_data[name] for name in services.MOVING}
        moved = form.instance
        expecting = list(services.expecting(event).order_by("name", "pk"))
        if not (services.tells_of_move(moved) and expecting):
            return None
        emailed, to_phone = self._by_email(expecting)
        return confirm.page(
            self,
            request,
            title=f"Change “{event}” and tell {counted(len(expecting), 'person', 'people')}?",
            emailed=emailed,
            first=emailed and self._first_moved(emailed[0], details),
            left_out=[*to_phone, *self._also_offered(event, form)],
            hidden=self._posted_back(request),
            back=request.get_full_path(),
        )

    @staticmethod
    def _also_offered(event, form):
        """A move asks first, so places added in the same change are said on its page, not asked again."""
        if "capacity" not in form.changed_data:
            return []
        offered = services.next_in_line(event, form.cleaned_data["capacity"])
        if not offered:
            return []
        return [
            f"The places added are then offered to {counted(len(offered), 'person', 'people')} on the waiting "
            "list, in the order they joined it; those with an e-mail address are e-mailed."
        ]

    @staticmethod
    def _first_moved(registration, details):
        # Moved inside the preview's transaction, which is undone: nothing is kept.
        def make():
            event = Event.objects.get(pk=registration.event_id)
            services.move(event, **details)
            return Notification(subject=registration, event=services.moved_event(event))

        return make

    @classmethod
    def _by_email(cls, registrations):
        """(those with an e-mail address, the confirmation page's line naming the rest to phone or write to)."""
        return [r for r in registrations if r.email], cls._to_phone([r for r in registrations if not r.email])

    @staticmethod
    def _to_phone(registrations):
        if not registrations:
            return []
        return [
            f"{counted(len(registrations), 'person has', 'people have')} no e-mail address: phone or write to "
            + "; ".join(f"{r.name} ({r.phone or 'no phone number recorded'})" for r in registrations)
            + "."
        ]

    def save_model(self, request, obj, form, change):
        moving = [name for name in services.MOVING if name in form.changed_data] if change else []
        if moving:
            # Save everything else, then move through services, which tells everyone expecting the event.
            details = {name: getattr(obj, name) for name in services.MOVING}
            original = Event.objects.get(pk=obj.pk)
            for name in services.MOVING:
                setattr(obj, name, getattr(original, name))
            super().save_model(request, obj, form, change)
            emailed = services.move(obj, **details)
            phone = list(services.expecting(obj).filter(email="")) if services.tells_of_move(obj) else []
            if emailed or phone:
                self.message_user(
                    request,
                    " ".join(
                        [f"{counted(emailed, 'person', 'people')} e-mailed the new details.", *self._to_phone(phone)]
                    ),
                    messages.SUCCESS,
                )
        else:
            super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            offered = services.offer_free_places(obj)
            if offered:
                self.message_user(
                    request,
                    f"{counted(offered, 'place')} offered to the waiting list, in the order people joined it; "
                    "they are e-mailed.",
                    messages.SUCCESS,
                )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/invite/", view(self.invite_view), name="events_event_invite"),
            path("<path:object_id>/registrations/", view(self.registrations_view), name="events_event_registrations"),
            path(
                "<path:object_id>/registrations.csv",
                view(self.registrations_csv_view),
                name="events_event_registrations_csv",
            ),
            path("<path:object_id>/register/", view(self.register_view), name="events_event_register"),
            *super().get_urls(),
        ]

    def _event(self, request, object_id, change=False):
        """The event, for staff whose admin may view it (or change it, for pages that change it)."""
        pk = as_id(object_id)
        event = Event.objects.select_related("venue", "plan__project").filter(pk=pk).first() if pk else None
        if event is None:
            raise Http404("No such event.")
        allowed = self.has_change_permission(request, event) if change else self.has_view_permission(request, event)
        if not allowed:
            raise PermissionDenied
        return event

    def _context(self, request, event, title, **more):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "original": event,
            "when": span_in_words(event.start, event.end),
            **more,
        }

    def invite_view(self, request, object_id):
        """Choose stakeholders from the plan by category or one by one; the confirmation page; then send."""
        event = self._event(request, object_id, change=True)
        back = reverse("admin:events_event_invite", args=[event.pk])
        if event.is_cancelled:
            if request.method == "POST":
                # A form left open in another tab: the page itself offers no form once the event is cancelled.
                self.message_user(request, "No one invited: the event was cancelled.", messages.ERROR)
                return redirect(back)
            return TemplateResponse(
                request,
                "admin/events/event/invite.html",
                self._context(request, event, f"Invite stakeholders to “{event}”"),
            )
        form = InviteForm(submitted(request), event=event)
        if request.method == "POST" and form.is_valid():
            chosen = services.invitees(event, form.chosen())
            if request.POST.get(confirm.CONFIRMED):
                try:
                    done = services.invite(event, form.chosen())
                except services.Closed:
                    self.message_user(request, "No one invited: the event was cancelled.", messages.ERROR)
                    return redirect(back)
                sentences = [f"{counted(len(done.emailed), 'invitation')} e-mailed."]
                if done.offline:
                    sentences.append(
                        f"{counted(len(done.offline), 'person has', 'people have')} no e-mail address: contact "
                        "them by phone or post (they are listed on the registrations page)."
                    )
                self.message_user(request, " ".join(sentences), messages.SUCCESS)
                return redirect("admin:events_event_registrations", event.pk)
            left_out = []
            if chosen.already:
                left_out.append(f"{counted(len(chosen.already), 'person', 'people')} already invited, left out.")
            if chosen.offline:
                # Not the page's list of people who asked for post or phone: these people were never asked.
                left_out.append(
                    f"{counted(len(chosen.offline), 'person has', 'people have')} no e-mail address, so will not "
                    "be e-mailed: phone or write to "
                    + "; ".join(f"{s.name} ({s.phone or 'no phone number recorded'})" for s in chosen.offline)
                    + ". They are listed on the registrations page after sending, where their replies can be "
                    "recorded."
                )
            return confirm.page(
                self,
                request,
                title=f"Invite {counted(len(chosen.emailed) + len(chosen.offline), 'person', 'people')} to “{event}”?",
                emailed=chosen.emailed,
                first=chosen.emailed and self._first_invitation(event, chosen.emailed[0]),
                left_out=left_out,
                ready=bool(chosen.emailed or chosen.offline),
                hidden=[
                    (name, value) for name, values in request.POST.lists() if name in form.fields for value in values
                ],
                back=back,
            )
        context = self._context(
            request,
            event,
            f"Invite stakeholders to “{event}”",
            form=form,
            stakeholder_count=form.on_plan_count,
            plan_url=reverse("admin:planning_engagementplan_change", args=[event.plan_id]),
        )
        return TemplateResponse(request, "admin/events/event/invite.html", context)

    @staticmethod
    def _register_closed(event):
        if event.is_cancelled:
            return "The event was cancelled, so there is no register to take."
        return f"The register opens on {date_in_words(event.start)}, the day of the event."

    @staticmethod
    def _first_invitation(event, stakeholder):
        # Made inside the preview's transaction, which is undone: nothing is kept.
        return lambda: Notification(
            subject=Registration.objects.create(**services.invitation_fields(event, stakeholder)), event="invitation"
        )

    def registrations_view(self, request, object_id):
        """Who is coming, waiting, not coming or has not replied; the access needs of those coming, rolled up
        for the venue (no names); and who has no e-mail address, to contact by phone or post."""
        event = self._event(request, object_id)
        registrations = list(event.registrations.order_by("name", "pk"))
        by_status = Counter(registration.status for registration in registrations)
        coming = [registration for registration in registrations if registration.status == Status.COMING]
        needs = Counter(need for registration in coming for need in registration.access_needs)
        context = self._context(
            request,
            event,
            f"Registrations: {event}",
            registrations=registrations,
            counts={
                "coming": by_status[Status.COMING],
                "waiting": by_status[Status.WAITING],
                "not_coming": by_status[Status.NOT_COMING] + by_status[Status.CANCELLED],
                "no_reply": by_status[Status.INVITED],
            },
            needs=[(label, needs[value]) for value, label in Registration.AccessNeed.choices if needs[value]],
            details=[registration.access_details for registration in coming if registration.access_details.strip()],
            offline=[r for r in registrations if not r.email and r.stakeholder_id and r.status == Status.INVITED],
            csv_url=reverse("admin:events_event_registrations_csv", args=[event.pk]),
        )
        return TemplateResponse(request, "admin/events/event/registrations.html", context)

    def registrations_csv_view(self, request, object_id):
        event = self._event(request, object_id)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="registrations-{event.pk}-{timezone.localdate(event.start):%Y-%m-%d}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(
            [
                "Name",
                "E-mail address",
                "Phone number",
                "Organisation",
                "Category",
                "Reply",
                "Access needs",
                "More about access needs",
                "Anything else",
                "Wants to hear the outcome",
                "Replied",
                "Came",
            ]
        )
        for registration in event.registrations.order_by("name", "pk"):
            replied = registration.replied_at and timezone.localtime(registration.replied_at)
            writer.writerow(
                [
                    spreadsheet_safe(value)
                    for value in [
                        registration.name,
                        registration.email,
                        registration.phone,
                        registration.organisation,
                        registration.get_category_display(),
                        registration.get_status_display(),
                        "; ".join(registration.access_need_labels),
                        registration.access_details,
                        registration.anything_else,
                        "Yes" if registration.wants_outcomes else "No",
                        f"{replied:%d/%m/%Y %H:%M}" if replied else "",
                        {True: "Yes", False: "No", None: ""}[registration.attended],
                    ]
                ]
            )
        return response

    def register_view(self, request, object_id):
        """The register on the day: tick who came; add people who came without registering."""
        event = self._event(request, object_id, change=True)
        here = reverse("admin:events_event_register", args=[event.pk])
        if not event.register_is_open:
            if request.method == "POST":
                self.message_user(request, f"Nothing saved. {self._register_closed(event)}", messages.ERROR)
                return redirect(here)
            return TemplateResponse(
                request,
                "admin/events/event/register.html",
                self._context(request, event, f"Attendance register: {event}", not_open=self._register_closed(event)),
            )
        form = RegisterForm(submitted(request), lines=services.register_lines(event))
        if request.method == "POST" and form.is_valid():
            services.take_register(event, form.present_ids())
            walk_in = form.walk_in()
            if walk_in:
                services.add_walk_in(event, **walk_in)
                self.message_user(request, f"Register saved, and {walk_in['name']} added.", messages.SUCCESS)
            else:
                self.message_user(request, "Register saved.", messages.SUCCESS)
            return redirect("admin:events_event_register", event.pk)
        context = self._context(
            request,
            event,
            f"Attendance register: {event}",
            form=form,
            present_count=sum(1 for line in form.lines if line.attended),
        )
        return TemplateResponse(request, "admin/events/event/register.html", context)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Registrations are made by invitations, sign-ups and the register; replies come through each person's
    private link (staff open it to record a reply given by phone or post). Contact details can be corrected."""

    list_display = ["name", "organisation", "category", "event", "status", "replied_at", "attended"]
    list_filter = ["status", "category", "event"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation", "event__title"]
    fields = [
        "event",
        "name",
        "email",
        "phone",
        "organisation",
        "category",
        "status",
        "needs",
        "access_details",
        "anything_else",
        "wants_outcomes",
        "replied_at",
        "attended",
        "private_link",
    ]
    readonly_fields = [
        "event",
        "status",
        "needs",
        "access_details",
        "anything_else",
        "wants_outcomes",
        "replied_at",
        "attended",
        "private_link",
    ]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would skip offering a freed place to the waiting list: people cancel on their reply page.
        return False

    @admin.display(description="access needs")
    def needs(self, registration):
        return ", ".join(registration.access_need_labels) or "None"

    @admin.display(description="private link")
    def private_link(self, registration):
        return format_html(
            '<a href="{}">Their reply page</a>: open it to record a reply given by phone or post.',
            registration.get_reply_url(),
        )
