"""CSV and XLSX import/export of people and memberships (django-import-export).

Imports are all-or-nothing: a file with one bad row changes nothing, and each
bad row is reported with its number and a plain-English reason.
"""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from engagement.core.resources import AllOrNothingResource, ChoiceWidget, NamedForeignKeyWidget, NamedManyToManyWidget

from .models import (
    AccessNeed,
    EngagementGroup,
    LivedExperienceArea,
    Locality,
    Membership,
    User,
)
from .rules import accounts_manageable_by


class EmailWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return User.objects.normalize_email(str(value or ""))


class MemberResource(AllOrNothingResource):
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())
    locality = fields.Field(
        attribute="locality", column_name="locality", widget=NamedForeignKeyWidget(Locality, "name")
    )
    lived_experience = fields.Field(
        attribute="lived_experience", column_name="lived_experience", widget=NamedManyToManyWidget(LivedExperienceArea)
    )
    access_needs = fields.Field(
        attribute="access_needs", column_name="access_needs", widget=NamedManyToManyWidget(AccessNeed)
    )
    communication_preference = fields.Field(
        attribute="communication_preference",
        column_name="communication_preference",
        widget=ChoiceWidget(User.CommunicationPreference, default=User.CommunicationPreference.EMAIL),
    )

    column_guide = {
        "email": ("Required. Their e-mail address: a person already here with it is updated.", "jo.bloggs@example.org"),
        "full_name": ("Required. Their name in full.", "Jo Bloggs"),
        "preferred_name": ("What they like to be called, if not their first name.", "Jo"),
        "phone": ("A phone number.", "01632 960000"),
        "address": ("Their postal address, for those who get papers by post.", "1 High Street, Northgate"),
        "postcode": ("Their postcode.", "NG1 1AA"),
        "locality": ("The name of their locality, as listed in the admin.", "Northgate"),
        "lived_experience": ("Lived-experience areas, as listed in the admin; several with a semicolon (;).", "Carer"),
        "communication_preference": (
            f"How to reach them: {', '.join(User.CommunicationPreference.labels)}. Empty means e-mail.",
            "E-mail",
        ),
        "access_needs": ("Format and access needs, as listed in the admin; several with a semicolon (;).", ""),
        "access_needs_other": ("Any other access need, in their words.", ""),
    }

    class Meta(AllOrNothingResource.Meta):
        model = User
        import_id_fields = ["email"]
        fields = [
            "email",
            "full_name",
            "preferred_name",
            "phone",
            "address",
            "postcode",
            "locality",
            "lived_experience",
            "communication_preference",
            "access_needs",
            "access_needs_other",
        ]
        export_order = fields

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The same rule as the change form: an import may not change an account
        # that holds roles the importer does not (a handful of staff accounts at most).
        importer = kwargs.get("user")
        self.refused_ids = (
            set(User.objects.exclude(pk__in=accounts_manageable_by(importer).values("pk")).values_list("pk", flat=True))
            if importer is not None
            else set()
        )

    def import_instance(self, instance, row, **kwargs):
        if instance.pk in getattr(self, "refused_ids", ()):
            raise ValidationError(
                {"email": ["You cannot change this account: it holds roles you do not have. Ask an administrator."]}
            )
        super().import_instance(instance, row, **kwargs)

    def init_instance(self, row=None):
        user = super().init_instance(row)
        # New people set their own password from an invitation link.
        user.set_unusable_password()
        return user


class MembershipResource(AllOrNothingResource):
    email = fields.Field(attribute="user", column_name="email", widget=NamedForeignKeyWidget(User, "email"))
    group = fields.Field(attribute="group", column_name="group", widget=NamedForeignKeyWidget(EngagementGroup, "name"))
    role = fields.Field(
        attribute="role", column_name="role", widget=ChoiceWidget(Membership.Role, default=Membership.Role.MEMBER)
    )
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(Membership.Status, default=Membership.Status.ACTIVE),
    )

    column_guide = {
        "email": (
            "Required. The e-mail address of someone already in the admin under People.",
            "jo.bloggs@example.org",
        ),
        "group": ("Required. The group's name.", "Public Engagement Group"),
        "role": (f"{', '.join(Membership.Role.labels)}. Empty means Member.", "Member"),
        "status": (f"{', '.join(Membership.Status.labels)}. Empty means Active.", "Active"),
        "term_start": ("The day their term starts, day first.", "01/04/2027"),
        "term_end": ("The day their term ends, day first.", "31/03/2030"),
    }

    class Meta(AllOrNothingResource.Meta):
        model = Membership
        import_id_fields = ["email", "group"]
        fields = ["email", "group", "role", "status", "term_start", "term_end"]
        export_order = fields
