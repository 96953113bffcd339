"""Widget helpers: each draws its widgets and returns what the reader chose."""
