// SPDX-License-Identifier: MIT
// attnplay-cli frame: one frame of a scene as a PNG.

#include <optional>
#include <ostream>

#include "attnplay/export/png_file.hpp"
#include "attnplay/frame/frame_state.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "cli/command.hpp"
#include "cli/help.hpp"

namespace attnplay::cli {

int runFrame(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string scenePath, outputPath;
  double time = -1;
  int width = 1920, height = 1080;
  SceneInputs in;
  ScriptOptions& options = in.options;

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) { return takeValue(args, i, name); };
    if (a == "-h" || a == "--help") {
      out << kFrameHelp;
      return kOk;
    } else if (a == "-o" || a == "--output") {
      outputPath = value("-o");
    } else if (a == "--time") {
      const std::string v = value("--time");
      if (!parseNumber(v, time) || time < 0) throw Usage{"--time '" + v + "': expected seconds, 0 or more"};
    } else if (a == "--size") {
      const std::string v = value("--size");
      if (!parseSize(v, width, height) || width < 16 || height < 16 || width > 16384 || height > 16384) {
        throw Usage{"--size '" + v + "': expected WIDTHxHEIGHT between 16 and 16384, such as 1920x1080"};
      }
    } else if (sceneOption(args, i, in)) {
    } else {
      sceneArgument(a, scenePath, options.sceneName, "frame");
    }
  }
  if (scenePath.empty()) throw Usage{"frame: no scene given"};
  if (outputPath.empty()) throw Usage{"frame: no output given; add -o OUT.png"};
  if (!QString::fromStdString(outputPath).endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
    throw Usage{"frame: the output '" + outputPath + "' must end in .png"};
  }

  std::optional<LoadedScene> scene;
  if (auto failed = loadScene(scenePath, options, err, scene)) return *failed;
  // With no --time, the stage as the script left it: Manim's last frame (-s).
  const FrameState frame =
      time >= 0 ? scene->timeline->evaluate(time) : scene->timeline->evaluate(scene->timeline->duration() + 1);
  const QImage image = renderImage(frame, QSize(width, height));
  if (gInterrupted) return report(Error(ErrorCode::Cancelled, "stopped before the frame was written"), err);
  std::vector<std::string> inputs = in.files;
  inputs.push_back(scenePath);
  if (const Status written = writePngFile(image, outputPath, inputs); !written) return report(written.error(), err);
  out << outputPath << '\n';
  return kOk;
}

}  // namespace attnplay::cli
