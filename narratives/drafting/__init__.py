"""Drafting: brief -> grounded, voice-true draft variants -> checks -> edits -> learning from what was published."""
