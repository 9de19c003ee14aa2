"""Routes of the planning pages."""

urlpatterns: list = []
