from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(amount):
    """£1,234.50, for every amount shown to people. Via str() so a float from a database sum never
    shows its binary tail; None (nothing summed) is £0.00."""
    return f"£{Decimal(str(amount or 0)):,.2f}"
