"""Evaluations of newsift's analyzers on annotated corpora (read from a path, never bundled)."""
