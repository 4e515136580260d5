from django.conf import settings


def site(request):
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "ENGAGEMENT_TEAM_EMAIL": settings.ENGAGEMENT_TEAM_EMAIL,
        "SIGN_IN_PAUSE_MINUTES": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
