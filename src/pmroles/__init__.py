"""pmroles: explain and compare the roles around a product, with sources."""

__version__ = "0.1.0"
