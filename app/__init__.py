"""The top floor: the `byline` command, the schema registry, migrations, backup and the demo reset."""
