"""Routes of the webhook settings pages."""

urlpatterns: list = []
