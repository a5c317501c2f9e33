"""A post's whole life across the features: ideas from material, post details from the narrative, the onboarding
checklist, and the to-do list on Home for each role."""
