"""One module per `valuezone` subcommand, each with `register(subparsers)`."""
