// SPDX-License-Identifier: MIT
#include "attnplay/animation/rate_functions.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

namespace attnplay {

namespace {

constexpr double kPi = std::numbers::pi;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// Manim's @unit_interval: 0 below the interval, 1 above it.
template <double (*F)(double)>
double unitInterval(double t) {
  if (t < 0) return 0;
  if (t > 1) return 1;
  return F(t);
}

/// Manim's @zero: 0 outside the interval.
template <double (*F)(double)>
double zeroOutside(double t) {
  return t < 0 || t > 1 ? 0 : F(t);
}

double smoothRaw(double t) {
  constexpr double inflection = 10.0;
  const double error = sigmoid(-inflection / 2);
  return std::clamp((sigmoid(inflection * (t - 0.5)) - error) / (1 - 2 * error), 0.0, 1.0);
}
double linearRaw(double t) { return t; }
double rushIntoRaw(double t) { return 2 * smoothRaw(t / 2.0); }
double rushFromRaw(double t) { return 2 * smoothRaw(t / 2.0 + 0.5) - 1; }
double slowIntoRaw(double t) { return std::sqrt(1 - (1 - t) * (1 - t)); }
double doubleSmoothRaw(double t) { return t < 0.5 ? 0.5 * smoothRaw(2 * t) : 0.5 * (1 + smoothRaw(2 * t - 1)); }
double thereAndBackRaw(double t) { return smoothRaw(t < 0.5 ? 2 * t : 2 * (1 - t)); }
double thereAndBackWithPauseRaw(double t) {
  constexpr double pause = 1.0 / 3;
  constexpr double a = 1.0 / pause;
  if (t < 0.5 - pause / 2) return smoothRaw(a * t);
  if (t < 0.5 + pause / 2) return 1;
  return smoothRaw(a - a * t);
}
double wiggleRaw(double t) { return thereAndBackRaw(t) * std::sin(2 * kPi * t); }

// Bézier of the control values [0, 0, pull, pull, 1, 1, 1] (Manim's running_start).
double runningStartRaw(double t) {
  constexpr double pull = -0.5;
  const double p[7] = {0, 0, pull, pull, 1, 1, 1};
  double b[7];
  std::copy(p, p + 7, b);
  for (int n = 6; n > 0; --n) {
    for (int i = 0; i < n; ++i) b[i] = b[i] + t * (b[i + 1] - b[i]);
  }
  return b[0];
}

// squish_rate_func(linear, 0, 0.8)
double lingeringRaw(double t) {
  if (t < 0) return 0;
  if (t > 0.8) return 1;
  return t / 0.8;
}
double exponentialDecayRaw(double t) { return 1 - std::exp(-t / 0.1); }

double easeInSine(double t) { return 1 - std::cos(t * kPi / 2); }
double easeOutSine(double t) { return std::sin(t * kPi / 2); }
double easeInOutSine(double t) { return -(std::cos(kPi * t) - 1) / 2; }
double easeInQuad(double t) { return t * t; }
double easeOutQuad(double t) { return 1 - (1 - t) * (1 - t); }
double easeInOutQuad(double t) { return t < 0.5 ? 2 * t * t : 1 - std::pow(-2 * t + 2, 2) / 2; }
double easeInCubic(double t) { return t * t * t; }
double easeOutCubic(double t) { return 1 - std::pow(1 - t, 3); }
double easeInOutCubic(double t) { return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2; }
double easeInQuart(double t) { return std::pow(t, 4); }
double easeOutQuart(double t) { return 1 - std::pow(1 - t, 4); }
double easeInOutQuart(double t) { return t < 0.5 ? 8 * std::pow(t, 4) : 1 - std::pow(-2 * t + 2, 4) / 2; }
double easeInQuint(double t) { return std::pow(t, 5); }
double easeOutQuint(double t) { return 1 - std::pow(1 - t, 5); }
double easeInOutQuint(double t) { return t < 0.5 ? 16 * std::pow(t, 5) : 1 - std::pow(-2 * t + 2, 5) / 2; }
double easeInExpo(double t) { return t == 0 ? 0 : std::pow(2, 10 * t - 10); }
double easeOutExpo(double t) { return t == 1 ? 1 : 1 - std::pow(2, -10 * t); }
double easeInOutExpo(double t) {
  if (t == 0) return 0;
  if (t == 1) return 1;
  return t < 0.5 ? std::pow(2, 20 * t - 10) / 2 : (2 - std::pow(2, -20 * t + 10)) / 2;
}
double easeInCirc(double t) { return 1 - std::sqrt(1 - t * t); }
double easeOutCirc(double t) { return std::sqrt(1 - (t - 1) * (t - 1)); }
double easeInOutCirc(double t) {
  return t < 0.5 ? (1 - std::sqrt(1 - 4 * t * t)) / 2 : (std::sqrt(1 - std::pow(-2 * t + 2, 2)) + 1) / 2;
}
constexpr double kBack = 1.70158;
double easeInBack(double t) { return (kBack + 1) * t * t * t - kBack * t * t; }
double easeOutBack(double t) { return 1 + (kBack + 1) * std::pow(t - 1, 3) + kBack * std::pow(t - 1, 2); }
double easeInOutBack(double t) {
  constexpr double c2 = kBack * 1.525;
  return t < 0.5 ? (std::pow(2 * t, 2) * ((c2 + 1) * 2 * t - c2)) / 2
                 : (std::pow(2 * t - 2, 2) * ((c2 + 1) * (t * 2 - 2) + c2) + 2) / 2;
}
double easeInElastic(double t) {
  constexpr double c4 = 2 * kPi / 3;
  if (t == 0 || t == 1) return t;
  return -std::pow(2, 10 * t - 10) * std::sin((t * 10 - 10.75) * c4);
}
double easeOutElastic(double t) {
  constexpr double c4 = 2 * kPi / 3;
  if (t == 0 || t == 1) return t;
  return std::pow(2, -10 * t) * std::sin((t * 10 - 0.75) * c4) + 1;
}
double easeInOutElastic(double t) {
  constexpr double c5 = 2 * kPi / 4.5;
  if (t == 0 || t == 1) return t;
  return t < 0.5 ? -(std::pow(2, 20 * t - 10) * std::sin((20 * t - 11.125) * c5)) / 2
                 : (std::pow(2, -20 * t + 10) * std::sin((20 * t - 11.125) * c5)) / 2 + 1;
}
double easeOutBounce(double t) {
  constexpr double n1 = 7.5625, d1 = 2.75;
  if (t < 1 / d1) return n1 * t * t;
  if (t < 2 / d1) {
    t -= 1.5 / d1;
    return n1 * t * t + 0.75;
  }
  if (t < 2.5 / d1) {
    t -= 2.25 / d1;
    return n1 * t * t + 0.9375;
  }
  t -= 2.625 / d1;
  return n1 * t * t + 0.984375;
}
double easeInBounce(double t) { return 1 - easeOutBounce(1 - t); }
double easeInOutBounce(double t) {
  return t < 0.5 ? (1 - easeOutBounce(1 - 2 * t)) / 2 : (1 + easeOutBounce(2 * t - 1)) / 2;
}

struct Entry {
  const char* name;
  double (*fn)(double);
};

const Entry kTable[] = {
    {"linear", &unitInterval<linearRaw>},
    {"smooth", &unitInterval<smoothRaw>},
    {"rush_into", &unitInterval<rushIntoRaw>},
    {"rush_from", &unitInterval<rushFromRaw>},
    {"slow_into", &unitInterval<slowIntoRaw>},
    {"double_smooth", &unitInterval<doubleSmoothRaw>},
    {"there_and_back", &zeroOutside<thereAndBackRaw>},
    {"there_and_back_with_pause", &zeroOutside<thereAndBackWithPauseRaw>},
    {"running_start", &runningStartRaw},
    {"wiggle", &zeroOutside<wiggleRaw>},
    {"lingering", &lingeringRaw},
    {"exponential_decay", &exponentialDecayRaw},
    {"ease_in_sine", &unitInterval<easeInSine>},
    {"ease_out_sine", &unitInterval<easeOutSine>},
    {"ease_in_out_sine", &unitInterval<easeInOutSine>},
    {"ease_in_quad", &unitInterval<easeInQuad>},
    {"ease_out_quad", &unitInterval<easeOutQuad>},
    {"ease_in_out_quad", &unitInterval<easeInOutQuad>},
    {"ease_in_cubic", &unitInterval<easeInCubic>},
    {"ease_out_cubic", &unitInterval<easeOutCubic>},
    {"ease_in_out_cubic", &unitInterval<easeInOutCubic>},
    {"ease_in_quart", &unitInterval<easeInQuart>},
    {"ease_out_quart", &unitInterval<easeOutQuart>},
    {"ease_in_out_quart", &unitInterval<easeInOutQuart>},
    {"ease_in_quint", &unitInterval<easeInQuint>},
    {"ease_out_quint", &unitInterval<easeOutQuint>},
    {"ease_in_out_quint", &unitInterval<easeInOutQuint>},
    {"ease_in_expo", &unitInterval<easeInExpo>},
    {"ease_out_expo", &unitInterval<easeOutExpo>},
    {"ease_in_out_expo", &unitInterval<easeInOutExpo>},
    {"ease_in_circ", &unitInterval<easeInCirc>},
    {"ease_out_circ", &unitInterval<easeOutCirc>},
    {"ease_in_out_circ", &unitInterval<easeInOutCirc>},
    {"ease_in_back", &unitInterval<easeInBack>},
    {"ease_out_back", &unitInterval<easeOutBack>},
    {"ease_in_out_back", &unitInterval<easeInOutBack>},
    {"ease_in_elastic", &unitInterval<easeInElastic>},
    {"ease_out_elastic", &unitInterval<easeOutElastic>},
    {"ease_in_out_elastic", &unitInterval<easeInOutElastic>},
    {"ease_in_bounce", &unitInterval<easeInBounce>},
    {"ease_out_bounce", &unitInterval<easeOutBounce>},
    {"ease_in_out_bounce", &unitInterval<easeInOutBounce>},
};

std::string snakeCase(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

RateFunc::RateFunc() : name_("smooth"), fn_(&unitInterval<smoothRaw>) {}

std::optional<RateFunc> RateFunc::named(const std::string& name) {
  const std::string snake = snakeCase(name);
  for (const Entry& e : kTable) {
    if (snake == e.name) return RateFunc(e.name, e.fn);
  }
  return std::nullopt;
}

RateFunc RateFunc::sampled(std::string name, std::vector<double> samples) {
  RateFunc f;
  f.name_ = std::move(name);
  f.fn_ = nullptr;
  f.samples_ = std::make_shared<const std::vector<double>>(std::move(samples));
  return f;
}

std::vector<std::string> RateFunc::names() {
  std::vector<std::string> out;
  for (const Entry& e : kTable) out.emplace_back(e.name);
  return out;
}

double RateFunc::operator()(double t) const {
  if (fn_) return fn_(t);
  const auto& s = *samples_;
  if (s.size() < 2) return s.empty() ? t : s.front();
  // A script's function is trusted on [0, 1] only, like Manim's clamped ones.
  const double x = std::clamp(t, 0.0, 1.0) * static_cast<double>(s.size() - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(x), s.size() - 2);
  return s[i] + (x - static_cast<double>(i)) * (s[i + 1] - s[i]);
}

namespace rate {
double linear(double t) { return unitInterval<linearRaw>(t); }
double smooth(double t) { return unitInterval<smoothRaw>(t); }
double rushInto(double t) { return unitInterval<rushIntoRaw>(t); }
double rushFrom(double t) { return unitInterval<rushFromRaw>(t); }
double slowInto(double t) { return unitInterval<slowIntoRaw>(t); }
double doubleSmooth(double t) { return unitInterval<doubleSmoothRaw>(t); }
double thereAndBack(double t) { return zeroOutside<thereAndBackRaw>(t); }
double thereAndBackWithPause(double t) { return zeroOutside<thereAndBackWithPauseRaw>(t); }
double runningStart(double t) { return runningStartRaw(t); }
double wiggle(double t) { return zeroOutside<wiggleRaw>(t); }
double lingering(double t) { return lingeringRaw(t); }
double exponentialDecay(double t) { return exponentialDecayRaw(t); }
}  // namespace rate

}  // namespace attnplay
