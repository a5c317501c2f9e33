"""The ground floor: settings, database, errors, identity, permissions and audit. Imports no feature package."""
