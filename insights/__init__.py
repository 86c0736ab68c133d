"""Insight for staff: what visitors asked, in which language, what the assistant missed (`python -m insights`)."""
