"""Routes of the reminders pages."""

urlpatterns: list = []
