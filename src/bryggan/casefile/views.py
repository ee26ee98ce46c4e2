"""The case file's pages: thin, through the case gate in `people.access`."""
