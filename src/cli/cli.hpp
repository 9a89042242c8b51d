// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace attnplay::cli {

/// Exit codes of attnplay-cli.
enum ExitCode : int {
  kOk = 0,
  kUsage = 1,
  kBadInput = 2,
  kCannotWrite = 3,
  kSomeVariantsFailed = 4,
  kInterrupted = 130
};

/// Runs the tool on its arguments (without the program name); messages go to `out` and `err`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Asks the running command to stop (from a signal handler): a script is interrupted, an export
/// cancelled with its temporary file removed.
void interrupt();

}  // namespace attnplay::cli
