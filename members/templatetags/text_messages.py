"""The profile's sentence on text message reminders, saying what channels.py will do for the person."""

from django import template

from engagement.core import channels
from members.mobile_numbers import for_people

register = template.Library()


@register.inclusion_tag("members/includes/text_reminders.html")
def text_reminders(person):
    return {
        "texted": channels.by_text_message(person),
        "texted_whatever_they_tick": channels.texted_whatever_they_tick(person),
        "mobile_number": for_people(person.mobile_number) if person.mobile_number else "",
    }
