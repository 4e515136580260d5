from django import template

from .. import reports

register = template.Library()


@register.simple_tag(takes_context=True)
def events_with_reports(context, events, project):
    """The ids of the listed events (all the project's) whose report the user may download: those that have
    happened, for staff and the chairs of the project's groups. One query at most, however many events, and
    none until one has happened."""
    ready = {event.pk for event in events if reports.has_report(event)}
    if ready and reports.can_see_reports(context["request"].user, project):
        return ready
    return set()
