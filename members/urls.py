from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from engagement.core import backends

from . import views
from .forms import SignInForm
from .passwords import PasswordResetForm

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/terms-of-reference/", views.terms_of_reference, name="group_terms_of_reference"),
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.edit_profile, name="edit_profile"),
    path("profile/equality/", views.equality_monitoring, name="equality_monitoring"),
    path("profile/text-messages/", views.text_messages, name="text_messages"),
    path("profile/my-data/", views.my_data, name="my_data"),
    path("profile/onboarding/", include("members.onboarding.urls")),
    path("profile/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/equality/delete/", views.delete_equality_monitoring, name="delete_equality_monitoring"),
    path("accessibility/", TemplateView.as_view(template_name="pages/accessibility.html"), name="accessibility"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("accounts/invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("accounts/two-step/", views.two_factor, name="two_factor"),
    path("accounts/two-step/set-up/<str:token>/", views.two_factor_set_up, name="two_factor_set_up"),
    path(
        "accounts/sign-in/",
        auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(post_reset_login=True, post_reset_login_backend=backends.PATH),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
