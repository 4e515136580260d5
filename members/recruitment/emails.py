"""One function per recruitment e-mail; each renders emails/recruitment_<kind>{_subject.txt,.txt,.html}."""

from django.conf import settings

from engagement.core.emails import send_templated_email


def send_confirmation(application):
    round = application.round
    send_templated_email(
        "recruitment_confirmation",
        [application.email],
        {"application": application, "round": round, "link": settings.SITE_URL + round.get_absolute_url()},
    )


def send_not_appointed(outcome):
    send_templated_email(
        "recruitment_not_appointed",
        [outcome.email],
        {"application": outcome.application, "round": outcome.round, "message": outcome.round.not_appointed_message},
    )
