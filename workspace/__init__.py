"""Byline workspace: people, roles, posts, revisions, calendar, engagement, audit and settings."""
