"""Routes of the reminders pages."""

from django.urls import path

from okrs.reminders import quick, views

urlpatterns = [
    path("", views.my_due, name="reminders"),
    path("teams/<slug:slug>/", views.team_due, name="reminders-team"),
    path("settings/", views.reminder_settings, name="reminders-settings"),
    path("check-in/<str:token>/", quick.quick_check_in, name="reminders-quick-check-in"),
]
