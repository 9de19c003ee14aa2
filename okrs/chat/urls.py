"""Routes of the chat app: the requests Slack or Mattermost send, and its administration page."""

from django.urls import path

from okrs.chat import requests, views

urlpatterns = [
    path("chat/<str:key>/command/", requests.command, name="chat-command"),
    path("chat/<str:key>/interaction/", requests.interaction, name="chat-interaction"),
    path("administration/chat/", views.chat_app, name="administration-chat"),
    path("administration/chat/teams/", views.team_channels, name="administration-chat-teams"),
    path("administration/chat/uninstall/", views.uninstall, name="administration-chat-uninstall"),
    path("settings/digest/", views.digest_preference, name="digest-preference"),
]
