from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("agreement/", views.sign_agreement, name="sign_agreement"),
    path("agreement/<int:pk>/file/", views.agreement_file, name="agreement_file"),
]
