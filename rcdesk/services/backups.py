"""Backups and restore, as the window uses them (the ui reaches the library only through
services). The rules live in store/backups.py: when a backup is taken, how it is checked,
which are kept, and how a restore swaps files without losing a commit."""

from __future__ import annotations

from rcdesk.store.backups import (
    BackupInfo,
    backup_folder,
    list_backups,
    purge_backups,
    restore_backup,
    take_backup,
)

__all__ = ["BackupInfo", "backup_folder", "list_backups", "purge_backups", "restore_backup",
           "take_backup"]
