"""A public face for each group that chooses one (EngagementGroup.is_public): what it does, the members
who agreed to be named, its meeting dates, its approved minutes and its published responses. No sign-in.

Every page finds its group through public_group(), so a group that is not public, or not active, is
not found, whatever else is asked for.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from feedback.events.models import Event
from feedback.models import Project
from members.models import EngagementGroup, Membership

from .models import Attendee, Meeting

LATEST_RESPONSES = 3


def public_group(slug: str) -> EngagementGroup:
    return get_object_or_404(EngagementGroup.objects.public(), slug=slug)


def public_minutes(group: EngagementGroup):
    """Meetings whose minutes the group has approved, newest first: drafts are never public."""
    return (
        Meeting.objects.past()
        .filter(group=group, minutes_status=Meeting.MinutesStatus.APPROVED)
        .exclude(status=Meeting.Status.CANCELLED)
    )


def group_page(request, slug):
    # The group's register settings come with it: the page links the public register of interests when
    # the group publishes one (meetings.interests), at no extra query.
    group = get_object_or_404(EngagementGroup.objects.public().select_related("interest_register"), slug=slug)
    named = (
        group.memberships.active()
        .filter(named_publicly=True, role__in=Membership.Role.voting(), user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return render(
        request,
        "meetings/public_group.html",
        {
            "group": group,
            "named": named,
            "upcoming": Meeting.objects.upcoming().filter(group=group).only("title", "start", "end"),
            "minutes": public_minutes(group).only("title", "start", "minutes_approved_on"),
            "open_events": Event.objects.open_for_sign_up().filter(plan__project__groups=group).only("title", "start"),
            "responses": Project.objects.public()
            .filter(groups=group)
            .order_by("-response_published_at", "-pk")
            .only("title", "response_published_at")[:LATEST_RESPONSES],
        },
    )


def minutes_page(request, slug, pk):
    """Approved minutes as a web page: what was discussed and agreed under each item, and how many
    members came. No names: members agree to be named on the group's page, not in every record."""
    group = public_group(slug)
    meeting = get_object_or_404(public_minutes(group), pk=pk)
    return render(
        request,
        "meetings/public_minutes.html",
        {
            "group": group,
            "meeting": meeting,
            "items": meeting.items.open_to(confidential=False).only("title", "position", "outcome", "minutes"),
            "present": meeting.attendees.filter(kind=Attendee.Kind.MEMBER).count(),
            "crumbs": [(group.name, reverse("meetings:public_group", args=[group.slug]))],
        },
    )
