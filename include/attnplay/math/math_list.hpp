// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay::math {

/// TeX's atom classes; they decide the space between neighbours.
enum class AtomClass { Ord, Op, Bin, Rel, Open, Close, Punct, Inner };

/// Which alphabet a letter is drawn from.
enum class Alphabet { Italic, Upright, Bold, DoubleStruck };

/// One node of a parsed formula (TeX's noads, simplified).
struct Node {
  enum class Type {
    Symbol,     ///< one character: `codepoint`, `cls`
    Text,       ///< upright text from \text{} or \operatorname{}: `text`
    Group,      ///< a braced list, an ord: `body`
    Frac,       ///< `body` over `below`
    Sqrt,       ///< √`body`, with optional index `below`
    LeftRight,  ///< `left` `body` `right`, stretchy delimiters (0 for `.`)
    Space,      ///< `space` in mu (18 mu = 1 em)
    Accent,     ///< `codepoint` over `body`
    Matrix,     ///< `cells`, rows of columns; delimiters `left`/`right` (0 for none)
  };
  Type type = Type::Symbol;
  AtomClass cls = AtomClass::Ord;
  char32_t codepoint = 0;
  std::string text;
  double space = 0;
  std::vector<Node> body, below;
  std::vector<std::vector<std::vector<Node>>> cells;
  char32_t left = 0, right = 0;
  bool largeOp = false;  ///< \sum, \prod, \int: a larger variant in display style
  bool limits = false;   ///< scripts go above and below in display style
  bool hasSup = false, hasSub = false;
  std::vector<Node> sup, sub;
  int column = 0;  ///< 1-based position in the source, for messages
};

/// Parses a TeX math string. Errors name the column and the construct.
Result<std::vector<Node>> parse(const std::string& tex);

/// The commands and characters the parser knows, for docs and messages.
std::vector<std::string> supportedCommands();

}  // namespace attnplay::math
