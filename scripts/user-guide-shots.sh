#!/bin/sh
# Takes the screenshots of docs/user-guide.md as a person sees the player: under Xvfb with a
# window manager (openbox), driven with xdotool, captured with ImageMagick's import.
# Needs: xvfb openbox xdotool imagemagick. Run from the repository after a build.
set -eu
cd "$(dirname "$0")/.."
out=docs/images/user-guide
player="$PWD/build/attnplay"
work=$(mktemp -d)
trap 'kill $wm $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb :77 -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:77
sleep 1
openbox >/dev/null 2>&1 &
wm=$!
sleep 1
export XDG_CONFIG_HOME="$work/config"  # the player's own settings, not the user's
cp scenes/*.js "$work/"

start() {  # start SCENE-ARGS…: the player, its window in front
  "$player" "$@" >/dev/null 2>&1 &
  pid=$!
  sleep 3
  win=$(xdotool search --sync --onlyvisible --pid "$pid" | tail -1)
  xdotool windowactivate --sync "$win" windowsize --sync "$win" 1400 860 windowmove "$win" 20 10
  sleep 1
}
shot() { import -window root -crop 1400x880+20+0 "$out/$1"; }
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

# The welcome page: the bundled scenes, and recent ones after a first visit.
start "$work/heatmap.js"; stop
start
shot welcome.png
stop

# Scrubbing SelfAttentionDemo, the panel in probabilities mode.
start "$work/self_attention.js" --time 5.5
shot player_scrub.png
# Logits mode: open the weights' mode box and pick its second entry.
xdotool mousemove 1277 134 click 1
sleep 0.5
xdotool key Down Return
sleep 1
shot panel_logits.png
# The shortcut list (F1).
xdotool key F1
sleep 1
shot shortcuts.png
xdotool key Escape
stop

# AttentionHeatmap with its weight matrix in the panel.
start "$work/heatmap.js" --time 6.5
shot player_panel.png
# An export from the menu (Ctrl+E, Enter): the Exports panel with its progress.
xdotool key ctrl+e
sleep 1
xdotool key Return
sleep 2
shot export_queue.png
stop

# A broken scene: the error with its file, line and column.
printf 'const s = Square();\nadd(s;\n' > "$work/broken.js"
start "$work/broken.js"
shot player_error.png
stop
echo "screenshots written to $out"
