"""Who may do what with meetings: one place, checked on the server, asked by templates through views."""

from members.models import Membership
from members.rules import is_chair_of, is_engagement_staff


def can_reply(user, meeting):
    """Members of the group (also those on leave) answer for upcoming meetings; staff and observers do not."""
    return (
        meeting.is_upcoming
        and Membership.objects.with_access()
        .filter(user=user, group_id=meeting.group_id, role__in=Membership.Role.voting())
        .exists()
    )


def can_see_papers(user, meeting):
    return meeting.papers_are_issued or is_engagement_staff(user) or is_chair_of(user, meeting.group)


def can_see_minutes(user, meeting):
    return meeting.minutes_are_approved or is_engagement_staff(user)


def can_see_arrangements(user):
    """Access needs, replies by name and contact details for post/phone members: staff only."""
    return is_engagement_staff(user)


def can_export_pack(user, meeting):
    return is_engagement_staff(user) or is_chair_of(user, meeting.group)


def can_download_minutes(user, meeting):
    """Approved minutes for anyone in the group; a draft (watermarked) for staff only."""
    return meeting.minutes_status != meeting.MinutesStatus.NONE and can_see_minutes(user, meeting)
