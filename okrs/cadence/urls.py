"""Routes of the cadence pages."""

urlpatterns: list = []
