"""Brand narratives: each leader's positioning, content pillars and proof points, versioned."""
