// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attnplay {

/// A rate function: animation progress in, eased progress out (Manim's rate_func). Either one of
/// Manim's by name, or a table sampled once from a script's own function.
class RateFunc {
 public:
  /// Manim's `smooth`, the default.
  RateFunc();
  /// One of Manim's by name, snake_case ("there_and_back") or camelCase ("thereAndBack").
  static std::optional<RateFunc> named(const std::string& name);
  /// A function sampled at evenly spaced points of [0, 1], read back by linear interpolation.
  static RateFunc sampled(std::string name, std::vector<double> samples);
  /// Every name `named` knows, in Manim's spelling.
  static std::vector<std::string> names();

  double operator()(double t) const;
  const std::string& name() const { return name_; }
  /// A sampled function's table; null for one of Manim's.
  const std::vector<double>* samples() const { return samples_.get(); }

 private:
  using Fn = double (*)(double);
  RateFunc(std::string name, Fn fn) : name_(std::move(name)), fn_(fn) {}
  std::string name_;
  Fn fn_ = nullptr;
  std::shared_ptr<const std::vector<double>> samples_;
};

namespace rate {
/// Manim's rate functions (manim/utils/rate_functions.py), with its clamping outside [0, 1].
double linear(double t);
double smooth(double t);
double rushInto(double t);
double rushFrom(double t);
double slowInto(double t);
double doubleSmooth(double t);
double thereAndBack(double t);
double thereAndBackWithPause(double t);
double runningStart(double t);
double wiggle(double t);
double lingering(double t);
double exponentialDecay(double t);
}  // namespace rate

}  // namespace attnplay
