"""Routes of the evaluation pages."""

urlpatterns: list = []
