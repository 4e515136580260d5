"""Money is kept in pounds with two decimal places; amounts worked out are rounded half up to the penny."""

from decimal import Decimal

PENCE = Decimal("0.01")


def per_unit(rate):
    """A rate as people say it: 45p, or £1.20 from a pound up."""
    if rate < 1:
        return f"{rate * 100:.0f}p"
    return f"£{rate:,.2f}"
