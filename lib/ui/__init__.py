"""The only part of lib/ that imports streamlit: shared widgets, the router and the page guard."""
