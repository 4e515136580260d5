"""The admin's history pages: a record of what changed, never an undo."""

from django.http import HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin


class RecordOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Shows old versions; refuses to restore one.

    SIMPLE_HISTORY_REVERT_DISABLED only hides the Revert button: django-simple-history
    still saves an old version posted to its page. Restoring one would undo what the
    workflow did (a withdrawn comment shown again, a cancelled meeting scheduled again)
    without telling anyone, so the page accepts only GET.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().history_form_view(request, object_id, version_id, extra_context)
