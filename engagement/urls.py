from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from engagement import staff_home
from engagement.core.admin import StaffAdminSite, TwoStepStaffAdminSite
from engagement.core.health import health, session
from engagement.core.receipts import callback as notify_receipt

# django-otp's documented way of asking for a code: the default site takes its class.
admin.site.__class__ = TwoStepStaffAdminSite if settings.STAFF_TWO_FACTOR else StaffAdminSite
admin.site.site_header = "Engagement staff admin"
admin.site.site_title = "Engagement staff admin"
admin.site.index_title = "What needs doing"
# The sidebar repeats the index's list of every model on every admin page; building and
# drawing it was about a sixth of a list page's time. The index and breadcrumbs remain.
admin.site.enable_nav_sidebar = False
# The index is the staff home: what needs doing, then the models grouped by what staff do.
admin.site.home = staff_home.home
admin.site.sections = staff_home.SECTIONS
admin.site.superuser_sections = staff_home.SUPERUSER_SECTIONS

urlpatterns = [
    path("admin/themes/", include("feedback.themes.urls")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("health/session/", session, name="session_check"),
    path("notify/receipts/", notify_receipt, name="notify_receipt"),
    path("meetings/", include("meetings.urls")),
    path("projects/", include("feedback.urls")),
    path("join/", include("members.recruitment.urls")),
    path("expenses/", include("members.expenses.urls")),
    path("plans/", include("feedback.planning.urls")),
    path("events/", include("feedback.events.urls")),
    path("interests/", include("meetings.interests.urls")),
    path("help/words/", TemplateView.as_view(template_name="pages/glossary.html"), name="glossary"),
    path("", include("members.urls")),
]
