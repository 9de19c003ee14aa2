"""SCIM 2.0 provisioning: an identity provider keeps an organisation's people and teams in sync."""
