from django.conf import settings
from django_otp import user_has_device

from members.rules import has_second_step


def site_settings():
    """The settings every page shows (also drawn into the parts of base.html kept per process)."""
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "ENGAGEMENT_TEAM_EMAIL": settings.ENGAGEMENT_TEAM_EMAIL,
        "ENGAGEMENT_TEAM_PHONE": settings.ENGAGEMENT_TEAM_PHONE,
    }


def site(request):
    user = getattr(request, "user", None)
    # Staff signed in without their code see member pages only: say so, and how to get the rest.
    needs_second_step = bool(user and user.is_authenticated and user.is_staff and not has_second_step(user))
    return {
        "needs_second_step": needs_second_step,
        "has_authenticator": needs_second_step and user_has_device(user),
        **site_settings(),
        "SIGN_IN_PAUSE_MINUTES": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
