"""The catalogue: where its files are, reading and checking them, layering, the cache."""
