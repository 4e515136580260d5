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

    class Meta(AllOrNothingResource.Meta):
        model = Membership
        import_id_fields = ["email", "group"]
        fields = ["email", "group", "role", "status", "term_start", "term_end"]
        export_order = fields
