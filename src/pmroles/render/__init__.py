"""Turn plain results into Rich renderables or text; nothing here prints."""
