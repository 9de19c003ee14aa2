"""The org chart import in a real browser: a file with problems, the 30-person file, applied."""

from pathlib import Path

import pytest

from conftest import PASSWORD
from okrs.organizations.models import Person, Team
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE_30 = Path(__file__).parents[1] / "data" / "people-30.csv"
BROKEN = (
    "email,name,team,parent team,level,role,team role\n"
    "dan@acme.test,Dan Brooks,Sales,Salse,,,\n"
    "eve@acme.test,Eve Marsh,,,,boss,\n"
    "dan@acme.test,Dan Again,,,,,\n"
    "kai@acme.test,Kai Lund,Growth,Growth,,,\n"
)


def test_an_admin_imports_the_org_chart(page, live_server, world, tmp_path):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/administration/")
    page.get_by_role("link", name="Import people").click()
    page.get_by_role("heading", name="Import people").wait_for()
    shoot(page, "import-upload")

    broken = tmp_path / "people-with-problems.csv"
    broken.write_text(BROKEN)
    page.get_by_label("CSV (UTF-8) or Excel workbook").set_input_files(str(broken))
    page.get_by_role("button", name="Preview the import").click()
    problems = page.locator(".import-problems tbody tr")
    problems.first.wait_for()
    assert problems.count() == 4
    assert "unknown parent team 'Salse'" in problems.nth(0).inner_text()
    assert page.get_by_role("button", name="Apply the import").count() == 0
    shoot(page, "import-problems")

    page.get_by_label("CSV (UTF-8) or Excel workbook").set_input_files(str(PEOPLE_30))
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("heading", name="Preview of people-30.csv").wait_for()
    assert "30 people created" in page.locator(".import-counts").inner_text().replace("\n", " ")
    shoot(page, "import-preview")

    page.get_by_role("button", name="Apply the import").click()
    page.get_by_text("Imported people-30.csv: 6 teams created, 30 people created.").wait_for()
    shoot(page, "import-applied")
    assert Person.objects.filter(organization=world.org).count() == 34
    assert Team.objects.get(name="Field Service").parent.name == "Operations"

    page.get_by_label("CSV (UTF-8) or Excel workbook").set_input_files(str(PEOPLE_30))
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("heading", name="Nothing to change in people-30.csv").wait_for()
    shoot(page, "import-nothing-to-change")
