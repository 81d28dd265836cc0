//===- PlotTest.cpp - unit tests of the dependency-free PNG line charts ---===//
//
// Parses the PNG files the plotter writes with a small independent reader:
// signature, chunk layout, IHDR fields, every chunk's CRC-32, the zlib
// header, stored deflate blocks and Adler-32, the size of the decoded
// scanlines; then looks at the pixels (white background, each series in
// its own colour, dark text). When python3 with zlib is present, it also
// decodes the file independently.
//
//===----------------------------------------------------------------------===//

#include "tuner/Plot.h"
#include "test/unit/tuner/TempDir.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace mlc::tuner;
using mlc::tuner::testing::TempDir;

namespace {

/// Bitwise CRC-32 (no table), independent of the encoder's.
uint32_t referenceCrc32(const std::string &bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

uint32_t referenceAdler32(const std::string &bytes) {
  uint64_t a = 1, b = 0;
  for (unsigned char c : bytes) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (uint32_t)(b << 16 | a);
}

uint32_t be32(const std::string &s, size_t at) {
  return (uint32_t)(unsigned char)s[at] << 24 |
         (uint32_t)(unsigned char)s[at + 1] << 16 |
         (uint32_t)(unsigned char)s[at + 2] << 8 |
         (uint32_t)(unsigned char)s[at + 3];
}

struct DecodedPng {
  uint32_t width = 0, height = 0;
  std::vector<std::string> chunkTypes;
  std::string scanlines; // inflated IDAT: (1 + width * 3) bytes per row
};

/// Parses a PNG whose IDAT is a zlib stream of stored blocks, checking every
/// CRC and the Adler-32 on the way (gtest failures on mismatch).
DecodedPng decode(const std::string &png) {
  DecodedPng out;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::string idat;
  size_t at = 8;
  while (at + 12 <= png.size()) {
    uint32_t length = be32(png, at);
    EXPECT_LE(at + 12 + length, png.size());
    if (at + 12 + length > png.size())
      break;
    std::string typed = png.substr(at + 4, 4 + length);
    std::string type = typed.substr(0, 4);
    EXPECT_EQ(be32(png, at + 8 + length), referenceCrc32(typed))
        << "CRC of chunk " << type;
    out.chunkTypes.push_back(type);
    std::string data = typed.substr(4);
    if (type == "IHDR") {
      EXPECT_EQ(length, 13u);
      out.width = be32(data, 0);
      out.height = be32(data, 4);
      EXPECT_EQ(data[8], 8);  // bit depth
      EXPECT_EQ(data[9], 2);  // RGB
      EXPECT_EQ(data[10], 0); // deflate
      EXPECT_EQ(data[11], 0); // filter method
      EXPECT_EQ(data[12], 0); // no interlace
    } else if (type == "IDAT") {
      idat += data;
    }
    at += 12 + length;
  }
  EXPECT_EQ(at, png.size()) << "trailing bytes";

  // zlib header: CM 8, and (CMF * 256 + FLG) % 31 == 0, no dictionary.
  EXPECT_GE(idat.size(), 2u + 5 + 4);
  if (idat.size() < 11)
    return out;
  unsigned cmf = (unsigned char)idat[0], flg = (unsigned char)idat[1];
  EXPECT_EQ(cmf & 0x0f, 8u);
  EXPECT_EQ((cmf * 256 + flg) % 31, 0u);
  EXPECT_EQ(flg & 0x20, 0u);
  size_t p = 2;
  bool final = false;
  while (!final && p + 5 <= idat.size()) {
    unsigned header = (unsigned char)idat[p];
    final = header & 1;
    EXPECT_EQ((header >> 1) & 3, 0u) << "not a stored block";
    unsigned len = (unsigned char)idat[p + 1] | (unsigned char)idat[p + 2] << 8;
    unsigned nlen = (unsigned char)idat[p + 3] | (unsigned char)idat[p + 4]
                                                     << 8;
    EXPECT_EQ(len ^ 0xffff, nlen);
    p += 5;
    EXPECT_LE(p + len, idat.size());
    out.scanlines += idat.substr(p, len);
    p += len;
  }
  EXPECT_TRUE(final);
  EXPECT_EQ(p + 4, idat.size());
  if (p + 4 <= idat.size())
    EXPECT_EQ(be32(idat, p), referenceAdler32(out.scanlines));
  return out;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using Pixel = std::tuple<int, int, int>;

/// Pixel counts by colour, from decoded scanlines.
std::map<Pixel, size_t> histogram(const DecodedPng &d) {
  std::map<Pixel, size_t> counts;
  size_t row = 1 + d.width * 3;
  for (uint32_t y = 0; y < d.height; ++y) {
    EXPECT_EQ(d.scanlines[y * row], 0) << "filter of row " << y;
    for (uint32_t x = 0; x < d.width; ++x) {
      const char *p = &d.scanlines[y * row + 1 + x * 3];
      ++counts[{(unsigned char)p[0], (unsigned char)p[1], (unsigned char)p[2]}];
    }
  }
  return counts;
}

TEST(Plot, EncodePngSmallImage) {
  // 3x2: red, green, blue / black, white, grey.
  std::vector<uint8_t> rgb = {255, 0, 0, 0,   255, 0,   0,   0,   255,
                              0,   0, 0, 255, 255, 255, 128, 128, 128};
  std::string png = encodePng(3, 2, rgb);
  DecodedPng d = decode(png);
  EXPECT_EQ(d.width, 3u);
  EXPECT_EQ(d.height, 2u);
  EXPECT_EQ(d.chunkTypes, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));
  std::string expected;
  expected += '\0';
  expected.append((const char *)rgb.data(), 9);
  expected += '\0';
  expected.append((const char *)rgb.data() + 9, 9);
  EXPECT_EQ(d.scanlines, expected);
}

TEST(Plot, EncodePngSpansSeveralStoredBlocks) {
  // 200 x 150 x 3 + 150 = 90,150 bytes: more than one 65,535-byte block.
  unsigned w = 200, h = 150;
  std::vector<uint8_t> rgb(w * h * 3);
  for (size_t i = 0; i < rgb.size(); ++i)
    rgb[i] = (uint8_t)(i * 7 + i / 13);
  DecodedPng d = decode(encodePng(w, h, rgb));
  ASSERT_EQ(d.scanlines.size(), w * h * 3 + h);
  for (unsigned y = 0; y < h; ++y)
    ASSERT_EQ(0, std::memcmp(d.scanlines.data() + y * (w * 3 + 1) + 1,
                             rgb.data() + y * w * 3, w * 3))
        << "row " << y;
}

TEST(Plot, LineChart) {
  TempDir dir;
  std::string path = dir.file("tuning.png");
  Series a{"conv2d 1", {}}, b{"matmul", {}};
  for (int i = 0; i <= 100; ++i) {
    a.points.push_back({i * 10.0, 5.0 / (1 + i * 0.1) + 0.5});
    b.points.push_back({i * 10.0, 2.0 + std::sin(i * 0.2)});
  }
  std::string error;
  ASSERT_TRUE(writeLinePlotPng(path, "Best latency", {a, b}, "Trials",
                               "Latency (ms)", error))
      << error;
  std::string png = readFile(path);
  ASSERT_GT(png.size(), 8u);
  DecodedPng d = decode(png);
  EXPECT_EQ(d.width, kPlotWidth);
  EXPECT_EQ(d.height, kPlotHeight);
  EXPECT_EQ(d.chunkTypes, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));
  ASSERT_EQ(d.scanlines.size(),
            (size_t)kPlotWidth * kPlotHeight * 3 + kPlotHeight);

  std::map<Pixel, size_t> counts = histogram(d);
  // Mostly white background; two distinct line colours, plenty of each;
  // black text.
  EXPECT_GT(counts[Pixel(255, 255, 255)], kPlotWidth * kPlotHeight / 2);
  Pixel first(31, 119, 180), second(255, 127, 14);
  EXPECT_GT(counts[first], 800u);
  EXPECT_GT(counts[second], 800u);
  EXPECT_GT(counts[Pixel(0, 0, 0)], 500u);

  // The title's text sits in the top rows, centered.
  size_t row = 1 + kPlotWidth * 3;
  int darkInTitle = 0, darkAtLeft = 0;
  for (int y = 0; y < 40; ++y)
    for (unsigned x = 0; x < kPlotWidth; ++x) {
      const unsigned char *p =
          (const unsigned char *)&d.scanlines[y * row + 1 + x * 3];
      if (p[0] == 0 && p[1] == 0 && p[2] == 0)
        (x < kPlotWidth / 4 ? darkAtLeft : darkInTitle)++;
    }
  EXPECT_GT(darkInTitle, 100);
  EXPECT_EQ(darkAtLeft, 0);

  // No temporary file stays behind.
  std::error_code ec;
  int entries = 0;
  for (llvm::sys::fs::directory_iterator it(dir.path(), ec), end;
       it != end && !ec; it.increment(ec))
    ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(Plot, DegenerateInputsStillGiveValidPngs) {
  TempDir dir;
  std::string error;
  struct Case {
    std::vector<Series> series;
  } cases[] = {
      {{}},                                         // nothing at all
      {{Series{"empty", {}}}},                      // a series without points
      {{Series{"one", {{3, 3}}}}},                  // a single point
      {{Series{"flat", {{0, 2}, {1, 2}, {2, 2}}}}}, // zero y range
      {{Series{"gaps", {{0, 1}, {1, NAN}, {2, INFINITY}, {3, 0.5}}}}},
      {{Series{"tiny", {{0, 1e-9}, {1, 3e-9}}},
        Series{"huge x", {{0, 1e-9}, {1e12, 2e-9}}}}},
  };
  // Twelve series: colours cycle and the legend is cut to what fits.
  std::vector<Series> many;
  for (int i = 0; i < 12; ++i)
    many.push_back({"series " + std::to_string(i), {{0, i}, {1, i + 1.0}}});
  std::string manyPath = dir.file("many.png");
  ASSERT_TRUE(writeLinePlotPng(manyPath, "", many, "", "", error)) << error;
  DecodedPng d = decode(readFile(manyPath));
  EXPECT_EQ(d.scanlines.size(),
            (size_t)kPlotWidth * kPlotHeight * 3 + kPlotHeight);

  int i = 0;
  for (const Case &c : cases) {
    std::string path = dir.file("case" + std::to_string(i++) + ".png");
    ASSERT_TRUE(
        writeLinePlotPng(path, "Title: [x] 100%", c.series, "x", "y", error))
        << error;
    DecodedPng d = decode(readFile(path));
    EXPECT_EQ(d.width, kPlotWidth);
    EXPECT_EQ(d.scanlines.size(),
              (size_t)kPlotWidth * kPlotHeight * 3 + kPlotHeight);
  }
}

TEST(Plot, OverwritesAndReportsErrors) {
  TempDir dir;
  std::string path = dir.file("p.png"), error;
  {
    std::ofstream old(path);
    old << "old contents";
  }
  ASSERT_TRUE(writeLinePlotPng(path, "t", {Series{"a", {{0, 1}, {1, 2}}}}, "x",
                               "y", error))
      << error;
  EXPECT_EQ(readFile(path).substr(1, 3), "PNG");
  EXPECT_FALSE(writeLinePlotPng(dir.file("missing/dir/p.png"), "t", {}, "x",
                                "y", error));
  EXPECT_NE(error.find("missing/dir"), std::string::npos) << error;
}

TEST(Plot, Python3ZlibAgrees) {
  if (std::system("python3 -c 'import zlib' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no python3 with zlib";
  TempDir dir;
  std::string path = dir.file("p.png"), error;
  ASSERT_TRUE(writeLinePlotPng(path, "t", {Series{"a", {{0, 1}, {1, 2}}}}, "x",
                               "y", error))
      << error;
  // Inflate every IDAT with zlib and check the scanline count and filters.
  std::string script =
      "import struct,sys,zlib\n"
      "d=open(sys.argv[1],'rb').read()\n"
      "assert d[:8]==b'\\x89PNG\\r\\n\\x1a\\n'\n"
      "p=8;z=b'';w=h=0\n"
      "while p<len(d):\n"
      " n,=struct.unpack('>I',d[p:p+4]);t=d[p+4:p+8];b=d[p+8:p+8+n]\n"
      " assert struct.unpack('>I',d[p+8+n:p+12+n])[0]==zlib.crc32(t+b)\n"
      " if t==b'IHDR': w,h=struct.unpack('>II',b[:8])\n"
      " if t==b'IDAT': z+=b\n"
      " p+=12+n\n"
      "r=zlib.decompress(z)\n"
      "assert len(r)==w*h*3+h,(len(r),w,h)\n"
      "assert all(r[y*(w*3+1)]==0 for y in range(h))\n";
  std::string scriptPath = dir.file("check.py");
  {
    std::ofstream out(scriptPath);
    out << script;
  }
  EXPECT_EQ(std::system(("python3 " + scriptPath + " " + path).c_str()), 0);
}

} // namespace
