// SPDX-License-Identifier: MIT
#include "export/skip_frames.hpp"

#include <algorithm>

namespace attnplay {

namespace {

// H.264 (ITU-T Rec. H.264, 9.3): the arithmetic coder's tables.
constexpr std::uint8_t kRangeLps[64][4] = {
    {128, 176, 208, 240}, {128, 167, 197, 227}, {128, 158, 187, 216}, {123, 150, 178, 205}, {116, 142, 169, 195},
    {111, 135, 160, 185}, {105, 128, 152, 175}, {100, 122, 144, 166}, {95, 116, 137, 158},  {90, 110, 130, 150},
    {85, 104, 123, 142},  {81, 99, 117, 135},   {77, 94, 111, 128},   {73, 89, 105, 122},   {69, 85, 100, 116},
    {66, 80, 95, 110},    {62, 76, 90, 104},    {59, 72, 86, 99},     {56, 69, 81, 94},     {53, 65, 77, 89},
    {51, 62, 73, 85},     {48, 59, 69, 80},     {46, 56, 66, 76},     {43, 53, 63, 72},     {41, 50, 59, 69},
    {39, 48, 56, 65},     {37, 45, 54, 62},     {35, 43, 51, 59},     {33, 41, 48, 56},     {32, 39, 46, 53},
    {30, 37, 43, 50},     {29, 35, 41, 48},     {27, 33, 39, 45},     {26, 31, 37, 43},     {24, 30, 35, 41},
    {23, 28, 33, 39},     {22, 27, 32, 37},     {21, 26, 30, 35},     {20, 24, 29, 33},     {19, 23, 27, 31},
    {18, 22, 26, 30},     {17, 21, 25, 28},     {16, 20, 23, 27},     {15, 19, 22, 25},     {14, 18, 21, 24},
    {14, 17, 20, 23},     {13, 16, 19, 22},     {12, 15, 18, 21},     {12, 14, 17, 20},     {11, 14, 16, 19},
    {11, 13, 15, 18},     {10, 12, 15, 17},     {10, 12, 14, 16},     {9, 11, 13, 15},      {9, 11, 12, 14},
    {8, 10, 12, 14},      {8, 9, 11, 13},       {7, 9, 11, 12},       {7, 9, 10, 12},       {7, 8, 10, 11},
    {6, 8, 9, 11},        {6, 7, 9, 10},        {6, 7, 8, 9},         {2, 2, 2, 2}};
constexpr std::uint8_t kNextLps[64] = {0,  0,  1,  2,  2,  4,  4,  5,  6,  7,  8,  9,  9,  11, 11, 12,
                                       13, 13, 15, 15, 16, 16, 18, 18, 19, 19, 21, 21, 22, 22, 23, 24,
                                       24, 25, 26, 26, 27, 27, 28, 29, 29, 30, 30, 30, 31, 32, 32, 33,
                                       33, 33, 34, 34, 35, 35, 35, 36, 36, 36, 37, 37, 37, 38, 38, 63};
/// mb_skip_flag in P slices with cabac_init_idc 0, neighbours skipped (ctxIdx 11, table 9-13).
constexpr int kSkipM = 23, kSkipN = 33;

/// Bits, most significant first.
class BitWriter {
 public:
  void bit(int b) {
    current_ = static_cast<std::uint8_t>((current_ << 1) | (b & 1));
    if (++filled_ == 8) {
      bytes_.push_back(current_);
      current_ = 0;
      filled_ = 0;
    }
  }
  void bits(std::uint32_t value, int count) {
    for (int i = count - 1; i >= 0; --i) bit(static_cast<int>((value >> i) & 1));
  }
  void ue(std::uint32_t v) {  // Exp-Golomb
    const std::uint32_t x = v + 1;
    int length = 0;
    while ((x >> length) > 1) ++length;
    bits(0, length);
    bits(x, length + 1);
  }
  void se(int v) { ue(v <= 0 ? static_cast<std::uint32_t>(-2 * v) : static_cast<std::uint32_t>(2 * v - 1)); }
  bool aligned() const { return filled_ == 0; }
  void alignZero() {
    while (!aligned()) bit(0);
  }
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::uint8_t current_ = 0;
  int filled_ = 0;
};

/// Exp-Golomb and fixed-width fields of an RBSP, refusing to read past its end.
class BitReader {
 public:
  explicit BitReader(std::vector<std::uint8_t> rbsp) : data_(std::move(rbsp)) {}
  std::uint32_t bits(int count) {
    std::uint32_t v = 0;
    for (int i = 0; i < count; ++i) {
      if (at_ >= data_.size() * 8) {
        ok_ = false;
        return 0;
      }
      v = (v << 1) | ((data_[at_ / 8] >> (7 - at_ % 8)) & 1);
      ++at_;
    }
    return v;
  }
  std::uint32_t ue() {
    int zeros = 0;
    while (ok_ && bits(1) == 0) {
      if (++zeros > 31) {
        ok_ = false;
        return 0;
      }
    }
    return ((1u << zeros) - 1) + bits(zeros);
  }
  int se() {
    const std::uint32_t v = ue();
    return (v & 1) ? static_cast<int>((v + 1) / 2) : -static_cast<int>(v / 2);
  }
  bool ok() const { return ok_; }

 private:
  std::vector<std::uint8_t> data_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

/// The NAL units of an Annex B stream, each without its start code and emulation prevention.
std::vector<std::vector<std::uint8_t>> nalUnits(const std::vector<std::uint8_t>& stream) {
  std::vector<std::vector<std::uint8_t>> units;
  std::size_t i = 0;
  auto startCodeAt = [&](std::size_t k) {
    return k + 2 < stream.size() && stream[k] == 0 && stream[k + 1] == 0 && stream[k + 2] == 1;
  };
  while (i < stream.size() && !startCodeAt(i)) ++i;
  while (i < stream.size()) {
    i += 3;
    std::vector<std::uint8_t> unit;
    int zeros = 0;
    while (i < stream.size() && !startCodeAt(i)) {
      const std::uint8_t b = stream[i++];
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      unit.push_back(b);
    }
    while (!unit.empty() && unit.back() == 0) unit.pop_back();  // a four-byte start code's zero
    if (!unit.empty()) units.push_back(std::move(unit));
  }
  return units;
}

/// The binary arithmetic coder (9.3.4), for the two kinds of bin a skipped slice needs.
class Cabac {
 public:
  Cabac(BitWriter& out, int sliceQp) : out_(out) {
    const int pre = std::clamp(((kSkipM * std::clamp(sliceQp, 0, 51)) >> 4) + kSkipN, 1, 126);
    state_ = pre <= 63 ? 63 - pre : pre - 64;
    mps_ = pre <= 63 ? 0 : 1;
  }
  void decision(int bin) {
    const int lps = kRangeLps[state_][(range_ >> 6) & 3];
    range_ -= lps;
    if (bin == mps_) {
      state_ = std::min(state_ + 1, 62);
    } else {
      low_ += range_;
      range_ = lps;
      if (state_ == 0) mps_ = 1 - mps_;
      state_ = kNextLps[state_];
    }
    renormalise();
  }
  void terminate(int bin) {
    range_ -= 2;
    if (!bin) {
      renormalise();
      return;
    }
    low_ += range_;
    range_ = 2;
    renormalise();
    put((low_ >> 9) & 1);
    out_.bits(((low_ >> 7) & 3) | 1, 2);  // its last bit is the rbsp_stop_one_bit
  }

 private:
  void put(int b) {
    if (first_) {
      first_ = false;
    } else {
      out_.bit(b);
    }
    for (; outstanding_ > 0; --outstanding_) out_.bit(1 - b);
  }
  void renormalise() {
    while (range_ < 256) {
      if (low_ < 256) {
        put(0);
      } else if (low_ >= 512) {
        low_ -= 512;
        put(1);
      } else {
        low_ -= 256;
        ++outstanding_;
      }
      range_ <<= 1;
      low_ <<= 1;
    }
  }
  BitWriter& out_;
  std::uint32_t low_ = 0, range_ = 510;
  int state_ = 0, mps_ = 0, outstanding_ = 0;
  bool first_ = true;
};

}  // namespace

bool SkipFrames::supports(const std::vector<std::uint8_t>& header) {
  SkipFrames s;
  return s.readHeader(header);
}

bool SkipFrames::readHeader(const std::vector<std::uint8_t>& header) {
  SkipFrames& s = *this;
  bool haveSps = false, havePps = false;
  int picInitQp = 26;
  for (const auto& unit : nalUnits(header)) {
    const int type = unit[0] & 0x1f;
    BitReader r(std::vector<std::uint8_t>(unit.begin() + 1, unit.end()));
    if (type == 7) {  // SPS (7.3.2.1.1)
      const std::uint32_t profile = r.bits(8);
      r.bits(16);  // constraint flags, level
      r.ue();      // sps id
      if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83 ||
          profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134) {
        if (r.ue() != 1) return false;  // 4:2:0 only
        r.ue();                         // bit depths
        r.ue();
        r.bits(1);
        if (r.bits(1)) return false;  // scaling matrices: not what libx264 writes here
      }
      s.log2MaxFrameNum_ = static_cast<int>(r.ue()) + 4;
      s.pocType_ = static_cast<int>(r.ue());
      if (s.pocType_ == 0) s.log2MaxPocLsb_ = static_cast<int>(r.ue()) + 4;
      if (s.pocType_ == 1) return false;
      r.ue();     // max_num_ref_frames
      r.bits(1);  // gaps
      const std::uint32_t widthMbs = r.ue() + 1, heightMbs = r.ue() + 1;
      if (!r.bits(1)) return false;  // frame_mbs_only: progressive only
      s.macroblocks_ = static_cast<int>(widthMbs * heightMbs);
      haveSps = r.ok();
    } else if (type == 8) {  // PPS (7.3.2.2)
      r.ue();
      r.ue();
      if (!r.bits(1)) return false;   // CABAC only
      if (r.bits(1)) return false;    // field order flag
      if (r.ue() != 0) return false;  // slice groups
      if (r.ue() != 0) return false;  // one reference frame by default
      r.ue();
      s.weightedPred_ = r.bits(1) != 0;
      r.bits(2);
      picInitQp = 26 + r.se();
      r.se();
      r.se();
      s.deblockingControl_ = r.bits(1) != 0;
      r.bits(1);
      if (r.bits(1)) return false;  // redundant pictures
      havePps = r.ok();
    }
  }
  s.sliceQp_ = picInitQp;
  return haveSps && havePps;
}

std::optional<SkipFrames> SkipFrames::after(const std::vector<std::uint8_t>& header,
                                            const std::vector<std::uint8_t>& lastFrame) {
  SkipFrames s;
  if (!s.readHeader(header)) return std::nullopt;
  // Where the last frame left frame_num and the picture order count.
  for (const auto& unit : nalUnits(lastFrame)) {
    const int type = unit[0] & 0x1f;
    if (type != 1 && type != 5) continue;
    if ((unit[0] & 0x60) == 0) return std::nullopt;  // not a reference: nothing to copy from
    BitReader r(std::vector<std::uint8_t>(unit.begin() + 1, unit.end()));
    if (r.ue() != 0) return std::nullopt;  // several slices per frame
    r.ue();
    r.ue();
    s.frameNum_ = r.bits(s.log2MaxFrameNum_);
    if (type == 5) r.ue();  // idr_pic_id
    if (s.pocType_ == 0) s.poc_ = r.bits(s.log2MaxPocLsb_);
    if (!r.ok()) return std::nullopt;
    return s;
  }
  return std::nullopt;
}

std::vector<std::uint8_t> SkipFrames::next() {
  frameNum_ = (frameNum_ + 1) & ((1u << log2MaxFrameNum_) - 1);
  poc_ = (poc_ + 2) & ((1u << log2MaxPocLsb_) - 1);
  BitWriter w;
  w.bits(0x41, 8);  // forbidden 0, nal_ref_idc 2 (the next frame refers to it), type 1: a non-IDR slice
  w.ue(0);          // first_mb_in_slice
  w.ue(5);          // slice_type: P, as every slice of the picture
  w.ue(0);          // pic_parameter_set_id
  w.bits(frameNum_, log2MaxFrameNum_);
  if (pocType_ == 0) w.bits(poc_, log2MaxPocLsb_);
  w.bit(0);  // num_ref_idx_active_override_flag
  w.bit(0);  // ref_pic_list_modification_flag_l0
  if (weightedPred_) {
    w.ue(0);   // luma_log2_weight_denom
    w.ue(0);   // chroma_log2_weight_denom
    w.bit(0);  // luma_weight_l0_flag
    w.bit(0);  // chroma_weight_l0_flag
  }
  w.bit(0);                         // adaptive_ref_pic_marking_mode_flag: the sliding window
  w.ue(0);                          // cabac_init_idc
  w.se(0);                          // slice_qp_delta
  if (deblockingControl_) w.ue(1);  // disable_deblocking_filter_idc: nothing to filter in a copy
  while (!w.aligned()) w.bit(1);    // cabac_alignment_one_bit
  Cabac cabac(w, sliceQp_);
  for (int mb = 0; mb < macroblocks_; ++mb) {
    cabac.decision(1);                        // mb_skip_flag
    cabac.terminate(mb + 1 == macroblocks_);  // end_of_slice_flag
  }
  w.alignZero();
  // Annex B with emulation prevention: no 00 00 0x (x ≤ 3) inside the unit.
  std::vector<std::uint8_t> out = {0, 0, 0, 1};
  int zeros = 0;
  for (std::uint8_t b : w.bytes()) {
    if (zeros >= 2 && b <= 3) {
      out.push_back(3);
      zeros = 0;
    }
    out.push_back(b);
    zeros = b == 0 ? zeros + 1 : 0;
  }
  return out;
}

}  // namespace attnplay
