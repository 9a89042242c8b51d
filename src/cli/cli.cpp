// SPDX-License-Identifier: MIT
#include "cli/cli.hpp"

#include <ostream>

#include "cli/command.hpp"
#include "cli/help.hpp"

namespace attnplay::cli {

void interrupt() { gInterrupted = true; }

namespace {

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kToolHelp;
    return kUsage;
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "-h" || command == "--help" || command == "help") {
      out << kToolHelp;
      return kOk;
    }
    if (command == "--version") {
      out << "attnplay-cli " << ATTNPLAY_VERSION << '\n';
      return kOk;
    }
    if (command == "frame") return runFrame(rest, out, err);
    if (command == "info") return runInfo(rest, out, err);
    if (command == "render") return runRender(rest, out, err);
    if (command == "join") return runJoin(rest, out, err);
    return usage("unknown command '" + command + "'", "", err);
  } catch (const Usage& u) {
    return usage(u.message, command, err);
  } catch (const BadInput& b) {
    return report(b.error, err);
  }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const int code = dispatch(args, out, err);
  // What a command printed (a path, a table, JSON) is its result: losing it is a failed write.
  out.flush();
  if (!out && code == kOk) {
    err << "error: cannot write to standard output (the disk may be full, or the pipe closed)\n";
    return kCannotWrite;
  }
  return code;
}

}  // namespace attnplay::cli
