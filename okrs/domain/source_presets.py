"""Ready-made HTTP sources: a URL template and where the number is, for well-known services."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """A service's answer okrs knows how to read: its URL template and path."""

    key: str
    label: str
    url: str
    format: str
    path: str = ""
    column: str = ""
    row: int = 1
    hint: str = ""


PRESETS = {
    preset.key: preset
    for preset in (
        Preset(
            "github-search",
            "GitHub search count",
            "https://api.github.com/search/issues?q={query}&per_page=1",
            "json",
            "$.total_count",
            hint="query: a GitHub search, e.g. repo:owner/name is:issue is:open label:bug",
        ),
        Preset(
            "gitlab-issues",
            "GitLab issues count",
            "https://gitlab.com/api/v4/projects/{project}/issues_statistics?labels={labels}",
            "json",
            "$.statistics.counts.opened",
            hint="project: the project's path or id; labels: comma separated",
        ),
        Preset(
            "jira-jql",
            "Jira JQL count",
            "https://{site}/rest/api/2/search?jql={jql}&maxResults=0",
            "json",
            "$.total",
            hint="site: your-company.atlassian.net; jql: the search",
        ),
        Preset(
            "spreadsheet-csv",
            "Published spreadsheet (CSV)",
            "https://docs.google.com/spreadsheets/d/e/{id}/pub?output=csv",
            "csv",
            column="2",
            row=1,
            hint="the spreadsheet's 'publish to the web' CSV link; column: a header or a number",
        ),
        Preset(
            "prometheus",
            "Prometheus instant query",
            "https://{server}/api/v1/query?query={query}",
            "json",
            "$.data.result[0].value",
            hint="server: your Prometheus host; query: a PromQL expression returning one series",
        ),
    )
}
