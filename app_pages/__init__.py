"""The app's pages (each file is run by Streamlit as a script) and the widgets pages share (capture)."""
