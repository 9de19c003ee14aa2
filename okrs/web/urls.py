"""Routes of the pages people use."""


urlpatterns: list = []
