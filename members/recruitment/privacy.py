"""A person's recruitment records, for their data download and when they are erased (see members/privacy.py).

Their applications are the ones they were appointed from and any sent with
their e-mail address (unique to them on this system).
"""

from django.db.models import Q

from engagement.core.personal_data import records
from members.models import EqualityMonitoring

from .models import ApplicantEquality, Application, ApplicationEvent, Score


def _applications(user):
    return Application.objects.filter(Q(appointed_user=user) | Q(email__iexact=user.email))


def personal_data(user):
    applications = _applications(user)
    return {
        "recruitment_applications": records(
            applications,
            "round__title",
            "submitted",
            "full_name",
            "email",
            "phone",
            "address",
            "postcode",
            "locality__name",
            "why_interested",
            "access_needs_other",
            "heard_via__name",
            "heard_via_other",
            "status",
            "interview_at",
            "outcome_reason",
        ),
        "recruitment_equality_answers": records(
            ApplicantEquality.objects.filter(application__in=applications),
            "application__round__title",
            "consent_given_at",
            *EqualityMonitoring.CHARACTERISTICS,
        ),
        # What the selection panel recorded about them is their personal data too.
        "recruitment_panel_scores": records(
            Score.objects.filter(application__in=applications),
            "application__round__title",
            "criterion__title",
            "score",
            "note",
        ),
        "recruitment_history": records(
            ApplicationEvent.objects.filter(application__in=applications),
            "application__round__title",
            "at",
            "from_status",
            "to_status",
            "note",
        ),
    }


def erase(user):
    # Everything goes with the application: answers, equality answers, scores, history, outcome e-mails.
    _applications(user).delete()
