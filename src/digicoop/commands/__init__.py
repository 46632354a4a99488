"""One module per `digicoop` sub-command (see :mod:`digicoop.cli`)."""
