"""digicoop: international digital-cooperation agreements as an evidence-backed RDF graph."""

__version__ = "0.1.0"
