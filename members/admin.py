import functools

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from import_export.admin import ImportExportModelAdmin

from engagement.core import changelists, confirm, imports
from engagement.core.admin import ManagedListAdmin, SelectOnlyRelatedFields
from engagement.core.confirm import counted
from engagement.core.forms import as_id
from engagement.core.history_admin import RecordOnlyHistoryAdmin
from engagement.core.import_admin import BackgroundImportMixin
from engagement.core.models import ImportJob, Notification
from engagement.core.uploads import StorageErrorAsFormError

from . import privacy, rules, services
from .equality import EVERYONE, equality_summary
from .forms import MemberAddForm
from .models import (
    AccessNeed,
    EngagementGroup,
    EqualityMonitoring,
    EqualityReportView,
    LivedExperienceArea,
    Locality,
    Membership,
    User,
)
from .resources import MemberResource, MembershipResource

admin.site.register([Locality, LivedExperienceArea, AccessNeed], ManagedListAdmin)


class MembershipInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["group", "role", "status", "term_start", "term_end", "named_publicly"]
    autocomplete_fields = ["group"]


ACCOUNT_REFUSED = (
    "You can see this account but not change it: it holds roles you do not have "
    "(administrator, or a staff role such as Equality data or Contracts). Ask an administrator."
)


def _refusal(request, people):
    """Why nothing may be done to these people (some hold roles the person acting does not), or None."""
    refused = people.exclude(pk__in=rules.accounts_manageable_by(request.user).values("pk"))
    names = [str(person) for person in refused[:6]]
    if not names:
        return None
    listed = ", ".join(names[:5]) + (" and others" if len(names) > 5 else "")
    return (
        f"Nothing was done. You cannot change {listed}: they hold roles you do not have. "
        "Untick them, or ask an administrator."
    )


def _only_manageable_accounts(action):
    """Run a list action only when the person may manage every selected account."""

    @functools.wraps(action)
    def guarded(modeladmin, request, queryset):
        refusal = _refusal(request, queryset)
        if refusal:
            modeladmin.message_user(request, refusal, messages.ERROR)
            return None
        return action(modeladmin, request, queryset)

    return guarded


@admin.register(User)
class UserAdmin(SelectOnlyRelatedFields, BackgroundImportMixin, ImportExportModelAdmin, DjangoUserAdmin):
    resource_classes = [MemberResource]
    add_form = MemberAddForm
    list_display = ["full_name", "email", "locality", "communication_preference", "staff", "invited_at", "last_login"]
    list_filter = [
        ("memberships__group", changelists.RelatedByName),
        "memberships__role",
        "memberships__status",
        ("locality", changelists.RelatedByName),
        ("lived_experience", changelists.RelatedByName),
        "communication_preference",
        "is_staff",
        "is_active",
    ]
    list_select_related = ["locality"]
    search_fields = ["full_name", "preferred_name", "email", "postcode"]
    ordering = ["full_name"]
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE
    action_checkbox = changelists.action_checkbox
    action_form = changelists.ActionForm
    filter_horizontal = ["lived_experience", "access_needs", "groups", "user_permissions"]
    inlines = [MembershipInline]
    readonly_fields = ["invited_at", "last_login", "date_joined", "erased_at"]
    actions = ["send_invitation", "erase_personal_data"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "preferred_name"]}),
        (
            "Contact",
            {"fields": ["phone", "mobile_number", "text_reminders", "address", "postcode", "communication_preference"]},
        ),
        ("About them", {"fields": ["locality", "lived_experience", "access_needs", "access_needs_other"]}),
        (
            "Account",
            {
                "classes": ["collapse"],
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                    "invited_at",
                    "last_login",
                    "date_joined",
                    "erased_at",
                ],
            },
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "description": "After you save, we e-mail them a link to set their own password.",
                "fields": ["email", "full_name", "preferred_name", "communication_preference"],
            },
        )
    ]

    # Set so the template below is used: it says why an account is shown read-only.
    change_form_template = "admin/members/user/change_form.html"
    # The import's page, with the offer to invite the people imported once it is done.
    import_job_template = "admin/members/user/import_job.html"

    def get_changelist(self, request, **kwargs):
        return changelists.QuickChangeList

    @admin.display(description="staff", ordering="is_staff")
    def staff(self, person):
        return changelists.boolean_icon(person.is_staff)

    def has_change_permission(self, request, obj=None):
        # One rule for the change form, the password form and every list action:
        # no one changes an account that holds a role they do not hold themselves.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_account(request.user, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Read-only while the model permission is held means the account rule refused it: say why.
        if (
            change
            and obj is not None
            and super().has_change_permission(request)
            and not self.has_change_permission(request, obj)
        ):
            context["refused_because"] = ACCOUNT_REFUSED
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_actions(self, request):
        return {
            name: (_only_manageable_accounts(func), name, description)
            for name, (func, name, description) in super().get_actions(request).items()
        }

    def get_readonly_fields(self, request, obj=None):
        # Staff roles (Equality data, Contracts) and superuser status grant what the
        # engagement staff role deliberately does not: only a superuser hands them out.
        if request.user.is_superuser:
            return self.readonly_fields
        return [*self.readonly_fields, "is_superuser", "groups", "user_permissions"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            services.invite(obj)
            self.message_user(request, f"An invitation e-mail will be sent to {obj.email}.", messages.SUCCESS)

    @admin.action(description="Erase the personal data of people who have left", permissions=["delete"])
    def erase_personal_data(self, request, queryset):
        people = list(queryset.filter(erased_at=None).exclude(pk=request.user.pk))
        if request.POST.get("confirm") == "yes":
            for person in people:
                privacy.erase(person)
            self.message_user(request, f"Personal data erased for {len(people)} people.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/members/user/erase_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Erase personal data?",
                "people": people,
                "opts": self.model._meta,
            },
        )

    @admin.action(description="Send an invitation e-mail to the selected people")
    def send_invitation(self, request, queryset):
        send, asking = self._invitations(request, queryset)
        return confirm.confirm_send(self, request, send=send, **asking)

    def invite_imported_view(self, request, job_id):
        """After a people import: the same invitations as the list action, to everyone the file named."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = imports.job_for(request, self, job_id)
        if job.status != ImportJob.Status.DONE:
            raise Http404
        people = User.objects.filter(pk__in=job.preview.get("record_ids", []))
        refusal = _refusal(request, people)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return redirect(self._import_job_url(job))
        send, asking = self._invitations(request, people)
        if request.method == "POST" and request.POST.get(confirm.CONFIRMED) and asking["ready"]:
            self.message_user(request, send(), messages.SUCCESS)
            return redirect("admin:members_user_changelist")
        return confirm.page(self, request, hidden=[], back=self._import_job_url(job), **asking)

    def import_job_view(self, request, job_id):
        response = super().import_job_view(request, job_id)
        job = getattr(response, "context_data", {}).get("job")
        imported = len(job.preview.get("record_ids", [])) if job and job.status == ImportJob.Status.DONE else 0
        if imported:
            response.context_data["invite"] = {
                "url": reverse("admin:members_user_import_invite", args=[job.pk]),
                "label": f"Send invitations to the {counted(imported, 'person', 'people')} imported"
                if imported > 1
                else "Send an invitation to the person imported",
            }
        return response

    def get_urls(self):
        return [
            path(
                "import/<int:job_id>/invite/",
                self.admin_site.admin_view(self.invite_imported_view),
                name="members_user_import_invite",
            ),
            *super().get_urls(),
        ]

    def _invitations(self, request, queryset):
        """(send, the confirmation page's arguments) for inviting these people: only those whose account
        is open, and, unless "send again" is ticked, who have not set a password."""
        active = list(queryset.filter(is_active=True))
        again = request.POST.get("send_again") == "1"
        # Someone who has set a password signs in (or resets it): a new invitation only confuses them.
        people = [person for person in active if again or not person.has_usable_password()]
        has_password = len(active) - len(people)
        closed = queryset.count() - len(active)
        left_out = []
        if has_password:
            left_out.append(f"{counted(has_password, 'person', 'people')} who already set a password left out.")
        if closed:
            left_out.append(f"{counted(closed, 'person', 'people')} whose account is closed left out.")

        def send():
            for person in people:
                services.invite(person)
            return f"Invitations e-mailed to {counted(len(people), 'person', 'people')}."

        return send, {
            "title": f"Send {counted(len(people), 'invitation')}?",
            # About the account itself, so e-mailed whatever the person prefers for news (services.invite).
            "emailed": people,
            # The event only has to be an invitation's: the preview saves nothing.
            "first": people and (lambda: Notification(subject=people[0], user=people[0], event="invitation-preview")),
            "left_out": left_out,
            "ready": bool(people),
            "option": ("send_again", "Send again to people who already set a password"),
        }


@admin.register(EngagementGroup)
class EngagementGroupAdmin(StorageErrorAsFormError, admin.ModelAdmin):
    list_display = ["name", "kind", "is_active", "is_public"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description", "is_active", "is_public"]}),
        (
            "Terms of reference",
            {
                "description": "Members of the group read these in the Terms of reference section of its page.",
                "fields": [
                    "purpose",
                    "quorum_percent",
                    "term_years",
                    "meets",
                    "missed_meetings_alert",
                    "terms_of_reference",
                ],
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """The fieldsets above, with any other field of the group (the reminder settings) in the first: a
        field added to the group shows without being named here too."""
        named = {field for _name, options in self.fieldsets for field in options["fields"]}
        rest = [field for field in self.get_form(request, obj, fields=None).base_fields if field not in named]
        first, *others = self.fieldsets
        return [(None, {"fields": first[1]["fields"] + rest}), *others]


@admin.register(Membership)
class MembershipAdmin(SelectOnlyRelatedFields, RecordOnlyHistoryAdmin, BackgroundImportMixin, ImportExportModelAdmin):
    resource_classes = [MembershipResource]
    list_display = ["user", "group", "role", "status", "term_start", "term_end"]
    list_filter = [
        ("group", changelists.RelatedByName),
        "role",
        "status",
        ("user__locality", changelists.RelatedByName),
        ("user__lived_experience", changelists.RelatedByName),
    ]
    list_select_related = ["user", "group"]
    list_columns = ["role", "status", "term_start", "term_end", "user__full_name", "user__email", "group__name"]
    search_fields = ["user__full_name", "user__email", "group__name"]
    autocomplete_fields = ["user", "group"]
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE
    action_checkbox = changelists.action_checkbox
    action_form = changelists.ActionForm

    def get_changelist(self, request, **kwargs):
        return changelists.QuickChangeList


@admin.register(EqualityMonitoring)
class EqualityMonitoringAdmin(admin.ModelAdmin):
    """Shows only aggregate figures, with small numbers suppressed: no one's answers are listed."""

    def has_module_permission(self, request):
        return rules.can_view_equality_report(request.user)

    def has_view_permission(self, request, obj=None):
        return obj is None and rules.can_view_equality_report(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not rules.can_view_equality_report(request.user):
            raise PermissionDenied
        groups = EngagementGroup.objects.all()
        group = groups.filter(pk=as_id(request.GET.get("group", ""))).first()
        EqualityReportView.objects.create(user=request.user, group=group)
        context = {
            **self.admin_site.each_context(request),
            "title": "Equality monitoring: totals",
            "opts": self.model._meta,
            "groups": groups,
            "group": group,
            "summary": equality_summary(("group", group.pk) if group else EVERYONE),
        }
        return TemplateResponse(request, "admin/members/equality_report.html", context)


@admin.register(EqualityReportView)
class EqualityReportViewAdmin(admin.ModelAdmin):
    """Who looked at the equality figures, and when: visible to those who may see the figures."""

    list_display = ["viewed_at", "user", "group"]
    list_select_related = ["user", "group"]
    date_hierarchy = "viewed_at"

    def has_module_permission(self, request):
        return rules.can_view_equality_report(request.user)

    def has_view_permission(self, request, obj=None):
        return rules.can_view_equality_report(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
