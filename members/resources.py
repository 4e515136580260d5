"""CSV and XLSX import/export of people and memberships (django-import-export).

Imports are all-or-nothing: a file with one bad row changes nothing, and each
bad row is reported with its number and a plain-English reason.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, widgets

from engagement.core.resources import (
    AllOrNothingResource,
    ChoiceWidget,
    NamedForeignKeyWidget,
    NamedManyToManyWidget,
    UKDateWidget,
)

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
        # Read by membership_for, not by a field: a person's row may also put them in a group.
        "group": (
            "The name of a group to add them to, as listed in the admin. Empty adds them to none.",
            "Public Engagement Group",
        ),
        "role": (f"Their role in that group: {', '.join(Membership.Role.labels)}. Empty means Member.", "Member"),
        "term_start": ("The day their term in that group starts, day first.", "01/04/2027"),
        "term_end": ("The day their term in that group ends, day first.", "31/03/2030"),
    }
    MEMBERSHIP_COLUMNS = ["group", "role", "term_start", "term_end"]

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
        # Everyone the file names, for inviting them once it is imported (engagement/core/imports.py keeps these).
        self.record_ids = []
        # The same rule as the change form: an import may not change an account
        # that holds roles the importer does not (a handful of staff accounts at most).
        importer = kwargs.get("user")
        self.refused_ids = (
            set(User.objects.exclude(pk__in=accounts_manageable_by(importer).values("pk")).values_list("pk", flat=True))
            if importer is not None
            else set()
        )

    def import_instance(self, instance, row, **kwargs):
        self.membership = None
        if instance.pk in getattr(self, "refused_ids", ()):
            raise ValidationError(
                {"email": ["You cannot change this account: it holds roles you do not have. Ask an administrator."]}
            )
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.error_dict
        try:
            self.membership = membership_for(instance, row)
        except ValidationError as error:
            errors |= error.error_dict
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return self.membership is None and super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if self.membership is not None:
            self.membership.user = instance
            self.membership.save()

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        self.record_ids.append(row_result.object_id)

    def init_instance(self, row=None):
        user = super().init_instance(row)
        # New people set their own password from an invitation link.
        user.set_unusable_password()
        return user


def membership_for(person, row):
    """The membership a people-import row gives (new or changed, unsaved), or None if it gives none or changes
    nothing. ValidationError keyed by column, in plain words. Empty cells leave an existing membership as it is."""
    values = {column: row.get(column) for column in MemberResource.MEMBERSHIP_COLUMNS}
    given = [column for column, value in values.items() if str(value or "").strip()]
    if not given:
        return None
    if "group" not in given:
        raise ValidationError({"group": ["Give the name of the group this role or term is in."]})
    errors, cleaned = {}, {}
    readers = {
        "group": NamedForeignKeyWidget(EngagementGroup, "name"),
        "role": ChoiceWidget(Membership.Role, default=Membership.Role.MEMBER),
        "term_start": UKDateWidget(),
        "term_end": UKDateWidget(),
    }
    for column in given:
        try:
            cleaned[column] = readers[column].clean(values[column])
        except ValueError as error:
            errors[column] = [str(error)]
    if errors:
        raise ValidationError(errors)
    group = cleaned.pop("group")
    membership = (person.pk and Membership.objects.filter(user=person, group=group).first()) or Membership(group=group)
    if membership.pk and all(getattr(membership, name) == value for name, value in cleaned.items()):
        return None
    for name, value in cleaned.items():
        setattr(membership, name, value)
    try:
        membership.full_clean(exclude=["user"])
    except ValidationError as error:
        # The term's check is on the whole record: it is the end date that needs changing.
        raise ValidationError(
            {
                "term_end" if name == NON_FIELD_ERRORS else name: messages
                for name, messages in error.message_dict.items()
            }
        ) from None
    return membership


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
