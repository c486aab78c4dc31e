"""graphsvc: responsibility networks around clients of social and health services."""

__version__ = "0.1.0"
