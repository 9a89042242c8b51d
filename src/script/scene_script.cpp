// SPDX-License-Identifier: MIT
#include "attnplay/script/scene_script.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJSEngine>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>
#include <algorithm>
#include <cctype>

#include "attnplay/base/input_file.hpp"
#include "attnplay/base/output_file.hpp"
#include "attnplay/scene_api/json_value.hpp"
#include "attnplay/script/script_sandbox.hpp"
#include "script/watchdog.hpp"
#include "script_host.hpp"

namespace attnplay {

extern const char* const kScenePrelude;  // generated from src/script/prelude.js

namespace {

constexpr const char* kPreludeName = "attnplay-prelude.js";
constexpr std::size_t kMaxSceneBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxParamsBytes = 4 * 1024 * 1024;

/// The column of the failing call on its line. Qt 6.4's engine reports no columns for run-time
/// errors, so find the name the message is about: the API function our own errors start with,
/// the identifier of a ReferenceError, or the `throw` of a user exception.
int guessColumn(const QString& line, const QString& message) {
  QString body = message.section(QStringLiteral(": "), 1);
  QStringList candidates;
  static const QRegularExpression notDefined(QStringLiteral("^(\\w+) is not defined"));
  static const QRegularExpression apiCall(QStringLiteral("^([A-Za-z_]\\w*)\\("));
  static const QRegularExpression notFunction(QStringLiteral("(\\w+) is not a function"));
  if (auto m = notDefined.match(body); m.hasMatch()) candidates << m.captured(1);
  if (auto m = apiCall.match(body); m.hasMatch()) candidates << m.captured(1) + QLatin1Char('(');
  if (auto m = notFunction.match(body); m.hasMatch()) candidates << m.captured(1);
  candidates << QStringLiteral("throw");
  for (const QString& c : candidates) {
    QRegularExpression pattern(
        (c.front().isLetterOrNumber() || c.front() == QLatin1Char('_') ? QStringLiteral("\\b") : QString()) +
        QRegularExpression::escape(c));
    if (const auto m = pattern.match(line); m.hasMatch()) return static_cast<int>(m.capturedStart()) + 1;
  }
  // Otherwise the statement itself: the line's first non-blank character.
  for (int i = 0; i < line.size(); ++i) {
    if (!line[i].isSpace()) return i + 1;
  }
  return 0;
}

/// The scene's own frame from a QJSEngine stack trace ("function:line:column:file" entries).
SourceLocation locate(const QStringList& trace, const QJSValue& error, const std::string& fileName,
                      const QStringList& sourceLines) {
  SourceLocation where{fileName, 0, 0};
  for (const QString& frame : trace) {
    const QStringList parts = frame.split(QLatin1Char(':'));
    if (parts.size() < 4) continue;
    const QString file = parts.mid(3).join(QLatin1Char(':'));
    if (file.endsWith(QLatin1String(kPreludeName))) continue;
    where.line = parts[1].toInt();
    where.column = std::max(0, parts[2].toInt());
    break;
  }
  // Syntax errors come without frames; the error object still knows the line.
  if (where.line <= 0) where.line = std::max(0, error.property(QStringLiteral("lineNumber")).toInt());
  if (where.column == 0 && where.line > 0 && where.line <= sourceLines.size()) {
    where.column = guessColumn(sourceLines[where.line - 1], error.toString());
  }
  return where;
}

std::string hintFor(const QString& message) {
  if (message.startsWith(QLatin1String("ReferenceError"))) {
    return "check the spelling; docs/scene-api.md lists every name a scene can use";
  }
  if (message.startsWith(QLatin1String("SyntaxError"))) {
    return "the script is not valid JavaScript at this point; look for a missing bracket, comma or quote";
  }
  return {};
}

/// What a scene threw, for the message: "the number 42", "the string \"x\"", "an object".
QString thrownValue(const QJSValue& v) {
  if (v.isUndefined()) return QStringLiteral("undefined");
  if (v.isNull()) return QStringLiteral("null");
  if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
  if (v.isNumber()) return QStringLiteral("the number %1").arg(v.toNumber());
  if (v.isString()) return QStringLiteral("the string \"%1\"").arg(v.toString());
  if (v.isArray()) return QStringLiteral("an array of %1").arg(v.property(QStringLiteral("length")).toInt());
  if (v.isCallable()) return QStringLiteral("a function");
  return QStringLiteral("an object");
}

std::vector<SceneLanguage>& languages();

std::atomic<std::uint64_t>& runsHere() {
  static std::atomic<std::uint64_t> runs{0};
  return runs;
}

}  // namespace

std::uint64_t sceneRunsInThisProcess() { return runsHere().load(); }
void noteSceneRunInThisProcess() { runsHere().fetch_add(1); }

namespace detail {

Status startSceneApi(QJSEngine& engine, ScriptHost& host) {
  engine.installExtensions(QJSEngine::ConsoleExtension);
  engine.globalObject().setProperty(QStringLiteral("__host"), engine.newQObject(&host));
  QJSEngine::setObjectOwnership(&host, QJSEngine::CppOwnership);
  const QJSValue prelude = engine.evaluate(QString::fromUtf8(kScenePrelude), QString::fromLatin1(kPreludeName));
  if (prelude.isError()) {
    return Error(ErrorCode::Internal, "the scene API failed to start: " + prelude.toString().toStdString());
  }
  engine.globalObject().deleteProperty(QStringLiteral("__host"));
  return {};
}

}  // namespace detail

Result<LoadedScene> loadSceneSource(const std::string& source, const std::string& fileName,
                                    const ScriptOptions& options) {
  if (!options.sandboxExecutable.empty())
    return runSceneInSandbox(options.sandboxExecutable, languages().front().name, source, fileName, options);
  noteSceneRunInThisProcess();
  LoadedScene scene;
  scene.file = fileName;
  QJSEngine engine;
  detail::ScriptHost host(engine, scene.graph, options);
  if (Status started = detail::startSceneApi(engine, host); !started) return started.error();

  QStringList trace;
  const QString text = QString::fromStdString(source);
  const QStringList lines = text.split(QLatin1Char('\n'));
  detail::Watchdog watchdog(options.timeLimit, options.cancel, [&engine] { engine.setInterrupted(true); });
  const QJSValue result = engine.evaluate(text, QString::fromStdString(fileName), 1, &trace);
  watchdog.stop();

  if (watchdog.cancelled()) {
    return Error(ErrorCode::Cancelled, "the scene script was stopped", "", SourceLocation{fileName, 0, 0});
  }
  if (watchdog.fired()) {
    const double seconds = std::chrono::duration<double>(options.timeLimit).count();
    return Error(
        ErrorCode::Timeout,
        "the scene script ran longer than its " + QString::number(seconds).toStdString() + " s limit and was stopped",
        "look for a loop that never ends; a scene builds its timeline in well under a second",
        locate(trace, result, fileName, lines));
  }
  // The engine hands back whatever was thrown; only an Error object says so itself, so a stack
  // trace is what tells `throw 42` or `throw undefined` from a script that ended normally.
  if (!result.isError() && !trace.isEmpty()) {
    return Error(ErrorCode::ScriptError, "uncaught exception: the scene threw " + thrownValue(result).toStdString(),
                 "throw new Error(\"what went wrong\") to say why a scene cannot go on",
                 locate(trace, result, fileName, lines));
  }
  if (result.isError()) {
    const QString message = result.toString();
    std::string hint = hintFor(message);
    if (!host.lastMessage().isEmpty() && message.endsWith(host.lastMessage())) hint = host.lastHint();
    return Error(ErrorCode::ScriptError, message.toStdString(), hint, locate(trace, result, fileName, lines));
  }

  if (const Status s = host.builder().checkOverrides(); !s) {
    return Error(s.error().code(), s.error().message(), s.error().hint(), SourceLocation{fileName, 0, 0});
  }
  scene.params = host.builder().params();
  scene.timeline = host.builder().finish();
  scene.warnings = host.builder().warnings();
  return scene;
}

namespace {

std::vector<SceneLanguage>& languages() {
  static std::vector<SceneLanguage> registered = [] {
    SceneLanguage js;
    js.name = "JavaScript";
    js.extensions = {".js"};
    js.run = &loadSceneSource;
    // Python is known in every build, so a .py file is told why it cannot run here.
    SceneLanguage python;
    python.name = "Manim Python";
    python.extensions = {".py"};
    python.manyScenes = true;
    python.unavailable =
        Error(ErrorCode::InvalidArgument, "this attnplay was built without Python scenes",
              "install python3-dev, pybind11-dev and python3-numpy (scripts/install-deps.sh does) and build again: "
              "ATTNPLAY_PYTHON turns on when they are found (docs/python-scenes.md)");
    return std::vector<SceneLanguage>{js, python};
  }();
  return registered;
}

std::string extensionOf(const std::string& path) {
  return QFileInfo(QString::fromStdString(path)).suffix().toLower().prepend(QLatin1Char('.')).toStdString();
}

Result<std::string> readScene(const std::string& path) {
  auto source = readInputFile(path, kMaxSceneBytes, "scene");
  if (!source) {
    Error e = source.error();
    if (e.code() == ErrorCode::NotFound) e.withHint("check the path; the bundled scenes are in the scenes/ folder");
    if (e.code() == ErrorCode::LimitExceeded)
      e.withHint("a scene script is a short program; generate data inside it instead of pasting it in");
    return e;
  }
  return source;
}

/// The language `path` runs in, or why it cannot run.
Result<const SceneLanguage*> runnableLanguage(const std::string& path) {
  const SceneLanguage* language = sceneLanguageOf(path);
  if (!language) language = &languages().front();  // a file of another name is JavaScript, as it always was
  if (!language->run) {
    return Error(language->unavailable.code(), language->unavailable.message() + ", so it cannot run '" + path + "'",
                 language->unavailable.hint(), SourceLocation{path, 0, 0});
  }
  return language;
}

}  // namespace

void registerSceneLanguage(SceneLanguage language) {
  for (SceneLanguage& l : languages()) {
    if (l.name == language.name) {
      l = std::move(language);
      return;
    }
  }
  languages().push_back(std::move(language));
}

const std::vector<SceneLanguage>& sceneLanguages() { return languages(); }

const SceneLanguage* sceneLanguageOf(const std::string& path) {
  const std::string extension = extensionOf(path);
  for (const SceneLanguage& l : languages()) {
    if (std::find(l.extensions.begin(), l.extensions.end(), extension) != l.extensions.end()) return &l;
  }
  return nullptr;
}

void prepareSceneLanguage(const std::string& path) {
  if (const SceneLanguage* l = sceneLanguageOf(path); l && l->run && l->prepare) l->prepare();
}

void settleSceneLanguages() {
  for (const SceneLanguage& l : languages()) {
    if (l.settle) l.settle();
  }
}

Result<std::vector<std::string>> scenesInFile(const std::string& path) {
  auto language = runnableLanguage(path);
  if (!language) return language.error();
  if (!(*language)->scenes) return std::vector<std::string>{};
  auto source = readScene(path);
  if (!source) return source.error();
  return (*language)->scenes(*source, path);
}

Result<LoadedScene> loadSceneFile(const std::string& path, const ScriptOptions& options) {
  auto language = runnableLanguage(path);
  if (!language) return language.error();
  auto source = readScene(path);
  if (!source) return source.error();
  ScriptOptions withFolder = options;
  withFolder.sceneDir = QFileInfo(QString::fromStdString(path)).absolutePath().toStdString();
  if (!options.sandboxExecutable.empty())
    return runSceneInSandbox(options.sandboxExecutable, (*language)->name, *source, path, withFolder);
  return (*language)->run(*source, path, withFolder);
}

std::string paramsSidecarPath(const std::string& scenePath, const std::string& sceneName) {
  const QFileInfo info(QString::fromStdString(scenePath));
  const QString scene = sceneName.empty() ? QString() : QLatin1Char('.') + QString::fromStdString(sceneName);
  return (info.path() + QLatin1Char('/') + info.completeBaseName() + scene + QStringLiteral(".params.json"))
      .toStdString();
}

Result<std::map<std::string, std::string>> readParamsFile(const std::string& path) {
  const auto bytes = readInputFile(path, kMaxParamsBytes, "parameters file");
  if (!bytes) return bytes.error();
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(*bytes), &error);
  if (error.error != QJsonParseError::NoError) {
    // Where the JSON breaks, as a line and column of the file: Qt reports the offset after the
    // character it stumbled on, past any blanks it skipped.
    std::size_t at = std::min(bytes->size(), static_cast<std::size_t>(std::max(0, error.offset)));
    while (at > 0 && std::isspace(static_cast<unsigned char>((*bytes)[at - 1]))) --at;
    if (at > 0) --at;
    const std::string before = bytes->substr(0, at);
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const auto lastBreak = before.rfind('\n');
    const int column = static_cast<int>(before.size() - (lastBreak == std::string::npos ? 0 : lastBreak + 1)) + 1;
    return Error(ErrorCode::InvalidArgument, "parameters file is not valid JSON: " + error.errorString().toStdString(),
                 "write it as {\"source\": 2, \"weights\": [0.1, 0.9]}", SourceLocation{path, line, column});
  }
  if (!doc.isObject()) {
    return Error(ErrorCode::InvalidArgument, "parameters file '" + path + "' is not a JSON object of name to value",
                 "write it as {\"source\": 2, \"weights\": [0.1, 0.9]}");
  }
  std::map<std::string, std::string> out;
  const QJsonObject o = doc.object();
  for (auto it = o.begin(); it != o.end(); ++it) out[it.key().toStdString()] = toJsonText(it.value());
  return out;
}

Status writeParamsFile(const std::string& path, const std::map<std::string, std::string>& values) {
  if (Status s = checkOutputTarget(path, {}); !s) return s;
  QJsonObject o;
  for (const auto& [name, json] : values) {
    if (const auto value = parseJsonText(json)) o.insert(QString::fromStdString(name), *value);
  }
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson(QJsonDocument::Indented)) < 0 ||
      !file.commit()) {
    return Error(ErrorCode::IoError,
                 "cannot write parameters file '" + path + "': " + file.errorString().toStdString());
  }
  return {};
}

Result<std::pair<std::string, std::string>> parseOverride(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Error(ErrorCode::InvalidArgument, "--set '" + text + "': expected name=value",
                 "for example --set source=2 or --set 'tokens=[\"A\",\"B\"]'");
  }
  return std::pair{text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace attnplay
