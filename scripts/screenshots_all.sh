#!/usr/bin/env bash
# Regenerate every picture the README and docs show, in one command (needs xvfb-run, xauth,
# xrandr and pdftoppm; see platform-notes.md for the Debian packages):
#
#   scripts/screenshots_all.sh
#
# Each script builds the sample workshop in a temporary library under Xvfb at 1280x720 (the
# walkthrough on two 1280x720 screens) and never touches the user's library or settings.
set -euo pipefail
cd "$(dirname "$0")"
export PYTHONPATH="${PYTHONPATH:-$(cd .. && pwd)}"
PY=${PYTHON:-python}
one=(-a -s "-screen 0 1280x720x24")
for script in screenshots.py screenshots_scores.py screenshots_gaps.py screenshots_decks.py \
              screenshots_pulse.py screenshots_structures.py screenshots_voices.py; do
  echo "== $script"
  QT_QPA_PLATFORM=xcb xvfb-run "${one[@]}" "$PY" "$script"
done
echo "== screenshots_conversations.py (two screens)"
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 2560x720x24 -noreset" ./two_screens.sh \
  "$PY" screenshots_conversations.py
echo "== screenshots_map_audit.py"
"$PY" screenshots_map_audit.py
echo "== report_pages.py"
"$PY" report_pages.py
