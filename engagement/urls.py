from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from engagement.core.health import health, session

if settings.STAFF_TWO_FACTOR:
    # django-otp's documented way: the admin then asks for a code from the staff member's authenticator app.
    admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Engagement staff admin"
admin.site.site_title = "Engagement staff admin"
admin.site.index_title = "Run members, groups and meetings"
# The sidebar repeats the index's list of every model on every admin page; building and
# drawing it was about a sixth of a list page's time. The index and breadcrumbs remain.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("health/session/", session, name="session_check"),
    path("meetings/", include("meetings.urls")),
    path("projects/", include("feedback.urls")),
    path("join/", include("members.recruitment.urls")),
    path("expenses/", include("members.expenses.urls")),
    path("plans/", include("feedback.planning.urls")),
    path("", include("members.urls")),
]
