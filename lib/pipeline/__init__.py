"""Metrics and charts of the pipeline."""
