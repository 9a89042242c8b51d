// SPDX-License-Identifier: MIT
#include "app/shortcuts.hpp"

#include <QCoreApplication>

namespace attnplay::app {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("Commands", text); }

}  // namespace

const QList<Command>& playerCommands() {
  using K = QKeySequence;
  static const QList<Command> commands = {
      {"open", "File", tr("&Open…"), {K(Qt::CTRL | Qt::Key_O)}},
      {"reload", "File", tr("&Reload"), {K(Qt::CTRL | Qt::Key_R), K(Qt::Key_F5)}},
      {"chooseScene", "File", tr("Choose &Scene…"), {}},
      {"exportVideo", "File", tr("&Export Video…"), {K(Qt::CTRL | Qt::Key_E)}},
      {"exportVariants", "File", tr("Export &Variants…"), {}},
      {"exportFrame", "File", tr("Export &Frame as PNG…"), {K(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}},
      {"quit", "File", tr("&Quit"), {K(Qt::CTRL | Qt::Key_Q)}},
      {"undo", "Edit", tr("&Undo"), {K(Qt::CTRL | Qt::Key_Z)}},
      {"redo", "Edit", tr("&Redo"), {K(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), K(Qt::CTRL | Qt::Key_Y)}},
      {"play", "Playback", tr("&Play / Pause"), {K(Qt::Key_Space)}},
      {"reverse", "Playback", tr("Play &Backwards (again: faster)"), {K(Qt::Key_J)}},
      {"pause", "Playback", tr("P&ause"), {K(Qt::Key_K)}},
      {"forward", "Playback", tr("Play &Forwards (again: faster)"), {K(Qt::Key_L)}},
      {"frameBack", "Playback", tr("One Frame Back"), {K(Qt::Key_Left), K(Qt::Key_Comma)}},
      {"frameForward", "Playback", tr("One Frame Forward"), {K(Qt::Key_Right), K(Qt::Key_Period)}},
      {"secondBack", "Playback", tr("One Second Back"), {K(Qt::SHIFT | Qt::Key_Left)}},
      {"secondForward", "Playback", tr("One Second Forward"), {K(Qt::SHIFT | Qt::Key_Right)}},
      {"previousSegment", "Playback", tr("Previous Segment Boundary"), {K(Qt::Key_Up)}},
      {"nextSegment", "Playback", tr("Next Segment Boundary"), {K(Qt::Key_Down)}},
      {"start", "Playback", tr("Go to &Start"), {K(Qt::Key_Home)}},
      {"end", "Playback", tr("Go to &End"), {K(Qt::Key_End)}},
      {"inPoint", "Playback", tr("Set &In Point"), {K(Qt::Key_I)}},
      {"outPoint", "Playback", tr("Set &Out Point"), {K(Qt::Key_O)}},
      {"clearInOut", "Playback", tr("&Clear In and Out Points"), {K(Qt::ALT | Qt::Key_X)}},
      {"loop", "Playback", tr("&Loop"), {K(Qt::CTRL | Qt::Key_L)}},
      {"zoomIn", "View", tr("Zoom Timeline &In"), {K(Qt::CTRL | Qt::Key_Equal), K(Qt::CTRL | Qt::Key_Plus)}},
      {"zoomOut", "View", tr("Zoom Timeline &Out"), {K(Qt::CTRL | Qt::Key_Minus)}},
      {"zoomFit", "View", tr("Zoom Timeline to &Fit"), {K(Qt::CTRL | Qt::Key_0)}},
      {"fullScreen", "View", tr("F&ull Screen"), {K(Qt::Key_F11)}},
      {"escape", "View", tr("Leave Full Screen or the Text Field"), {K(Qt::Key_Escape)}},
      {"shortcuts", "Help", tr("&Keyboard Shortcuts"), {K(Qt::Key_F1)}},
      {"docs", "Help", tr("&Documentation"), {}},
      {"about", "Help", tr("&About attnplay"), {}},
  };
  return commands;
}

}  // namespace attnplay::app
