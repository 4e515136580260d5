from django.urls import path

from . import views

app_name = "interests"

urlpatterns = [
    path("", views.my_interests, name="mine"),
    path("add/", views.add_interest, name="add"),
    path("<int:pk>/change/", views.edit_interest, name="edit"),
    path("<int:pk>/remove/", views.remove_interest, name="remove"),
    path("nothing-to-declare/", views.declare_nothing, name="nothing"),
    path("review/", views.review, name="review"),
    path("register/<slug:slug>/", views.register, name="register"),
    path("register/<slug:slug>/csv/", views.register_csv, name="register_csv"),
    path("public/<slug:slug>/", views.public_register, name="public_register"),
]
