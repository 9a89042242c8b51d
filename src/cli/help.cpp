// SPDX-License-Identifier: MIT
// What `attnplay-cli --help` and each command's --help print: the one text of the tool's usage.
#include "cli/help.hpp"

namespace attnplay::cli {

const char* const kToolHelp = R"(attnplay-cli — render attnplay scenes without a window

Usage:
  attnplay-cli <command> [options]
  attnplay-cli <command> --help

Commands:
  frame     render one frame of a scene to a PNG image
  info      print a scene's duration, frame rate, segments and parameters
  render    export a scene to a video (MP4, WebM, MOV, MKV, GIF) or a PNG sequence
  join      put chunks rendered with render --chunk K/N into one MP4, by stream copy

Options:
  -h, --help     show this help
  --version      print the version

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters), 3 output could not be written,
4 some variants of render --variants failed (the others were written).
)";

const char* const kFrameHelp = R"(attnplay-cli frame — render one frame of a scene to a PNG image

Usage:
  attnplay-cli frame SCENE.js -o OUT.png [options]
  attnplay-cli frame SCENES.py SceneName -o OUT.png [options]

Options:
  -o, --output FILE        the PNG to write (required); written whole or not at all
  --time T                 the time in seconds to show, 0 or more (default: the scene's
                           final state, as Manim's -s shows it); a time on a boundary shows
                           the end of the animation before it
  --size WxH               the image size in pixels (default 1920x1080); the 16:9 frame is
                           scaled to fit and centred
  --set NAME=VALUE         give the scene's parameter NAME a value, written as JSON: 3, 0.5,
                           "cat", [0.1, 0.9]; may be repeated
  --params FILE            parameter values from a JSON file such as the player's sidecar
                           scene.params.json; --set wins over it
  --script-timeout S       stop the scene script after S seconds (default 5)
  --script-memory MIB      stop the scene script past MIB MiB of memory (default 4096)
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters), 3 output could not be written.
)";

const char* const kInfoHelp = R"(attnplay-cli info — print a scene's timeline

Usage:
  attnplay-cli info SCENE.js [options]
  attnplay-cli info SCENES.py [SceneName] [options]    (no name: lists the file's scenes)

Prints the duration, the frame rate, the frame count and one line per play() or wait():
index, start and end in seconds, section, and the animations with their targets.

Options:
  --json                   print JSON instead: {"scene", "duration", "fps", "frames",
                           "segments": [{"index", "start", "end", "section", "animations"}],
                           "params": [{"name", "kind", "value", "default", "label"}]}
  --fps N                  the frame rate to count frames at (default 60)
  --set NAME=VALUE         give a scene parameter a value (JSON); may be repeated
  --script-timeout S       stop the scene script after S seconds (default 5)
  --script-memory MIB      stop the scene script past MIB MiB of memory (default 4096)
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters).
)";

const char* const kRenderHelp = R"(attnplay-cli render — export a scene to a video or to PNG files

Usage:
  attnplay-cli render SCENE.js -o OUT.mp4 [options]
  attnplay-cli render SCENES.py SceneName -o OUT.mp4 [options]
  attnplay-cli render SCENE.js -o frames/frame_%04d.png [options]

Options:
  -o, --output FILE        a video — .mp4 (H.264, yuv420p, BT.709, +faststart), .webm (VP9),
                           .mov (ProRes 4444), .mkv (FFV1, lossless), .gif (one palette for the
                           whole animation, 25 fps unless --fps or --quality says otherwise) —
                           written to a temporary file beside it and renamed when complete; or
                           a PNG pattern with %d
  --format NAME            h264 (default for .mp4), h265 (.mp4), vp9, prores, ffv1, gif
  --dither NAME            a GIF's dither: sierra2_4a (default, as FFmpeg's paletteuse),
                           floyd_steinberg, bayer (steady between frames) or none
  --no-loop                a GIF that plays once (by default it loops forever)
  --transparent            leave the background transparent (.mov, .webm, .mkv, .gif and PNG
                           keep the alpha channel; a GIF's pixels under half cover become clear)
  --quality l|m|h|k        Manim's presets: 854x480@15, 1280x720@30, 1920x1080@60 (default),
                           3840x2160@60; -ql, -qm, -qh and -qk as Manim spells them
  --size WxH               the frame size (even numbers); overrides the preset's
  --fps N                  frames per second; overrides the preset's
  --from T, --to T         export only this range of the scene, in seconds
  --crf N                  x264 quality, 0–51 (default 18: visually lossless)
  --preset NAME            x264 speed: ultrafast … veryslow (default superfast)
  --threads N              pieces encoded side by side (default: one per core)
  --sections               also write each section (nextSection) to its own video in a folder
                           `sections` beside the output, OUT_0000.mp4 (…) on, with an index
                           OUT.json (name, type, video, start, end, frames…), as Manim's
                           --save_sections does
  --variants FILE.jsonl    one output per line of FILE, each a JSON object with a "name" and
                           parameter values ({"name": "seed-3", "seed": 3}); -o holds {name}
                           (-o 'out/{name}.mp4'); a variant that fails is reported and the
                           others go on (exit code 4)
  --variant-index I        with --variants: only the variant on line I (from 0, blank lines
                           not counted), for a job array
  --chunk K/N              only chunk K (from 0) of N of an H.264 MP4: a run of whole pieces,
                           starting on a key frame, the same on every machine; put the chunks
                           together with attnplay-cli join (docs/batch.md)
  --no-cache               encode every piece; neither read nor write the piece cache
  --cache-size MIB         keep the piece cache within MIB MiB (default 1024; least recently
                           used pieces go first)
  --set NAME=VALUE         give a scene parameter a value (JSON); may be repeated
  --script-timeout S       stop the scene script after S seconds (default 5)
  --script-memory MIB      stop the scene script past MIB MiB of memory (default 4096)
  -h, --help               show this help

A video is cut into pieces (each play and wait, at most 2 s) encoded on their own and joined
by stream copy. Pieces are kept in $XDG_CACHE_HOME/attnplay/pieces (~/.cache/attnplay/pieces):
exporting again encodes only the pieces whose frames changed.

Progress goes to stderr: a bar on a terminal, a line per 10 % otherwise. Ctrl+C stops the
export and leaves nothing behind. The summary gives frames, duration, size, time and speed.

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters, odd size, unknown preset),
3 the output could not be written (folder missing or not writable, disk full, cancelled),
4 some variants of --variants failed (the others were written).
)";

const char* const kJoinHelp = R"(attnplay-cli join — put chunks together into one MP4

Usage:
  attnplay-cli join -o OUT.mp4 CHUNK_0.mp4 CHUNK_1.mp4 …

Copies the chunks' H.264 packets one after another into OUT.mp4 (no re-encoding), through a
temporary file renamed when complete. Chunks written by render --chunk K/N must all be there,
in order; any H.264 MP4s made with the same settings (sections, say) join too.

Options:
  -o, --output FILE        the MP4 to write
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (a chunk missing, out of order, other settings),
3 the output could not be written.
)";

}  // namespace attnplay::cli
