"""Narratives: the leader's voice, drafting and related services (no UI code here)."""
