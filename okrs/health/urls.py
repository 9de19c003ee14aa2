"""Routes of the health pages."""

urlpatterns: list = []
