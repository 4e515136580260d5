from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("<slug:slug>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/thank-you/", views.thank_you, name="thank_you"),
]
