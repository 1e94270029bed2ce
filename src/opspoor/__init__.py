"""opspoor: track down traffickers and smugglers across sanctions lists, documents and the web."""

__version__ = "0.1.0"
