"""Voice: import a leader's past posts, profile their voice, score and attribute texts."""
