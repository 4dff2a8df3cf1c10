"""What to send to whom and when: the timing rules."""
