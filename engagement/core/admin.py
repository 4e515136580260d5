"""Admin for the shared machinery: the record of every e-mail, the task outbox, and the base for short lists."""

import functools

from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.urls import path
from django.utils.functional import SimpleLazyObject
from django_otp.admin import OTPAdminSite

from . import failed_emails, letter_approval
from .models import Notification, QueuedTask


class LazyAppList:
    """Django builds the list of every app and model the person may see for every admin page
    (each_context), for the nav sidebar, which is switched off here (engagement/urls.py); only
    the index pages show it. So it is built when a page first uses it: about a fifth of a list
    page's time saved."""

    def get_app_list(self, request, app_label=None):
        build = super().get_app_list
        return SimpleLazyObject(lambda: build(request, app_label))


class StaffHome:
    """The admin index as the staff home: what needs doing, then every model grouped by what staff do.

    Core imports no domain app, so the project fills these in (engagement/urls.py):
    `home(request)` gives the home's context (its sections of work to do), and `sections`
    maps a model's label ("members.user"), or a whole app's ("django_celery_beat"), to its
    heading on the index; headings keep the order they first appear in. A model in no
    section is listed under "Other", so a new one is never hidden. The models under a
    heading in `superuser_sections` are listed for superusers only. The home's failed
    e-mails link to the site's own page of them (failed_emails.py).
    """

    home = None
    sections = {}
    superuser_sections = set()

    def get_urls(self):
        return [
            path(
                "failed-emails/",
                self.admin_view(functools.partial(failed_emails.page, self)),
                name="failed_emails",
            ),
            path(
                "letters-to-approve/",
                self.admin_view(functools.partial(letter_approval.page, self)),
                name="letters_to_approve",
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        context = {"sections": self.grouped_app_list(request)}
        if self.home:
            context["home"] = self.home(request)
        return super().index(request, {**context, **(extra_context or {})})

    def grouped_app_list(self, request):
        """[(heading, [model dicts as Django's app list gives them])], headings and models in the order of `sections`."""
        order = {label: position for position, label in enumerate(self.sections)}
        grouped = {heading: [] for heading in self.sections.values()}
        for app in self.get_app_list(request):
            for model in app["models"]:
                opts = model["model"]._meta
                label = opts.label_lower if opts.label_lower in self.sections else opts.app_label
                grouped.setdefault(self.sections.get(label, "Other"), []).append((order.get(label, len(order)), model))
        grouped = {
            heading: [model for _, model in sorted(models, key=lambda pair: pair[0])]
            for heading, models in grouped.items()
        }
        hidden = set() if request.user.is_superuser else self.superuser_sections
        return [(heading, models) for heading, models in grouped.items() if models and heading not in hidden]


class StaffAdminSite(StaffHome, LazyAppList, admin.AdminSite):
    pass


class TwoStepStaffAdminSite(StaffHome, LazyAppList, OTPAdminSite):
    """django-otp's admin site: it asks for a code from the staff member's authenticator app."""


class ManagedListAdmin(admin.ModelAdmin):
    """For the short lists staff keep (localities, partners, themes...); each app registers its own."""

    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


class SelectOnlyRelatedFields:
    """For admins and inlines whose forms pick a theme, locality, person, group...: no link beside the
    select changes, deletes or opens the picked record. Otherwise one click on a response form deletes
    a theme, or renames it for every response that uses it, and "view" leaves the form unsaved.
    "Add" stays only for the short lists staff keep (a missing theme or locality); people, groups,
    projects and meetings are added on their own pages, where their checks and e-mails run."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_change_related = widget.can_delete_related = widget.can_view_related = False
            # Django offers "add" only for a model registered here, so get_model_admin cannot fail.
            widget.can_add_related = widget.can_add_related and isinstance(
                self.admin_site.get_model_admin(db_field.remote_field.model), ManagedListAdmin
            )
        return formfield


class ForAdministrators:
    """Internals for superusers only, whatever model permissions a staff role holds: event names, ids,
    task arguments and error texts. Engagement staff see what needs them on the staff home."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Notification)
class NotificationAdmin(ForAdministrators, admin.ModelAdmin):
    """Every e-mail the app has sent or is retrying, and why one failed. Staff have their own page of
    the e-mails that failed, in plain words (failed_emails.py)."""

    list_display = [
        "event",
        "user",
        "channel",
        "content_type",
        "object_id",
        "status",
        "delivery_status",
        "attempts",
        "sent_at",
        "created",
    ]
    list_filter = ["status", "channel", "delivery_status", "event", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["user__full_name", "user__email", "event"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(QueuedTask)
class QueuedTaskAdmin(ForAdministrators, admin.ModelAdmin):
    """Work for Celery, kept until its task says it is done; sent again until then (engagement/core/outbox.py)."""

    list_display = ["task", "args", "created", "dispatched_at", "done_at", "attempts", "last_error"]
    list_filter = [("dispatched_at", admin.EmptyFieldListFilter), ("done_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in QueuedTask._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
