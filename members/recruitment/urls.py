from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("<slug:slug>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/apply/check/", views.check_answers, name="check_answers"),
    path("<slug:slug>/apply/<slug:step>/", views.apply_step, name="apply"),
    path("<slug:slug>/thank-you/", views.thank_you, name="thank_you"),
    path("<slug:slug>/easy-read/", views.download_easy_read, name="easy_read"),
]
