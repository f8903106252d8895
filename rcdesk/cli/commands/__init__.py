"""One module per headless command (see rcdesk/cli/registry.py); none imports another."""
