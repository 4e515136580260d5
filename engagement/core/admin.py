"""Admin for the shared machinery: the record of every e-mail, the task outbox, and the base for short lists."""

from django.contrib import admin
from django.utils.functional import SimpleLazyObject
from django_otp.admin import OTPAdminSite

from .models import Notification, QueuedTask


class LazyAppList:
    """Django builds the list of every app and model the person may see for every admin page
    (each_context), for the nav sidebar, which is switched off here (engagement/urls.py); only
    the index pages show it. So it is built when a page first uses it: about a fifth of a list
    page's time saved."""

    def get_app_list(self, request, app_label=None):
        build = super().get_app_list
        return SimpleLazyObject(lambda: build(request, app_label))


class StaffAdminSite(LazyAppList, admin.AdminSite):
    pass


class TwoStepStaffAdminSite(LazyAppList, OTPAdminSite):
    """django-otp's admin site: it asks for a code from the staff member's authenticator app."""


class ManagedListAdmin(admin.ModelAdmin):
    """For the short lists staff keep (localities, partners, themes...); each app registers its own."""

    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Staff can see every e-mail the app has sent or is retrying, and why one failed."""

    list_display = ["event", "user", "content_type", "object_id", "status", "attempts", "sent_at", "created"]
    list_filter = ["status", "event", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["user__full_name", "user__email", "event"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(QueuedTask)
class QueuedTaskAdmin(admin.ModelAdmin):
    """Work waiting for Celery, e.g. while Redis was unavailable; sent again every minute."""

    list_display = ["task", "args", "created", "dispatched_at", "attempts", "last_error"]
    list_filter = [("dispatched_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in QueuedTask._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
