// SPDX-License-Identifier: MIT
#include <cctype>
#include <map>

#include "attnplay/math/math_list.hpp"

namespace attnplay::math {

namespace {

struct SymbolInfo {
  char32_t codepoint;
  AtomClass cls;
};

const std::map<std::string, SymbolInfo>& symbols() {
  static const std::map<std::string, SymbolInfo> table = {
      // Greek: lowercase italic, uppercase upright (TeX's defaults)
      {"alpha", {0x1D6FC, AtomClass::Ord}},
      {"beta", {0x1D6FD, AtomClass::Ord}},
      {"gamma", {0x1D6FE, AtomClass::Ord}},
      {"delta", {0x1D6FF, AtomClass::Ord}},
      {"epsilon", {0x1D716, AtomClass::Ord}},
      {"varepsilon", {0x1D700, AtomClass::Ord}},
      {"zeta", {0x1D701, AtomClass::Ord}},
      {"eta", {0x1D702, AtomClass::Ord}},
      {"theta", {0x1D703, AtomClass::Ord}},
      {"vartheta", {0x1D717, AtomClass::Ord}},
      {"iota", {0x1D704, AtomClass::Ord}},
      {"kappa", {0x1D705, AtomClass::Ord}},
      {"lambda", {0x1D706, AtomClass::Ord}},
      {"mu", {0x1D707, AtomClass::Ord}},
      {"nu", {0x1D708, AtomClass::Ord}},
      {"xi", {0x1D709, AtomClass::Ord}},
      {"pi", {0x1D70B, AtomClass::Ord}},
      {"rho", {0x1D70C, AtomClass::Ord}},
      {"sigma", {0x1D70E, AtomClass::Ord}},
      {"tau", {0x1D70F, AtomClass::Ord}},
      {"upsilon", {0x1D710, AtomClass::Ord}},
      {"phi", {0x1D719, AtomClass::Ord}},
      {"varphi", {0x1D711, AtomClass::Ord}},
      {"chi", {0x1D712, AtomClass::Ord}},
      {"psi", {0x1D713, AtomClass::Ord}},
      {"omega", {0x1D714, AtomClass::Ord}},
      {"Gamma", {0x0393, AtomClass::Ord}},
      {"Delta", {0x0394, AtomClass::Ord}},
      {"Theta", {0x0398, AtomClass::Ord}},
      {"Lambda", {0x039B, AtomClass::Ord}},
      {"Xi", {0x039E, AtomClass::Ord}},
      {"Pi", {0x03A0, AtomClass::Ord}},
      {"Sigma", {0x03A3, AtomClass::Ord}},
      {"Upsilon", {0x03A5, AtomClass::Ord}},
      {"Phi", {0x03A6, AtomClass::Ord}},
      {"Psi", {0x03A8, AtomClass::Ord}},
      {"Omega", {0x03A9, AtomClass::Ord}},
      // Binary operators
      {"times", {0x00D7, AtomClass::Bin}},
      {"cdot", {0x22C5, AtomClass::Bin}},
      {"pm", {0x00B1, AtomClass::Bin}},
      {"mp", {0x2213, AtomClass::Bin}},
      {"div", {0x00F7, AtomClass::Bin}},
      {"ast", {0x2217, AtomClass::Bin}},
      {"circ", {0x2218, AtomClass::Bin}},
      {"cup", {0x222A, AtomClass::Bin}},
      {"cap", {0x2229, AtomClass::Bin}},
      {"oplus", {0x2295, AtomClass::Bin}},
      {"otimes", {0x2297, AtomClass::Bin}},
      {"odot", {0x2299, AtomClass::Bin}},
      // Relations
      {"le", {0x2264, AtomClass::Rel}},
      {"leq", {0x2264, AtomClass::Rel}},
      {"ge", {0x2265, AtomClass::Rel}},
      {"geq", {0x2265, AtomClass::Rel}},
      {"neq", {0x2260, AtomClass::Rel}},
      {"ne", {0x2260, AtomClass::Rel}},
      {"approx", {0x2248, AtomClass::Rel}},
      {"sim", {0x223C, AtomClass::Rel}},
      {"equiv", {0x2261, AtomClass::Rel}},
      {"in", {0x2208, AtomClass::Rel}},
      {"notin", {0x2209, AtomClass::Rel}},
      {"subset", {0x2282, AtomClass::Rel}},
      {"subseteq", {0x2286, AtomClass::Rel}},
      {"propto", {0x221D, AtomClass::Rel}},
      {"to", {0x2192, AtomClass::Rel}},
      {"rightarrow", {0x2192, AtomClass::Rel}},
      {"leftarrow", {0x2190, AtomClass::Rel}},
      {"gets", {0x2190, AtomClass::Rel}},
      {"Rightarrow", {0x21D2, AtomClass::Rel}},
      {"leftrightarrow", {0x2194, AtomClass::Rel}},
      {"mapsto", {0x21A6, AtomClass::Rel}},
      {"ll", {0x226A, AtomClass::Rel}},
      {"gg", {0x226B, AtomClass::Rel}},
      // Ordinary symbols
      {"infty", {0x221E, AtomClass::Ord}},
      {"partial", {0x1D715, AtomClass::Ord}},
      {"nabla", {0x2207, AtomClass::Ord}},
      {"top", {0x22A4, AtomClass::Ord}},
      {"bot", {0x22A5, AtomClass::Ord}},
      {"forall", {0x2200, AtomClass::Ord}},
      {"exists", {0x2203, AtomClass::Ord}},
      {"emptyset", {0x2205, AtomClass::Ord}},
      {"ell", {0x2113, AtomClass::Ord}},
      {"prime", {0x2032, AtomClass::Ord}},
      {"ldots", {0x2026, AtomClass::Inner}},
      {"dots", {0x2026, AtomClass::Inner}},
      {"cdots", {0x22EF, AtomClass::Inner}},
      {"vdots", {0x22EE, AtomClass::Ord}},
      {"ddots", {0x22F1, AtomClass::Inner}},
      {"|", {0x2016, AtomClass::Ord}},
      {"{", {0x007B, AtomClass::Open}},
      {"}", {0x007D, AtomClass::Close}},
      {"langle", {0x27E8, AtomClass::Open}},
      {"rangle", {0x27E9, AtomClass::Close}},
      {"lfloor", {0x230A, AtomClass::Open}},
      {"rfloor", {0x230B, AtomClass::Close}},
      {"lceil", {0x2308, AtomClass::Open}},
      {"rceil", {0x2309, AtomClass::Close}},
      {"%", {0x0025, AtomClass::Ord}},
      {"_", {0x005F, AtomClass::Ord}},
      {"#", {0x0023, AtomClass::Ord}},
      {"&", {0x0026, AtomClass::Ord}},
  };
  return table;
}

struct LargeOp {
  char32_t codepoint;
  bool limits;
};

const std::map<std::string, LargeOp>& largeOps() {
  static const std::map<std::string, LargeOp> table = {
      {"sum", {0x2211, true}},       {"prod", {0x220F, true}},   {"coprod", {0x2210, true}},
      {"int", {0x222B, false}},      {"iint", {0x222C, false}},  {"oint", {0x222E, false}},
      {"bigcup", {0x22C3, true}},    {"bigcap", {0x22C2, true}}, {"bigoplus", {0x2A01, true}},
      {"bigotimes", {0x2A02, true}},
  };
  return table;
}

// Operator names: upright words with an operator's spacing; these take limits in display style.
const std::map<std::string, bool>& operatorNames() {
  static const std::map<std::string, bool> table = {
      {"log", false}, {"ln", false},  {"exp", false},   {"sin", false},   {"cos", false},
      {"tan", false}, {"arg", false}, {"dim", false},   {"ker", false},   {"deg", false},
      {"max", true},  {"min", true},  {"lim", true},    {"sup", true},    {"inf", true},
      {"det", true},  {"Pr", true},   {"argmax", true}, {"argmin", true},
  };
  return table;
}

const std::map<std::string, double>& spaces() {
  static const std::map<std::string, double> table = {
      {"quad", 18}, {"qquad", 36}, {",", 3}, {":", 4}, {">", 4}, {";", 5}, {"!", -3}, {" ", 6}, {"enspace", 9},
  };
  return table;
}

const std::map<std::string, char32_t>& accents() {
  static const std::map<std::string, char32_t> table = {
      {"hat", 0x0302},     {"bar", 0x0304},       {"tilde", 0x0303},    {"vec", 0x20D7},   {"dot", 0x0307},
      {"ddot", 0x0308},    {"check", 0x030C},     {"breve", 0x0306},    {"acute", 0x0301}, {"grave", 0x0300},
      {"widehat", 0x0302}, {"widetilde", 0x0303}, {"overline", 0x0305},
  };
  return table;
}

char32_t letter(char c, Alphabet alphabet) {
  const bool lower = c >= 'a' && c <= 'z';
  const bool upper = c >= 'A' && c <= 'Z';
  if (alphabet == Alphabet::Upright) return static_cast<char32_t>(c);
  if (alphabet == Alphabet::DoubleStruck && upper) {
    // Unicode keeps ℂ ℍ ℕ ℙ ℚ ℝ ℤ in the letterlike block.
    switch (c) {
      case 'C':
        return 0x2102;
      case 'H':
        return 0x210D;
      case 'N':
        return 0x2115;
      case 'P':
        return 0x2119;
      case 'Q':
        return 0x211A;
      case 'R':
        return 0x211D;
      case 'Z':
        return 0x2124;
      default:
        return 0x1D538 + static_cast<char32_t>(c - 'A');
    }
  }
  if (alphabet == Alphabet::Bold) {
    if (lower) return 0x1D41A + static_cast<char32_t>(c - 'a');
    if (upper) return 0x1D400 + static_cast<char32_t>(c - 'A');
    if (c >= '0' && c <= '9') return 0x1D7CE + static_cast<char32_t>(c - '0');
    return static_cast<char32_t>(c);
  }
  if (c == 'h') return 0x210E;  // Unicode keeps italic h in the letterlike block
  if (lower) return 0x1D44E + static_cast<char32_t>(c - 'a');
  if (upper) return 0x1D434 + static_cast<char32_t>(c - 'A');
  return static_cast<char32_t>(c);
}

Node groupNode() {
  Node n;
  n.type = Node::Type::Group;
  return n;
}

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}

  Result<std::vector<Node>> run() {
    auto list = parseList(Alphabet::Italic, {});
    if (!list) return list;
    if (pos_ < s_.size()) return fail("unexpected '" + std::string(1, s_[pos_]) + "'", "check the braces");
    return list;
  }

 private:
  Error fail(const std::string& message, const std::string& hint = {}, std::size_t at = std::string::npos) const {
    const std::size_t where = at == std::string::npos ? pos_ : at;
    return Error(ErrorCode::InvalidArgument, message + " at column " + std::to_string(where + 1) + " of \"" + s_ + "\"",
                 hint.empty() ? "docs/math.md lists the TeX that MathTex supports" : hint);
  }

  void skipSpaces() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  std::string readCommandName() {
    // After a backslash: a run of letters, or one other character.
    std::size_t start = pos_;
    if (pos_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[pos_]))) {
      while (pos_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    } else if (pos_ < s_.size()) {
      ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }

  bool atTerminator(const std::vector<std::string>& stops) {
    skipSpaces();
    if (pos_ >= s_.size()) return true;
    for (const std::string& stop : stops) {
      if (s_.compare(pos_, stop.size(), stop) == 0) return true;
    }
    return false;
  }

  /// Counts one level of nesting for as long as it lives. Every recursive path of the parser
  /// (braces, and brace-less arguments such as \sqrt\sqrt x or \hat\hat x) takes one, and
  /// layout recurses no deeper than the parse did, so neither can run off the stack.
  class Nesting {
   public:
    explicit Nesting(int& depth) : depth_(depth) { ++depth_; }
    ~Nesting() { --depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    bool tooDeep() const { return depth_ > kMaxDepth; }

   private:
    int& depth_;
  };
  static constexpr int kMaxDepth = 64;
  Error tooDeep() const {
    return fail("the formula nests more than " + std::to_string(kMaxDepth) + " levels deep",
                "no formula needs this; check the braces and the commands that take arguments");
  }

  Result<std::vector<Node>> parseList(Alphabet alphabet, const std::vector<std::string>& stops) {
    const Nesting level(depth_);
    if (level.tooDeep()) return tooDeep();
    std::vector<Node> list;
    while (!atTerminator(stops)) {
      if (s_[pos_] == '}') return list;
      if (s_[pos_] == '^' || s_[pos_] == '_') {
        if (list.empty()) list.push_back(groupNode());  // a script on nothing
        const bool sup = s_[pos_] == '^';
        const std::size_t at = pos_;
        ++pos_;
        Node& base = list.back();
        if ((sup && base.hasSup) || (!sup && base.hasSub)) {
          return fail(sup ? "double superscript" : "double subscript", "use braces: x^{ab} or {x^a}^b", at);
        }
        auto arg = parseArgument(alphabet);
        if (!arg) return arg.error();
        (sup ? base.sup : base.sub) = std::move(*arg);
        (sup ? base.hasSup : base.hasSub) = true;
        continue;
      }
      if (s_[pos_] == '\'') {
        // A prime is a superscript \prime, several primes one superscript.
        if (list.empty()) list.push_back(groupNode());
        while (pos_ < s_.size() && s_[pos_] == '\'') {
          Node prime;
          prime.codepoint = 0x2032;
          list.back().sup.push_back(prime);
          ++pos_;
        }
        list.back().hasSup = true;
        continue;
      }
      if (s_.compare(pos_, 5, "\\over") == 0 &&
          (pos_ + 5 >= s_.size() || !std::isalpha(static_cast<unsigned char>(s_[pos_ + 5])))) {
        // Plain TeX's generalized fraction: what came before in this group over what follows
        // (LaTeX's \frac{a}{b} is {a\over b}).
        const std::size_t at = pos_;
        pos_ += 5;
        auto den = parseList(alphabet, stops);
        if (!den) return den;
        if (list.empty()) return fail("\\over has an empty numerator", "write {a \\over b}", at);
        if (den->empty()) return fail("\\over has an empty denominator", "write {a \\over b}", at);
        Node n;
        n.column = static_cast<int>(at + 1);
        n.type = Node::Type::Frac;
        n.body = std::move(list);
        n.below = std::move(*den);
        return std::vector<Node>{std::move(n)};
      }
      auto atom = parseAtom(alphabet);
      if (!atom) return atom.error();
      for (Node& n : *atom) list.push_back(std::move(n));
    }
    return list;
  }

  /// One script or command argument: a character, a command, or a braced list.
  Result<std::vector<Node>> parseArgument(Alphabet alphabet) {
    skipSpaces();
    if (pos_ >= s_.size()) return fail("missing argument");
    if (s_[pos_] == '{') {
      const std::size_t open = pos_++;
      auto list = parseList(alphabet, {});
      if (!list) return list;
      if (pos_ >= s_.size() || s_[pos_] != '}') return fail("unclosed '{'", "add the missing '}'", open);
      ++pos_;
      return list;
    }
    if (s_[pos_] == '}') return fail("missing argument before '}'");
    // A brace-less argument (\sqrt\sqrt x) nests as deep as a braced one.
    const Nesting level(depth_);
    if (level.tooDeep()) return tooDeep();
    return parseAtom(alphabet);
  }

  Result<std::string> parseRawGroup() {
    skipSpaces();
    if (pos_ >= s_.size() || s_[pos_] != '{') return fail("expected '{'");
    const std::size_t open = pos_++;
    int depth = 1;
    std::string out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) return out;
      if (c == '\\' && pos_ < s_.size()) {
        out += s_[pos_++];  // \{ \} \% \& \_ \# and "\ " stand for the character itself
        continue;
      }
      out += c;
    }
    return fail("unclosed '{'", "add the missing '}'", open);
  }

  Result<char32_t> parseDelimiter() {
    skipSpaces();
    if (pos_ >= s_.size()) return fail("missing delimiter after \\left or \\right");
    const std::size_t at = pos_;
    const char c = s_[pos_++];
    switch (c) {
      case '.':
        return char32_t{0};
      case '(':
      case ')':
      case '[':
      case ']':
      case '|':
      case '/':
        return static_cast<char32_t>(c);
      case '<':
        return char32_t{0x27E8};
      case '>':
        return char32_t{0x27E9};
      case '\\': {
        const std::string name = readCommandName();
        if (name == "{" || name == "lbrace") return char32_t{0x007B};
        if (name == "}" || name == "rbrace") return char32_t{0x007D};
        if (name == "|" || name == "Vert") return char32_t{0x2016};
        if (name == "vert") return char32_t{'|'};
        const auto& table = symbols();
        if (auto it = table.find(name);
            it != table.end() && (it->second.cls == AtomClass::Open || it->second.cls == AtomClass::Close)) {
          return it->second.codepoint;
        }
        return fail("'\\" + name + "' is not a delimiter", "use ( ) [ ] \\{ \\} | \\| \\langle \\rangle or .", at);
      }
      default:
        return fail(std::string("'") + c + "' is not a delimiter", "use ( ) [ ] \\{ \\} | \\| \\langle \\rangle or .",
                    at);
    }
  }

  Result<std::vector<Node>> parseAtom(Alphabet alphabet) {
    skipSpaces();
    const std::size_t at = pos_;
    const char c = s_[pos_];
    Node n;
    n.column = static_cast<int>(at + 1);
    if (c == '{') {
      auto list = parseArgument(alphabet);
      if (!list) return list;
      n.type = Node::Type::Group;
      n.body = std::move(*list);
      return std::vector<Node>{std::move(n)};
    }
    if (c == '\\') {
      ++pos_;
      return parseCommand(alphabet, at);
    }
    if (c == '&') return fail("'&' outside a matrix", "MathTex has no alignment; use \\quad for space", at);
    ++pos_;
    // A UTF-8 character other than ASCII is taken whole, as an ord.
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t length = 1;
      const auto b = static_cast<unsigned char>(c);
      length = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
      char32_t cp = length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
      for (std::size_t k = 1; k < length && pos_ < s_.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s_[pos_++]) & 0x3F);
      n.codepoint = cp;
      return std::vector<Node>{std::move(n)};
    }
    n.codepoint = static_cast<char32_t>(c);
    if (std::isalpha(static_cast<unsigned char>(c))) {
      n.codepoint = letter(c, alphabet);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      n.codepoint = alphabet == Alphabet::Bold ? letter(c, alphabet) : static_cast<char32_t>(c);
    } else {
      switch (c) {
        case '+':
          n.cls = AtomClass::Bin;
          break;
        case '-':
          n.cls = AtomClass::Bin;
          n.codepoint = 0x2212;
          break;
        case '*':
          n.cls = AtomClass::Bin;
          n.codepoint = 0x2217;
          break;
        case '=':
        case '<':
        case '>':
        case ':':
          n.cls = AtomClass::Rel;
          break;
        case '(':
        case '[':
          n.cls = AtomClass::Open;
          break;
        case ')':
        case ']':
        case '!':
        case '?':
          n.cls = AtomClass::Close;
          break;
        case ',':
        case ';':
          n.cls = AtomClass::Punct;
          break;
        case '.':
        case '/':
        case '|':
        case '@':
        case '"':
          break;
        case '~':
          n.type = Node::Type::Space;
          n.space = 6;
          break;
        case '#':
        case '%':
        case '$':
          return fail(std::string("'") + c + "' is not allowed here",
                      "write \\" + std::string(1, c) + " for the character", at);
        default:
          return fail(std::string("unexpected '") + c + "'", {}, at);
      }
    }
    return std::vector<Node>{std::move(n)};
  }

  Result<std::vector<Node>> parseCommand(Alphabet alphabet, std::size_t at) {
    const std::string name = readCommandName();
    Node n;
    n.column = static_cast<int>(at + 1);
    if (name.empty()) return fail("a lone backslash", {}, at);
    if (name == "frac" || name == "dfrac" || name == "tfrac") {
      auto num = parseArgument(alphabet);
      if (!num) return num;
      if (num->empty()) return fail("\\frac has an empty numerator", "write \\frac{a}{b}", at);
      auto den = parseArgument(alphabet);
      if (!den) return den;
      if (den->empty()) return fail("\\frac has an empty denominator", "write \\frac{a}{b}", at);
      n.type = Node::Type::Frac;
      n.body = std::move(*num);
      n.below = std::move(*den);
      return std::vector<Node>{std::move(n)};
    }
    if (name == "sqrt") {
      n.type = Node::Type::Sqrt;
      skipSpaces();
      if (pos_ < s_.size() && s_[pos_] == '[') {
        ++pos_;
        auto index = parseList(alphabet, {"]"});
        if (!index) return index;
        if (pos_ >= s_.size() || s_[pos_] != ']') return fail("unclosed '[' of \\sqrt", {}, at);
        ++pos_;
        n.below = std::move(*index);
      }
      auto body = parseArgument(alphabet);
      if (!body) return body;
      n.body = std::move(*body);
      return std::vector<Node>{std::move(n)};
    }
    if (name == "left") {
      auto l = parseDelimiter();
      if (!l) return l.error();
      auto body = parseList(alphabet, {"\\right"});
      if (!body) return body;
      if (s_.compare(pos_, 6, "\\right") != 0)
        return fail("\\left without \\right", "close it with \\right) or \\right.", at);
      pos_ += 6;
      auto r = parseDelimiter();
      if (!r) return r.error();
      n.type = Node::Type::LeftRight;
      n.cls = AtomClass::Inner;
      n.left = *l;
      n.right = *r;
      n.body = std::move(*body);
      return std::vector<Node>{std::move(n)};
    }
    if (name == "right") return fail("\\right without \\left", {}, at);
    if (name == "text" || name == "textrm" || name == "mbox" || name == "operatorname") {
      auto raw = parseRawGroup();
      if (!raw) return raw.error();
      n.type = Node::Type::Text;
      n.text = *raw;
      if (name == "operatorname") n.cls = AtomClass::Op;
      return std::vector<Node>{std::move(n)};
    }
    if (name == "mathbb") {
      // amssymb's blackboard bold has capitals only (msbm has no lowercase alphabet).
      const std::size_t open = pos_;
      auto body = parseArgument(Alphabet::DoubleStruck);
      if (!body) return body;
      for (const Node& b : *body) {
        const bool capital = (b.codepoint >= 0x1D538 && b.codepoint <= 0x1D551) || b.codepoint == 0x2102 ||
                             b.codepoint == 0x210D || b.codepoint == 0x2115 || b.codepoint == 0x2119 ||
                             b.codepoint == 0x211A || b.codepoint == 0x211D || b.codepoint == 0x2124;
        if (b.type != Node::Type::Symbol || !capital) {
          return fail("\\mathbb takes capital letters only", "write \\mathbb{R}, as amssymb has it", open);
        }
      }
      n.type = Node::Type::Group;
      n.body = std::move(*body);
      return std::vector<Node>{std::move(n)};
    }
    if (name == "mathrm" || name == "mathbf" || name == "mathit" || name == "boldsymbol") {
      const Alphabet a = name == "mathrm" ? Alphabet::Upright : name == "mathit" ? Alphabet::Italic : Alphabet::Bold;
      auto body = parseArgument(a);
      if (!body) return body;
      n.type = Node::Type::Group;
      n.body = std::move(*body);
      return std::vector<Node>{std::move(n)};
    }
    if (name == "begin") {
      auto env = parseRawGroup();
      if (!env) return env.error();
      return parseMatrix(*env, alphabet, at);
    }
    if (name == "end") return fail("\\end without \\begin", {}, at);
    if (name == "\\") return fail("a line break outside a matrix", "MathTex typesets one line", at);
    if (auto it = spaces().find(name); it != spaces().end()) {
      n.type = Node::Type::Space;
      n.space = it->second;
      return std::vector<Node>{std::move(n)};
    }
    if (auto it = accents().find(name); it != accents().end()) {
      auto body = parseArgument(alphabet);
      if (!body) return body;
      n.type = Node::Type::Accent;
      n.codepoint = it->second;
      n.body = std::move(*body);
      return std::vector<Node>{std::move(n)};
    }
    if (auto it = largeOps().find(name); it != largeOps().end()) {
      n.codepoint = it->second.codepoint;
      n.cls = AtomClass::Op;
      n.largeOp = true;
      n.limits = it->second.limits;
      return std::vector<Node>{std::move(n)};
    }
    if (auto it = operatorNames().find(name); it != operatorNames().end()) {
      n.type = Node::Type::Text;
      n.text = name == "argmax" ? "arg max" : name == "argmin" ? "arg min" : name;
      n.cls = AtomClass::Op;
      n.limits = it->second;
      return std::vector<Node>{std::move(n)};
    }
    if (auto it = symbols().find(name); it != symbols().end()) {
      n.codepoint = it->second.codepoint;
      n.cls = it->second.cls;
      return std::vector<Node>{std::move(n)};
    }
    if (name == "limits" || name == "nolimits" || name == "displaystyle" || name == "textstyle") {
      return std::vector<Node>{};  // accepted and ignored: formulas are set in display style
    }
    return fail("unknown command \\" + name, "docs/math.md lists the TeX that MathTex supports", at);
  }

  Result<std::vector<Node>> parseMatrix(const std::string& env, Alphabet alphabet, std::size_t at) {
    Node n;
    n.type = Node::Type::Matrix;
    n.column = static_cast<int>(at + 1);
    if (env == "matrix") {
    } else if (env == "bmatrix") {
      n.left = '[', n.right = ']';
    } else if (env == "pmatrix") {
      n.left = '(', n.right = ')';
    } else if (env == "vmatrix") {
      n.left = '|', n.right = '|';
    } else if (env == "Bmatrix") {
      n.left = 0x007B, n.right = 0x007D;
    } else if (env == "array") {
      // Columns are centred whatever the spec says; the spec is checked, not honoured.
      auto spec = parseRawGroup();
      if (!spec) return spec.error();
      if (spec->empty() || spec->find_first_not_of("clr| ") != std::string::npos) {
        return fail("array column spec '" + *spec + "' is not made of c, l, r", {}, at);
      }
    } else {
      return fail("unknown environment '" + env + "'",
                  "MathTex knows matrix, bmatrix, pmatrix, vmatrix, Bmatrix and array", at);
    }
    const std::string end = "\\end{" + env + "}";
    std::vector<std::vector<Node>> row;
    while (true) {
      auto cell = parseList(alphabet, {"&", "\\\\", "\\end"});
      if (!cell) return cell;
      row.push_back(std::move(*cell));
      if (pos_ >= s_.size()) return fail("\\begin{" + env + "} without " + end, {}, at);
      if (s_[pos_] == '&') {
        ++pos_;
        continue;
      }
      if (s_.compare(pos_, 2, "\\\\") == 0) {
        pos_ += 2;
        n.cells.push_back(std::move(row));
        row.clear();
        continue;
      }
      if (s_.compare(pos_, end.size(), end) != 0) return fail("expected " + end, {}, pos_);
      pos_ += end.size();
      break;
    }
    // A trailing \\ leaves an empty last row, which TeX drops.
    if (!(row.size() == 1 && row.front().empty())) n.cells.push_back(std::move(row));
    return std::vector<Node>{std::move(n)};
  }

  const std::string& s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<std::vector<Node>> parse(const std::string& tex) { return Parser(tex).run(); }

std::vector<std::string> supportedCommands() {
  std::vector<std::string> out = {"frac",   "dfrac",      "tfrac",  "sqrt",         "left",   "right",
                                  "text",   "textrm",     "mbox",   "operatorname", "mathrm", "mathbf",
                                  "mathit", "boldsymbol", "mathbb", "begin",        "end",    "over"};
  for (const auto& [k, v] : symbols()) out.push_back(k);
  for (const auto& [k, v] : largeOps()) out.push_back(k);
  for (const auto& [k, v] : operatorNames()) out.push_back(k);
  for (const auto& [k, v] : spaces()) out.push_back(k);
  for (const auto& [k, v] : accents()) out.push_back(k);
  return out;
}

}  // namespace attnplay::math
