from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from engagement.core.prepared import PreparedQuery
from engagement.core.row_urls import pk_url
from engagement.core.templatetags.dates import long_date
from members.models import viewer

from ..models import Action, Meeting

register = template.Library()

# The dashboard's, built once per process (engagement.core.prepared); the shape is whether staff are looking.
NEXT_MEETING = PreparedQuery(
    lambda staff, group_ids, user_id, now: Meeting.objects.seen_by(staff, group_ids).upcoming(now).cards(user_id)[:1]
)
OPEN_ACTIONS = PreparedQuery(
    lambda shape, user_id: Action.objects.open().filter(owner=user_id).values("description", "due", "status")[:5]
)


@register.inclusion_tag("meetings/_dashboard_next_meeting.html", takes_context=True)
def next_meeting(context, memberships):
    """memberships: the dashboard's, for the rule of Meeting.objects.visible_to."""
    user = context["request"].user
    staff, group_ids = viewer(user, memberships)
    url = pk_url("meetings:detail")
    # A list of (at most) one, for the template that draws the meeting list's cards.
    meetings = NEXT_MEETING.rows(staff, group_ids=group_ids, user_id=user.pk, now=timezone.now())
    return {"meetings": [Meeting.card(meeting, url) for meeting in meetings]}


# The meeting list's cards and table rows are drawn here rather than by a template loop: each row's dozen
# variables and conditions cost the template about 0.2 M instructions, as much as the rest of the page.
# The markup is what the loops drew; html.escape is Django's escape() without its lazy-text checks.
# (colour, words) of the card's tag: cancelled, else this person's reply.
REPLY_TAGS = {"attending": ("green", "You are coming"), "apologies": ("grey", "You sent apologies")}


@register.simple_tag
def meeting_cards(meetings):
    """meetings: rows of Meeting.objects.cards(), completed by Meeting.card()."""
    return mark_safe("".join(_card(meeting) for meeting in meetings))


def _card(meeting):
    colour, words = (
        ("red", "Cancelled")
        if meeting["is_cancelled"]
        else REPLY_TAGS.get(meeting["my_response"], ("yellow", "Not replied yet"))
    )
    venue = f"<br>{escape(meeting['venue__name'])}" if meeting["venue__name"] else ""
    online = "<br>Online meeting link available" if meeting["online_link"] else ""
    papers = '<strong class="nhsuk-tag nhsuk-tag--blue">Papers ready</strong>' if meeting["papers_are_issued"] else ""
    return (
        '\n  <li>\n    <div class="nhsuk-card nhsuk-card--clickable">\n      <div class="nhsuk-card__content">\n'
        f'        <h3 class="nhsuk-card__heading nhsuk-heading-m"><a class="nhsuk-card__link" href="{escape(meeting["url"])}">'
        f"{escape(meeting['when_in_words'])}</a></h3>\n"
        f'        <p class="nhsuk-card__description">{escape(meeting["group__name"])}: {escape(meeting["title"])}'
        f"{venue}{online}</p>\n"
        '        <p class="nhsuk-card__description">\n'
        f'          <strong class="nhsuk-tag nhsuk-tag--{colour}">{words}</strong>\n'
        f"          {papers}\n"
        "        </p>\n      </div>\n    </div>\n  </li>\n  "
    )


@register.simple_tag
def past_meeting_rows(meetings):
    """meetings: rows of Meeting.objects.table_rows(), completed by Meeting.table_row()."""
    return mark_safe("".join(_past_row(meeting) for meeting in meetings))


def _past_row(meeting):
    cancelled = meeting["is_cancelled"]
    minutes = "Approved" if meeting["minutes_are_approved"] else "None" if cancelled else "Not approved yet"
    return (
        '\n        <tr class="nhsuk-table__row">\n'
        f'          <td class="nhsuk-table__cell">{long_date(timezone.localtime(meeting["start"]))}</td>\n'
        f'          <td class="nhsuk-table__cell"><a href="{escape(meeting["url"])}">{escape(meeting["group__name"])}: '
        f"{escape(meeting['title'])}</a>{' (cancelled)' if cancelled else ''}</td>\n"
        f'          <td class="nhsuk-table__cell">{minutes}</td>\n'
        "        </tr>\n        "
    )


@register.inclusion_tag("meetings/_dashboard_actions.html", takes_context=True)
def my_open_actions(context):
    actions = OPEN_ACTIONS.rows(None, user_id=context["request"].user.pk)
    for action in actions:
        action["is_overdue"] = Action.overdue(action["status"], action["due"])
    return {"actions": actions}
