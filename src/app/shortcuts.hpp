// SPDX-License-Identifier: MIT
#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

namespace attnplay::app {

/// One command of the player and the keys that run it. The window builds its actions from this
/// table and Help → Keyboard Shortcuts lists it, so the two never disagree.
struct Command {
  QString id;    ///< stable name, for code and tests: "play", "frameBack"
  QString menu;  ///< the menu it sits in: File, Edit, Playback, View, Help
  QString text;  ///< what it does, as the menu shows it
  QList<QKeySequence> keys;
};

const QList<Command>& playerCommands();

}  // namespace attnplay::app
