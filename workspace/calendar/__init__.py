"""Content calendar: views, rescheduling, cadence guardrails, iCal export and blocked-day import."""
