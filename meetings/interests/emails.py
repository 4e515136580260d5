"""Register of interests e-mails: each member's yearly review, and staff's list of those who have not replied."""

from django.conf import settings
from django.urls import reverse

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted

from .models import RegisterSettings
from .services import not_reviewed


def send_review_request(notification):
    """Event "interests-review-<year>" on the person; registered in apps.py."""
    person = notification.user
    if not person.is_active:
        raise NotWanted("the person's account was closed")
    send_templated_email(
        "interests_review",
        [person.email],
        {
            "user": person,
            "year": notification.event.removeprefix("interests-review-"),
            "review_url": settings.SITE_URL + reverse("interests:review"),
        },
    )


def send_overdue_reviews(notification):
    """Event "overdue-reviews-<year>" on a group's register settings; registered in apps.py."""
    register = RegisterSettings.objects.select_related("group").get(pk=notification.object_id)
    opens = register.review_opened_on
    if opens is None or notification.event != f"overdue-reviews-{opens.year}":
        raise NotWanted("a newer review has opened since")
    # Read when sending, so anyone who replied after the reminder was planned is left out.
    people = list(not_reviewed(register.group_id, opens))
    if not people:
        raise NotWanted("everyone has replied since")
    send_templated_email(
        "interests_overdue_reviews",
        [notification.user.email],
        {
            "user": notification.user,
            "group": register.group,
            "opened_on": opens,
            "people": people,
            "register_url": settings.SITE_URL + reverse("interests:register", args=[register.group.slug]),
        },
    )
