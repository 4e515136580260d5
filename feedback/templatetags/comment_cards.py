"""The project page's comment cards, built in Python.

A busy project page shows 50 threads; as a template include each card cost about
0.3 ms (most of the page), built here it costs a tenth of that. The markup is the
NHS.UK card the include produced. What a viewer may see and do with each comment is
decided by the view through feedback/rules.py (comment.is_visible, can_reply,
can_edit), which also gives each thread its visible_replies; this only draws the
answers.

The cards are drawn once for every member who may see them the same way, and kept
(feedback/discussion.py): what differs between members is left as a marker, an
HTML comment naming the comment, which `personalise` fills in for the viewer: "(you)"
and the links to change or withdraw on their own comments (can_edit answers for the
comment's author), and each comment's areas, read fresh for every view.
"""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from engagement.core.row_urls import MARKER
from engagement.core.templatetags.dates import long_date

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_card(context, comment):
    """One thread: the comment, with its visible replies inside it.

    Reads from the page: project, is_staff and show_response.
    """
    page = context.render_context.get(_CardPage)
    if page is None:
        page = context.render_context[_CardPage] = _CardPage(
            context["project"], context["is_staff"], context["show_response"]
        )
    return mark_safe(page.card(comment))


class _Links:
    def __init__(self, project):
        # reverse() once per page, then each comment's id put in (engagement/core/row_urls.py): per link it cost
        # as much as the card.
        self.urls = {
            name: reverse(f"feedback:{name}", args=[project.pk, MARKER]).split(MARKER)
            for name in ("reply_to_comment", "edit_comment", "withdraw_comment")
        }

    def url(self, name, pk):
        head, tail = self.urls[name]
        return f"{head}{pk}{tail}"

    def change_and_withdraw(self, pk, kind):
        return (
            f'<li><a href="{self.url("edit_comment", pk)}">Change'
            f'<span class="nhsuk-u-visually-hidden"> your {kind}</span></a></li>\n'
            f'<li><a href="{self.url("withdraw_comment", pk)}">Withdraw'
            f'<span class="nhsuk-u-visually-hidden"> your {kind}</span></a></li>'
        )


class _CardPage(_Links):
    """What every card on one page shares, worked out once."""

    def __init__(self, project, is_staff, show_response):
        super().__init__(project)
        self.is_staff = is_staff
        self.show_response = show_response
        self.response_url = project.get_response_url()

    def card(self, comment, reply=False):
        parts = [
            f'<div class="nhsuk-card nhsuk-u-margin-bottom-4" id="comment-{comment.pk}">\n<div class="nhsuk-card__content">'
        ]
        if comment.is_visible:
            parts.extend(self.content(comment, reply))
        else:
            parts.append('<p class="nhsuk-body-s nhsuk-u-secondary-text-colour">This comment is no longer shown.</p>')
        parts.extend(self.card(child, reply=True) for child in getattr(comment, "visible_replies", ()))
        parts.append("</div>\n</div>")
        return "\n".join(parts)

    def content(self, comment, reply):
        author = escape(comment.author.display_name)
        you = f"<!--you:{comment.pk}-->"
        if reply:
            yield f'<h5 class="nhsuk-card__heading nhsuk-heading-xs">Reply from {author}{you}</h5>'
        else:
            yield f'<h4 class="nhsuk-card__heading nhsuk-heading-s">{author}{you}</h4>'
        when = (
            f"Said at the meeting on {long_date(comment.said_at_meeting_on)}"
            if comment.said_at_meeting_on
            else long_date(localtime(comment.created))
        )
        edited = " (edited)" if comment.edited_at else ""
        yield f'<p class="nhsuk-body-s nhsuk-u-secondary-text-colour">{when}{edited}</p>'
        if comment.is_withdrawn:
            yield '<p><strong class="nhsuk-tag nhsuk-tag--grey">Withdrawn by its author</strong></p>'
        if comment.is_hidden:
            who = (
                "Hidden from members"
                if self.is_staff
                else "The engagement team has hidden this comment from other members"
            )
            yield format_html(
                '<div class="nhsuk-inset-text">\n<span class="nhsuk-u-visually-hidden">Information: </span>\n'
                "<p>{}. The reason given: {}</p>\n</div>",
                who,
                comment.hidden_reason,
            )
        yield linebreaks(comment.body, autoescape=True)
        yield f"<!--areas:{comment.pk}-->"
        if self.show_response:
            yield from (self.entry(entry) for entry in comment.response_entries.all())
        kind = "reply" if reply else "comment"
        if comment.can_reply:
            yield '<ul class="nhsuk-list nhsuk-u-margin-bottom-0">'
            yield format_html(
                '<li><a href="{}">Reply<span class="nhsuk-u-visually-hidden"> to {}</span></a></li>',
                self.url("reply_to_comment", comment.pk),
                comment.author.display_name,
            )
            if comment.can_edit:
                yield f"<!--edit:{comment.pk}:{kind}-->"
            yield "</ul>"
        elif comment.can_edit:
            yield f"<!--edit-list:{comment.pk}:{kind}-->"

    def entry(self, entry):
        # The outcome tag and "where addressed" link as the response table draws them (response_entries.html).
        if entry.where_addressed_url:
            where = format_html(
                '<a href="{}">{}</a>', entry.where_addressed_url, entry.where_addressed or "See where this is addressed"
            )
        else:
            where = escape(entry.where_addressed or "Not given")
        return format_html(
            '<div class="nhsuk-inset-text">\n<span class="nhsuk-u-visually-hidden">Information: </span>\n'
            "<p><strong>What happened to this comment:</strong> it is answered under “{}” in "
            '<a href="{}#entry-{}">the project team’s response</a>. {}\n</p>\n'
            "<p>Where this is addressed: {}\n</p>\n</div>",
            entry.theme.name,
            self.response_url,
            entry.pk,
            # No outcome, no tag: the entry's text says what happened.
            format_html(
                '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', entry.outcome_colour, entry.get_outcome_display()
            )
            if entry.outcome
            else "",
            where,
        )


_MARKER = re.compile(r"<!--(you|areas|edit|edit-list):(\d+):?(\w*)-->")


def personalise(html, project, viewer_pk, authors, areas):
    """The discussion's cards as `viewer_pk` sees them: `authors` maps each comment drawn to its author,
    `areas` each comment to its checklist areas."""
    links = _Links(project)

    def fill(match):
        what, pk, kind = match[1], int(match[2]), match[3]
        if what == "areas":
            names = " ".join(
                f'<strong class="nhsuk-tag nhsuk-tag--white">{escape(area.name)}</strong>' for area in areas.get(pk, ())
            )
            return f'<p class="nhsuk-body-s">Areas: {names}</p>' if names else ""
        if authors[pk] != viewer_pk:
            return ""
        if what == "you":
            return " (you)"
        if what == "edit":
            return links.change_and_withdraw(pk, kind)
        return f'<ul class="nhsuk-list nhsuk-u-margin-bottom-0">\n{links.change_and_withdraw(pk, kind)}\n</ul>'

    return mark_safe(_MARKER.sub(fill, html))
