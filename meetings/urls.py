from django.urls import path

from . import public, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/calendar.ics", views.meeting_calendar, name="calendar"),
    path("<int:pk>/pack.pdf", views.meeting_pack_pdf, name="pack_pdf"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/draft-minutes/", views.draft_minutes, name="draft_minutes"),
    path("papers/<int:pk>/", views.paper_download, name="paper"),
    path("decisions/<slug:slug>/", views.decisions_log, name="decisions"),
    path("decisions/<slug:slug>/csv/", views.decisions_csv, name="decisions_csv"),
    path("reply/<str:token>/", views.reply_by_link, name="reply_by_link"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/<int:pk>/done/", views.complete_action, name="complete_action"),
    path("public/<slug:slug>/", public.group_page, name="public_group"),
    path("public/<slug:slug>/minutes/<int:pk>/", public.minutes_page, name="public_minutes"),
]
