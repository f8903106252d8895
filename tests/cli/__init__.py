"""Tests of the `rcdesk` command (rcdesk/cli/): the dispatcher and each command."""
