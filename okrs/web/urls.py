"""Routes of the pages people use."""

from django.contrib.auth import views as auth_views
from django.urls import path

from okrs.web.views import checkins, objectives, pages, teams

urlpatterns = [
    path("", pages.home, name="home"),
    path("tree/", pages.tree, name="tree"),
    path("teams/<slug:slug>/", teams.team_detail, name="team"),
    path("objectives/<int:pk>/", objectives.objective_detail, name="objective"),
    path("key-results/<int:pk>/check-in/", checkins.check_in, name="check-in"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
