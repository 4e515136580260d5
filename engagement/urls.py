from django.contrib import admin
from django.urls import include, path

from members.health import health

admin.site.site_header = "Engagement staff admin"
admin.site.site_title = "Engagement staff admin"
admin.site.index_title = "Run members, groups and meetings"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("meetings/", include("meetings.urls")),
    path("projects/", include("feedback.urls")),
    path("", include("members.urls")),
]
