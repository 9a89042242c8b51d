// SPDX-License-Identifier: MIT
// attnplay-cli join: chunks or sections into one MP4.

#include <cstdio>
#include <ostream>

#include "attnplay/export/export_job.hpp"
#include "cli/command.hpp"
#include "cli/help.hpp"

namespace attnplay::cli {

int runJoin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string output;
  std::vector<std::string> inputs;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out << kJoinHelp;
      return kOk;
    } else if (a == "-o" || a == "--output") {
      output = takeValue(args, i, "-o");
    } else if (!a.empty() && a[0] == '-') {
      throw Usage{"join: unknown option '" + a + "'"};
    } else {
      inputs.push_back(a);
    }
  }
  if (output.empty()) throw Usage{"join: no output given; add -o OUT.mp4"};
  if (inputs.empty()) throw Usage{"join: no chunks given"};
  auto joined = joinVideos(inputs, output);
  if (!joined) return report(joined.error(), err);
  char line[300];
  std::snprintf(line, sizeof line, "%s: %lld frames from %lld files, %.3f s, %.1f kB", output.c_str(),
                static_cast<long long>(joined->frames), static_cast<long long>(joined->inputs), joined->duration,
                static_cast<double>(joined->bytes) / 1000.0);
  out << line << '\n';
  return kOk;
}

}  // namespace attnplay::cli
