// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "attnplay/export/export_job.hpp"
#include "attnplay/export/piece_cache.hpp"
#include "attnplay/export/variants.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "av_decode.hpp"

using namespace attnplay;

namespace {

std::shared_ptr<const Timeline> shortScene() {
  static const auto t = [] {
    auto scene = loadSceneSource(R"(
      const title = Text("Attention", { fontSize: 48 }).toEdge(UP);
      play(Write(title), { runTime: 0.5 });
      const boxes = VGroup(...[0, 1, 2].map(() => Rectangle({ width: 1.5, height: 1, fillColor: BLUE, fillOpacity: 0.5 })))
        .arrange(RIGHT, { buff: 0.5 });
      play(Create(boxes), { runTime: 0.5 });
      play(boxes.at(1).animate.setFill(RED, { opacity: 0.9 }), { runTime: 0.5 });
      wait(0.5);
    )",
                                 "export.js");
    if (!scene) ADD_FAILURE() << scene.error().format();
    return scene->timeline;
  }();
  return t;
}

/// What libavformat and libavcodec read back from a file.
struct Decoded {
  std::string codec;
  AVPixelFormat format = AV_PIX_FMT_NONE;
  AVColorSpace space = AVCOL_SPC_UNSPECIFIED;
  AVColorPrimaries primaries = AVCOL_PRI_UNSPECIFIED;
  AVColorTransferCharacteristic transfer = AVCOL_TRC_UNSPECIFIED;
  AVColorRange range = AVCOL_RANGE_UNSPECIFIED;
  double duration = 0;
  std::vector<QImage> frames;  ///< decoded and turned back into RGB with the BT.709 matrix
  std::vector<double> times;   ///< each frame's start, seconds
};

/// `decoder` names one (libvpx-vp9 for VP9's alpha, which FFmpeg's own VP9 decoder leaves out);
/// with `alpha` the frames keep their alpha, straight, as QImage::Format_ARGB32.
Decoded decode(const std::string& path, const char* decoder = nullptr, bool alpha = false) {
  Decoded out;
  SwsContext* sws = nullptr;
  test::decodeVideo(
      path, decoder,
      [&](const AVFrame& frame, const AVStream& stream, const AVCodecContext& ctx) {
        out.codec = ctx.codec->name;
        out.space = ctx.colorspace;
        out.primaries = ctx.color_primaries;
        out.transfer = ctx.color_trc;
        out.range = ctx.color_range;
        out.format = static_cast<AVPixelFormat>(frame.format);
        if (!sws) {
          sws = sws_getContext(frame.width, frame.height, out.format, frame.width, frame.height, AV_PIX_FMT_BGRA,
                               SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr);
          const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
          sws_setColorspaceDetails(sws, bt709, 0, bt709, 1, 0, 1 << 16, 1 << 16);
        }
        QImage rgb(frame.width, frame.height, alpha ? QImage::Format_ARGB32 : QImage::Format_RGB32);
        uint8_t* dst[1] = {rgb.bits()};
        const int stride[1] = {static_cast<int>(rgb.bytesPerLine())};
        sws_scale(sws, frame.data, frame.linesize, 0, frame.height, dst, stride);
        out.frames.push_back(rgb);
        out.times.push_back(static_cast<double>(frame.best_effort_timestamp) * av_q2d(stream.time_base));
      },
      &out.duration);
  sws_freeContext(sws);
  return out;
}

double psnr(const QImage& a, const QImage& b) {
  const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
  double sum = 0;
  for (int r = 0; r < x.height(); ++r) {
    for (int c = 0; c < x.width(); ++c) {
      const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
      const double dr = qRed(p) - qRed(q), dg = qGreen(p) - qGreen(q), db = qBlue(p) - qBlue(q);
      sum += dr * dr + dg * dg + db * db;
    }
  }
  const double mse = sum / (3.0 * x.width() * x.height());
  return mse == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / mse);
}

/// The short scene with the third play's colour given: pieces before it draw the same.
std::shared_ptr<const Timeline> sceneFilling(const char* colour) {
  auto scene = loadSceneSource(QString::fromUtf8(R"(
      const title = Text("Attention", { fontSize: 48 }).toEdge(UP);
      play(Write(title), { runTime: 0.5 });
      const boxes = VGroup(...[0, 1, 2].map(() => Rectangle({ width: 1.5, height: 1, fillColor: BLUE, fillOpacity: 0.5 })))
        .arrange(RIGHT, { buff: 0.5 });
      play(Create(boxes), { runTime: 0.5 });
      play(boxes.at(1).animate.setFill(%1, { opacity: 0.9 }), { runTime: 0.5 });
      wait(0.5);
    )")
                                   .arg(QString::fromUtf8(colour))
                                   .toStdString(),
                               "export.js");
  if (!scene) ADD_FAILURE() << scene.error().format();
  return scene->timeline;
}

std::string readAll(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

ExportSettings settingsFor(const QString& path, int threads = 0) {
  ExportSettings s;
  s.output = path.toStdString();
  s.video.width = 480;
  s.video.height = 270;
  s.video.fps = 30;
  s.threads = threads;
  return s;
}

}  // namespace

TEST(Export, RoundTripThroughTheDecoder) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("out.mp4"));
  ExportJob job(shortScene(), settingsFor(path));
  EXPECT_EQ(job.frameCount(), 60);
  std::vector<std::int64_t> seen;
  auto stats = job.run([&](const ExportProgress& p) { seen.push_back(p.done); });
  ASSERT_TRUE(stats.ok()) << stats.error().format();
  EXPECT_EQ(stats->frames, 60);
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), 60);

  const Decoded d = decode(path.toStdString());
  EXPECT_EQ(d.codec, "h264");
  EXPECT_EQ(d.format, AV_PIX_FMT_YUV420P);
  EXPECT_EQ(d.space, AVCOL_SPC_BT709);
  EXPECT_EQ(d.primaries, AVCOL_PRI_BT709);
  EXPECT_EQ(d.transfer, AVCOL_TRC_BT709);
  EXPECT_EQ(d.range, AVCOL_RANGE_MPEG);
  ASSERT_EQ(d.frames.size(), 60u);  // duration × fps
  EXPECT_NEAR(d.duration, 2.0, 1e-6);
  for (int n : {0, 7, 15, 24, 33, 45, 59}) {
    const QImage expected = renderImage(shortScene()->evaluateFrame(n, 30), QSize(480, 270));
    EXPECT_GE(psnr(d.frames[static_cast<std::size_t>(n)], expected), 40.0) << "frame " << n;
  }
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("out.mp4")});
}

TEST(Export, ParallelAndSerialGiveTheSameFrames) {
  QTemporaryDir dir;
  const QString serial = dir.filePath(QStringLiteral("serial.mp4")),
                parallel = dir.filePath(QStringLiteral("parallel.mp4"));
  ASSERT_TRUE(ExportJob(shortScene(), settingsFor(serial, 1)).run().ok());
  ASSERT_TRUE(ExportJob(shortScene(), settingsFor(parallel, 3)).run().ok());
  const Decoded a = decode(serial.toStdString()), b = decode(parallel.toStdString());
  ASSERT_EQ(a.frames.size(), b.frames.size());
  for (std::size_t i = 0; i < a.frames.size(); ++i) EXPECT_EQ(a.frames[i], b.frames[i]) << i;
}

TEST(Export, CancelLeavesNothingBehind) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("cancelled.mp4"));
  std::atomic<bool> cancel{false};
  auto result = ExportJob(shortScene(), settingsFor(path))
                    .run(
                        [&](const ExportProgress& p) {
                          if (p.done >= 30) cancel = true;
                        },
                        &cancel);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message().find("cancelled"), std::string::npos);
  EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(Export, ExistingTargetSurvivesAFailedExport) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("keep.mp4"));
  {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("precious");
  }
  std::atomic<bool> cancel{true};
  EXPECT_FALSE(ExportJob(shortScene(), settingsFor(path)).run({}, &cancel).ok());
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), QByteArray("precious"));
}

TEST(Export, RangeAndPngSequence) {
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("f_%03d.png")));
  s.from = 0.5;
  s.to = 1.0;
  ExportJob job(shortScene(), s);
  EXPECT_EQ(job.frameCount(), 15);
  auto stats = job.run();
  ASSERT_TRUE(stats.ok()) << stats.error().format();
  EXPECT_EQ(QDir(dir.path()).entryList({QStringLiteral("f_*.png")}, QDir::Files).size(), 15);
  // Frame 0 of the range is the scene at 0.5 s.
  const QImage first(dir.filePath(QStringLiteral("f_000.png")));
  EXPECT_EQ(first, renderImage(shortScene()->evaluate(0.5), QSize(480, 270)).convertToFormat(first.format()));
}

TEST(Export, BadSettingsAreClearErrors) {
  QTemporaryDir dir;
  ExportSettings odd = settingsFor(dir.filePath(QStringLiteral("a.mp4")));
  odd.video.width = 481;
  auto r = ExportJob(shortScene(), odd).run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::InvalidArgument);
  EXPECT_NE(r.error().message().find("odd side"), std::string::npos);

  ExportSettings preset = settingsFor(dir.filePath(QStringLiteral("b.mp4")));
  preset.video.preset = "warp";
  r = ExportJob(shortScene(), preset).run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("unknown x264 preset 'warp'"), std::string::npos);

  r = ExportJob(shortScene(), settingsFor(dir.filePath(QStringLiteral("missing/c.mp4")))).run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::IoError);
  EXPECT_NE(r.error().message().find("does not exist"), std::string::npos);

  QDir(dir.path()).mkdir(QStringLiteral("d.mp4"));
  r = ExportJob(shortScene(), settingsFor(dir.filePath(QStringLiteral("d.mp4")))).run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("it is a folder"), std::string::npos);
  EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(Export, QualityPresetsAreManims) {
  EXPECT_EQ(qualityPreset('l')->width, 854);
  EXPECT_EQ(qualityPreset('l')->fps, 15);
  EXPECT_EQ(qualityPreset('m')->height, 720);
  EXPECT_EQ(qualityPreset('h')->fps, 60);
  EXPECT_EQ(qualityPreset('k')->width, 3840);
  EXPECT_FALSE(qualityPreset('x'));
}

TEST(SequencePattern, OneFrameNumberAndPercentSigns) {
  const auto p = parseSequencePattern("out/100%%_f_%04d.png");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->nameOf(7), "out/100%_f_0007.png");
  EXPECT_EQ((*p)->nameOf(123456), "out/100%_f_123456.png");
  const auto plain = parseSequencePattern("f%d.PNG");
  ASSERT_TRUE(plain.ok() && plain->has_value());
  EXPECT_EQ((*plain)->nameOf(3), "f3.PNG");
  const auto video = parseSequencePattern("clip.mp4");
  ASSERT_TRUE(video.ok());
  EXPECT_FALSE(video->has_value());
}

TEST(SequencePattern, AnythingButOneFrameNumberIsRefused) {
  // Each would once have reached printf as a format, or named a file that is not a PNG.
  for (const char* bad : {"f_%s.png", "f_%n.png", "f_%x.png", "f_%d_%d.png", "f_%-4d.png", "f_%.png", "f_%",
                          "scene%d.js", "f_%099999999999d.png", "one.png"}) {
    const auto p = parseSequencePattern(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_NE(p.error().message().find(bad), std::string::npos) << p.error().message();
  }
}

TEST(Export, AFormatInThePatternNeverReachesTheDisk) {
  QTemporaryDir dir;
  const auto r = ExportJob(shortScene(), settingsFor(dir.filePath(QStringLiteral("f_%s%n.png")))).run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::InvalidArgument);
  EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(Export, AFailedSequenceKeepsTheFramesThatWereThere) {
  // A sequence once overwrote frames as it went and deleted them all on failure.
  QTemporaryDir dir;
  for (int i = 0; i < 10; ++i) {
    QFile f(dir.filePath(QStringLiteral("f_%1.png").arg(i, 3, 10, QLatin1Char('0'))));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("the user's frame");
  }
  std::atomic<bool> cancel{false};
  const auto r = ExportJob(shortScene(), settingsFor(dir.filePath(QStringLiteral("f_%03d.png"))))
                     .run([&](const ExportProgress& p) { cancel = p.done == 5; }, &cancel);
  ASSERT_FALSE(r.ok());
  const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
  EXPECT_EQ(files.size(), 10) << files.join(QLatin1Char(' ')).toStdString();  // no temporaries left
  for (const QString& name : files) {
    QFile f(dir.filePath(name));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), QByteArray("the user's frame")) << name.toStdString();
  }
}

TEST(Export, NeverOntoAnInputOrADevice) {
  QTemporaryDir dir;
  const QString scene = dir.filePath(QStringLiteral("s.mp4"));  // a scene with a video's name
  {
    QFile f(scene);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("add(Square());");
  }
  ExportSettings onto = settingsFor(scene);
  onto.inputs = {scene.toStdString()};
  auto r = ExportJob(shortScene(), onto).run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("an input of this run"), std::string::npos) << r.error().message();
  QFile kept(scene);
  ASSERT_TRUE(kept.open(QIODevice::ReadOnly));
  EXPECT_EQ(kept.readAll(), QByteArray("add(Square());"));

  const QString link = dir.filePath(QStringLiteral("zero.mp4"));
  ASSERT_TRUE(QFile::link(QStringLiteral("/dev/zero"), link));
  r = ExportJob(shortScene(), settingsFor(link)).run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("it is a link to a character device"), std::string::npos) << r.error().message();
  EXPECT_TRUE(QFileInfo(link).isSymLink());
}

TEST(Export, ARangePastTheEndIsAnError) {
  // --to 1e9 once started an export of billions of copies of the last frame.
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("far.mp4")));
  s.to = 1e9;
  const auto r = ExportJob(shortScene(), s).run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("is not inside the scene"), std::string::npos) << r.error().message();
  EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(ExportCache, PiecesAreKeyedByWhatTheyDrawAndHowTheyAreEncoded) {
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("a.mp4")));
  s.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
  // Write, Create, setFill and wait: four pieces.
  auto cold = ExportJob(sceneFilling("RED"), s).run();
  ASSERT_TRUE(cold.ok()) << cold.error().format();
  EXPECT_EQ(cold->piecesEncoded, 4);
  EXPECT_EQ(cold->piecesReused, 0);

  s.output = dir.filePath(QStringLiteral("b.mp4")).toStdString();
  auto warm = ExportJob(sceneFilling("RED"), s).run();
  ASSERT_TRUE(warm.ok());
  EXPECT_EQ(warm->piecesEncoded, 0);
  EXPECT_EQ(warm->piecesReused, 4);
  EXPECT_EQ(readAll(dir.filePath(QStringLiteral("a.mp4"))), readAll(dir.filePath(QStringLiteral("b.mp4"))));

  // Another colour changes the setFill piece and the wait that shows it, nothing before.
  s.output = dir.filePath(QStringLiteral("c.mp4")).toStdString();
  auto edited = ExportJob(sceneFilling("GREEN"), s).run();
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->piecesEncoded, 2);
  EXPECT_EQ(edited->piecesReused, 2);

  // Another CRF changes every piece.
  s.video.crf = 23;
  s.output = dir.filePath(QStringLiteral("d.mp4")).toStdString();
  auto crf = ExportJob(sceneFilling("GREEN"), s).run();
  ASSERT_TRUE(crf.ok());
  EXPECT_EQ(crf->piecesEncoded, 4);
  EXPECT_EQ(crf->piecesReused, 0);
}

TEST(ExportCache, AJoinedVideoIsTheVideoEncodedWithoutTheCache) {
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("warm.mp4")));
  s.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
  ASSERT_TRUE(ExportJob(sceneFilling("RED"), s).run().ok());
  ASSERT_TRUE(ExportJob(sceneFilling("GREEN"), s).run().ok());  // half of it from the cache
  ExportSettings plain = settingsFor(dir.filePath(QStringLiteral("plain.mp4")));
  auto stats = ExportJob(sceneFilling("GREEN"), plain).run();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->piecesReused, 0);
  const Decoded joined = decode(s.output), whole = decode(plain.output);
  ASSERT_EQ(joined.frames.size(), 60u);
  ASSERT_EQ(whole.frames.size(), 60u);
  EXPECT_NEAR(joined.duration, 2.0, 1e-6);
  for (std::size_t i = 0; i < 60; ++i) EXPECT_EQ(joined.frames[i], whole.frames[i]) << "frame " << i;
}

TEST(ExportCache, DamagedOrHalfWrittenPiecesAreEncodedAgain) {
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("a.mp4")));
  s.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
  // A cancelled export keeps the pieces it finished and leaves no half-written one.
  std::atomic<bool> cancel{false};
  EXPECT_FALSE(ExportJob(sceneFilling("RED"), s)
                   .run([&](const ExportProgress& p) { cancel = cancel || p.done >= 40; }, &cancel)
                   .ok());
  ASSERT_TRUE(ExportJob(sceneFilling("RED"), s).run().ok());
  QDir cache(QString::fromStdString(s.cacheFolder));
  const QStringList pieces = cache.entryList({QStringLiteral("*.piece")}, QDir::Files, QDir::Name);
  ASSERT_EQ(pieces.size(), 4);
  EXPECT_EQ(cache.entryList(QDir::Files).size(), 4);
  // What a crash can leave: a piece cut short, a piece with a changed byte, a stray part.
  {
    QFile cut(cache.filePath(pieces[0]));
    ASSERT_TRUE(cut.open(QIODevice::ReadWrite));
    ASSERT_TRUE(cut.resize(cut.size() / 2));
  }
  {
    QFile flipped(cache.filePath(pieces[1]));
    ASSERT_TRUE(flipped.open(QIODevice::ReadWrite));
    flipped.seek(flipped.size() / 2);
    char c = 0;
    flipped.getChar(&c);
    flipped.seek(flipped.size() / 2);
    flipped.putChar(static_cast<char>(c ^ 0x20));
  }
  {
    QFile part(cache.filePath(pieces[2] + QStringLiteral(".part-1234")));
    ASSERT_TRUE(part.open(QIODevice::WriteOnly));
    part.write("half");
  }
  s.output = dir.filePath(QStringLiteral("b.mp4")).toStdString();
  auto again = ExportJob(sceneFilling("RED"), s).run();
  ASSERT_TRUE(again.ok()) << again.error().format();
  EXPECT_EQ(again->piecesEncoded, 2);
  EXPECT_EQ(again->piecesReused, 2);
  EXPECT_EQ(readAll(dir.filePath(QStringLiteral("a.mp4"))), readAll(dir.filePath(QStringLiteral("b.mp4"))));
}

TEST(ExportCache, TheLeastRecentlyUsedPiecesGoFirst) {
  QTemporaryDir dir;
  const std::string folder = dir.filePath(QStringLiteral("cache")).toStdString();
  EncodedPiece piece;
  piece.header = {0, 0, 0, 1, 0x67};
  piece.frames = 1;
  piece.packets.push_back({0, 0, 1, true, std::vector<std::uint8_t>(1000, 7)});
  const PieceCache unbounded(folder);
  const ContentHash a{1, 1}, b{2, 2}, c{3, 3};
  for (const ContentHash& k : {a, b, c}) ASSERT_TRUE(unbounded.store(k, piece).ok());
  const auto oneSize = unbounded.bytes() / 3;
  // b and c were stored later; a is then used again, so b is the oldest.
  const auto past = std::filesystem::file_time_type::clock::now() - std::chrono::minutes(5);
  for (const ContentHash& k : {a, b, c}) std::filesystem::last_write_time(folder + "/" + k.hex() + ".piece", past);
  std::filesystem::last_write_time(folder + "/" + c.hex() + ".piece", past + std::chrono::minutes(1));
  ASSERT_TRUE(unbounded.load(a).has_value());
  PieceCache(folder, 2 * oneSize).trim();
  EXPECT_TRUE(unbounded.load(a).has_value());
  EXPECT_FALSE(unbounded.load(b).has_value());
  EXPECT_TRUE(unbounded.load(c).has_value());
}

TEST(ExportCache, APieceRoundTripsAndRefusesDamage) {
  EncodedPiece piece;
  piece.header = {0, 0, 0, 1, 0x67, 0x42};
  piece.frames = 2;
  piece.packets.push_back({0, 0, 1, true, {1, 2, 3}});
  piece.packets.push_back({1, 1, 1, false, {4, 5}});
  const std::vector<std::uint8_t> bytes = serializePiece(piece);
  auto back = parsePiece(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->header, piece.header);
  ASSERT_EQ(back->packets.size(), 2u);
  EXPECT_EQ(back->packets[1].data, piece.packets[1].data);
  EXPECT_TRUE(back->packets[0].key);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_FALSE(parsePiece(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + cut))) << cut;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::vector<std::uint8_t> flipped = bytes;
    flipped[at] ^= 1;
    EXPECT_FALSE(parsePiece(flipped)) << at;
  }
}

TEST(ExportStill, RepeatedFramesAreExactCopiesAndMatchEncodingEachOne) {
  QTemporaryDir dir;
  ExportSettings skipped = settingsFor(dir.filePath(QStringLiteral("skipped.mp4")));
  ExportSettings encoded = settingsFor(dir.filePath(QStringLiteral("encoded.mp4")));
  encoded.encodeStillFrames = true;
  auto a = ExportJob(shortScene(), skipped).run();
  auto b = ExportJob(shortScene(), encoded).run();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->stillFrames, 13);  // the wait's frames (46–59) after its first
  EXPECT_EQ(b->stillFrames, 13);
  EXPECT_LT(a->bytes, b->bytes);
  const Decoded x = decode(skipped.output), y = decode(encoded.output);
  ASSERT_EQ(x.frames.size(), 60u);  // a constant frame rate: every frame is there
  ASSERT_EQ(y.frames.size(), 60u);
  EXPECT_NEAR(x.duration, 2.0, 1e-6);
  // The wait repeats its first frame bit for bit.
  for (std::size_t i = 47; i < 60; ++i) EXPECT_EQ(x.frames[i], x.frames[46]) << "frame " << i;
  for (std::size_t i = 0; i < 60; ++i) {
    if (i < 47) {
      EXPECT_EQ(x.frames[i], y.frames[i]) << "frame " << i;  // the same encoder input
    }
    EXPECT_GE(psnr(x.frames[i], y.frames[i]), 45.0) << "frame " << i;
  }
}

TEST(ColourConversion, Bt709LimitedRangeAndTheFastPathIsTheReference) {
  // Known colours: black, white and the primaries in BT.709 limited range.
  const struct {
    QRgb rgb;
    int y, u, v;
  } known[] = {{qRgb(0, 0, 0), 16, 128, 128},
               {qRgb(255, 255, 255), 235, 128, 128},
               {qRgb(255, 0, 0), 63, 102, 240},
               {qRgb(0, 255, 0), 173, 42, 26},
               {qRgb(0, 0, 255), 32, 240, 118}};
  for (const auto& k : known) {
    QImage image(8, 2, QImage::Format_ARGB32_Premultiplied);
    image.fill(k.rgb);
    std::vector<std::uint8_t> y(16), u(4), v(4);
    std::uint8_t* planes[3] = {y.data(), u.data(), v.data()};
    const int strides[3] = {8, 4, 4};
    convertToYuv420(image, planes, strides);
    EXPECT_EQ(y[0], k.y) << std::hex << k.rgb;
    EXPECT_EQ(y[15], k.y) << std::hex << k.rgb;
    EXPECT_EQ(u[3], k.u) << std::hex << k.rgb;
    EXPECT_EQ(v[3], k.v) << std::hex << k.rgb;
  }
  // Noise, flat runs (white first of all) and odd tails: the vector path gives the reference's bytes.
  std::mt19937 random(7);
  for (const QSize size : {QSize(854, 480), QSize(18, 6), QSize(1920, 8), QSize(6, 2)}) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    for (int r = 0; r < size.height(); ++r) {
      for (int c = size.width() / 3; c < size.width(); ++c) {
        if (random() % 3 == 0)
          image.setPixel(c, r, qRgb(int(random() % 256), int(random() % 256), int(random() % 256)));
      }
    }
    const int w = size.width(), h = size.height();
    std::vector<std::uint8_t> a(static_cast<std::size_t>(w * h * 3 / 2)), b(a.size());
    std::uint8_t* pa[3] = {a.data(), a.data() + w * h, a.data() + w * h + w * h / 4};
    std::uint8_t* pb[3] = {b.data(), b.data() + w * h, b.data() + w * h + w * h / 4};
    const int strides[3] = {w, w / 2, w / 2};
    convertToYuv420(image, pa, strides);
    convertToYuv420Reference(image, pb, strides);
    EXPECT_EQ(a, b) << size.width() << "x" << size.height();
  }
}

TEST(ColourConversion, BlocksConvertedOverTheFrameBeforeGiveTheWholeConversion) {
  // Converting only the blocks that differ, over the planes of the frame before, gives the bytes
  // converting the whole frame gives.
  const int w = 96, h = 50, block = 16;  // a last row of blocks cut short
  QImage before(w, h, QImage::Format_ARGB32_Premultiplied), after;
  before.fill(Qt::white);
  after = before.copy();
  std::mt19937 random(3);
  const int columns = (w + block - 1) / block, rows = (h + block - 1) / block;
  std::vector<std::uint8_t> blocks(static_cast<std::size_t>(columns * rows), 0);
  for (int n = 0; n < 40; ++n) {
    const int x = int(random() % w), y = int(random() % h);
    after.setPixel(x, y, qRgb(int(random() % 256), int(random() % 256), int(random() % 256)));
    blocks[static_cast<std::size_t>(y / block * columns + x / block)] = 1;
  }
  std::vector<std::uint8_t> a(static_cast<std::size_t>(w * h * 3 / 2)), b(a.size());
  std::uint8_t* pa[3] = {a.data(), a.data() + w * h, a.data() + w * h + w * h / 4};
  std::uint8_t* pb[3] = {b.data(), b.data() + w * h, b.data() + w * h + w * h / 4};
  const int strides[3] = {w, w / 2, w / 2};
  convertToYuv420(before, pa, strides);
  convertBlocksToYuv420(after, blocks, block, pa, strides);
  convertToYuv420(after, pb, strides);
  EXPECT_EQ(a, b);
  // And it touches nothing else: marking no block leaves the frame before.
  convertToYuv420(before, pa, strides);
  const std::vector<std::uint8_t> kept = a;
  convertBlocksToYuv420(after, std::vector<std::uint8_t>(blocks.size(), 0), block, pa, strides);
  EXPECT_EQ(a, kept);
}

namespace {

/// Encodes `frames` as one piece, telling the encoder which macroblocks changed (`masks[i]`, or
/// nothing: all new), and decodes the MP4 it makes.
Decoded encodeAndDecode(const std::vector<QImage>& frames, const std::vector<std::vector<std::uint8_t>>* masks,
                        const QString& path) {
  VideoSettings v;
  v.width = frames.front().width();
  v.height = frames.front().height();
  v.fps = 30;
  auto encoder = PieceEncoder::open(v);
  if (!encoder) ADD_FAILURE() << encoder.error().format();
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_TRUE((*encoder)->setFrame(frames[i], masks ? &(*masks)[i] : nullptr).ok());
    EXPECT_TRUE((*encoder)->encode().ok());
  }
  auto piece = (*encoder)->finish();
  auto writer = Mp4Writer::open(path.toStdString(), v, piece->header);
  EXPECT_TRUE((*writer)->append(*piece).ok());
  EXPECT_TRUE((*writer)->finish().ok());
  return decode(path.toStdString());
}

}  // namespace

TEST(ExportChanged, MacroblocksToldUnchangedAreNotEncodedAgain) {
  // A square moving over a still scene: told which macroblocks the square touches, the encoder
  // gives the frames it gives when told every frame is new; told a moved square's macroblocks
  // did not change, it keeps them as they were, which shows it really skips what it is told.
  auto scene = loadSceneSource(R"(
      const label = Text("Keys", { fontSize: 36 }).toEdge(UP);
      const square = Square({ sideLength: 1, fillColor: BLUE, fillOpacity: 0.8 }).shift(LEFT.mul(4));
      add(label, square);
      play(square.animate.shift(RIGHT.mul(8)), { runTime: 1 });
    )",
                               "changed.js");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  const QSize size(320, 180);
  std::vector<FrameState> states;
  std::vector<QImage> frames;
  for (int i = 0; i < 12; ++i) {
    states.push_back(scene->timeline->evaluate(i / 12.0));
    frames.push_back(renderImage(states.back(), size));
  }
  std::vector<std::vector<std::uint8_t>> masks(frames.size()), wrong(frames.size());
  std::size_t marked = 0, all = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    masks[i] = i == 0 ? std::vector<std::uint8_t>(240, 1) : changedTiles(states[i - 1], states[i], size, 16);
    wrong[i] = i == 0 ? masks[i] : std::vector<std::uint8_t>(masks[i].size(), 0);
    ASSERT_EQ(masks[i].size(), 20u * 12u);
    if (i > 0) {
      marked += static_cast<std::size_t>(std::count(masks[i].begin(), masks[i].end(), 1));
      all += masks[i].size();
    }
  }
  EXPECT_LT(marked * 4, all);  // most of each frame is left alone
  QTemporaryDir dir;
  const Decoded told = encodeAndDecode(frames, &masks, dir.filePath(QStringLiteral("told.mp4")));
  const Decoded fresh = encodeAndDecode(frames, nullptr, dir.filePath(QStringLiteral("fresh.mp4")));
  const Decoded lied = encodeAndDecode(frames, &wrong, dir.filePath(QStringLiteral("lied.mp4")));
  ASSERT_EQ(told.frames.size(), frames.size());
  ASSERT_EQ(fresh.frames.size(), frames.size());
  ASSERT_EQ(lied.frames.size(), frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_GE(psnr(told.frames[i], frames[i]), 40.0) << "frame " << i;
    EXPECT_GE(psnr(told.frames[i], fresh.frames[i]), 40.0) << "frame " << i;
  }
  EXPECT_LT(psnr(lied.frames.back(), frames.back()), 30.0);  // the square left where it started
}

TEST(ExportCache, ARangeThatStartsOnAFrameReusesTheWholeExportsPieces) {
  // A range from a segment's first frame (a section, --from at a play's start) has the very
  // frame times of the whole export, so its pieces are the whole export's.
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("whole.mp4")));
  s.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
  ASSERT_TRUE(ExportJob(sceneFilling("RED"), s).run().ok());
  for (const auto& [from, to, pieces] : {std::tuple{16.0 / 30, 31.0 / 30, 1}, std::tuple{16.0 / 30, 60.0 / 30, 3},
                                         std::tuple{31.0 / 30, 46.0 / 30, 1}}) {
    ExportSettings part = s;
    part.from = from;
    part.to = to;
    part.output = dir.filePath(QStringLiteral("part.mp4")).toStdString();
    auto run = ExportJob(sceneFilling("RED"), part).run();
    ASSERT_TRUE(run.ok()) << run.error().format();
    EXPECT_EQ(run->piecesEncoded, 0) << from << " to " << to;
    EXPECT_EQ(run->piecesReused, pieces) << from << " to " << to;
  }
}

TEST(ExportFormats, EveryFormatRoundTripsThroughTheDecoder) {
  // Each format beyond the H.264 MP4, decoded again: its codec, every frame, the duration, and
  // pixels against what was rendered (FFV1 to the bit).
  const struct {
    const char* file;
    const char* format;
    const char* codec;
    AVPixelFormat pixels;
    double psnr;
  } cases[] = {{"a.mkv", "", "ffv1", AV_PIX_FMT_BGR0, 99},
               {"a.webm", "", "vp9", AV_PIX_FMT_YUV420P, 38},
               {"a.mov", "", "prores", AV_PIX_FMT_YUV444P12LE, 38},
               {"h.mp4", "h265", "hevc", AV_PIX_FMT_YUV420P, 38}};
  QTemporaryDir dir;
  for (const auto& c : cases) {
    ExportSettings s = settingsFor(dir.filePath(QString::fromLatin1(c.file)));
    s.format = c.format;
    auto stats = ExportJob(shortScene(), s).run();
    ASSERT_TRUE(stats.ok()) << c.file << ": " << stats.error().format();
    EXPECT_EQ(stats->frames, 60);
    EXPECT_EQ(stats->piecesEncoded, 0);  // frame by frame, not in pieces
    const Decoded d = decode(s.output);
    EXPECT_EQ(d.codec, c.codec) << c.file;
    EXPECT_EQ(d.format, c.pixels) << c.file;
    ASSERT_EQ(d.frames.size(), 60u) << c.file;
    EXPECT_NEAR(d.duration, 2.0, 0.05) << c.file;
    for (std::size_t i = 0; i < d.frames.size(); i += 7) {
      const QImage rendered = renderImage(shortScene()->evaluate(static_cast<double>(i) / 30), QSize(480, 270));
      EXPECT_GE(psnr(d.frames[i], rendered), c.psnr) << c.file << " frame " << i;
    }
  }
}

TEST(ExportFormats, TheOutputsNameAndTheFormatMustAgree) {
  EXPECT_STREQ(formatForOutput("a.MP4", "").value()->name, "h264");
  EXPECT_STREQ(formatForOutput("a.mp4", "h265").value()->name, "h265");
  EXPECT_STREQ(formatForOutput("a.webm", "").value()->name, "vp9");
  const auto unknown = formatForOutput("a.mp4", "av1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().hint().find("ffv1 (.mkv)"), std::string::npos) << unknown.error().hint();
  const auto mismatch = formatForOutput("a.mkv", "vp9");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message().find(".webm"), std::string::npos);
  const auto avi = formatForOutput("a.avi", "");
  ASSERT_FALSE(avi.ok());
  EXPECT_NE(avi.error().hint().find(".mov"), std::string::npos);
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("a.avi")));
  EXPECT_FALSE(ExportJob(shortScene(), s).run().ok());
  EXPECT_TRUE(QDir(dir.path()).isEmpty());
}

namespace {

/// The image laid over white, opaque.
QImage overWhite(const QImage& image) {
  QImage out(image.size(), QImage::Format_RGB32);
  out.fill(Qt::white);
  QPainter p(&out);
  p.drawImage(0, 0, image);
  return out;
}

}  // namespace

TEST(ExportFormats, TransparentVideoKeepsItsAlphaAndItsEdges) {
  // A half-transparent square on no background: ProRes 4444 and VP9 keep the alpha (a known
  // pixel's, and none at the corner), and laid over white the frames look like the rendered ones,
  // antialiased edges included (premultiplied colour read as straight would darken them).
  auto scene = loadSceneSource(R"(
      const square = Square({ sideLength: 3, fillColor: RED, fillOpacity: 0.5, strokeWidth: 0 }).rotate(0.3);
      add(square);
      wait(0.5);
    )",
                               "alpha.js");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  FrameRenderer renderer;
  renderer.setTransparentBackground(true);
  const QImage rendered = renderer.render(scene->timeline->evaluate(0.25), QSize(480, 270));
  EXPECT_EQ(qAlpha(rendered.pixel(0, 0)), 0);
  QTemporaryDir dir;
  for (const auto& [file, decoder, pixels] :
       {std::tuple{"a.mov", static_cast<const char*>(nullptr), AV_PIX_FMT_YUVA444P12LE},
        std::tuple{"a.webm", "libvpx-vp9", AV_PIX_FMT_YUVA420P}}) {
    ExportSettings s = settingsFor(dir.filePath(QString::fromLatin1(file)));
    s.transparent = true;
    auto stats = ExportJob(scene->timeline, s).run();
    ASSERT_TRUE(stats.ok()) << file << ": " << stats.error().format();
    const Decoded d = decode(s.output, decoder, true);
    EXPECT_EQ(d.format, pixels) << file;
    ASSERT_EQ(d.frames.size(), 15u) << file;
    const QImage& decoded = d.frames[7];
    EXPECT_NEAR(qAlpha(decoded.pixel(240, 135)), 128, 4) << file;  // the square's middle: half
    EXPECT_LE(qAlpha(decoded.pixel(2, 2)), 2) << file;             // no background
    const QImage shown = overWhite(decoded), meant = overWhite(rendered);
    EXPECT_GE(psnr(shown, meant), 35.0) << file;
    // Along the edges (partly covered pixels) the colour over white is not darker than rendered.
    double sumDecoded = 0, sumRendered = 0;
    int edge = 0;
    for (int y = 0; y < 270; ++y) {
      for (int x = 0; x < 480; ++x) {
        const int a = qAlpha(rendered.pixel(x, y));
        if (a <= 8 || a >= 120) continue;
        ++edge;
        sumDecoded += qGray(shown.pixel(x, y));
        sumRendered += qGray(meant.pixel(x, y));
      }
    }
    ASSERT_GT(edge, 100) << file;
    EXPECT_GE(sumDecoded / edge, sumRendered / edge - 3) << file;
  }
  ExportSettings h264 = settingsFor(dir.filePath(QStringLiteral("a.mp4")));
  h264.transparent = true;
  const auto refused = ExportJob(scene->timeline, h264).run();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("no alpha"), std::string::npos);
}

TEST(ExportGif, OnePaletteForTheWholeAnimationAndItsTimesKept) {
  // A GIF decodes with GIF's codec; a frame that repeats the one before is not stored again but
  // shows longer, so the decoded frames are the distinct ones, each at its time, and each looks
  // like the rendered frame of that time within what 256 colours and a dither allow.
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("a.gif")));
  s.video.fps = 20;
  auto stats = ExportJob(shortScene(), s).run();
  ASSERT_TRUE(stats.ok()) << stats.error().format();
  EXPECT_EQ(stats->frames, 40);
  const Decoded d = decode(s.output);
  EXPECT_EQ(d.codec, "gif");
  EXPECT_EQ(d.format, AV_PIX_FMT_BGRA);  // FFmpeg's GIF decoder gives the palette's colours as BGRA
  EXPECT_NEAR(d.duration, 2.0, 0.011);
  std::vector<QImage> rendered;
  std::size_t distinct = 0;
  for (int i = 0; i < 40; ++i) {
    rendered.push_back(renderImage(shortScene()->evaluate(i / 20.0), QSize(480, 270)));
    if (i == 0 || rendered[static_cast<std::size_t>(i)] != rendered[static_cast<std::size_t>(i) - 1]) ++distinct;
  }
  ASSERT_EQ(d.frames.size(), distinct);
  ASSERT_LT(distinct, 40u);  // the scene ends on a wait
  for (std::size_t k = 0; k < d.frames.size(); ++k) {
    const auto index = static_cast<std::size_t>(std::lround(d.times[k] * 20));
    ASSERT_LT(index, rendered.size());
    EXPECT_GE(psnr(d.frames[k], rendered[index]), 32.0) << "frame " << k << " at " << d.times[k];
  }
  QFile file(QString::fromStdString(s.output));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(file.readAll().contains("NETSCAPE2.0"));  // loops forever
}

TEST(ExportGif, DitherLoopAndTransparency) {
  auto scene = loadSceneSource(R"(
      const square = Square({ sideLength: 3, fillColor: RED, fillOpacity: 0.8, strokeWidth: 0 });
      add(square);
      play(square.animate.rotate(0.5), { runTime: 0.5 });
    )",
                               "gif.js");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  QTemporaryDir dir;
  std::map<std::string, QByteArray> bytes;
  for (const std::string& name : ditherNames()) {
    ExportSettings s = settingsFor(dir.filePath(QString::fromStdString(name + ".gif")));
    s.video.fps = 10;
    s.dither = *ditherByName(name);
    s.loop = false;
    ASSERT_TRUE(ExportJob(scene->timeline, s).run().ok()) << name;
    QFile file(QString::fromStdString(s.output));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    bytes[name] = file.readAll();
    EXPECT_FALSE(bytes[name].contains("NETSCAPE2.0")) << name;  // plays once
  }
  EXPECT_NE(bytes["none"], bytes["bayer"]);
  EXPECT_NE(bytes["floyd_steinberg"], bytes["sierra2_4a"]);

  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("clear.gif")));
  s.video.fps = 10;
  s.transparent = true;
  ASSERT_TRUE(ExportJob(scene->timeline, s).run().ok());
  const Decoded d = decode(s.output, nullptr, true);
  ASSERT_FALSE(d.frames.empty());
  const QImage& last = d.frames.back();
  EXPECT_EQ(qAlpha(last.pixel(3, 3)), 0);  // no background
  const QRgb middle = last.pixel(240, 135);
  EXPECT_EQ(qAlpha(middle), 255);                            // GIF has no partial cover: 0.8 is shown
  EXPECT_NEAR(qRed(middle), 0xfc, 6) << std::hex << middle;  // Manim's RED (#FC6255), straight
  EXPECT_NEAR(qGreen(middle), 0x62, 6);
}

TEST(ExportGif, FramesTooFastForAGifAreRefusedWithTheRateToUse) {
  QTemporaryDir dir;
  ExportSettings s = settingsFor(dir.filePath(QStringLiteral("a.gif")));
  s.video.fps = 60;
  auto run = ExportJob(shortScene(), s).run();
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.error().message().find("hundredths of a second"), std::string::npos) << run.error().message();
  EXPECT_NE(run.error().hint().find("--fps 50"), std::string::npos);
  EXPECT_TRUE(QDir(dir.path()).isEmpty());
}

TEST(Palette, FewColoursAreKeptExactlyAndManyAreCutByError) {
  QImage three(30, 10, QImage::Format_ARGB32_Premultiplied);
  for (int x = 0; x < 30; ++x) {
    for (int y = 0; y < 10; ++y) three.setPixel(x, y, x < 10 ? 0xff102030u : x < 20 ? 0xffc0ffeeu : 0xffffffffu);
  }
  PaletteBuilder few;
  few.add(three);
  const auto exact = few.build(256);
  EXPECT_EQ(exact, (std::vector<std::uint32_t>{0xff102030u, 0xffc0ffeeu, 0xffffffffu}));

  // A grey ramp of 256 levels into 16 colours: median cut spaces them evenly, so no level is
  // further than half a step (8) from its colour, plus rounding.
  QImage ramp(256, 4, QImage::Format_ARGB32_Premultiplied);
  for (int x = 0; x < 256; ++x) {
    for (int y = 0; y < 4; ++y) ramp.setPixel(x, y, qRgb(x, x, x));
  }
  PaletteBuilder many;
  many.add(ramp);
  const auto sixteen = many.build(16);
  ASSERT_EQ(sixteen.size(), 16u);
  PaletteMapper mapper(sixteen, Dither::None);
  const auto& indices = mapper.map(ramp);
  for (int x = 0; x < 256; ++x) {
    const int grey = static_cast<int>(sixteen[indices[static_cast<std::size_t>(x)]] & 0xff);
    EXPECT_LE(std::abs(grey - x), 10) << "level " << x;
  }
}

TEST(Palette, OnlyWhatChangedIsMappedAgain) {
  QImage frame(64, 32, QImage::Format_ARGB32_Premultiplied);
  frame.fill(0xff204060u);
  PaletteMapper mapper({0xff000000u, 0xff204060u, 0xffffffffu}, Dither::FloydSteinberg);
  mapper.map(frame);
  EXPECT_EQ(mapper.changed(), QRect(0, 0, 64, 32));
  mapper.map(frame);
  EXPECT_TRUE(mapper.changed().isEmpty());
  frame.setPixel(10, 5, 0xffffffffu);
  frame.setPixel(20, 7, 0xffffffffu);
  const auto& indices = mapper.map(frame);
  EXPECT_EQ(mapper.changed(), QRect(QPoint(10, 5), QPoint(20, 7)));
  EXPECT_EQ(indices[5 * 64 + 10], 2);
  EXPECT_EQ(indices[0], 1);
}

TEST(Variants, JsonLinesWithNamesAndValuesAndErrorsAtTheirLine) {
  auto read = parseVariants("{\"name\": \"a\", \"seed\": 3}\n\n{\"name\": \"b\", \"params\": {\"tokens\": [\"x\"]}}\n",
                            "v.jsonl");
  ASSERT_TRUE(read.ok()) << read.error().format();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].name, "a");
  EXPECT_EQ((*read)[0].values.at("seed"), "3");
  EXPECT_EQ((*read)[1].values.at("tokens"), "[\"x\"]");
  EXPECT_EQ((*read)[1].line, 3);
  const struct {
    const char* text;
    int line;
    const char* says;
  } bad[] = {{"{\"name\": \"a\"}\n{\"seed\": 1}\n", 2, "no \"name\""},
             {"{\"name\": \"a\"}\n{\"name\": \"a\"}\n", 2, "used twice"},
             {"{\"name\": \"../x\"}\n", 1, "file name"},
             {"{\"name\": \"a\",\n", 1, "not JSON"},
             {"[1, 2]\n", 1, "JSON object"},
             {"\n\n", 0, "no variants"}};
  for (const auto& b : bad) {
    auto r = parseVariants(b.text, "v.jsonl");
    ASSERT_FALSE(r.ok()) << b.text;
    EXPECT_NE(r.error().message().find(b.says), std::string::npos) << r.error().message();
    if (b.line) {
      EXPECT_EQ(r.error().where()->line, b.line) << b.text;
    }
  }
  EXPECT_EQ(variantOutput("out/{name}/{name}.mp4", "s1"), "out/s1/s1.mp4");
  EXPECT_FALSE(checkVariantPattern("out/a.mp4", 2).ok());
  EXPECT_TRUE(checkVariantPattern("out/a.mp4", 1).ok());
}

TEST(Variants, AFailingVariantLeavesTheOthersWrittenAndProgressCoversTheBatch) {
  const std::string source = R"(
      const side = param("side", 1);
      const square = Square({ sideLength: side, fillColor: BLUE, fillOpacity: 1 });
      play(Create(square), { runTime: 0.5 });
    )";
  auto variants = parseVariants(
      "{\"name\": \"one\", \"side\": 1}\n{\"name\": \"broken\", \"side\": \"wide\"}\n{\"name\": \"two\", \"side\": "
      "2}\n",
      "v.jsonl");
  ASSERT_TRUE(variants.ok());
  QTemporaryDir dir;
  ExportSettings s = settingsFor({});
  s.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
  std::vector<BatchProgress> seen;
  const auto outcomes = exportVariants(
      *variants, dir.filePath(QStringLiteral("out/{name}.mp4")).toStdString(), s,
      [&](const Variant& v) -> Result<std::shared_ptr<const Timeline>> {
        ScriptOptions options;
        options.overrides = v.values;
        auto scene = loadSceneSource(source, "square.js", options);
        if (!scene) return scene.error();  // "wide" is no number: the scene refuses it
        return scene->timeline;
      },
      [&](const BatchProgress& p) { seen.push_back(p); });
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_FALSE(outcomes[1].ok());
  EXPECT_TRUE(outcomes[2].ok());
  EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("out/one.mp4"))));
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("out/broken.mp4"))));
  EXPECT_EQ(decode(outcomes[2].output).frames.size(), 15u);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().done, 30);  // both good variants' frames, the broken one's never counted
  EXPECT_EQ(seen.back().total, 30);
  std::set<std::string> named;
  for (const BatchProgress& p : seen) named.insert(p.name);
  EXPECT_EQ(named, (std::set<std::string>{"one", "two"}));  // two at a time, in either order
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].done, seen[i - 1].done);
}
