"""The work behind each sub-command, kept out of cli.py so the parser stays light."""
