"""Routes of signing in and out, the account page and single sign-on."""

from django.contrib.auth import views as auth_views
from django.urls import path

from okrs.organizations import sso, views

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/account/", views.account, name="account"),
    path("settings/account/sign-out-everywhere/", views.sign_out_all, name="sign-out-everywhere"),
    path("oidc/authenticate/", sso.sso_start, name="sso-start"),
    path("oidc/callback/", sso.sso_callback, name="sso-callback"),
]
