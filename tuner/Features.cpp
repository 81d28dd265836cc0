//===- Features.cpp - loop-nest features of a schedule --------------------===//
//
// Builds the implicit-GEMM model of a kernel (see Features.h), counts what
// its loop nest executes and touches, and estimates a roofline time:
//
// 1. The GEMM view and the tiling: G, M, N, K; panels of NR = nv * VL
//    lanes, M tiles of mr rows, K blocks of kc, the parallel iterations.
// 2. Counts: FMAs, vector loads, broadcasts, C's loads and stores,
//    packing work.
// 3. Per buffer: bytes accessed, unique bytes, the reuse distance of the
//    innermost reuse (the B panel across M tiles, A across panels, C across
//    K blocks) and the stride of the innermost access.
// 4. Memory traffic per level: a buffer whose reuse distance exceeds a
//    level's size is fetched again at each reuse (accessed bytes), else once
//    (unique bytes); time = max over compute and each level's bandwidth.
//
//===----------------------------------------------------------------------===//

#include "tuner/Features.h"

#include <algorithm>
#include <cmath>

namespace mlc::tuner {
namespace {

// Nominal machine: one core's L1 and L2, and rates per cycle.
constexpr double kL1Bytes = 48 * 1024;
constexpr double kL2Bytes = 1024 * 1024;
/// DRAM bandwidth shared by all threads (about 48 GB/s at 3 GHz).
constexpr double kDramBytesPerCycle = 16;
/// L2 -> L1 bandwidth per core.
constexpr double kL2BytesPerCycle = 32;
/// L1 -> registers bandwidth per core (two 64-byte loads).
constexpr double kL1BytesPerCycle = 128;
/// Vector FMA units per core: peak = 2 units * VL lanes * 2 flops.
constexpr double kFmasPerCycle = 2;
/// Load ports per core (vector loads and broadcasts).
constexpr double kLoadsPerCycle = 2;

constexpr double kF32 = 4;

double ceilDiv(double a, double b) { return std::ceil(a / b); }

/// log2(1 + x), for x >= 0 (negative and NaN inputs give 0).
float logScale(double x) {
  if (!(x > 0))
    return 0.0f;
  return static_cast<float>(std::log2(1.0 + x));
}

/// The loop nest of one schedule, as an implicit GEMM.
struct Nest {
  bool matmul = true;
  int64_t variant = 0; ///< conv variant
  double g = 1, m = 1, n = 1, k = 1;
  /// mr as given, and the rows a tile really has (at most M).
  double mrKnob = 1, mr = 1, nv = 1, vl = 1, nr = 1;
  double kcRaw = 0, kc = 1, msplitRaw = 1, msplit = 1, rowsOuter = 0;
  double unroll = 1;
  double panels = 1, kBlocks = 1, extent = 1, rowsPerIteration = 1;
  /// The broadcast side reads the input (matmul's A, filter-vector convs),
  /// else the weights.
  bool broadcastIsInput = true;
  double inputUnique = 0, weightsUnique = 0, outputUnique = 0;
  double inputStride = 1, weightsStride = 1, outputStride = 1;
  /// Run-time packing: memory ops, and bytes it moves through DRAM / L1.
  double packingOps = 0, packingDramBytes = 0, packingL1Bytes = 0;
  /// C is loaded once before the first K block (not folded into zeros).
  bool outputLoadedFirst = false;
  double registers = 32;
  double threads = 1;
};

Nest matmulNest(const Task &task, const Schedule &s, const Target &target) {
  Nest x;
  x.matmul = true;
  int64_t batch = std::max<int64_t>(1, task.param("batch", 1));
  int64_t m = std::max<int64_t>(1, task.param("m", 1));
  int64_t n = std::max<int64_t>(1, task.param("n", 1));
  int64_t k = std::max<int64_t>(1, task.param("k", 1));
  bool transB = task.param("trans_b") != 0, constB = task.param("const_b");
  int64_t vl = std::max<int64_t>(1, s.get("vbits", target.vectorBits) / 32);
  int64_t mr = std::max<int64_t>(1, s.get("mr", 1));
  int64_t nv = std::max<int64_t>(1, s.get("nv", 1));
  int64_t kc = std::max<int64_t>(0, s.get("kc", 0));
  int64_t msplit = std::max<int64_t>(1, s.get("msplit", 1));
  x.g = batch;
  x.m = m;
  x.n = n;
  x.k = k;
  x.mrKnob = mr;
  x.mr = std::min(mr, m);
  x.nv = nv;
  x.vl = vl;
  x.nr = nv * vl;
  x.kcRaw = kc;
  x.kc = kc > 0 && kc < k ? kc : k;
  x.kBlocks = ceilDiv(k, x.kc);
  x.msplitRaw = msplit;
  x.unroll = std::max<int64_t>(1, s.get("ku", 1));
  // As the codegen: whole M tiles per block, at least one tile each.
  x.msplit = std::max<int64_t>(1, std::min<int64_t>(msplit, m / mr));
  x.panels = ceilDiv(n, x.nr);
  x.extent = batch * x.msplit * x.panels;
  x.rowsPerIteration = m / x.msplit;
  x.broadcastIsInput = true;
  // A batched matmul has a B per batch (batch_matmul); B is packed into
  // panels [K][NR], padded to whole panels.
  double bCopies = batch > 1 ? batch : 1;
  x.inputUnique = batch * m * k * kF32;
  x.weightsUnique = bCopies * k * x.panels * x.nr * kF32;
  x.outputUnique = batch * m * n * kF32;
  x.inputStride = 1;      // A[m][k] along k
  x.weightsStride = x.nr; // Bp[panel][k][NR] along k
  x.outputStride = vl;    // C row, vector after vector
  if (!constB) {
    // Packed at run time: vectors, or VL scalars each when transposed.
    double perRow = transB ? x.nr : x.nv;
    x.packingOps = bCopies * x.panels * k * perRow * 2;
    x.packingDramBytes = bCopies * (k * n + k * x.panels * x.nr) * kF32;
    x.packingL1Bytes = x.packingDramBytes;
  }
  x.outputLoadedFirst = false; // a zero fill folds into the first K block
  return x;
}

Nest convNest(const Task &task, const Schedule &s, const Target &target) {
  Nest x;
  x.matmul = false;
  auto p = [&](const char *name, int64_t fallback) {
    return std::max<int64_t>(1, task.param(name, fallback));
  };
  int64_t n = p("n", 1), c = p("c", 1), h = p("h", 1), w = p("w", 1),
          f = p("f", 1), kh = p("kh", 1), kw = p("kw", 1), dw = p("dw", 1),
          oh = p("oh", 1), ow = p("ow", 1);
  int64_t vl = std::max<int64_t>(1, s.get("vbits", target.vectorBits) / 32);
  x.variant = std::clamp<int64_t>(s.get("variant", 0), 0, 3);
  x.mrKnob = std::max<int64_t>(1, s.get("mr", 1));
  x.nv = std::max<int64_t>(1, s.get("nv", 1));
  x.vl = vl;
  x.nr = x.nv * vl;
  x.rowsOuter = x.variant == 0 && s.get("rows_outer", 0) != 0;
  double window = static_cast<double>(kh) * kw;
  x.k = x.variant == 1 ? c : c * window;
  x.kcRaw = 0;
  x.kc = x.k;
  x.kBlocks = 1;
  x.msplitRaw = 1;
  x.msplit = 1;
  x.inputUnique = static_cast<double>(n) * c * h * w * kF32;
  x.outputUnique = static_cast<double>(n) * f * oh * ow * kF32;
  double pixels = static_cast<double>(oh) * ow;
  switch (x.variant) {
  case 0: // filter-vector: rows of pixels broadcast, filters as vectors
    x.g = static_cast<double>(n) * oh;
    x.m = ow;
    x.n = f;
    x.broadcastIsInput = true;
    x.panels = ceilDiv(f, x.nr);
    x.weightsUnique = x.panels * x.k * x.nr * kF32;
    x.inputStride = dw;      // the window's next column
    x.weightsStride = x.nr;  // Wp[ft][k][NF] along k
    x.outputStride = pixels; // one row store per filter plane
    break;
  case 1: // pointwise: filters broadcast, flattened pixels as vectors
  case 3: // packed: the same over a gathered [K][NR] panel
    x.g = n;
    x.m = f;
    x.n = pixels;
    x.broadcastIsInput = false;
    x.panels = ceilDiv(pixels, x.nr);
    x.weightsUnique = ceilDiv(f, x.mrKnob) * x.mrKnob * x.k * kF32;
    x.inputStride = x.variant == 1 ? pixels : x.nr;
    x.weightsStride = x.mrKnob;
    x.outputStride = vl;
    if (x.variant == 3) {
      // Gather (scalar load + store) of every panel, then C is read.
      x.packingOps = n * x.panels * x.k * x.nr * 2;
      x.packingL1Bytes = x.packingOps * kF32;
      x.outputLoadedFirst = true;
    }
    break;
  default: // direct: filters broadcast, pixels of an output row as vectors
    x.g = static_cast<double>(n) * oh;
    x.m = f;
    x.n = ow;
    x.broadcastIsInput = false;
    x.panels = ceilDiv(ow, x.nr);
    x.weightsUnique = ceilDiv(f, x.mrKnob) * x.mrKnob * x.k * kF32;
    x.inputStride = dw;
    x.weightsStride = x.mrKnob;
    x.outputStride = vl;
    break;
  }
  x.mr = std::min(x.mrKnob, x.m);
  x.extent = x.g * x.panels;
  x.rowsPerIteration = x.m;
  return x;
}

/// The raw (unscaled) features of a nest.
std::vector<double> describe(const Nest &x, const Task &task,
                             const Target &target, bool isDefault) {
  std::vector<double> v(kNumFeatures, 0.0);
  v[kFeatIsMatmul] = x.matmul;
  if (!x.matmul)
    v[kFeatConvFilterVector + x.variant] = 1;
  v[kFeatIsDefault] = isDefault;
  v[kFeatKnobMr] = x.mrKnob;
  v[kFeatKnobNv] = x.nv;
  v[kFeatKnobKc] = x.kcRaw;
  v[kFeatKnobMsplit] = x.msplitRaw;
  v[kFeatKnobRowsOuter] = x.rowsOuter;
  v[kFeatKnobUnroll] = x.unroll;
  v[kFeatProblems] = x.g;
  v[kFeatM] = x.m;
  v[kFeatN] = x.n;
  v[kFeatK] = x.k;
  double useful = 2 * x.g * x.m * x.n * x.k;
  v[kFeatUsefulFlops] = useful;

  // Counts. Every panel runs all nv vectors (padded lanes included); per
  // k, a tile loads its nv B vectors once and broadcasts its rows.
  double mTiles = ceilDiv(x.m, x.mr);
  double gp = x.g * x.panels;
  double fmas = gp * x.m * x.nv * x.k;
  double vectorLoads = gp * mTiles * x.nv * x.k;
  double broadcasts = gp * x.m * x.k;
  bool filterVector = !x.matmul && x.variant == 0;
  // Filter-vector tiles store one row of (up to) mr pixels per filter.
  double stores = filterVector ? gp * mTiles * x.nr : gp * x.m * x.nv;
  stores *= x.kBlocks;
  double outputLoads = gp * x.m * x.nv * (x.kBlocks - 1);
  if (x.outputLoadedFirst)
    outputLoads += gp * x.m * x.nv;
  v[kFeatVectorFmas] = fmas;
  v[kFeatVectorLoads] = vectorLoads;
  v[kFeatBroadcasts] = broadcasts;
  v[kFeatOutputStores] = stores;
  v[kFeatOutputLoads] = outputLoads;
  v[kFeatPackingOps] = x.packingOps;
  // Per tile and vector: mr inserts, a transposition, VL extracts.
  v[kFeatShuffles] = filterVector ? gp * mTiles * x.nv * (x.mr + 1 + x.vl) : 0;

  // Vectorization and tiles.
  v[kFeatVectorWidth] = x.vl;
  v[kFeatLaneUtilization] = x.n / (x.panels * x.nr);
  bool remM = std::fmod(x.m, x.mr) != 0;
  bool remN = std::fmod(x.n, x.nr) != 0;
  double partial =
      (remM ? x.panels : 0) + (remN ? mTiles : 0) - (remM && remN ? 1 : 0);
  v[kFeatRemainderTiles] = partial / (x.panels * mTiles);
  v[kFeatTiles] = gp * mTiles * x.kBlocks;
  v[kFeatKBlocks] = x.kBlocks;
  v[kFeatKcEffective] = x.kc;

  // Parallelism.
  double threads = std::max(1, target.threads);
  double chunks = ceilDiv(x.extent, threads);
  double busy = x.extent / chunks; // threads kept busy, on average
  v[kFeatParallelExtent] = x.extent;
  v[kFeatThreads] = threads;
  v[kFeatChunksPerThread] = chunks;
  v[kFeatLoadImbalance] = chunks * threads / x.extent;
  v[kFeatWorkPerIteration] = useful / x.extent;

  // Registers.
  double regs = x.mr * x.nv + x.nv + 1;
  double available = target.vectorRegisters();
  v[kFeatAccumulators] = x.mr * x.nv;
  v[kFeatRegisterPressure] = regs / available;
  v[kFeatTileElements] = x.mr * x.nr;

  // Working sets: a tile over one K block (the B panel block, A's strip,
  // C's tile), one parallel iteration over one K block and over all of K.
  double tileBytes = kF32 * (x.kc * (x.mr + x.nr) + x.mr * x.nr);
  double rows = x.rowsPerIteration;
  double kBlockIterationBytes =
      kF32 * (rows * x.kc + x.kc * x.nr + rows * x.nr);
  double iterationBytes = kF32 * (rows * x.k + x.k * x.nr + rows * x.nr);
  double tilesPerIteration = ceilDiv(rows, x.mr);

  // Reuse distances. B (vector side): across the M tiles of an iteration,
  // else across iterations that share the panel. A (broadcast side):
  // across panels. C: across K blocks (or from its load to its store).
  double vectorReuse = 0, broadcastReuse = 0, outputReuse = 0;
  if (tilesPerIteration > 1)
    vectorReuse = tileBytes;
  else if (filterVector)
    vectorReuse = x.rowsOuter ? iterationBytes * x.panels : iterationBytes;
  else if (x.matmul && x.msplit > 1)
    vectorReuse = iterationBytes * x.panels;
  if (filterVector) {
    int64_t oh = std::max<int64_t>(1, task.param("oh", 1));
    if (x.panels > 1)
      broadcastReuse = x.rowsOuter ? iterationBytes : iterationBytes * oh;
    else if (task.param("kh", 1) > task.param("sh", 1))
      broadcastReuse = iterationBytes; // the window's rows, next output row
  } else if (x.panels > 1) {
    broadcastReuse = iterationBytes;
  }
  if (x.kBlocks > 1)
    outputReuse = kBlockIterationBytes;
  else if (x.outputLoadedFirst)
    outputReuse = tileBytes;

  double broadcastBytes = broadcasts * kF32;
  double vectorBytes = vectorLoads * x.vl * kF32;
  double outputBytes =
      (stores * (filterVector ? x.mr : x.vl) + outputLoads * x.vl) * kF32;
  double inputBytes = x.broadcastIsInput ? broadcastBytes : vectorBytes;
  double weightsBytes = x.broadcastIsInput ? vectorBytes : broadcastBytes;
  double inputReuse = x.broadcastIsInput ? broadcastReuse : vectorReuse;
  double weightsReuse = x.broadcastIsInput ? vectorReuse : broadcastReuse;
  auto buffer = [&](unsigned first, double bytes, double unique, double reuse,
                    double stride) {
    v[first] = bytes;
    v[first + 1] = unique;
    v[first + 2] = unique > 0 ? bytes / unique : 0;
    v[first + 3] = reuse;
    v[first + 4] = stride;
  };
  buffer(kFeatInputBytes, inputBytes, x.inputUnique, inputReuse, x.inputStride);
  buffer(kFeatWeightsBytes, weightsBytes, x.weightsUnique, weightsReuse,
         x.weightsStride);
  buffer(kFeatOutputBytes, outputBytes, x.outputUnique, outputReuse,
         x.outputStride);

  // Intensity.
  v[kFeatRegisterIntensity] = x.mr * x.nr / (kF32 * (x.mr + x.nr));
  v[kFeatL1Intensity] = x.mr * x.nr * x.kc / tileBytes;
  v[kFeatL2Intensity] = rows * x.nr * x.kc / kBlockIterationBytes;

  // Footprints.
  v[kFeatRegisterBytes] = regs * x.vl * kF32;
  v[kFeatL1Footprint] = tileBytes / kL1Bytes;
  v[kFeatL2Footprint] = kBlockIterationBytes / kL2Bytes;

  // Traffic per level: once per buffer while its reuse fits the level,
  // else at every access.
  auto traffic = [&](double levelBytes) {
    auto one = [&](double bytes, double unique, double reuse) {
      return reuse > levelBytes ? std::max(bytes, unique) : unique;
    };
    double outputUnique = x.outputUnique * (outputLoads > 0 ? 2 : 1);
    return one(inputBytes, x.inputUnique, inputReuse) +
           one(weightsBytes, x.weightsUnique, weightsReuse) +
           one(outputBytes, outputUnique, outputReuse);
  };
  double dram = traffic(kL2Bytes) + x.packingDramBytes;
  double l2 = traffic(kL1Bytes) + x.packingDramBytes;
  double l1 = inputBytes + weightsBytes + outputBytes + x.packingL1Bytes;
  v[kFeatDramBytes] = dram;

  // Roofline.
  double compute = std::max(fmas / kFmasPerCycle,
                            (vectorLoads + broadcasts) / kLoadsPerCycle) /
                   busy;
  double memory =
      std::max({dram / kDramBytesPerCycle, l2 / (kL2BytesPerCycle * busy),
                l1 / (kL1BytesPerCycle * busy)});
  // Spilled accumulators go through L1 at every k step.
  if (regs > available)
    compute *= regs / available;
  v[kFeatComputeCycles] = compute;
  v[kFeatMemoryCycles] = memory;
  v[kFeatRooflineCycles] = std::max(compute, memory);
  v[kFeatComputeBound] = compute >= memory;
  return v;
}

} // namespace

Schedule defaultSchedule(const Task &task, const Target &target) {
  Schedule s;
  int64_t vl = std::max<int64_t>(1, target.vectorBits / 32);
  bool wide = target.vectorRegisters() >= 32;
  auto ceilDivI = [](int64_t a, int64_t b) { return (a + b - 1) / b; };
  if (task.kind == "matmul") {
    s.knobs["mr"] = wide ? 8 : 6;
    s.knobs["nv"] = task.param("n") <= vl ? 1 : 2;
    s.knobs["kc"] = 0;
    s.knobs["msplit"] = 1;
    s.knobs["ku"] = 1;
    s.knobs["vbits"] = target.vectorBits;
    return s;
  }
  if (task.kind == "conv2d_nchwc") {
    // ConvKernels.cpp defaultBlockedTile: 28 accumulators (14 with 16
    // registers): one filter block x 28 flattened pixels for 1x1 unit
    // stride, else (AVX-512) 4 blocks x rows of at most 7 or 2 blocks x 14.
    int64_t budget = wide ? 28 : 14;
    bool flat = task.param("kh") == 1 && task.param("kw") == 1 &&
                task.param("sh", 1) == 1 && task.param("sw", 1) == 1 &&
                task.param("h") == task.param("oh") &&
                task.param("w") == task.param("ow");
    int64_t oh = std::max<int64_t>(1, task.param("oh", 1));
    int64_t ow = std::max<int64_t>(1, task.param("ow", 1));
    int64_t f = std::max<int64_t>(1, task.param("f", 1));
    int64_t blocks = f / std::max<int64_t>(1, task.param("block", vl));
    int64_t nv = 1;
    if (wide && !flat)
      nv = ow <= 7 && blocks % 4 == 0 ? 4
           : blocks % 2 == 0 && task.param("kh", 1) * task.param("kw", 1) > 1
               ? 2
               : 1;
    int64_t span = flat ? oh * ow : ow;
    int64_t most = std::min((flat ? budget / 2 : budget) / nv, span), mr = most;
    for (int64_t r = most; r * 4 >= most * 3; --r)
      if (span % r == 0) {
        mr = r;
        break;
      }
    int64_t k = task.param("c", 1) * task.param("kh", 1) * task.param("kw", 1);
    s.knobs["mr"] = mr;
    s.knobs["nv"] = nv;
    s.knobs["tile_rows"] =
        flat ? 1 : std::min<int64_t>(oh, std::max<int64_t>(1, budget / (nv * mr)));
    s.knobs["rows_outer"] = !flat && f * k * 4 <= (512 << 10);
    return s;
  }
  if (task.kind != "conv2d")
    return s;
  auto p = [&](const char *name) {
    return std::max<int64_t>(1, task.param(name, 1));
  };
  int64_t c = p("c"), f = p("f"), kh = p("kh"), kw = p("kw"), sw = p("sw"),
          oh = p("oh"), ow = p("ow");
  int64_t k = c * kh * kw;
  // The wide-window RGB stem (ConvKernels.cpp isWideWindowStem): 8 lanes.
  bool stem = c <= 4 && kh * kw >= 25 && vl > 8;
  if (stem)
    vl = 8;
  int64_t fnv = f > vl ? 2 : 1;
  int64_t rowVectors = ow <= vl ? 1 : 2;
  bool rowsFill =
      sw == 1 && ow * 8 >= ceilDivI(ow, rowVectors * vl) * rowVectors * vl * 7;
  bool filterVectors =
      f * 8 >= ceilDivI(f, fnv * vl) * fnv * vl * 7 && !(k < 64 && rowsFill);
  int64_t pixels = oh * ow;
  bool lanesUsed = pixels * 8 >= ceilDivI(pixels, 2 * vl) * 2 * vl * 7;
  bool pixelsFill = pixels % (2 * vl) == 0 ||
                    (!filterVectors && lanesUsed) ||
                    (pixels >= 512 && lanesUsed);
  s.knobs["rows_outer"] = 0;
  s.knobs["vbits"] = stem ? 256 : target.vectorBits;
  if (task.param("pointwise_ok") == 1 && pixelsFill) {
    s.knobs["variant"] = 1;
    s.knobs["mr"] = wide ? 8 : 6;
    s.knobs["nv"] = 2;
  } else if (filterVectors) {
    s.knobs["variant"] = 0;
    s.knobs["nv"] = fnv;
    // Pixels per row tile: up to 8 (14 with one vector), preferring one
    // that divides the row.
    int64_t maxRows = fnv == 2 ? 8 : 14;
    int64_t rowsPerTile = std::min(maxRows, ow);
    for (int64_t r = rowsPerTile; r >= std::max<int64_t>(4, maxRows / 2); --r)
      if (ow % r == 0) {
        rowsPerTile = r;
        break;
      }
    s.knobs["mr"] = stem ? 6 : rowsPerTile;
    int64_t nf = fnv * vl;
    s.knobs["rows_outer"] = ceilDivI(f, nf) * k * nf * 4 <= (512 << 10);
  } else {
    int64_t nv = ow <= vl ? 1 : 2;
    bool direct = sw == 1 && ow * 4 >= ceilDivI(ow, nv * vl) * nv * vl * 3;
    if (!direct)
      nv = 2;
    s.knobs["variant"] = direct ? 2 : 3;
    s.knobs["nv"] = nv;
    s.knobs["mr"] = nv == 1 ? (wide ? 16 : 12) : (wide ? 8 : 6);
  }
  return s;
}

std::vector<float> extractFeatures(const Task &task, const Schedule &schedule,
                                   const Target &target) {
  bool isDefault = schedule.empty();
  Schedule s = isDefault ? defaultSchedule(task, target) : schedule;
  Nest nest;
  if (task.kind == "conv2d_nchwc") {
    // As a filter-vector convolution (pixels broadcast, filters the
    // vectors) with mr * tile_rows pixels per tile; its stores are whole
    // vectors.
    Schedule fv;
    fv.knobs["variant"] = 0;
    fv.knobs["mr"] = s.get("mr", 1) * s.get("tile_rows", 1);
    fv.knobs["nv"] = s.get("nv", 1);
    fv.knobs["rows_outer"] = s.get("rows_outer", 0);
    fv.knobs["vbits"] = target.vectorBits;
    nest = convNest(task, fv, target);
  } else if (task.kind == "conv2d") {
    nest = convNest(task, s, target);
  } else {
    nest = matmulNest(task, s, target);
  }
  std::vector<double> raw = describe(nest, task, target, isDefault);
  std::vector<float> out(kNumFeatures);
  for (unsigned i = 0; i < kNumFeatures; ++i)
    out[i] = logScale(raw[i]);
  return out;
}

const char *featureName(unsigned slot) {
  static const char *const names[kNumFeatures] = {
      "is_matmul",
      "conv_filter_vector",
      "conv_pointwise",
      "conv_direct",
      "conv_packed",
      "is_default",
      "knob_mr",
      "knob_nv",
      "knob_kc",
      "knob_msplit",
      "knob_rows_outer",
      "problems",
      "m",
      "n",
      "k",
      "useful_flops",
      "vector_fmas",
      "vector_loads",
      "broadcasts",
      "output_stores",
      "output_loads",
      "packing_ops",
      "shuffles",
      "vector_width",
      "lane_utilization",
      "remainder_tiles",
      "tiles",
      "k_blocks",
      "kc_effective",
      "parallel_extent",
      "threads",
      "chunks_per_thread",
      "load_imbalance",
      "work_per_iteration",
      "accumulators",
      "register_pressure",
      "tile_elements",
      "input_bytes",
      "input_unique_bytes",
      "input_reuse_count",
      "input_reuse_distance",
      "input_stride",
      "weights_bytes",
      "weights_unique_bytes",
      "weights_reuse_count",
      "weights_reuse_distance",
      "weights_stride",
      "output_bytes",
      "output_unique_bytes",
      "output_reuse_count",
      "output_reuse_distance",
      "output_stride",
      "register_intensity",
      "l1_intensity",
      "l2_intensity",
      "register_bytes",
      "l1_footprint",
      "l2_footprint",
      "dram_bytes",
      "compute_cycles",
      "memory_cycles",
      "roofline_cycles",
      "compute_bound",
      "knob_unroll",
  };
  return slot < kNumFeatures ? names[slot] : "?";
}

} // namespace mlc::tuner
