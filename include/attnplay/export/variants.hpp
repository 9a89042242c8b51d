// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/export/export_job.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay {

/// One what-if of a scene: a name (it becomes part of a file name) and parameter values, each as
/// JSON text, over the scene's own.
struct Variant {
  std::string name;
  std::map<std::string, std::string> values;
  int line = 0;  ///< where it was read, for messages
};

/// Reads variants as JSON Lines: one object per line, {"name": "seed-3", "seed": 3, …} (every key
/// but "name" a parameter) or {"name": "seed-3", "params": {"seed": 3}}. Blank lines are skipped.
/// Errors name the file and the line: bad JSON, no name, a name that cannot be a file name, the
/// same name twice, no variants at all.
Result<std::vector<Variant>> parseVariants(const std::string& text, const std::string& fileName);
Result<std::vector<Variant>> readVariantsFile(const std::string& path);

/// The output of a variant: `pattern` with every {name} replaced by the variant's name.
std::string variantOutput(const std::string& pattern, const std::string& name);
/// Refuses a pattern that would give every variant the same file (no {name} in it).
Status checkVariantPattern(const std::string& pattern, std::size_t variants);

/// Where a batch stands: frames over every variant, and the variant being exported.
struct BatchProgress {
  std::int64_t done = 0, total = 0;
  std::size_t variant = 0, variants = 0;
  std::string name;
  double framesPerSecond = 0, etaSeconds = 0;
};

/// What became of one variant.
struct VariantOutcome {
  std::string name, output;
  std::optional<Error> error;  ///< why it failed, when it did
  ExportStats stats;           ///< when it succeeded
  bool ok() const { return !error; }
};

/// Exports each variant: its timeline from `load` (which runs the scene with the variant's
/// values; all are loaded first, so the progress knows every frame), then the export with
/// `settings` and the variant's output. Two variants run at a time, each with half the threads
/// (one at a time with one thread); `load` and `progress` are called from those threads, the
/// latter one call at a time. All share the process — fonts, typeset formulas,
/// the piece cache, so what two variants draw alike is encoded once. A variant that fails to
/// load or export is reported in its outcome and the others go on; a cancel stops the batch.
std::vector<VariantOutcome> exportVariants(
    const std::vector<Variant>& variants, const std::string& outputPattern, const ExportSettings& settings,
    const std::function<Result<std::shared_ptr<const Timeline>>(const Variant&)>& load,
    const std::function<void(const BatchProgress&)>& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace attnplay
