"""Django admin for organisations, teams, people and memberships."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from okrs.organizations.models import AdministrativeChange, Membership, Organization, Person, Team


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "profile", "score_scale", "created_at"]
    search_fields = ["name", "slug"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "organization"]
    list_filter = ["level", "organization"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent", "organization"]
    autocomplete_fields = ["parent"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["team"]
    fields = ["team", "role", "organization"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "organization", "role", "is_active", "is_staff"]
    list_filter = ["organization", "role", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    list_select_related = ["organization"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "organization", "role"]}),
        (
            "Django admin",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "organization", "role", "password1", "password2"],
            },
        ),
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "team", "role", "organization"]
    list_filter = ["role", "organization"]
    list_select_related = ["person", "team", "organization"]
    autocomplete_fields = ["person", "team"]


@admin.register(AdministrativeChange)
class AdministrativeChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "summary", "actor", "action", "organization"]
    list_filter = ["action", "organization"]
    list_select_related = ["actor", "organization"]
    search_fields = ["summary"]

    def has_add_permission(self, request):
        """The history records what happened; nobody writes it by hand."""
        return False

    def has_change_permission(self, request, obj=None):
        """The history is read-only."""
        return False
