//===- Features.h - what the cost model sees of a schedule ----------------===//
//
// A fixed-length vector of numbers describing one schedule of one task on
// one target, in the spirit of Ansor's per-store features but computed from
// the loop nest the schedule implies rather than from lowered IR (the CPU
// codegen's nests are known; see codegen/cpu/MatmulKernels.cpp and
// ConvKernels.cpp):
//
// Every kernel is an implicit GEMM: G independent problems C[M x N] +=
// A[M x K] * B[K x N], B on the vector side (nv vectors of VL lanes per
// tile row, N padded to panels of NR = nv * VL), A on the broadcast side
// (mr rows per register tile, the last tile of M % mr rows). One parallel
// iteration takes one NR-wide panel (and, for matmul, one of msplit blocks
// of M); inside it, K blocks of kc, M tiles, and the k loop (NR / VL vector
// loads, mr broadcasts, mr * nv FMAs per k).
//
//   kernel                       G        M        N        K       B side
//   matmul                       batch    m        n        k       B
//   conv filter-vector (0)       n * oh   ow       f        c*kh*kw weights
//   conv pointwise (1)           n        f        oh * ow  c       input
//   conv direct (2)              n * oh   f        ow       c*kh*kw input
//   conv packed (3)              n        f        oh * ow  c*kh*kw input
//
// Every value is log-scaled as log2(1 + x) (x >= 0), so the vector is
// finite and non-negative; flags and fractions in [0, 1] stay in [0, 1].
// The per-buffer slots use the kernel's own roles: "input" is matmul's A
// or the conv input, "weights" matmul's B or the conv filters, "output" C.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_FEATURES_H
#define MLC_TUNER_FEATURES_H

#include "tuner/Task.h"

#include <vector>

namespace mlc::tuner {

/// The slots of a feature vector. Counts are per run of the kernel; bytes
/// assume f32 (4 bytes); "vector" means VL lanes.
enum FeatureSlot : unsigned {
  // What kind of kernel (one-hot).
  kFeatIsMatmul,         ///< 1 for matmul
  kFeatConvFilterVector, ///< 1 for conv variant 0 (filter-vector)
  kFeatConvPointwise,    ///< 1 for conv variant 1 (pointwise)
  kFeatConvDirect,       ///< 1 for conv variant 2 (direct)
  kFeatConvPacked,       ///< 1 for conv variant 3 (packed)
  kFeatIsDefault,        ///< 1 when the schedule is empty (the heuristic's)
  // The knobs as the model used them (the default's values when empty).
  kFeatKnobMr,        ///< mr
  kFeatKnobNv,        ///< nv
  kFeatKnobKc,        ///< kc as given (0 = all of K; 0 for conv)
  kFeatKnobMsplit,    ///< msplit (1 for conv)
  kFeatKnobRowsOuter, ///< rows_outer (0 for matmul)
  // The implicit GEMM (see the table above).
  kFeatProblems,    ///< G
  kFeatM,           ///< M
  kFeatN,           ///< N
  kFeatK,           ///< K
  kFeatUsefulFlops, ///< 2 * G * M * N * K
  // Arithmetic counts.
  kFeatVectorFmas,   ///< vector FMAs executed (padding lanes included)
  kFeatVectorLoads,  ///< vector loads of the B (vector) side
  kFeatBroadcasts,   ///< scalar broadcasts of the A side
  kFeatOutputStores, ///< vector stores of C (once per K block)
  kFeatOutputLoads,  ///< vector loads of C (partial sums, C's init)
  kFeatPackingOps,   ///< run-time packing memory ops (B of a
                     ///< non-constant matmul, scalar when transposed;
                     ///< the packed conv's panel gather)
  kFeatShuffles,     ///< transposition ops (filter-vector stores)
  // Vectorization and tiles.
  kFeatVectorWidth,     ///< VL
  kFeatLaneUtilization, ///< N / (panels * NR): lanes doing useful work
  kFeatRemainderTiles,  ///< fraction of register tiles that are partial
                        ///< (M % mr rows, or the last panel's lanes)
  kFeatTiles,           ///< register tiles run (x K blocks)
  kFeatKBlocks,         ///< K blocks
  kFeatKcEffective,     ///< K block length actually used
  // Parallelism.
  kFeatParallelExtent,   ///< parallel iterations
  kFeatThreads,          ///< target threads
  kFeatChunksPerThread,  ///< ceil(extent / threads)
  kFeatLoadImbalance,    ///< chunks * threads / extent (>= 1; 1 balanced)
  kFeatWorkPerIteration, ///< useful flops per parallel iteration
  // Registers.
  kFeatAccumulators,     ///< mr * nv
  kFeatRegisterPressure, ///< (mr * nv + nv + 1) / R (> 1 spills)
  kFeatTileElements,     ///< mr * NR
  // Per buffer: bytes accessed, unique bytes, reuse count (accessed /
  // unique), reuse distance in bytes at the innermost loop that reuses an
  // element (0: no reuse), and the stride in elements of its innermost
  // access (along k for A and B, between vector stores for C).
  kFeatInputBytes,
  kFeatInputUniqueBytes,
  kFeatInputReuseCount,
  kFeatInputReuseDistance,
  kFeatInputStride,
  kFeatWeightsBytes,
  kFeatWeightsUniqueBytes,
  kFeatWeightsReuseCount,
  kFeatWeightsReuseDistance,
  kFeatWeightsStride,
  kFeatOutputBytes,
  kFeatOutputUniqueBytes,
  kFeatOutputReuseCount,
  kFeatOutputReuseDistance,
  kFeatOutputStride,
  // Arithmetic intensity (scalar FMAs per byte).
  kFeatRegisterIntensity, ///< per k step of a tile: mr*NR / 4*(mr + NR)
  kFeatL1Intensity,       ///< a tile over one K block / its unique bytes
  kFeatL2Intensity,       ///< a parallel iteration over one K block / its
                          ///< unique bytes
  // Footprints.
  kFeatRegisterBytes, ///< (mr * nv + nv + 1) * VL * 4
  kFeatL1Footprint,   ///< tile's K-block working set / 48 KiB
  kFeatL2Footprint,   ///< iteration's K-block working set / 1 MiB
  kFeatDramBytes,     ///< estimated memory traffic
  // Roofline estimate (cycles at the nominal rates in Features.cpp).
  kFeatComputeCycles,  ///< max(FMAs / 2, loads / 2) / busy threads
  kFeatMemoryCycles,   ///< max over DRAM, L2, L1 traffic / bandwidth
  kFeatRooflineCycles, ///< max(compute, memory): lower is faster
  kFeatComputeBound,   ///< 1 when compute >= memory
  // Added knobs (kept last: the slots above keep their indexes).
  kFeatKnobUnroll,     ///< ku: the matmul k loop's unroll (1 for conv)
  kNumFeatures
};

/// The features of `schedule` for `task` on `target`: kNumFeatures values,
/// the same for every kind, deterministic. An empty schedule is described
/// as defaultSchedule() and flagged in kFeatIsDefault. Schedules outside
/// the space are described as given (knob values clamped to be positive);
/// tasks of a kind other than conv2d are described as matmuls.
std::vector<float> extractFeatures(const Task &task, const Schedule &schedule,
                                   const Target &target);

/// The name of a slot ("roofline_cycles"), for logs and plots.
const char *featureName(unsigned slot);

/// What the codegen's default heuristic picks, as a schedule (a best
/// effort for conv2d, which also weighs the fused epilogue):
/// - matmul: nv = 1 when n <= VL else 2; mr = 8 with 32 vector registers,
///   else 6; kc = 0; msplit = 1; ku = 1; vbits = the target's.
/// - conv2d: pointwise when allowed and the pixels fill the vectors (mr 8
///   / 6, nv 2); else filter-vector when the filters fill 7/8 of the
///   vectors and the reduction is not a short one whose rows fill them (nv
///   = 2 when f > VL, mr = the pixels per row tile, rows_outer when the
///   packed weights fit 512 KiB); else direct when the stride is 1 and the
///   rows fill 3/4 of the vectors, else packed (nv 1 or 2, mr 16 / 12 with
///   one vector, else 8 / 6).
Schedule defaultSchedule(const Task &task, const Target &target);

} // namespace mlc::tuner

#endif // MLC_TUNER_FEATURES_H
