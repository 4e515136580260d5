from django import template
from django.utils import timezone

from meetings.wording import time_in_words

register = template.Library()


@register.filter
def when(moment):
    """The day first and the time as the rest of the app words it (meetings/wording.py): "6 December 2026 at 1:30pm"."""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {time_in_words(moment)}"
