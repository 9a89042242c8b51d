// SPDX-License-Identifier: MIT
// The scene API's functions: the scene (play, wait, add, remove, sections), parameters,
// colours, NumPy's legacy random numbers, and attention's numbers.
#include <QJsonArray>
#include <QJsonObject>

#include "session.hpp"

namespace attnplay::api::detail {

namespace {

constexpr int kMaxJsonDepth = 64;

QJsonValue toJson(const Value& v, const What& what, const Session& s, int depth = 0) {
  if (depth > kMaxJsonDepth) fail(what.text + ": nested more than 64 deep");
  if (const bool* b = v.get<bool>()) return *b;
  if (const double* d = v.get<double>()) return toNumber(v, ParamType::Number, what, s), QJsonValue(*d);
  if (const std::string* str = v.get<std::string>()) return QString::fromStdString(*str);
  if (const Color* c = v.get<Color>()) return QString::fromStdString(c->toHex());
  if (const List* l = v.get<List>()) {
    QJsonArray out;
    for (const Value& item : *l) out.append(toJson(item, what, s, depth + 1));
    return out;
  }
  if (const Dict* d = v.get<Dict>()) {
    QJsonObject out;
    for (const auto& [key, item] : *d) out.insert(QString::fromStdString(key), toJson(item, what, s, depth + 1));
    return out;
  }
  fail(what.text + " must be a number, a string, true or false, or a list of them, got " + describe(v, s.language));
}

Value fromJson(const QJsonValue& v) {
  if (v.isBool()) return v.toBool();
  if (v.isDouble()) return v.toDouble();
  if (v.isString()) return v.toString().toStdString();
  if (v.isArray()) {
    List out;
    for (const QJsonValue& item : v.toArray()) out.push_back(fromJson(item));
    return out;
  }
  if (v.isObject()) {
    Dict out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) out.emplace_back(it.key().toStdString(), fromJson(it.value()));
    return out;
  }
  return {};
}

/// NumPy's random.rand sizes: each from 0 to 100000, and no more numbers than a scene shows.
constexpr double kMaxRandomValues = 1e6;

}  // namespace

void addFunctions(std::vector<Entry>& table) {
  // The scene
  struct PlayArgs {
    std::vector<AnimationSpec> animations;
    PlayOptions o;
  };
  {
    std::vector<Field<PlayArgs>> fields = {rest("animations", &PlayArgs::animations, ParamType::Animation)};
    Field<PlayArgs> f;
    f.info = {"run_time", ParamType::NonNegative, false, false, "the animations'", {}, {}};
    f.set = [](PlayArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.runTime = toNumber(v, ParamType::NonNegative, w, s);
    };
    fields.push_back(f);
    f.info = {"rate_func", ParamType::RateFunc, false, false, "the animations'", {}, {}};
    f.set = [](PlayArgs& a, const Value& v, const What& w, const Session& s) { a.o.rate = toRateFunc(v, w, s); };
    fields.push_back(f);
    f.info = {"lag_ratio", ParamType::NonNegative, false, false, "the animations'", {}, {}};
    f.set = [](PlayArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.lagRatio = toNumber(v, ParamType::NonNegative, w, s);
    };
    fields.push_back(f);
    table.push_back(entry(functionInfo("play", "records animations, played together"), std::move(fields),
                          [](Session& s, const Self&, PlayArgs& a) -> Value {
                            s.outsideUpdaters();
                            if (a.animations.empty()) {
                              fail(s.current + " needs at least one animation, such as " + s.spelled("play") +
                                   "(Write(title))");
                            }
                            const Status st = s.builder.play(a.animations, a.o);
                            if (!st) fail(st.error().message(), st.error().hint(), st.error().code());
                            return {};
                          }));
  }
  struct WaitArgs {
    double duration = 1.0;
    Value stopCondition;
    std::optional<bool> frozenFrame;
  };
  table.push_back(
      entry(functionInfo("wait", "holds the frame"),
            std::vector<Field<WaitArgs>>{field("duration", &WaitArgs::duration, ParamType::NonNegative, "1.0"),
                                         field("stop_condition", &WaitArgs::stopCondition, ParamType::Any, "None"),
                                         field("frozen_frame", &WaitArgs::frozenFrame, ParamType::Boolean, "None")},
            [](Session& s, const Self&, WaitArgs& a) -> Value {
              s.outsideUpdaters();
              if (!a.stopCondition.isNone()) {
                fail(s.current + ": " + s.spelled("stop_condition") + " is not supported by attnplay",
                     "wait for a fixed duration");
              }
              s.check(s.builder.wait(a.duration, a.frozenFrame));
              return {};
            }));
  struct BackgroundArgs {
    Color color;
  };
  table.push_back(
      entry(functionInfo("set_background_color", "the colour behind every frame (Manim's camera.background_color)"),
            std::vector<Field<BackgroundArgs>>{required(field("color", &BackgroundArgs::color, ParamType::Color))},
            [](Session& s, const Self&, BackgroundArgs& a) -> Value {
              s.builder.setBackground(a.color);
              return {};
            }));
  table.push_back(entry(functionInfo("camera_frame",
                                     "the camera's frame (Manim's MovingCameraScene camera.frame): what "
                                     "it covers is what every frame shows"),
                        std::vector<Field<NoArgs>>{}, [](Session& s, const Self&, NoArgs&) -> Value {
                          return Value(MobjectRef{s.check(s.builder.cameraFrame())});
                        }));
  // Manim's Class.set_default(**kwargs): the class's constructor defaults for the rest of the run.
  {
    Entry e;
    e.info = functionInfo("set_default", "Manim's Class.set_default(**kwargs): a class's defaults for this run", true);
    e.info.params = {ParamInfo{"cls", ParamType::String, false, true, {}, {}, "the class"}};
    e.invoke = [](Session& s, const Self&, const Args& args) -> Value {
      const std::string* cls = args.positional.size() == 1 ? args.positional[0].get<std::string>() : nullptr;
      const EntryInfo* target = cls ? findEntry("", *cls) : nullptr;
      if (!target || target->kind != EntryKind::Mobject) {
        fail(s.current + ": set_default is for the mobject classes attnplay has");
      }
      const std::string api = s.spelled(*cls) + "." + s.api("set_default");
      for (const auto& [key, v] : args.keywords) {
        bool known = false;
        for (const ParamInfo& p : target->params) known = known || (p.name == key && !p.variadic);
        if (!known) {
          fail(api + ": " + s.spelled(*cls) + " has no " + (s.language == Language::Python ? "argument" : "option") +
                   " '" + s.spelled(key) + "'",
               "docs/scene-api.md lists each class's options");
        }
      }
      auto& d = s.defaults[*cls];
      if (args.keywords.empty()) d.clear();  // Manim: no arguments restore the class's own defaults
      for (const auto& keyword : args.keywords) {
        std::erase_if(d, [&](const auto& kv) { return kv.first == keyword.first; });
        d.push_back(keyword);
      }
      return {};
    };
    table.push_back(std::move(e));
  }
  struct NameArgs {
    std::string name = "unnamed";
  };
  table.push_back(entry(functionInfo("next_section", "starts a section (a chapter of the export)"),
                        std::vector<Field<NameArgs>>{field("name", &NameArgs::name, ParamType::String, "\"unnamed\"")},
                        [](Session& s, const Self&, NameArgs& a) -> Value {
                          s.builder.nextSection(a.name);
                          return {};
                        }));
  struct MobjectsArgs {
    std::vector<MobjectId> mobjects;
  };
  table.push_back(entry(functionInfo("add", "puts mobjects on stage at once"),
                        std::vector<Field<MobjectsArgs>>{rest("mobjects", &MobjectsArgs::mobjects, ParamType::Mobject)},
                        [](Session& s, const Self&, MobjectsArgs& a) -> Value {
                          for (MobjectId m : a.mobjects) s.graph.addToScene(m);
                          return {};
                        }));
  table.push_back(entry(functionInfo("remove", "takes mobjects off stage at once"),
                        std::vector<Field<MobjectsArgs>>{rest("mobjects", &MobjectsArgs::mobjects, ParamType::Mobject)},
                        [](Session& s, const Self&, MobjectsArgs& a) -> Value {
                          for (MobjectId m : a.mobjects) s.graph.removeFromScene(m);
                          return {};
                        }));

  // Parameters
  struct ParamArgs {
    std::string name;
    Value fallback;
    std::optional<std::string> label, kind;
    std::optional<double> min, max;
    Value colors, choices;
    double colorScale = 1;
  };
  table.push_back(entry(
      functionInfo("param", "a value the side panel and --set can change; the default otherwise"),
      std::vector<Field<ParamArgs>>{
          required(field("name", &ParamArgs::name, ParamType::String)),
          required(field("default", &ParamArgs::fallback, ParamType::Any)),
          field("label", &ParamArgs::label, ParamType::String), field("kind", &ParamArgs::kind, ParamType::String),
          field("min", &ParamArgs::min, ParamType::Number), field("max", &ParamArgs::max, ParamType::Number),
          field("colors", &ParamArgs::colors, ParamType::Any),
          field("color_scale", &ParamArgs::colorScale, ParamType::Number, "1"),
          field("choices", &ParamArgs::choices, ParamType::Any)},
      [](Session& s, const Self&, ParamArgs& a) -> Value {
        const std::string api = "param(\"" + a.name + "\")";
        ParamRequest request;
        request.name = a.name;
        request.fallback = toJson(a.fallback, What{api + ": the default"}, s);
        request.kind = a.kind;
        request.label = a.label;
        request.min = a.min;
        request.max = a.max;
        request.colorScale = a.colorScale;
        const std::string colorsWhat =
            api + ": " + (s.language == Language::Python ? "argument" : "option") + " '" + s.spelled("colors") + "'";
        if (!a.colors.isNone()) {
          const List* c = a.colors.get<List>();
          if (!c || c->size() != 2) fail(colorsWhat + " must be two colours, for 0 and for 1, such as [GRAY, RED]");
          request.colors = std::pair{toColor((*c)[0], What{colorsWhat}, s), toColor((*c)[1], What{colorsWhat}, s)};
        }
        if (!a.choices.isNone()) {
          const List* c = a.choices.get<List>();
          if (!c || c->empty()) fail(api + ": the choices must be a list of the values the parameter takes");
          for (const Value& v : *c) request.choices.push_back(toJson(v, What{api + ": a choice"}, s));
        }
        const Result<std::optional<QJsonValue>> value = s.builder.param(request, "param()");
        if (!value) fail(value.error().message(), value.error().hint(), value.error().code());
        return *value ? fromJson(**value) : a.fallback;
      }));

  // Colours
  struct InterpolateArgs {
    Color a, b;
    double alpha = 0;
  };
  table.push_back(
      entry(functionInfo("interpolate_color", "the colour a fraction alpha of the way from one to another"),
            std::vector<Field<InterpolateArgs>>{required(field("color1", &InterpolateArgs::a, ParamType::Color)),
                                                required(field("color2", &InterpolateArgs::b, ParamType::Color)),
                                                required(field("alpha", &InterpolateArgs::alpha, ParamType::Number))},
            [](Session&, const Self&, InterpolateArgs& a) -> Value { return interpolateColor(a.a, a.b, a.alpha); }));

  // NumPy's legacy random numbers
  struct SeedArgs {
    double seed = 0;
  };
  table.push_back(entry(functionInfo("random_seed", "NumPy's legacy np.random.seed", true),
                        std::vector<Field<SeedArgs>>{required(field("seed", &SeedArgs::seed, ParamType::Number))},
                        [](Session& s, const Self&, SeedArgs& a) -> Value {
                          s.check(s.builder.randomSeed(a.seed));
                          return {};
                        }));
  struct RandArgs {
    std::vector<double> dims;
  };
  table.push_back(entry(
      functionInfo("random_rand", "NumPy's legacy np.random.rand: uniform numbers in [0, 1) of a shape", true),
      std::vector<Field<RandArgs>>{rest("d", &RandArgs::dims, ParamType::Integer)},
      [](Session& s, const Self&, RandArgs& a) -> Value {
        double total = 1;
        for (double d : a.dims) {
          if (d < 0 || d > 100000) {
            fail(s.current + ": sizes must be whole numbers from 0 to 100000, got " + QString::number(d).toStdString(),
                 {}, ErrorCode::OutOfRange);
          }
          total *= d;
        }
        if (total > kMaxRandomValues) {
          fail(s.current + ": more than a million numbers", "a scene shows tens of tokens", ErrorCode::LimitExceeded);
        }
        std::function<Value(std::size_t)> fill = [&](std::size_t level) -> Value {
          if (level == a.dims.size()) return s.builder.randomValue();
          List out;
          for (double i = 0; i < a.dims[level]; ++i) out.push_back(fill(level + 1));
          return out;
        };
        return fill(0);
      }));

  // Attention
  struct SoftmaxArgs {
    Value logits;
    double temperature = 1;
  };
  table.push_back(
      entry(functionInfo("softmax", "numerically stable softmax of a list, or of each row of a matrix"),
            std::vector<Field<SoftmaxArgs>>{required(field("logits", &SoftmaxArgs::logits, ParamType::Any)),
                                            field("temperature", &SoftmaxArgs::temperature, ParamType::Positive, "1")},
            [](Session& s, const Self&, SoftmaxArgs& a) -> Value {
              bool vector = false;
              const attention::Matrix m = toMatrix(a.logits, What{s.current + ": the logits"}, s, vector);
              return fromMatrix(attention::softmax(m, a.temperature), vector);
            }));
  struct AttentionArgs {
    Value q, k, v, mask;
    double temperature = 1;
  };
  table.push_back(entry(
      functionInfo("attention", "softmax(QKᵀ/√d_k)V: weights and output; mask=\"causal\" hides later keys"),
      std::vector<Field<AttentionArgs>>{required(field("q", &AttentionArgs::q, ParamType::Any)),
                                        required(field("k", &AttentionArgs::k, ParamType::Any)),
                                        required(field("v", &AttentionArgs::v, ParamType::Any)),
                                        field("mask", &AttentionArgs::mask, ParamType::Any, "None"),
                                        field("temperature", &AttentionArgs::temperature, ParamType::Number, "1")},
      [](Session& s, const Self&, AttentionArgs& a) -> Value {
        bool vq = false, vk = false, vv = false;
        const attention::Matrix Q = toMatrix(a.q, What{s.current + ": Q"}, s, vq);
        const attention::Matrix K = toMatrix(a.k, What{s.current + ": K"}, s, vk);
        const attention::Matrix V = toMatrix(a.v, What{s.current + ": V"}, s, vv);
        attention::AttentionOptions o;
        o.temperature = a.temperature;
        if (!a.mask.isNone()) {
          const bool* b = a.mask.get<bool>();
          const std::string* text = a.mask.get<std::string>();
          if (!b && !(text && *text == "causal")) {
            fail(s.current + ": option 'mask' must be \"causal\" or true/false, got " + describe(a.mask, s.language));
          }
          o.causal = b ? *b : true;
        }
        auto r = attention::scaledDotProduct(Q, K, V, o);
        if (!r) fail(r.error().message(), r.error().hint(), ErrorCode::OutOfRange);
        return Dict{{"weights", fromMatrix(r->weights, false)}, {"output", fromMatrix(r->output, false)}};
      }));
  struct LoadArgs {
    std::string path;
    bool probabilities = false;
    std::optional<double> tokens;
  };
  table.push_back(
      entry(functionInfo("load_weights", "attention weights from a JSON, CSV or .npy file beside the scene"),
            std::vector<Field<LoadArgs>>{required(field("path", &LoadArgs::path, ParamType::String)),
                                         field("probabilities", &LoadArgs::probabilities, ParamType::Boolean, "False"),
                                         field("tokens", &LoadArgs::tokens, ParamType::Integer, "None")},
            [](Session& s, const Self&, LoadArgs& a) -> Value {
              attention::LoadRequirements req;
              req.probabilities = a.probabilities;
              if (a.tokens) req.tokens = static_cast<std::size_t>(std::max(0.0, *a.tokens));
              const attention::WeightArray w = s.check(s.builder.loadWeights(a.path, req));
              std::size_t at = 0;
              std::function<Value(std::size_t)> build = [&](std::size_t axis) -> Value {
                if (axis == w.shape.size()) return w.values[at++];
                List out;
                for (std::size_t i = 0; i < w.shape[axis]; ++i) out.push_back(build(axis + 1));
                return out;
              };
              List tokens, shape;
              for (const auto& t : w.tokens) tokens.emplace_back(t);
              for (std::size_t d : w.shape) shape.emplace_back(static_cast<double>(d));
              return Dict{{"weights", build(0)}, {"tokens", std::move(tokens)}, {"shape", std::move(shape)}};
            }));
}

}  // namespace attnplay::api::detail
