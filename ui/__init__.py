"""Streamlit page scripts and the small helpers they share."""
