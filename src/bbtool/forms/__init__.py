"""Excel forms for participants: the layout, writing them and reading them back."""
