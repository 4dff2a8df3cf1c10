"""Per-page view models and actions: what each page shows and does, without streamlit."""
