from django import template
from django.utils.html import format_html

from engagement.core.idempotency import FIELD, token_for

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context):
    """The hidden one-time token that makes a create form act once (engagement/core/idempotency.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token_for(context["request"]))
