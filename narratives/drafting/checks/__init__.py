"""Checks run on every draft variant: voice, grounding, corporate lingo, echo chamber, channel rules."""
