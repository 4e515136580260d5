"""Money is kept in pounds with two decimal places; amounts worked out are rounded half up to the penny."""

from decimal import Decimal

PENCE = Decimal("0.01")
