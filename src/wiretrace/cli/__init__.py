"""The ``wiretrace`` command line: thin commands over library calls."""
