"""Staff pages for involvement payments' data: rate cards, the charities members may choose, and each person's
payroll reference and earnings limit. Loaded by admin.py, which Django's admin discovers."""

from django.contrib import admin

from engagement.core.admin import SelectOnlyRelatedFields
from engagement.core.templatetags.money import pounds

from .payments import Charity, InvolvementRate, PaymentProfile


@admin.register(InvolvementRate)
class InvolvementRateAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    """A new rate is a new row from its date: the old row stays, and payments keep the rate copied onto them."""

    list_display = ["group", "activity", "unit", "amount_display", "effective_from"]
    list_filter = ["group", "activity"]
    list_select_related = ["group"]

    @admin.display(description="amount", ordering="amount")
    def amount_display(self, rate):
        return pounds(rate.amount)

    def get_readonly_fields(self, request, obj=None):
        # Changing a rate in place would rewrite history the payments were priced from.
        return ["group", "activity", "unit", "amount", "effective_from"] if obj else []


@admin.register(Charity)
class CharityAdmin(admin.ModelAdmin):
    list_display = ["name", "registered_number", "active"]
    list_filter = ["active"]
    search_fields = ["name", "registered_number"]

    def has_delete_permission(self, request, obj=None):
        # Payments name the charity they went to: retire one by unticking "offered to members".
        return False


@admin.register(PaymentProfile)
class PaymentProfileAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["person", "payroll_reference", "limit_display", "advice_offered_on"]
    list_select_related = ["person"]
    search_fields = ["person__full_name", "person__email", "payroll_reference"]
    autocomplete_fields = ["person"]

    @admin.display(description="earnings limit", ordering="earnings_limit")
    def limit_display(self, profile):
        if profile.earnings_limit is None:
            return "-"
        return f"{pounds(profile.earnings_limit)} {profile.get_limit_period_display().lower()}"
