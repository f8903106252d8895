#!/bin/sh
# Two 1280x720 monitors (laptop on the left, projector on the right) on one 2560x720 Xvfb
# screen; run with xvfb-run -s "-screen 0 2560x720x24 -noreset".
xrandr --setmonitor LAPTOP 1280/338x720/190+0+0 screen
xrandr --setmonitor HDMI-1 1280/338x720/190+1280+0 none
exec "$@"
