"""One function per kind of e-mail (see members/emails.py)."""

from engagement.core.emails import send_templated_email


def send_survey_invitation(invitation):
    send_templated_email(
        "planning_survey_invitation",
        [invitation.email],
        {"invitation": invitation, "survey": invitation.survey, "link": invitation.link},
    )
