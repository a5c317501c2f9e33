"""The program view: goals per leader and for the program, KPI figures that close the loop (reach, engagement,
follower growth, leads), the company page beside the leaders, and tips in context."""
