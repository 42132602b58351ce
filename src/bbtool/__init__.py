"""bbtool: the Beyond Boundaries early years integration self-evaluation, from plain files."""

__version__ = "0.1.0"
