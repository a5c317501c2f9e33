"""Engagement figures: importers for platform exports, matching to Byline posts, manual entry, UTM leads."""
