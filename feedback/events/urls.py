from django.urls import path

from . import feedback_views, views

app_name = "events"

urlpatterns = [
    path("<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("<int:pk>/sign-up/thank-you/", views.signed_up, name="signed_up"),
    path("reply/<str:token>/", views.reply, name="reply"),
    path("reply/<str:token>/calendar/", views.calendar_file, name="calendar"),
    # After the event (feedback_views.py)
    path("<str:token>/feedback/", feedback_views.attendee_feedback, name="attendee_feedback"),
    path("<str:token>/feedback/thank-you/", feedback_views.attendee_feedback_thanks, name="attendee_feedback_thanks"),
    path("<int:pk>/report.pdf", feedback_views.report_pdf, name="report_pdf"),
    path("<int:pk>/report.docx", feedback_views.report_docx, name="report_docx"),
]
