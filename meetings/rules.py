"""Who may do what with meetings: one place, checked on the server, asked by templates through views."""

from django.db.models import OuterRef, Subquery

from engagement.core.dates import local_today
from members.models import Membership
from members.rules import is_chair_of, is_engagement_staff

CHAIRS = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]


def with_standing(meetings, user_id):
    """The meetings, each with the role in its group (user_role; None without access) of the person user_id.

    The meeting page asks several rules about one person at once; read with the meeting, their role
    costs no query of its own (one membership a person a group: one_membership_per_group). Mark each
    meeting fetched with note_standing(), so the rules below use it only for the person it was read for.
    """
    held = Membership.objects.with_access().filter(user=user_id, group=OuterRef("group_id"))
    return meetings.annotate(user_role=Subquery(held.values("role")[:1]))


def note_standing(meeting, user):
    meeting.standing_of = user.pk
    return meeting


def _role_read_for(user, meeting):
    return user.is_authenticated and getattr(meeting, "standing_of", None) == user.pk


def _votes_in_group(user, meeting):
    if _role_read_for(user, meeting):
        return meeting.user_role in Membership.Role.voting()
    return (
        Membership.objects.with_access()
        .filter(user=user, group_id=meeting.group_id, role__in=Membership.Role.voting())
        .exists()
    )


def _chairs_group(user, meeting):
    if _role_read_for(user, meeting):
        return meeting.user_role in CHAIRS
    return is_chair_of(user, meeting.group)


def can_see_meeting(user, meeting):
    """Meeting.objects.visible_to, for a meeting read with_standing() for this person: staff see every
    meeting; members of its group (active or on leave, so with a role read) see its meetings."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_engagement_staff(user) or (_role_read_for(user, meeting) and meeting.user_role is not None)


def can_reply(user, meeting):
    """Members of the group (also those on leave) answer for upcoming meetings; staff and observers do not."""
    return meeting.is_upcoming and _votes_in_group(user, meeting)


def can_see_papers(user, meeting):
    return meeting.papers_are_issued or is_engagement_staff(user) or _chairs_group(user, meeting)


def can_see_confidential(user, meeting) -> bool:
    """Confidential items, their papers and their minutes: staff and the group's members (chair, vice-chair,
    members, also those on leave); never observers, guests or anyone public."""
    return is_engagement_staff(user) or _votes_in_group(user, meeting)


def can_open_paper(user, paper) -> bool:
    meeting = paper.item.meeting
    return can_see_papers(user, meeting) and (not paper.item.confidential or can_see_confidential(user, meeting))


def can_see_minutes(user, meeting):
    return meeting.minutes_are_approved or is_engagement_staff(user)


def can_see_replies(user, meeting):
    """Who is coming, who sent apologies, who has not replied, and the expected quorum: the chair and staff."""
    return is_engagement_staff(user) or _chairs_group(user, meeting)


def can_see_arrangements(user):
    """Access needs, notes with replies and contact details for post/phone members: staff only."""
    return is_engagement_staff(user)


def can_export_pack(user, meeting):
    return is_engagement_staff(user) or _chairs_group(user, meeting)


def can_download_minutes(user, meeting):
    """Approved minutes for anyone in the group; a draft (watermarked) for staff, and for those who attended
    while it is out for their comments."""
    return meeting.minutes_status != meeting.MinutesStatus.NONE and (
        can_see_minutes(user, meeting) or can_comment_on_minutes(user, meeting)
    )


def with_role(groups, user):
    """The groups, each with this person's role in it (user_role; None without access), for the two rules
    below: both are asked of the decisions log, and its group read once answers them."""
    held = Membership.objects.with_access().filter(user=user.pk, group=OuterRef("pk"))
    return groups.annotate(user_role=Subquery(held.values("role")[:1]))


def can_see_decisions(user, group) -> bool:
    """The group's decisions log (group read with_role): staff and anyone in the group (observers too,
    without confidential items)."""
    return user.is_authenticated and (is_engagement_staff(user) or group.user_role is not None)


def can_see_confidential_decisions(user, group) -> bool:
    """As can_see_confidential, for a whole group's decisions rather than one meeting's (group read with_role)."""
    return is_engagement_staff(user) or group.user_role in Membership.Role.voting()


def can_export_decisions(user) -> bool:
    return is_engagement_staff(user)


def can_comment_on_minutes(user, meeting) -> bool:
    """Those recorded as attending, while the draft is out for comment (until the end of its comments day)."""
    return (
        user.is_authenticated
        and meeting.minutes_status == meeting.MinutesStatus.DRAFT
        and meeting.minutes_comments_until is not None
        and local_today() <= meeting.minutes_comments_until
        and meeting.attendees.filter(user=user).exists()
    )
