//===- Plot.h - PNG line charts without dependencies ----------------------===//
//
// The tuner plots its progress (best latency against trials, per task and
// for the whole model) as PNG line charts. Everything is built in: a 5x7
// bitmap font, a rasterizer for axes, ticks, lines and a legend, and a PNG
// encoder that stores its image data in uncompressed deflate blocks, so the
// tuner needs no image or compression library.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_PLOT_H
#define MLC_TUNER_PLOT_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlc::tuner {

/// One line of a chart: its legend entry and its (x, y) points, drawn in
/// order; points with a non-finite coordinate break the line.
struct Series {
  std::string name;
  std::vector<std::pair<double, double>> points;
};

/// Size in pixels of the charts writeLinePlotPng draws.
constexpr unsigned kPlotWidth = 960, kPlotHeight = 600;

/// Draws `series` as a line chart (title, axes with numeric ticks, axis
/// labels, a legend, one colour per series) and writes it to `path` as a
/// PNG through a temporary file renamed over it. Letters print in capitals.
/// False with `error` set when the file cannot be written.
bool writeLinePlotPng(const std::string &path, const std::string &title,
                      const std::vector<Series> &series,
                      const std::string &xLabel, const std::string &yLabel,
                      std::string &error);

/// Encodes a `width` x `height` image of 8-bit RGB pixels (row-major,
/// `rgb.size() == width * height * 3`) as the bytes of a PNG file.
std::string encodePng(unsigned width, unsigned height,
                      const std::vector<uint8_t> &rgb);

} // namespace mlc::tuner

#endif // MLC_TUNER_PLOT_H
