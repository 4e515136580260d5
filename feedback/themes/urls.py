"""Staff pages for suggested themes: in the admin, behind its sign-in (included from engagement/urls.py)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "themes"

# The runs first: "run" would otherwise be taken for a source.
urlpatterns = [
    path("run/<int:run_id>/", admin.site.admin_view(views.run_page), name="run"),
    path("run/<int:run_id>/drafts/", admin.site.admin_view(views.make_drafts), name="drafts"),
    path("<str:source>/<int:pk>/", admin.site.admin_view(views.start), name="start"),
]
