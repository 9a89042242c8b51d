// SPDX-License-Identifier: MIT
#include "attnplay/export/png_file.hpp"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include "attnplay/base/output_file.hpp"

namespace attnplay {

Status writePngFile(const QImage& image, const std::string& path, const std::vector<std::string>& inputs) {
  if (Status s = checkOutputTarget(path, inputs); !s) return s;
  const QFileInfo info(QString::fromStdString(path));
  if (!info.absoluteDir().exists()) {
    return Error(ErrorCode::IoError,
                 "cannot write '" + path + "': the folder '" + info.absolutePath().toStdString() + "' does not exist",
                 "create the folder first, or write somewhere else");
  }
  QSaveFile file(info.absoluteFilePath());
  if (!file.open(QIODevice::WriteOnly)) {
    return Error(ErrorCode::IoError, "cannot write '" + path + "': " + file.errorString().toStdString(),
                 "check that the folder is writable");
  }
  if (!image.save(&file, "PNG")) {
    file.cancelWriting();
    return Error(ErrorCode::IoError, "cannot write '" + path + "': encoding the PNG failed",
                 "check that the disk is not full");
  }
  if (!file.commit()) {
    return Error(ErrorCode::IoError, "cannot write '" + path + "': " + file.errorString().toStdString(),
                 "check that the disk is not full and the folder is writable");
  }
  return {};
}

}  // namespace attnplay
