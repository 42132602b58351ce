"""The meeting view: one self-contained HTML file (Jinja2, inline SVG, a little script)."""
