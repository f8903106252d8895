"""`python -m rcdesk` runs the same entry point as the `rcdesk` command."""

from rcdesk.cli import main

raise SystemExit(main())
