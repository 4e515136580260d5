from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value):
    """'3 May 2026', as the date filter's "j F Y" writes it, at a fraction of the cost: lists show one a row."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"
