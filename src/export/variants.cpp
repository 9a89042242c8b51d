// SPDX-License-Identifier: MIT
#include "attnplay/export/variants.hpp"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QThread>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "attnplay/base/input_file.hpp"

namespace attnplay {

namespace {

Error lineError(const std::string& file, int line, const std::string& message, const std::string& hint) {
  return Error(ErrorCode::InvalidArgument, message, hint).at(SourceLocation{file, line, 0});
}

/// A name that is one file name on every system: letters, digits, '.', '_', '-', not starting with '.'.
bool fileSafe(const std::string& name) {
  if (name.empty() || name.size() > 200 || name[0] == '.') return false;
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string jsonText(const QJsonValue& v) {
  // A lone value has no document of its own: wrapped in an array and unwrapped again.
  QByteArray text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
  return text.mid(1, text.size() - 2).toStdString();
}

}  // namespace

Result<std::vector<Variant>> parseVariants(const std::string& text, const std::string& fileName) {
  std::vector<Variant> out;
  std::set<std::string> names;
  int lineNumber = 0;
  std::size_t start = 0;
  const std::string hint = R"(each line is one JSON object such as {"name": "seed-3", "seed": 3})";
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (end == text.size()) break;
      continue;
    }
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(line), &parsed);
    if (parsed.error != QJsonParseError::NoError)
      return lineError(fileName, lineNumber, "not JSON: " + parsed.errorString().toStdString(), hint);
    if (!doc.isObject()) return lineError(fileName, lineNumber, "a variant is a JSON object", hint);
    QJsonObject object = doc.object();
    Variant v;
    v.line = lineNumber;
    const QJsonValue name = object.take(QStringLiteral("name"));
    if (!name.isString()) return lineError(fileName, lineNumber, "the variant has no \"name\" (a string)", hint);
    v.name = name.toString().toStdString();
    if (!fileSafe(v.name)) {
      return lineError(fileName, lineNumber, "the name '" + v.name + "' cannot be part of a file name",
                       "use letters, digits, '.', '_' and '-', not starting with '.'");
    }
    if (!names.insert(v.name).second)
      return lineError(fileName, lineNumber, "the name '" + v.name + "' is used twice", "give each variant its own");
    if (object.size() == 1 && object.contains(QStringLiteral("params"))) {
      const QJsonValue params = object.value(QStringLiteral("params"));
      if (!params.isObject())
        return lineError(fileName, lineNumber, "\"params\" must be an object of name → value", hint);
      object = params.toObject();
    }
    for (auto it = object.begin(); it != object.end(); ++it) v.values[it.key().toStdString()] = jsonText(it.value());
    out.push_back(std::move(v));
    if (end == text.size()) break;
  }
  if (out.empty()) return Error(ErrorCode::InvalidArgument, "'" + fileName + "' holds no variants", hint);
  return out;
}

Result<std::vector<Variant>> readVariantsFile(const std::string& path) {
  auto text = readInputFile(path, std::size_t{64} << 20, "variants file");
  if (!text) return text.error();
  return parseVariants(*text, path);
}

std::string variantOutput(const std::string& pattern, const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.compare(i, 6, "{name}") == 0) {
      out += name;
      i += 6;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

Status checkVariantPattern(const std::string& pattern, std::size_t variants) {
  if (variants > 1 && pattern.find("{name}") == std::string::npos) {
    return Error(ErrorCode::InvalidArgument, "the output '" + pattern + "' is the same for every variant",
                 "put {name} in it, such as -o 'out/{name}.mp4'");
  }
  return {};
}

namespace {

/// Runs body(i) for i in [0, count) on `threads` threads (this one among them), each index once.
void forEachIndex(std::size_t count, int threads, const std::function<void(std::size_t)>& body) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) body(i);
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads && static_cast<std::size_t>(t) < count; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& h : helpers) h.join();
}

}  // namespace

std::vector<VariantOutcome> exportVariants(
    const std::vector<Variant>& variants, const std::string& outputPattern, const ExportSettings& settings,
    const std::function<Result<std::shared_ptr<const Timeline>>(const Variant&)>& load,
    const std::function<void(const BatchProgress&)>& progress, const std::atomic<bool>* cancel) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  // Two variants at a time: one export alone leaves a core idle while it plans, joins and waits
  // on the encoder; each gets half the threads, so the machine is used as much, no more.
  const int cores = settings.threads > 0 ? settings.threads : std::max(1, QThread::idealThreadCount());
  const int side = cores >= 2 ? 2 : 1;
  const int each = std::max(1, cores / side);
  std::vector<VariantOutcome> outcomes(variants.size());
  std::vector<std::shared_ptr<const Timeline>> timelines(variants.size());
  std::vector<std::int64_t> frames(variants.size(), 0), done(variants.size(), 0);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    outcomes[i].name = variants[i].name;
    outcomes[i].output = variantOutput(outputPattern, variants[i].name);
  }
  forEachIndex(variants.size(), side, [&](std::size_t i) {
    VariantOutcome& o = outcomes[i];
    if (cancel && cancel->load()) {
      o.error = Error(ErrorCode::Cancelled, "the batch was cancelled");
      return;
    }
    auto timeline = load(variants[i]);
    if (!timeline) {
      o.error = timeline.error();
      return;
    }
    timelines[i] = *timeline;
    ExportSettings s = settings;
    s.output = o.output;
    frames[i] = ExportJob(timelines[i], s).frameCount();
  });
  std::int64_t total = 0;
  for (const std::int64_t f : frames) total += f;
  std::mutex reporting;  // progress comes from the variants' threads, one call at a time
  auto report = [&](std::size_t i, std::int64_t framesDone) {
    if (!progress) return;
    std::lock_guard lock(reporting);
    done[i] = framesDone;
    std::int64_t sum = 0;
    for (const std::int64_t d : done) sum += d;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double fps = elapsed > 0 ? static_cast<double>(sum) / elapsed : 0;
    progress(
        {sum, total, i, variants.size(), outcomes[i].name, fps, fps > 0 ? static_cast<double>(total - sum) / fps : 0});
  };
  forEachIndex(variants.size(), side, [&](std::size_t i) {
    VariantOutcome& o = outcomes[i];
    if (!timelines[i]) return;
    if (cancel && cancel->load()) {
      o.error = Error(ErrorCode::Cancelled, "the batch was cancelled", "this variant was not written");
      return;
    }
    ExportSettings s = settings;
    s.output = o.output;
    s.threads = each;
    // A folder per variant ('out/{name}/video.mp4') is made as needed.
    const QString folder = QFileInfo(QString::fromStdString(s.output)).absolutePath();
    if (!QDir().mkpath(folder)) {
      o.error = Error(ErrorCode::IoError, "cannot create the folder '" + folder.toStdString() + "'",
                      "check that the output's folder is writable");
      return;
    }
    auto stats =
        ExportJob(timelines[i], s)
            .run([&](const ExportProgress& p) { report(i, p.done * frames[i] / std::max<std::int64_t>(1, p.total)); },
                 cancel);
    if (!stats) {
      o.error = stats.error();
      return;
    }
    o.stats = *stats;
    report(i, frames[i]);
  });
  return outcomes;
}

}  // namespace attnplay
