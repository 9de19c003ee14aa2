"""An admin installs the chat app and sets team channels; each person sets their digest."""

from conftest import signed_in
from okrs.chat.models import ChatInstallation, DigestPreference, TeamChannel
from okrs.chat.tests.slack import SIGNING_SECRET
from okrs.reminders.models import settings_of

PAGE = "/administration/chat/"


def install(client, **fields):
    body = {
        "platform": "slack",
        "workspace_id": "T0ACME",
        "signing_secret": SIGNING_SECRET,
        "bot_token": "xoxb-1",
        **fields,
    }
    return client.post(PAGE, body)


def test_an_admin_installs_the_app_and_gets_the_urls_to_paste(world, settings):
    settings.BASE_URL = "https://okrs.acme.test"
    admin = signed_in(world.admin)
    assert "Not installed" in admin.get(PAGE).content.decode()
    response = install(admin)
    assert response.status_code == 302
    installation = ChatInstallation.objects.get(organization=world.org)
    assert (installation.workspace_id, installation.bot_token()) == ("T0ACME", "xoxb-1")
    assert settings_of(world.org).check_in_buttons
    page = admin.get(PAGE).content.decode()
    assert f"https://okrs.acme.test/chat/{installation.key}/command/" in page
    assert f"https://okrs.acme.test/chat/{installation.key}/interaction/" in page
    assert SIGNING_SECRET not in page
    assert "xoxb-1" not in page


def test_saving_again_with_empty_secrets_keeps_them(world):
    admin = signed_in(world.admin)
    install(admin)
    install(admin, signing_secret="", bot_token="", workspace_id="T0OTHER")
    installation = ChatInstallation.objects.get(organization=world.org)
    assert installation.workspace_id == "T0OTHER"
    assert installation.signing_secret() == SIGNING_SECRET


def test_installing_without_a_signing_secret_is_refused(world):
    response = install(signed_in(world.admin), signing_secret="")
    assert response.status_code == 422
    assert "Enter the app&#x27;s signing secret" in response.content.decode()
    assert not ChatInstallation.objects.exists()


def test_an_api_url_on_the_servers_own_network_is_refused(world, settings):
    settings.OUTBOUND_ALLOW = []
    response = install(signed_in(world.admin), api_url="http://10.0.0.5/api")
    assert response.status_code == 422
    assert "on the server&#x27;s own network" in response.content.decode()
    assert not ChatInstallation.objects.exists()


def test_members_cannot_see_the_chat_app_page(world):
    assert signed_in(world.alice).get(PAGE).status_code == 403
    assert install(signed_in(world.alice)).status_code == 403
    assert not ChatInstallation.objects.exists()


def test_removing_the_app_forgets_its_secrets_and_the_buttons(world):
    admin = signed_in(world.admin)
    install(admin)
    assert admin.post("/administration/chat/uninstall/").status_code == 302
    assert not ChatInstallation.objects.exists()
    assert not settings_of(world.org).check_in_buttons


def test_an_admin_sets_a_team_channel_and_clears_it(world):
    admin = signed_in(world.admin)
    body = {"team": world.growth.pk, "channel_id": "C0GROWTH", "weekly_digest": "on"}
    assert admin.post("/administration/chat/teams/", body).status_code == 302
    channel = TeamChannel.objects.get(team=world.growth)
    assert (channel.channel_id, channel.weekly_digest) == ("C0GROWTH", True)
    admin.post("/administration/chat/teams/", {"team": world.growth.pk, "channel_id": "C0G"})
    channel.refresh_from_db()
    assert (channel.channel_id, channel.weekly_digest) == ("C0G", False)
    admin.post("/administration/chat/teams/", {"team": world.growth.pk, "channel_id": ""})
    assert not TeamChannel.objects.exists()


def test_a_team_of_another_organisation_is_not_found(world):
    from okrs.organizations.actions import create_organization, create_team

    other = create_organization("Other Co", slug="other")
    theirs = create_team(other, "Theirs", "tactical")
    body = {"team": theirs.pk, "channel_id": "C0X"}
    assert signed_in(world.admin).post("/administration/chat/teams/", body).status_code == 404
    assert not TeamChannel.objects.exists()


def test_the_administration_links_to_the_chat_app(world):
    page = signed_in(world.admin).get("/administration/").content.decode()
    assert f'href="{PAGE}"' in page


def test_a_person_switches_the_weekly_digest_on_from_their_account_page(world):
    alice = signed_in(world.alice)
    page = alice.get("/settings/account/").content.decode()
    assert "E-mail me the weekly digest" in page
    assert 'name="weekly_email" checked' not in page
    response = alice.post("/settings/digest/", {"weekly_email": "on"})
    assert response.status_code == 302
    assert DigestPreference.objects.get(person=world.alice).weekly_email
    assert 'name="weekly_email" checked' in alice.get("/settings/account/").content.decode()
    alice.post("/settings/digest/", {})
    assert not DigestPreference.objects.get(person=world.alice).weekly_email
