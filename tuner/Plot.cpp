//===- Plot.cpp - PNG line charts without dependencies --------------------===//
//
// 1. Scan the series for the data range; round each axis out to "nice"
//    ticks (1, 2 or 5 times a power of ten).
// 2. Lay out the chart from the widest tick label: title on top, y label
//    written upwards on the left, x label under the x ticks.
// 3. Rasterize onto a white RGB canvas: grid, axes, ticks, lines (clipped
//    to the plot area), a legend box, text from the 5x7 font.
// 4. Encode as PNG: IHDR, one IDAT holding a zlib stream of stored deflate
//    blocks over the filter-0 scanlines, IEND; CRC-32 per chunk, Adler-32
//    over the scanlines. Write to a temporary file, rename over the path.
//
//===----------------------------------------------------------------------===//

#include "tuner/Plot.h"
#include "tuner/Task.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mlc::tuner {

namespace {

//===----------------------------------------------------------------------===//
// The 5x7 font
//===----------------------------------------------------------------------===//

struct Glyph {
  char c;
  const char *rows[7]; // '#' marks a set pixel
};

// Capitals, digits and the symbols that labels and numbers need; lowercase
// letters print as capitals, anything else as a box.
const Glyph kFont[] = {
    {' ', {".....", ".....", ".....", ".....", ".....", ".....", "....."}},
    {'0', {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."}},
    {'1', {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'2', {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"}},
    {'3', {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."}},
    {'4', {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."}},
    {'5', {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."}},
    {'6', {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."}},
    {'7', {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."}},
    {'8', {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."}},
    {'9', {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."}},
    {'A', {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'B', {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."}},
    {'C', {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."}},
    {'D', {"###..", "#..#.", "#...#", "#...#", "#...#", "#..#.", "###.."}},
    {'E', {"#####", "#....", "#....", "####.", "#....", "#....", "#####"}},
    {'F', {"#####", "#....", "#....", "####.", "#....", "#....", "#...."}},
    {'G', {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"}},
    {'H', {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'I', {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'J', {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."}},
    {'K', {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"}},
    {'L', {"#....", "#....", "#....", "#....", "#....", "#....", "#####"}},
    {'M', {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"}},
    {'N', {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"}},
    {'O', {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'P', {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."}},
    {'Q', {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"}},
    {'R', {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"}},
    {'S', {".####", "#....", "#....", ".###.", "....#", "....#", "####."}},
    {'T', {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."}},
    {'U', {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'V', {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."}},
    {'W', {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."}},
    {'X', {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"}},
    {'Y', {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."}},
    {'Z', {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"}},
    {'.', {".....", ".....", ".....", ".....", ".....", ".##..", ".##.."}},
    {',', {".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."}},
    {'-', {".....", ".....", ".....", ".###.", ".....", ".....", "....."}},
    {'+', {".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."}},
    {'=', {".....", ".....", "#####", ".....", "#####", ".....", "....."}},
    {'(', {"...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#."}},
    {')', {".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#..."}},
    {'[', {".###.", ".#...", ".#...", ".#...", ".#...", ".#...", ".###."}},
    {']', {".###.", "...#.", "...#.", "...#.", "...#.", "...#.", ".###."}},
    {'/', {"....#", "....#", "...#.", "..#..", ".#...", "#....", "#...."}},
    {':', {".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."}},
    {'_', {".....", ".....", ".....", ".....", ".....", ".....", "#####"}},
    {'%', {"##..#", "##..#", "...#.", "..#..", ".#...", "#..##", "#..##"}},
    {'*', {".....", "..#..", "#.#.#", ".###.", "#.#.#", "..#..", "....."}},
    {'#', {".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."}},
    {'<', {"...#.", "..#..", ".#...", "#....", ".#...", "..#..", "...#."}},
    {'>', {".#...", "..#..", "...#.", "....#", "...#.", "..#..", ".#..."}},
    {'!', {"..#..", "..#..", "..#..", "..#..", "..#..", ".....", "..#.."}},
    {'?', {".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."}},
    {'\'', {"..#..", "..#..", ".#...", ".....", ".....", ".....", "....."}},
};

const Glyph kUnknownGlyph = {
    0, {"#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####"}};

const Glyph &glyphFor(char c) {
  char upper = (char)std::toupper((unsigned char)c);
  for (const Glyph &g : kFont)
    if (g.c == upper)
      return g;
  return kUnknownGlyph;
}

//===----------------------------------------------------------------------===//
// The canvas
//===----------------------------------------------------------------------===//

struct Color {
  uint8_t r, g, b;
};

const Color kWhite{255, 255, 255}, kBlack{0, 0, 0}, kGrid{225, 225, 225},
    kAxis{60, 60, 60};

// Distinct line colours, cycled through by series.
const Color kPalette[] = {{31, 119, 180},  {255, 127, 14},  {44, 160, 44},
                          {214, 39, 40},   {148, 103, 189}, {140, 86, 75},
                          {227, 119, 194}, {127, 127, 127}, {188, 189, 34},
                          {23, 190, 207}};

struct Rect {
  int x0, y0, x1, y1; // inclusive
  bool contains(int x, int y) const {
    return x >= x0 && x <= x1 && y >= y0 && y <= y1;
  }
};

class Canvas {
public:
  Canvas(int width, int height)
      : width_(width), height_(height), rgb_((size_t)width * height * 3, 255) {}

  void set(int x, int y, Color c, const Rect *clip = nullptr) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_ ||
        (clip && !clip->contains(x, y)))
      return;
    uint8_t *p = &rgb_[((size_t)y * width_ + x) * 3];
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
  }
  void fill(Rect r, Color c) {
    for (int y = r.y0; y <= r.y1; ++y)
      for (int x = r.x0; x <= r.x1; ++x)
        set(x, y, c);
  }
  void frame(Rect r, Color c) {
    for (int x = r.x0; x <= r.x1; ++x) {
      set(x, r.y0, c);
      set(x, r.y1, c);
    }
    for (int y = r.y0; y <= r.y1; ++y) {
      set(r.x0, y, c);
      set(r.x1, y, c);
    }
  }
  /// A line `thickness` pixels wide (Bresenham, square pen).
  void line(int x0, int y0, int x1, int y1, Color c, int thickness,
            const Rect *clip = nullptr) {
    int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      for (int py = 0; py < thickness; ++py)
        for (int px = 0; px < thickness; ++px)
          set(x0 + px - thickness / 2, y0 + py - thickness / 2, c, clip);
      if (x0 == x1 && y0 == y1)
        break;
      int e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }
  /// Text with its top-left corner at (x, y); `upwards` rotates it a quarter
  /// turn counter-clockwise, (x, y) then being its bottom-left corner.
  void text(int x, int y, const std::string &s, Color c, int scale,
            bool upwards = false) {
    for (size_t i = 0; i < s.size(); ++i) {
      const Glyph &g = glyphFor(s[i]);
      int advance = (int)i * 6 * scale;
      for (int row = 0; row < 7; ++row)
        for (int col = 0; col < 5; ++col) {
          if (g.rows[row][col] != '#')
            continue;
          for (int sy = 0; sy < scale; ++sy)
            for (int sx = 0; sx < scale; ++sx) {
              int gx = advance + col * scale + sx, gy = row * scale + sy;
              if (upwards)
                set(x + gy, y - gx, c);
              else
                set(x + gx, y + gy, c);
            }
        }
    }
  }
  static int textWidth(const std::string &s, int scale) {
    return s.empty() ? 0 : ((int)s.size() * 6 - 1) * scale;
  }
  const std::vector<uint8_t> &pixels() const { return rgb_; }

private:
  int width_, height_;
  std::vector<uint8_t> rgb_;
};

//===----------------------------------------------------------------------===//
// Axes
//===----------------------------------------------------------------------===//

struct Axis {
  double lo, hi, step;
  std::vector<double> ticks;
  std::vector<std::string> labels;
};

std::string formatTick(double v, double step, double magnitude) {
  char buf[32];
  if (std::fabs(v) < step * 1e-9)
    v = 0; // no "-0" or "1e-17"
  if (magnitude >= 1e7 || step < 1e-5) {
    std::snprintf(buf, sizeof(buf), "%.3g", v);
  } else {
    int decimals = step >= 1 ? 0 : (int)std::ceil(-std::log10(step) - 1e-9);
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  }
  return buf;
}

/// An axis covering [lo, hi] with about `target` ticks at nice values.
Axis niceAxis(double lo, double hi, int target) {
  if (!(lo < hi)) {
    double pad = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  double raw = (hi - lo) / target;
  double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double norm = raw / magnitude;
  double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  Axis a;
  a.step = nice * magnitude;
  double first = std::floor(lo / a.step + 1e-9),
         last = std::ceil(hi / a.step - 1e-9);
  a.lo = first * a.step;
  a.hi = last * a.step;
  double biggest = std::max(std::fabs(a.lo), std::fabs(a.hi));
  for (double i = first; i <= last; ++i) {
    a.ticks.push_back(i * a.step);
    a.labels.push_back(formatTick(i * a.step, a.step, biggest));
  }
  return a;
}

//===----------------------------------------------------------------------===//
// PNG
//===----------------------------------------------------------------------===//

uint32_t crc32(const uint8_t *data, size_t n) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t;
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; ++i)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

uint32_t adler32(const uint8_t *data, size_t n) {
  const uint32_t mod = 65521;
  uint32_t a = 1, b = 0;
  while (n > 0) {
    size_t block = std::min<size_t>(n, 5552); // no overflow before the mod
    for (size_t i = 0; i < block; ++i) {
      a += data[i];
      b += a;
    }
    a %= mod;
    b %= mod;
    data += block;
    n -= block;
  }
  return (b << 16) | a;
}

void putBE32(std::string &out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out += (char)((v >> shift) & 0xff);
}

void putChunk(std::string &out, const char type[4], const std::string &data) {
  putBE32(out, (uint32_t)data.size());
  std::string typed = std::string(type, 4) + data;
  out += typed;
  putBE32(out, crc32((const uint8_t *)typed.data(), typed.size()));
}

} // namespace

std::string encodePng(unsigned width, unsigned height,
                      const std::vector<uint8_t> &rgb) {
  // Scanlines, each led by filter type 0 (none).
  size_t rowBytes = (size_t)width * 3;
  std::vector<uint8_t> raw;
  raw.reserve((rowBytes + 1) * height);
  for (unsigned y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), rgb.begin() + y * rowBytes,
               rgb.begin() + (y + 1) * rowBytes);
  }

  // zlib: header (deflate, 32 KiB window, no dictionary, check bits), stored
  // blocks of at most 65535 bytes, Adler-32.
  std::string z = {0x78, 0x01};
  size_t offset = 0;
  do {
    size_t n = std::min<size_t>(raw.size() - offset, 65535);
    bool final = offset + n == raw.size();
    z += (char)(final ? 1 : 0); // BFINAL, BTYPE 00 (stored)
    z += (char)(n & 0xff);
    z += (char)(n >> 8);
    z += (char)(~n & 0xff);
    z += (char)((~n >> 8) & 0xff);
    z.append((const char *)raw.data() + offset, n);
    offset += n;
  } while (offset < raw.size());
  putBE32(z, adler32(raw.data(), raw.size()));

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  putBE32(header, width);
  putBE32(header, height);
  header += {8, 2, 0, 0, 0}; // 8-bit, RGB, deflate, filter 0, no interlace
  putChunk(png, "IHDR", header);
  putChunk(png, "IDAT", z);
  putChunk(png, "IEND", "");
  return png;
}

bool writeLinePlotPng(const std::string &path, const std::string &title,
                      const std::vector<Series> &series,
                      const std::string &xLabel, const std::string &yLabel,
                      std::string &error) {
  const int width = kPlotWidth, height = kPlotHeight, scale = 2;
  const int charH = 7 * scale;

  // 1. Data range.
  double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
  for (const Series &s : series)
    for (const auto &[x, y] : s.points)
      if (std::isfinite(x) && std::isfinite(y)) {
        xMin = std::min(xMin, x);
        xMax = std::max(xMax, x);
        yMin = std::min(yMin, y);
        yMax = std::max(yMax, y);
      }
  if (xMin > xMax) { // nothing to draw: empty axes
    xMin = yMin = 0;
    xMax = yMax = 1;
  }
  if (!std::isfinite(xMax - xMin) || !std::isfinite(yMax - yMin)) {
    error = "plot data out of range";
    return false;
  }
  Axis xAxis = niceAxis(xMin, xMax, 8), yAxis = niceAxis(yMin, yMax, 6);

  // 2. Layout.
  int yTickWidth = 0;
  for (const std::string &l : yAxis.labels)
    yTickWidth = std::max(yTickWidth, Canvas::textWidth(l, scale));
  Rect plot;
  plot.x0 = 10 + (yLabel.empty() ? 0 : charH + 10) + yTickWidth + 10;
  plot.y0 = 20 + (title.empty() ? 0 : charH + 16);
  plot.x1 = width - 40;
  plot.y1 = height - (10 + charH + 12 + (xLabel.empty() ? 0 : charH + 10));
  auto px = [&](double x) {
    return plot.x0 + (int)std::lround((x - xAxis.lo) / (xAxis.hi - xAxis.lo) *
                                      (plot.x1 - plot.x0));
  };
  auto py = [&](double y) {
    return plot.y1 - (int)std::lround((y - yAxis.lo) / (yAxis.hi - yAxis.lo) *
                                      (plot.y1 - plot.y0));
  };

  // 3. Raster.
  Canvas c(width, height);
  if (!title.empty())
    c.text((width - Canvas::textWidth(title, scale)) / 2, 16, title, kBlack,
           scale);
  for (size_t i = 0; i < xAxis.ticks.size(); ++i) {
    int x = px(xAxis.ticks[i]);
    c.line(x, plot.y0, x, plot.y1, kGrid, 1);
    c.line(x, plot.y1, x, plot.y1 + 5, kAxis, 1);
    const std::string &l = xAxis.labels[i];
    c.text(x - Canvas::textWidth(l, scale) / 2, plot.y1 + 10, l, kBlack, scale);
  }
  for (size_t i = 0; i < yAxis.ticks.size(); ++i) {
    int y = py(yAxis.ticks[i]);
    c.line(plot.x0, y, plot.x1, y, kGrid, 1);
    c.line(plot.x0 - 5, y, plot.x0, y, kAxis, 1);
    const std::string &l = yAxis.labels[i];
    c.text(plot.x0 - 10 - Canvas::textWidth(l, scale), y - charH / 2, l, kBlack,
           scale);
  }
  c.frame(plot, kAxis);
  if (!xLabel.empty())
    c.text((plot.x0 + plot.x1 - Canvas::textWidth(xLabel, scale)) / 2,
           height - 10 - charH, xLabel, kBlack, scale);
  if (!yLabel.empty())
    c.text(10, (plot.y0 + plot.y1 + Canvas::textWidth(yLabel, scale)) / 2,
           yLabel, kBlack, scale, /*upwards=*/true);

  Rect inside{plot.x0 + 1, plot.y0 + 1, plot.x1 - 1, plot.y1 - 1};
  for (size_t si = 0; si < series.size(); ++si) {
    Color color = kPalette[si % (sizeof(kPalette) / sizeof(kPalette[0]))];
    const auto &points = series[si].points;
    bool marks = points.size() <= 60; // few points: show each one
    bool havePrevious = false;
    int lastX = 0, lastY = 0;
    for (const auto &[x, y] : points) {
      if (!std::isfinite(x) || !std::isfinite(y)) {
        havePrevious = false;
        continue;
      }
      int X = px(x), Y = py(y);
      if (havePrevious)
        c.line(lastX, lastY, X, Y, color, 2, &inside);
      if (marks || !havePrevious)
        for (int d = -2; d <= 2; ++d)
          c.line(X - 2, Y + d, X + 2, Y + d, color, 1, &inside);
      havePrevious = true;
      lastX = X;
      lastY = Y;
    }
  }

  // The legend, top right inside the plot.
  int nameWidth = 0;
  for (const Series &s : series)
    nameWidth = std::max(nameWidth, Canvas::textWidth(s.name, scale));
  if (!series.empty()) {
    int lineH = charH + 8;
    Rect box{0, plot.y0 + 10, plot.x1 - 10,
             plot.y0 + 10 + (int)series.size() * lineH + 8};
    box.x0 = std::max(plot.x0 + 10, box.x1 - (nameWidth + 50));
    box.y1 = std::min(box.y1, plot.y1 - 10);
    c.fill(box, kWhite);
    c.frame(box, kAxis);
    for (size_t si = 0; si < series.size(); ++si) {
      int y = box.y0 + 8 + (int)si * lineH;
      if (y + charH > box.y1)
        break; // more series than fit
      Color color = kPalette[si % (sizeof(kPalette) / sizeof(kPalette[0]))];
      c.line(box.x0 + 8, y + charH / 2, box.x0 + 30, y + charH / 2, color, 3);
      c.text(box.x0 + 40, y, series[si].name, kBlack, scale);
    }
  }

  // 4. Encode and write.
  std::string png = encodePng(width, height, c.pixels());
  return writeFileAtomically(path, png, error);
}

} // namespace mlc::tuner
