//===- ConvKernels.cpp - register-blocked 2-D convolution kernels ---------===//
//
// Rewrites f32 linalg.conv_2d_nchw_fchw on static memrefs with constant
// weights into an implicit GEMM (see ConvKernelsPass in Passes.td):
// C[f][pixel] += W[f][c, kh, kw] * X[c][pixel shifted by (kh, kw)], with the
// filters F on the broadcast side (packed at compile time into
// [ceil(F/MR)][C*KH*KW][MR]) and output pixels on the vector side. Two ways
// to feed the vector side:
//
//   direct: a tile is MR filters x NR consecutive pixels of one output row;
//           with unit width stride, B's vectors are plain loads from the
//           (already padded) input row. Used when rows fill vectors well.
//   packed: a tile is MR filters x NR consecutive pixels of the flattened
//           output; each panel of NR pixels is first gathered (im2col) into
//           a [C*KH*KW][NR] stack buffer, then all filter tiles run over it.
//           For small or strided outputs.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/Epilogue.h"
#include "codegen/cpu/KernelTasks.h"
#include "codegen/cpu/MicroKernel.h"
#include "codegen/cpu/Passes.h"
#include "dialects/graph/IR/KernelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <map>

namespace mlc::cpu {
#define GEN_PASS_DEF_CONVKERNELSPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

/// The sizes of a 2-D NCHW window operation.
struct Window2D {
  int64_t n, ch, h, wd;   // input N, C, H, W (padded)
  int64_t kh, kw;         // window
  int64_t oh, ow;         // output
  int64_t sh, sw, dh, dw; // strides, dilations
};

/// From the input's N, C, H, W, the output's OH, OW, the window, and the
/// two strides and dilations.
Window2D window2D(ArrayRef<int64_t> nchw, ArrayRef<int64_t> ohw, int64_t kh,
                  int64_t kw, ArrayRef<int64_t> st, ArrayRef<int64_t> di) {
  return Window2D{nchw[0], nchw[1], nchw[2], nchw[3], kh,    kw,
                  ohw[0],  ohw[1],  st[0],   st[1],   di[0], di[1]};
}

Window2D window2D(MemRefType x, MemRefType out, int64_t kh, int64_t kw,
                  DenseIntElementsAttr strides,
                  DenseIntElementsAttr dilations) {
  return window2D(x.getShape(), out.getShape().drop_front(2), kh, kw,
                  llvm::to_vector(strides.getValues<int64_t>()),
                  llvm::to_vector(dilations.getValues<int64_t>()));
}

/// "NxCxHxW * FxCxKHxKW sS -> OHxOW": a convolution in reports and tuner
/// task descriptions.
std::string convShape(const Window2D &w, int64_t filters) {
  std::string shape;
  llvm::raw_string_ostream os(shape);
  os << w.n << "x" << w.ch << "x" << w.h << "x" << w.wd << " * " << filters
     << "x" << w.ch << "x" << w.kh << "x" << w.kw << " s" << w.sh << " -> "
     << w.oh << "x" << w.ow;
  return shape;
}

/// A convolution's tuner workload: `kind`, its sizes and `extra`
/// parameters; none unless its weights `w` are a constant global (only
/// those are generated, packed at compile time).
std::optional<KernelWorkload> convWorkload(Operation *op, Value w,
                                           const Window2D &win, int64_t filters,
                                           StringRef kind,
                                           std::map<std::string, int64_t> extra,
                                           StringRef description) {
  auto get = w.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return std::nullopt;
  auto global = op->getParentOfType<ModuleOp>().lookupSymbol<memref::GlobalOp>(
      get.getName());
  if (!global || !global.getConstant() || !global.getConstantInitValue())
    return std::nullopt;
  KernelWorkload wl;
  wl.kind = kind.str();
  wl.params = {{"n", win.n},   {"c", win.ch},  {"h", win.h},   {"w", win.wd},
               {"f", filters}, {"kh", win.kh}, {"kw", win.kw}, {"sh", win.sh},
               {"sw", win.sw}, {"dh", win.dh}, {"dw", win.dw}, {"oh", win.oh},
               {"ow", win.ow}};
  wl.params.insert(extra.begin(), extra.end());
  wl.description = description.str();
  wl.flops = 2.0 * win.n * filters * win.ch * win.kh * win.kw * win.oh * win.ow;
  return wl;
}

struct Conv : Window2D {
  mutable linalg::Conv2DNchwFchwOp op;
  Value x, w, c;
  int64_t f; // filters
  int64_t k() const { return ch * kh * kw; }
};

std::optional<Conv> match(linalg::Conv2DNchwFchwOp op) {
  std::optional<KernelOperands> k = staticF32Operands(op);
  if (!k)
    return std::nullopt;
  Conv cv;
  cv.op = op;
  cv.x = k->in0;
  cv.w = k->in1;
  cv.c = k->out;
  MemRefType tx = k->t0, tw = k->t1, tc = k->tOut;
  if (!unitInnerStride(tx) || !tc.getLayout().isIdentity())
    return std::nullopt;
  static_cast<Window2D &>(cv) =
      window2D(tx, tc, tw.getDimSize(2), tw.getDimSize(3), op.getStrides(),
               op.getDilations());
  cv.f = tw.getDimSize(0);
  return cv;
}

/// Index arithmetic at one location (the kernel emitters' base: aggregate
/// initialized as `{{loc}, ...}`).
struct IndexMath {
  Location loc;
  Value idx(OpBuilder &ob, int64_t v) const {
    return ob.create<arith::ConstantIndexOp>(loc, v);
  }
  Value add(OpBuilder &ob, Value a, int64_t v) const {
    return v == 0 ? a : ob.create<arith::AddIOp>(loc, a, idx(ob, v));
  }
  Value addv(OpBuilder &ob, Value a, Value c) const {
    return ob.create<arith::AddIOp>(loc, a, c);
  }
  Value mul(OpBuilder &ob, Value a, int64_t v) const {
    return v == 1 ? a : ob.create<arith::MulIOp>(loc, a, idx(ob, v));
  }
};

struct ConvEmitter : IndexMath {
  OpBuilder &b;
  const Conv &cv;
  Value wp; // packed weights [FT][K][MR]
  int64_t mr, nv, vl;
  /// The fused elementwise consumer, if any: results go through it into
  /// its output instead of into C.
  std::optional<Epilogue> epilogue = std::nullopt;
  /// The folded initialization of C (direct tiles): a per-filter bias or
  /// a fill value; neither means C's values.
  Value initBias = nullptr, initFill = nullptr;
  /// Filter-vector tiles: output pixels per tile (0: by the vector count)
  /// and whether output rows are the outer parallel loop (-1: by the
  /// weights' size).
  int64_t pixelRows = 0, rowsOuter = -1;
  /// Pointwise tiles: panels of NR pixels per group (see emitPointwise).
  int64_t panelGroup = 1;

  /// Stores `v` (C's values at `at`, a vector along the last index) into C
  /// or through the epilogue.
  void store(OpBuilder &ob, Value v, ArrayRef<Value> at, Value into,
             bool inBounds) {
    if (epilogue) {
      applyEpilogue(ob, loc, *epilogue, at, v, !inBounds);
      return;
    }
    if (inBounds)
      ob.create<vector::StoreOp>(loc, v, into, at);
    else
      ob.create<vector::TransferWriteOp>(loc, v, into, at,
                                         ArrayRef<bool>{false});
  }

  VectorType vecType() { return VectorType::get({vl}, b.getF32Type()); }

  /// Filter tiles over [0, F): full tiles of MR in a loop, then the rest.
  /// `body(builder, f0, rows)` emits one tile.
  void
  forFilterTiles(OpBuilder &ob,
                 llvm::function_ref<void(OpBuilder &, Value, int64_t)> body) {
    int64_t full = cv.f / mr * mr;
    if (full > 0) {
      auto loop =
          ob.create<scf::ForOp>(loc, idx(ob, 0), idx(ob, full), idx(ob, mr));
      OpBuilder ib = OpBuilder::atBlockTerminator(loop.getBody());
      body(ib, loop.getInductionVar(), mr);
    }
    if (cv.f > full)
      body(ob, idx(ob, full), cv.f - full);
  }

  /// The broadcast-side load: packed weight of filter f0 + i, reduction
  /// index `kk`.
  Value loadWeight(OpBuilder &ob, Value f0, Value kk, int64_t i) {
    Value ft = ob.create<arith::DivUIOp>(loc, f0, idx(ob, mr));
    return ob.create<memref::LoadOp>(loc, wp, ValueRange{ft, kk, idx(ob, i)});
  }

  /// Direct tiles: rows of NR pixels at [ow0, ow0 + NR) of output row `oh`.
  /// `inBounds`: every load and store of the tile is known to be inside.
  void directTile(OpBuilder &ob, Value n, Value ohv, Value ow0, Value f0,
                  int64_t rows, bool inBounds) {
    VectorType vt = vecType();
    Value pad = ob.create<arith::ConstantOp>(loc, ob.getF32FloatAttr(0.0f));
    SmallVector<Value> init;
    for (int64_t i = 0; i < rows; ++i) {
      Value start = initFill ? initFill : pad;
      if (initBias)
        start = ob.create<memref::LoadOp>(loc, initBias, add(ob, f0, i));
      for (int64_t j = 0; j < nv; ++j) {
        if (initBias || initFill) {
          init.push_back(ob.create<vector::BroadcastOp>(loc, vt, start));
          continue;
        }
        init.push_back(ob.create<vector::TransferReadOp>(
            loc, vt, cv.c,
            ValueRange{n, add(ob, f0, i), ohv, add(ob, ow0, j * vl)}, pad,
            ArrayRef<bool>{inBounds}));
      }
    }
    Value ih0 = mul(ob, ohv, cv.sh);
    int64_t window = cv.kh * cv.kw;
    SmallVector<Value> accs = emitRegisterTileLoop(
        ob, loc, RegisterTile{rows, nv, vl}, idx(ob, 0), idx(ob, cv.ch), window,
        init,
        [&](OpBuilder &lb, Value c, int64_t step, int64_t j) -> Value {
          int64_t r = step / cv.kw, s = step % cv.kw;
          Value ih = add(lb, ih0, r * cv.dh);
          Value iw = add(lb, ow0, s * cv.dw + j * vl);
          if (inBounds)
            return lb.create<vector::LoadOp>(loc, vt, cv.x,
                                             ValueRange{n, c, ih, iw});
          return lb.create<vector::TransferReadOp>(loc, vt, cv.x,
                                                   ValueRange{n, c, ih, iw},
                                                   pad, ArrayRef<bool>{false});
        },
        [&](OpBuilder &lb, Value c, int64_t step, int64_t i) -> Value {
          Value kk = add(lb, mul(lb, c, window), step);
          return loadWeight(lb, f0, kk, i);
        });
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < nv; ++j) {
        SmallVector<Value> at{n, add(ob, f0, i), ohv, add(ob, ow0, j * vl)};
        store(ob, accs[i * nv + j], at, cv.c, inBounds);
      }
  }

  void emitDirect() {
    int64_t nr = nv * vl;
    int64_t segments = llvm::divideCeil(cv.ow, nr);
    // Segments whose every input read (and so output write) is inside.
    int64_t safe = 0;
    while (safe < segments && safe * nr + nr + (cv.kw - 1) * cv.dw <= cv.wd &&
           safe * nr + nr <= cv.ow)
      ++safe;
    auto nest = [&](int64_t segBegin, int64_t segEnd, bool inBounds) {
      if (segBegin >= segEnd)
        return;
      b.create<scf::ParallelOp>(
          loc, ValueRange{idx(b, 0), idx(b, 0), idx(b, segBegin)},
          ValueRange{idx(b, cv.n), idx(b, cv.oh), idx(b, segEnd)},
          ValueRange{idx(b, 1), idx(b, 1), idx(b, 1)},
          [&](OpBuilder &pb, Location, ValueRange ivs) {
            Value ow0 = mul(pb, ivs[2], nr);
            forFilterTiles(pb, [&](OpBuilder &tb, Value f0, int64_t rows) {
              directTile(tb, ivs[0], ivs[1], ow0, f0, rows, inBounds);
            });
          });
    };
    nest(0, safe, true);
    nest(safe, segments, false);
  }

  /// Direct tiles with a 2x2 stride-2 max pool fused after the epilogue:
  /// each tile computes MR filters x NR pixels of two output rows (2 * NV
  /// vectors: row j / NV, vector j % NV), applies the epilogue to both, and
  /// stores max(row 0, row 1) with adjacent pixel pairs maxed (an even/odd
  /// deinterleave) into `pooled` [N][F][OH/2][OW/2]: the convolution's own
  /// output is never written. OW is a multiple of NR, NV is even, and
  /// every input read is inside.
  void emitDirectPooled(Value pooled) {
    int64_t nr = nv * vl, segments = cv.ow / nr, window = cv.kh * cv.kw;
    VectorType vt = vecType();
    b.create<scf::ParallelOp>(
        loc, ValueRange{idx(b, 0), idx(b, 0), idx(b, 0)},
        ValueRange{idx(b, cv.n), idx(b, cv.oh / 2), idx(b, segments)},
        ValueRange{idx(b, 1), idx(b, 1), idx(b, 1)},
        [&](OpBuilder &pb, Location, ValueRange ivs) {
          Value n = ivs[0], pr = ivs[1], seg = ivs[2];
          Value oh0 = mul(pb, pr, 2), ow0 = mul(pb, seg, nr);
          Value pw0 = mul(pb, seg, nr / 2);
          forFilterTiles(pb, [&](OpBuilder &tb, Value f0, int64_t rows) {
            Value zero =
                tb.create<arith::ConstantOp>(loc, tb.getF32FloatAttr(0.0f));
            SmallVector<Value> init;
            for (int64_t i = 0; i < rows; ++i) {
              Value start = initFill ? initFill : zero;
              if (initBias)
                start =
                    tb.create<memref::LoadOp>(loc, initBias, add(tb, f0, i));
              for (int64_t j = 0; j < 2 * nv; ++j)
                init.push_back(tb.create<vector::BroadcastOp>(loc, vt, start));
            }
            SmallVector<Value> accs = emitRegisterTileLoop(
                tb, loc, RegisterTile{rows, 2 * nv, vl}, idx(tb, 0),
                idx(tb, cv.ch), window, init,
                [&](OpBuilder &lb, Value c, int64_t step, int64_t j) -> Value {
                  int64_t r = step / cv.kw, q = step % cv.kw;
                  Value ih =
                      add(lb, mul(lb, add(lb, oh0, j / nv), cv.sh), r * cv.dh);
                  Value iw = add(lb, ow0, q * cv.dw + (j % nv) * vl);
                  return lb.create<vector::LoadOp>(loc, vt, cv.x,
                                                   ValueRange{n, c, ih, iw});
                },
                [&](OpBuilder &lb, Value c, int64_t step, int64_t i) -> Value {
                  Value kk = add(lb, mul(lb, c, window), step);
                  return loadWeight(lb, f0, kk, i);
                });
            auto fastMax = [&](Value a, Value c) {
              return tb.create<arith::MaximumFOp>(
                  loc, a, c,
                  arith::FastMathFlags::nnan | arith::FastMathFlags::nsz);
            };
            SmallVector<int64_t> even, odd;
            for (int64_t l = 0; l < vl; ++l) {
              even.push_back(2 * l);
              odd.push_back(2 * l + 1);
            }
            for (int64_t i = 0; i < rows; ++i) {
              Value f = add(tb, f0, i);
              SmallVector<Value> vertical;
              for (int64_t j = 0; j < nv; ++j) {
                Value w0 = add(tb, ow0, j * vl);
                Value top = accs[i * 2 * nv + j];
                Value bottom = accs[i * 2 * nv + nv + j];
                if (epilogue) {
                  top = epilogueValue(tb, loc, *epilogue, {n, f, oh0, w0}, top,
                                      false);
                  bottom =
                      epilogueValue(tb, loc, *epilogue,
                                    {n, f, add(tb, oh0, 1), w0}, bottom, false);
                }
                vertical.push_back(fastMax(top, bottom));
              }
              for (int64_t j = 0; j < nv; j += 2) {
                Value lo = tb.create<vector::ShuffleOp>(loc, vertical[j],
                                                        vertical[j + 1], even);
                Value hi = tb.create<vector::ShuffleOp>(loc, vertical[j],
                                                        vertical[j + 1], odd);
                tb.create<vector::StoreOp>(
                    loc, fastMax(lo, hi), pooled,
                    ValueRange{n, f, pr, add(tb, pw0, (j / 2) * vl)});
              }
            }
          });
        });
  }

  /// Filter-vector tiles: MR consecutive output pixels of one row x NV * VL
  /// filters; the pixels' inputs are broadcast (any stride or dilation, no
  /// packing), the packed weights [FT][K][NV*VL] are the vectors. `bias`
  /// (a [F] memref) or `fill` (a scalar) is the initial value when the
  /// output's initialization was folded; else the output's values are
  /// added at the end.
  void emitFilterVectors(Value bias, Value fill) {
    int64_t nf = nv * vl, filterTiles = llvm::divideCeil(cv.f, nf);
    int64_t window = cv.kh * cv.kw;
    VectorType vt = vecType();
    Value pad = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
    // One tile: pixels [ow0, ow0 + rows) of output row oh, filters
    // [ft * nf, ft * nf + valid).
    auto tileAt = [&](OpBuilder &tb, Value n, Value ft, Value ohv, Value ow0,
                      int64_t rows, int64_t valid) {
      Value f0 = mul(tb, ft, nf);
      SmallVector<Value> init;
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < nv; ++j) {
          if (bias)
            init.push_back(tb.create<vector::TransferReadOp>(
                loc, vt, bias, ValueRange{add(tb, f0, j * vl)}, pad,
                ArrayRef<bool>{false}));
          else
            init.push_back(
                tb.create<vector::BroadcastOp>(loc, vt, fill ? fill : pad));
        }
      Value ih0 = mul(tb, ohv, cv.sh);
      SmallVector<Value> iw0;
      for (int64_t i = 0; i < rows; ++i)
        iw0.push_back(mul(tb, add(tb, ow0, i), cv.sw));
      SmallVector<Value> accs = emitRegisterTileLoop(
          tb, loc, RegisterTile{rows, nv, vl}, idx(tb, 0), idx(tb, cv.ch),
          window, init,
          [&](OpBuilder &lb, Value c, int64_t step, int64_t j) -> Value {
            Value kk = add(lb, mul(lb, c, window), step);
            return lb.create<vector::LoadOp>(
                loc, vt, wp, ValueRange{ft, kk, idx(lb, j * vl)});
          },
          [&](OpBuilder &lb, Value c, int64_t step, int64_t i) -> Value {
            int64_t r = step / cv.kw, q = step % cv.kw;
            return lb.create<memref::LoadOp>(
                loc, cv.x,
                ValueRange{n, c, add(lb, ih0, r * cv.dh),
                           add(lb, iw0[i], q * cv.dw)});
          });
      // Transpose each vector column (rows pixels x VL filters) into one
      // vector of pixels per filter, stored along the output row.
      auto tileType = VectorType::get({rows, vl}, tb.getF32Type());
      auto rowType = VectorType::get({rows}, tb.getF32Type());
      for (int64_t j = 0; j < nv; ++j) {
        Value tile = tb.create<arith::ConstantOp>(
            loc, tileType, DenseElementsAttr::get(tileType, 0.0f));
        for (int64_t i = 0; i < rows; ++i)
          tile = tb.create<vector::InsertOp>(loc, accs[i * nv + j], tile, i);
        Value cols =
            tb.create<vector::TransposeOp>(loc, tile, ArrayRef<int64_t>{1, 0});
        for (int64_t l = 0; l < vl && j * vl + l < valid; ++l) {
          Value v = tb.create<vector::ExtractOp>(loc, cols, l);
          SmallVector<Value> where{n, add(tb, f0, j * vl + l), ohv, ow0};
          if (!bias && !fill)
            v = tb.create<arith::AddFOp>(
                loc, v, tb.create<vector::LoadOp>(loc, rowType, cv.c, where));
          store(tb, v, where, cv.c, /*inBounds=*/true);
        }
      }
    };
    // Pixel tiles along a row: MR dividing OW where one does.
    int64_t maxRows = nv == 2 ? 8 : 14, rowsPerTile = std::min(maxRows, cv.ow);
    for (int64_t r = rowsPerTile; r >= std::max<int64_t>(4, maxRows / 2); --r)
      if (cv.ow % r == 0) {
        rowsPerTile = r;
        break;
      }
    if (pixelRows > 0)
      rowsPerTile = std::min(pixelRows, cv.ow);
    int64_t fullPixelTiles = cv.ow / rowsPerTile;
    int64_t restRows = cv.ow - fullPixelTiles * rowsPerTile;
    int64_t fullFilterTiles = cv.f / nf,
            restFilters = cv.f - fullFilterTiles * nf;
    auto rowTiles = [&](OpBuilder &ob, Value n, Value ft, Value ohv,
                        int64_t valid) {
      auto loop = ob.create<scf::ForOp>(loc, idx(ob, 0),
                                        idx(ob, fullPixelTiles), idx(ob, 1));
      OpBuilder lb = OpBuilder::atBlockTerminator(loop.getBody());
      tileAt(lb, n, ft, ohv, mul(lb, loop.getInductionVar(), rowsPerTile),
             rowsPerTile, valid);
      if (restRows)
        tileAt(ob, n, ft, ohv, idx(ob, fullPixelTiles * rowsPerTile), restRows,
               valid);
    };
    // Parallel over (image, filter tile, output row): consecutive
    // iterations share the filter tile's weights (large weights), or over
    // (image, output row, filter tile): they share the input rows, and all
    // the (small) weights stay in cache.
    bool rowsOuter =
        this->rowsOuter >= 0
            ? this->rowsOuter != 0
            : (int64_t)filterTiles * cv.k() * nf * 4 <= (512 << 10);
    auto nest = [&](int64_t ftBegin, int64_t ftEnd, int64_t valid) {
      if (ftBegin >= ftEnd)
        return;
      SmallVector<Value> lbs{idx(b, 0), idx(b, ftBegin), idx(b, 0)};
      SmallVector<Value> ubs{idx(b, cv.n), idx(b, ftEnd), idx(b, cv.oh)};
      if (rowsOuter) {
        std::swap(lbs[1], lbs[2]);
        std::swap(ubs[1], ubs[2]);
      }
      b.create<scf::ParallelOp>(loc, lbs, ubs,
                                ValueRange{idx(b, 1), idx(b, 1), idx(b, 1)},
                                [&](OpBuilder &pb, Location, ValueRange ivs) {
                                  Value ft = rowsOuter ? ivs[2] : ivs[1];
                                  Value ohv = rowsOuter ? ivs[1] : ivs[2];
                                  rowTiles(pb, ivs[0], ft, ohv, valid);
                                });
    };
    nest(0, fullFilterTiles, nf);
    nest(fullFilterTiles, filterTiles, restFilters);
  }

  /// A pointwise convolution (1x1, unit strides, no padding) as the matmul
  /// C[n][f][p] += W[f][c] * X[n][c][p] over flattened pixels: B's vectors
  /// are plain loads of X's rows, masked only in the last panel. `bias` /
  /// `fill` as in emitFilterVectors.
  void emitPointwise(Value bias, Value fill) {
    int64_t nr = nv * vl, pixels = cv.oh * cv.ow;
    int64_t panels = llvm::divideCeil(pixels, nr), full = pixels / nr;
    // Panels per group: a group's filter tiles each run over all of its
    // panels, so a tile's weights are reused `group` times from L1 and each
    // output row is written in runs of group * NR pixels (fewer, longer
    // store streams than one panel at a time).
    int64_t group = std::max<int64_t>(1, panelGroup);
    VectorType vt = vecType();
    auto flat = [&](Value v, int64_t channels) {
      return b.create<memref::CollapseShapeOp>(
          loc, MemRefType::get({cv.n, channels, pixels}, b.getF32Type()), v,
          ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
    };
    Value x = flat(cv.x, cv.ch), c = flat(cv.c, cv.f);
    Value pad = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
    // One register tile: filters [f0, f0 + rows) x pixels [p0, p0 + NR).
    auto tile = [&](OpBuilder &tb, Value n, Value f0, int64_t rows, Value p0,
                    bool inBounds) {
      SmallVector<Value> init;
      for (int64_t i = 0; i < rows; ++i) {
        Value start = fill ? fill : pad;
        if (bias)
          start = tb.create<memref::LoadOp>(loc, bias, add(tb, f0, i));
        for (int64_t j = 0; j < nv; ++j) {
          SmallVector<Value> at{n, add(tb, f0, i), add(tb, p0, j * vl)};
          if (bias || fill)
            init.push_back(tb.create<vector::BroadcastOp>(loc, vt, start));
          else if (inBounds)
            init.push_back(tb.create<vector::LoadOp>(loc, vt, c, at));
          else
            init.push_back(tb.create<vector::TransferReadOp>(
                loc, vt, c, at, pad, ArrayRef<bool>{false}));
        }
      }
      SmallVector<Value> accs = emitRegisterTileLoop(
          tb, loc, RegisterTile{rows, nv, vl}, idx(tb, 0), idx(tb, cv.ch), 1,
          init,
          [&](OpBuilder &lb, Value ch, int64_t, int64_t j) -> Value {
            SmallVector<Value> at{n, ch, add(lb, p0, j * vl)};
            if (inBounds)
              return lb.create<vector::LoadOp>(loc, vt, x, at);
            return lb.create<vector::TransferReadOp>(loc, vt, x, at, pad,
                                                     ArrayRef<bool>{false});
          },
          [&](OpBuilder &lb, Value ch, int64_t, int64_t i) -> Value {
            return loadWeight(lb, f0, ch, i);
          });
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < nv; ++j) {
          SmallVector<Value> at{n, add(tb, f0, i), add(tb, p0, j * vl)};
          store(tb, accs[i * nv + j], at, c, inBounds);
        }
    };
    // Panels [begin, end) in groups of `size` (end - begin a multiple).
    auto nest = [&](int64_t begin, int64_t end, int64_t size, bool inBounds) {
      if (begin >= end)
        return;
      b.create<scf::ParallelOp>(
          loc, ValueRange{idx(b, 0), idx(b, 0)},
          ValueRange{idx(b, cv.n), idx(b, (end - begin) / size)},
          ValueRange{idx(b, 1), idx(b, 1)},
          [&](OpBuilder &pb, Location, ValueRange ivs) {
            Value n = ivs[0];
            Value first = add(pb, mul(pb, ivs[1], size * nr), begin * nr);
            forFilterTiles(pb, [&](OpBuilder &tb, Value f0, int64_t rows) {
              if (size == 1) {
                tile(tb, n, f0, rows, first, inBounds);
                return;
              }
              auto panelsLoop = tb.create<scf::ForOp>(
                  loc, idx(tb, 0), idx(tb, size * nr), idx(tb, nr));
              OpBuilder ib = OpBuilder::atBlockTerminator(panelsLoop.getBody());
              Value p0 = ib.create<arith::AddIOp>(loc, first,
                                                  panelsLoop.getInductionVar());
              tile(ib, n, f0, rows, p0, inBounds);
            });
          });
    };
    int64_t grouped = full / group * group;
    nest(0, grouped, group, true);
    nest(grouped, full, 1, true);
    nest(full, panels, 1, false);
  }

  /// Packed tiles: panels of NR flattened output pixels.
  void emitPacked() {
    int64_t nr = nv * vl, pixels = cv.oh * cv.ow, k = cv.k();
    int64_t panels = llvm::divideCeil(pixels, nr);
    VectorType vt = vecType();
    auto flatType = MemRefType::get({cv.n, cv.f, pixels}, b.getF32Type());
    Value flat = b.create<memref::CollapseShapeOp>(
        loc, flatType, cv.c, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
    b.create<scf::ParallelOp>(
        loc, ValueRange{idx(b, 0), idx(b, 0)},
        ValueRange{idx(b, cv.n), idx(b, panels)},
        ValueRange{idx(b, 1), idx(b, 1)},
        [&](OpBuilder &pb, Location, ValueRange ivs) {
          Value n = ivs[0], p0 = mul(pb, ivs[1], nr);
          // Per-thread panel buffer (mlc-outline-parallel-loops puts the
          // alloca in the entry block of the outlined function).
          Value panel = pb.create<memref::AllocaOp>(
              loc, MemRefType::get({k, nr}, pb.getF32Type()),
              pb.getI64IntegerAttr(64));
          Value zero =
              pb.create<arith::ConstantOp>(loc, pb.getF32FloatAttr(0.0f));
          // Gather: column j is pixel p0 + j (zero past the end).
          auto cols =
              pb.create<scf::ForOp>(loc, idx(pb, 0), idx(pb, nr), idx(pb, 1));
          {
            OpBuilder cb = OpBuilder::atBlockTerminator(cols.getBody());
            Value j = cols.getInductionVar();
            Value p = cb.create<arith::AddIOp>(loc, p0, j);
            Value inside = cb.create<arith::CmpIOp>(
                loc, arith::CmpIPredicate::slt, p, idx(cb, pixels));
            Value pc = cb.create<arith::SelectOp>(loc, inside, p, idx(cb, 0));
            Value oh = cb.create<arith::DivUIOp>(loc, pc, idx(cb, cv.ow));
            Value ow = cb.create<arith::RemUIOp>(loc, pc, idx(cb, cv.ow));
            Value ih0 = mul(cb, oh, cv.sh), iw0 = mul(cb, ow, cv.sw);
            auto chans = cb.create<scf::ForOp>(loc, idx(cb, 0), idx(cb, cv.ch),
                                               idx(cb, 1));
            OpBuilder hb = OpBuilder::atBlockTerminator(chans.getBody());
            Value c = chans.getInductionVar();
            Value kbase = mul(hb, c, cv.kh * cv.kw);
            for (int64_t r = 0; r < cv.kh; ++r)
              for (int64_t s = 0; s < cv.kw; ++s) {
                Value v = hb.create<memref::LoadOp>(
                    loc, cv.x,
                    ValueRange{n, c, add(hb, ih0, r * cv.dh),
                               add(hb, iw0, s * cv.dw)});
                v = hb.create<arith::SelectOp>(loc, inside, v, zero);
                hb.create<memref::StoreOp>(
                    loc, v, panel,
                    ValueRange{add(hb, kbase, r * cv.kw + s), j});
              }
          }
          Value pad = zero;
          forFilterTiles(pb, [&](OpBuilder &tb, Value f0, int64_t rows) {
            SmallVector<Value> init;
            for (int64_t i = 0; i < rows; ++i)
              for (int64_t jj = 0; jj < nv; ++jj)
                init.push_back(tb.create<vector::TransferReadOp>(
                    loc, vt, flat,
                    ValueRange{n, add(tb, f0, i), add(tb, p0, jj * vl)}, pad,
                    ArrayRef<bool>{false}));
            SmallVector<Value> accs = emitRegisterTileLoop(
                tb, loc, RegisterTile{rows, nv, vl}, idx(tb, 0), idx(tb, k), 1,
                init,
                [&](OpBuilder &lb, Value kk, int64_t, int64_t jj) -> Value {
                  return lb.create<vector::LoadOp>(
                      loc, vt, panel, ValueRange{kk, idx(lb, jj * vl)});
                },
                [&](OpBuilder &lb, Value kk, int64_t, int64_t i) -> Value {
                  return loadWeight(lb, f0, kk, i);
                });
            for (int64_t i = 0; i < rows; ++i)
              for (int64_t jj = 0; jj < nv; ++jj)
                tb.create<vector::TransferWriteOp>(
                    loc, accs[i * nv + jj], flat,
                    ValueRange{n, add(tb, f0, i), add(tb, p0, jj * vl)},
                    ArrayRef<bool>{false});
          });
        });
  }
};

//===----------------------------------------------------------------------===//
// Depthwise convolutions
//===----------------------------------------------------------------------===//

/// linalg.depthwise_conv_2d_nchw_chw: each channel's output rows, VL pixels
/// at a time, accumulate weight (broadcast) x input row segment (a vector
/// load; every stride-th lane of a longer load for strides > 1).
struct Depthwise : Window2D {
  mutable linalg::DepthwiseConv2DNchwChwOp op;
  Value x, w, c;
};

std::optional<Depthwise> matchDepthwise(linalg::DepthwiseConv2DNchwChwOp op) {
  std::optional<KernelOperands> k = staticF32Operands(op);
  if (!k)
    return std::nullopt;
  Depthwise d;
  d.op = op;
  d.x = k->in0;
  d.w = k->in1;
  d.c = k->out;
  MemRefType tx = k->t0, tw = k->t1, tc = k->tOut;
  if (!unitInnerStride(tx) || !unitInnerStride(tc))
    return std::nullopt;
  static_cast<Window2D &>(d) =
      window2D(tx, tc, tw.getDimSize(1), tw.getDimSize(2), op.getStrides(),
               op.getDilations());
  if (d.sw > 4)
    return std::nullopt;
  return d;
}

struct DepthwiseEmitter : IndexMath {
  OpBuilder &b;
  const Depthwise &d;
  int64_t vl, rows;
  Value bias, fill;
  std::optional<Epilogue> epilogue;

  /// The input row segment feeding output pixels [ow0, ow0 + VL) of input
  /// row `ih` at window column `q`.
  Value loadRow(OpBuilder &ob, Value n, Value c, Value ih, Value ow0, int64_t q,
                bool inBounds) {
    Value iw = add(ob, mul(ob, ow0, d.sw), q * d.dw);
    auto wide = VectorType::get({vl * d.sw}, ob.getF32Type());
    SmallVector<Value> at{n, c, ih, iw};
    Value v;
    if (inBounds) {
      v = ob.create<vector::LoadOp>(loc, wide, d.x, at);
    } else {
      Value pad = ob.create<arith::ConstantOp>(loc, ob.getF32FloatAttr(0.0f));
      v = ob.create<vector::TransferReadOp>(loc, wide, d.x, at, pad,
                                            ArrayRef<bool>{false});
    }
    if (d.sw == 1)
      return v;
    SmallVector<int64_t> lanes;
    for (int64_t i = 0; i < vl; ++i)
      lanes.push_back(i * d.sw);
    return ob.create<vector::ShuffleOp>(loc, v, v, lanes);
  }

  /// Output rows [oh0, oh0 + nrows) x pixels [ow0, ow0 + VL) of channel c.
  void tile(OpBuilder &ob, Value n, Value c, Value oh0, int64_t nrows,
            Value ow0, bool inBounds) {
    auto vt = VectorType::get({vl}, ob.getF32Type());
    Value start;
    if (bias)
      start = ob.create<memref::LoadOp>(loc, bias, c);
    else
      start = fill
                  ? fill
                  : ob.create<arith::ConstantOp>(loc, ob.getF32FloatAttr(0.0f));
    SmallVector<Value> accs;
    for (int64_t r = 0; r < nrows; ++r) {
      if (bias || fill) {
        accs.push_back(ob.create<vector::BroadcastOp>(loc, vt, start));
        continue;
      }
      Value pad = ob.create<arith::ConstantOp>(loc, ob.getF32FloatAttr(0.0f));
      accs.push_back(ob.create<vector::TransferReadOp>(
          loc, vt, d.c, ValueRange{n, c, add(ob, oh0, r), ow0}, pad,
          ArrayRef<bool>{false}));
    }
    // Input row segments, each loaded once: output row r at window row p
    // reads input row oh0 * sh + r * sh + p * dh.
    Value ih0 = mul(ob, oh0, d.sh);
    std::map<std::pair<int64_t, int64_t>, Value> rowsLoaded;
    for (int64_t p = 0; p < d.kh; ++p)
      for (int64_t q = 0; q < d.kw; ++q) {
        Value wv = ob.create<vector::BroadcastOp>(
            loc, vt,
            ob.create<memref::LoadOp>(loc, d.w,
                                      ValueRange{c, idx(ob, p), idx(ob, q)}));
        for (int64_t r = 0; r < nrows; ++r) {
          int64_t offset = r * d.sh + p * d.dh;
          Value &xv = rowsLoaded[{offset, q}];
          if (!xv)
            xv = loadRow(ob, n, c, add(ob, ih0, offset), ow0, q, inBounds);
          accs[r] = ob.create<vector::FMAOp>(loc, wv, xv, accs[r]);
        }
      }
    for (int64_t r = 0; r < nrows; ++r) {
      SmallVector<Value> at{n, c, add(ob, oh0, r), ow0};
      if (epilogue)
        applyEpilogue(ob, loc, *epilogue, at, accs[r], !inBounds);
      else if (inBounds)
        ob.create<vector::StoreOp>(loc, accs[r], d.c, at);
      else
        ob.create<vector::TransferWriteOp>(loc, accs[r], d.c, at,
                                           ArrayRef<bool>{false});
    }
  }

  void emit() {
    int64_t segments = llvm::divideCeil(d.ow, vl);
    // Segments whose reads stay in the (padded) input row and whose
    // writes stay in the output row.
    int64_t safe = 0;
    while (safe < segments && (safe + 1) * vl <= d.ow &&
           (safe * vl) * d.sw + (d.kw - 1) * d.dw + vl * d.sw <= d.wd)
      ++safe;
    int64_t blocks = d.oh / rows, rest = d.oh - blocks * rows;
    auto rowBlock = [&](OpBuilder &ob, Value n, Value c, Value oh0,
                        int64_t nrows) {
      if (safe > 0) {
        auto loop =
            ob.create<scf::ForOp>(loc, idx(ob, 0), idx(ob, safe), idx(ob, 1));
        OpBuilder lb = OpBuilder::atBlockTerminator(loop.getBody());
        tile(lb, n, c, oh0, nrows, mul(lb, loop.getInductionVar(), vl), true);
      }
      for (int64_t s = safe; s < segments; ++s)
        tile(ob, n, c, oh0, nrows, idx(ob, s * vl), false);
    };
    auto nest = [&](int64_t begin, int64_t end, int64_t nrows) {
      if (begin >= end)
        return;
      b.create<scf::ParallelOp>(
          loc, ValueRange{idx(b, 0), idx(b, 0), idx(b, begin)},
          ValueRange{idx(b, d.n), idx(b, d.ch), idx(b, end)},
          ValueRange{idx(b, 1), idx(b, 1), idx(b, 1)},
          [&](OpBuilder &pb, Location, ValueRange ivs) {
            rowBlock(pb, ivs[0], ivs[1], mul(pb, ivs[2], nrows), nrows);
          });
    };
    nest(0, blocks, rows);
    if (rest) {
      // The last rows: one block of `rest` rows per (image, channel).
      b.create<scf::ParallelOp>(loc, ValueRange{idx(b, 0), idx(b, 0)},
                                ValueRange{idx(b, d.n), idx(b, d.ch)},
                                ValueRange{idx(b, 1), idx(b, 1)},
                                [&](OpBuilder &pb, Location, ValueRange ivs) {
                                  rowBlock(pb, ivs[0], ivs[1],
                                           idx(pb, blocks * rows), rest);
                                });
    }
  }
};

/// The op initializing `c` before `kernel` (skipping views and constants in
/// between): a broadcast of a per-channel vector (dimensions 0, 2, 3) or a
/// fill, folded into `bias` / `fill` and erased.
void foldOutputInit(Operation *kernel, Value c, Value &bias, Value &fill) {
  Operation *prev = kernel->getPrevNode();
  while (prev &&
         (isa<ViewLikeOpInterface, arith::ConstantOp, memref::GetGlobalOp>(
             prev)) &&
         !llvm::is_contained(prev->getOperands(), c))
    prev = prev->getPrevNode();
  if (auto bc = dyn_cast_or_null<linalg::BroadcastOp>(prev)) {
    auto src = dyn_cast<MemRefType>(bc.getInput().getType());
    if (bc.getInit() == c && src &&
        (src.getRank() == 1 || src.getRank() == 2) &&
        bc.getDimensions() == ArrayRef<int64_t>{0, 2, 3}) {
      bias = bc.getInput();
      bc.erase();
    }
  } else if (auto fl = dyn_cast_or_null<linalg::FillOp>(prev)) {
    if (fl.hasPureBufferSemantics() && fl.getDpsInits()[0] == c &&
        fl.getInputs()[0].getType().isF32()) {
      fill = fl.getInputs()[0];
      fl.erase();
    }
  }
}

/// How a convolution is generated (the knob `variant` of its schedule).
enum class ConvVariant {
  FilterVector = 0,
  Pointwise = 1,
  Direct = 2,
  Packed = 3
};

/// A convolution's schedule: the variant and its register tile (mr rows on
/// the broadcast side: filters, or output pixels for filter vectors, where
/// 0 picks by the vector count; nv vectors), and for filter vectors the
/// outer parallel loop (-1: by the weights' size).
struct ConvPlan {
  ConvVariant variant = ConvVariant::Packed;
  int64_t mr = 0, nv = 2, rowsOuter = -1;
  /// Pointwise: panels per group (see ConvEmitter::emitPointwise).
  int64_t panelGroup = 1;
  /// What the default heuristic saw (for its epilogue fallbacks).
  bool filterVectorsOk = false, rowsFill = false;
  int64_t filterVectorsNv = 1;
};

/// Whether a convolution is a matmul over flattened pixels (1x1, unit
/// strides, no padding, a plain input layout).
bool pointwiseApplies(const Conv &cv) {
  return cv.kh == 1 && cv.kw == 1 && cv.sh == 1 && cv.sw == 1 &&
         cv.oh == cv.h && cv.ow == cv.wd &&
         cast<MemRefType>(cv.x.getType()).getLayout().isIdentity();
}

/// A network's first convolution over few channels (RGB) with a wide window
/// (ResNet's 7x7): by default filter vectors of 8 lanes (256 bits) even with
/// AVX-512, 6 pixels x 16 filters per tile. What the tuner found for
/// ResNet-50's stem: 2.26 ms instead of 2.61 with 16 lanes (8 x 32 tiles),
/// also inside the model (2.5 -> 2.3 ms).
bool isWideWindowStem(const Conv &cv) {
  return cv.ch <= 4 && cv.kh * cv.kw >= 25;
}

/// Pointwise panels per group: the most (up to 16) whose input block stays
/// within 256 KiB (L2) while leaving at least 6 groups to run in parallel.
/// Measured on ResNet-50's 64 -> 256 convolutions at 56x56 (98 panels of
/// 32 pixels): 1, 4, 8, 16, 32 panels per group took 1.04, 1.06, 0.95,
/// 0.94, 0.95 ms.
int64_t defaultPanelGroup(const Conv &cv, int64_t nr) {
  int64_t panels = cv.oh * cv.ow / nr, group = 16;
  while (group > 1 &&
         (cv.ch * group * nr * 4 > (256 << 10) || panels / group < 6))
    group /= 2;
  return group;
}

/// A 2x2 stride-2 max pool (no padding) that is the only reader of the
/// epilogue's output E (a fresh buffer of the convolution's shape), its
/// output P filled with -inf right before: the convolution can write P
/// directly (ConvEmitter::emitDirectPooled), E and the fill go.
struct FusedMaxPool {
  Operation *op = nullptr; ///< the pool (NCHW named op or blocked generic)
  Value window;            ///< its window-shape operand
  Value out;
  linalg::FillOp fill;
};

/// The rest of a fusable pool's checks once `fp.op` and `fp.out` are set:
/// the -inf fill of P (the max's identity: the pool's result is the
/// window's maximum alone) is P's only other user before the pool, and P's
/// buffer can exist where the convolution `kernel` is (later views move
/// before it).
bool finishFusedPool(FusedMaxPool &fp, Operation *kernel) {
  for (Operation *user : fp.out.getUsers()) {
    if (user == fp.op ||
        (user->getBlock() == fp.op->getBlock() && fp.op->isBeforeInBlock(user)))
      continue;
    auto fill = dyn_cast<linalg::FillOp>(user);
    FloatAttr value;
    if (!fill || fp.fill || fill.getOutputs()[0] != fp.out ||
        fill->getBlock() != fp.op->getBlock() ||
        !matchPattern(fill.getInputs()[0], m_Constant(&value)) ||
        !value.getValue().isInfinity() || !value.getValue().isNegative())
      return false;
    fp.fill = fill;
  }
  if (!fp.fill)
    return false;
  SmallVector<Operation *> chain;
  for (Value v = fp.out; Operation *def = v.getDefiningOp();) {
    if (def->getBlock() == kernel->getBlock() && kernel->isBeforeInBlock(def))
      chain.push_back(def);
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      break;
    v = view.getViewSource();
  }
  for (Operation *def : chain) {
    if (!isa<ViewLikeOpInterface, memref::AllocOp>(def))
      return false;
    for (Value operand : def->getOperands())
      if (Operation *d = operand.getDefiningOp();
          d && d->getBlock() == kernel->getBlock() &&
          kernel->isBeforeInBlock(d) && !llvm::is_contained(chain, d))
        return false;
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    (*it)->moveBefore(kernel);
  return true;
}

/// The one reader of the epilogue's output E (a fresh buffer of `shape`)
/// when it is an op of type T, or null.
template <typename T>
T onlyReaderOfEpilogue(const Epilogue &e, ArrayRef<int64_t> shape) {
  linalg::GenericOp epilogueOp = e.op;
  Value eOut = epilogueOp.getDpsInits()[0];
  if (!eOut.getDefiningOp<memref::AllocOp>() ||
      cast<MemRefType>(eOut.getType()).getShape() != shape)
    return nullptr;
  T found;
  for (Operation *user : eOut.getUsers()) {
    if (user == e.op)
      continue;
    auto op = dyn_cast<T>(user);
    if (!op || found)
      return nullptr;
    found = op;
  }
  if (!found || found->getBlock() != e.op->getBlock() ||
      !e.op->isBeforeInBlock(found) || !found.hasPureBufferSemantics() ||
      found.getDpsInputs()[0] != eOut)
    return nullptr;
  return found;
}

/// Once a kernel wrote the pool's output: erases the pool, its fill and
/// window, the epilogue and its output (neither C nor it is written), adds
/// P's bytes to `bytes`, and returns the fused ops ("<epilogue>, maxpool
/// 2x2").
std::string retireFusedPool(FusedMaxPool &pool,
                            std::optional<Epilogue> &epilogue,
                            uint64_t &bytes) {
  bytes += bufferBytes(pool.out);
  pool.fill.erase();
  Value windowShape = pool.window;
  pool.op->erase();
  eraseIfUnused(windowShape);
  Value eOut = epilogue->op.getDpsInits()[0];
  std::string ops = epilogue->describe() + ", maxpool 2x2";
  eraseEpilogue(*epilogue);
  epilogue.reset();
  eraseIfUnused(eOut);
  return ops;
}

std::optional<FusedMaxPool> findFusedMaxPool(const Conv &cv,
                                             const Epilogue &e) {
  auto pool = onlyReaderOfEpilogue<linalg::PoolingNchwMaxOp>(
      e, cast<MemRefType>(cv.c.getType()).getShape());
  if (!pool)
    return std::nullopt;
  FusedMaxPool fp;
  fp.op = pool;
  fp.window = pool.getInputs()[1];
  auto all = [](DenseIntElementsAttr a, int64_t v) {
    return llvm::all_of(a.getValues<int64_t>(),
                        [&](int64_t x) { return x == v; });
  };
  auto windowType = dyn_cast<MemRefType>(fp.window.getType());
  if (!all(pool.getStrides(), 2) || !all(pool.getDilations(), 1) ||
      !windowType || windowType.getShape() != ArrayRef<int64_t>{2, 2})
    return std::nullopt;
  fp.out = pool.getOutputs()[0];
  auto pType = cast<MemRefType>(fp.out.getType());
  if (pType.getShape() != ArrayRef<int64_t>{cv.n, cv.f, cv.oh / 2, cv.ow / 2} ||
      !unitInnerStride(pType))
    return std::nullopt;
  if (!finishFusedPool(fp, cv.op))
    return std::nullopt;
  return fp;
}

//===----------------------------------------------------------------------===//
// Convolutions on channel-blocked activations (graph.conv2d_nchwc)
//===----------------------------------------------------------------------===//

/// graph.conv2d_nchwc on buffers: output [N][F/B][OH][OW][B], input
/// [N][C/B][H][W][B] (blocked) or [N][C][H][W] (plain, `inBlock` 1).
struct BlockedConv : Window2D {
  graph::Conv2DNchwcOp op;
  Value x, w, c;
  int64_t f = 0, block = 0, inBlock = 1;
  int64_t k() const { return ch * kh * kw; }
};

std::optional<BlockedConv> matchBlocked(graph::Conv2DNchwcOp op) {
  auto tx = dyn_cast<MemRefType>(op.getInput().getType());
  auto tw = dyn_cast<MemRefType>(op.getFilter().getType());
  auto tc = dyn_cast<MemRefType>(op.getInit().getType());
  if (!tx || !tw || !tc)
    return std::nullopt;
  BlockedConv cv;
  cv.op = op;
  cv.x = op.getInput();
  cv.w = op.getFilter();
  cv.c = op.getInit();
  cv.block = tc.getDimSize(4);
  cv.inBlock = tx.getRank() == 5 ? cv.block : 1;
  ArrayRef<int64_t> s = tx.getShape();
  static_cast<Window2D &>(cv) = window2D(
      {s[0], s[1] * cv.inBlock, s[2], s[3]}, tc.getShape().slice(2, 2),
      tw.getDimSize(2), tw.getDimSize(3), op.getStrides(), op.getDilations());
  cv.f = tw.getDimSize(0);
  return cv;
}

/// convShape, then the block (and whether the input is NCHW).
std::string blockedShape(const BlockedConv &cv) {
  return convShape(cv, cv.f) + " (c" + std::to_string(cv.block) +
         (cv.inBlock == 1 ? ", nchw input)" : ")");
}

/// Register tiles of MR consecutive output pixels (flattened over rows:
/// each pixel's vector is stored on its own, so a tile may span rows) x NV
/// blocks of B filters (one vector each): per reduction step (input channel
/// block, window row, window column, channel in the block) each pixel's
/// input is broadcast against the packed weights [F/(NV*B)][C/Bi*KH*KW][Bi]
/// [NV*B], and each accumulator is one pixel's B channels: stored as a
/// whole vector (a cache line with AVX-512), no transposition. With NV = 1
/// each broadcast feeds one FMA and folds into it as a memory operand
/// (IREE's mmt4d ukernel shape); with more, LLVM hoists the broadcasts of
/// the unrolled steps and spills.
struct BlockedConvEmitter : IndexMath {
  OpBuilder &b;
  const BlockedConv &cv;
  Value wp;
  int64_t mr, nv, vl;
  bool rowsOuter;
  Value bias, fill;
  std::optional<Epilogue> &epilogue;
  Value wRows; // wp as [F/NF][K * Bi][NF]
  Value xFlat; // the input as 1-D
  /// Output rows per tile (not for flat()).
  int64_t tileRows = 1;
  /// flat(): C and the epilogue are viewed with flattened pixels (`out`).
  bool flatOutput = false;
  Value out;
  /// A fused 2x2 max pool's output [N][F/B][OH/2][OW/2][B] (tiles of two
  /// rows, even pixel counts; the epilogue's output is never written).
  Value pooled;
  SmallVector<Value> curOh, curOw;

  /// Whether tiles run over flattened pixels: a 1x1 unit-stride
  /// convolution without padding, whose input pixels are consecutive.
  bool flat() const {
    return cv.kh == 1 && cv.kw == 1 && cv.sh == 1 && cv.sw == 1 &&
           cv.h == cv.oh && cv.wd == cv.ow;
  }

  /// Output pixels [p0, p0 + rows) (flattened; within one row unless
  /// flat()), filter tile `ft`. Every input read of the tile is at a
  /// constant offset from one index per reduction step (pixel i at
  /// i * SW * Bi), computed on the input viewed as 1-D: LLVM addresses them
  /// all from one register.
  void tile(OpBuilder &tb, Value n, Value ft, Value oh0, Value ow0,
            int64_t tileRows, int64_t tileCols) {
    VectorType vt = VectorType::get({vl}, tb.getF32Type());
    Value fb0 = mul(tb, ft, nv);
    Value zero = idx(tb, 0);
    // Pixel i of the tile: output (oh[i], ow[i]), its input at
    // inputOffset[i] elements from pixel 0's.
    int64_t rows = tileRows * tileCols;
    SmallVector<Value> oh, ow;
    SmallVector<int64_t> inputOffset;
    for (int64_t a = 0; a < tileRows; ++a)
      for (int64_t i = 0; i < tileCols; ++i) {
        if (flat() && flatOutput) {
          // C (and the epilogue) viewed as [N][F/B][OH*OW][B].
          oh.push_back(add(tb, ow0, i));
          ow.push_back(nullptr);
          inputOffset.push_back(i * cv.inBlock);
          continue;
        }
        if (flat()) {
          Value p = add(tb, ow0, i);
          oh.push_back(tb.create<arith::DivUIOp>(loc, p, idx(tb, cv.ow)));
          ow.push_back(tb.create<arith::RemUIOp>(loc, p, idx(tb, cv.ow)));
          inputOffset.push_back(i * cv.inBlock);
          continue;
        }
        oh.push_back(add(tb, oh0, a));
        ow.push_back(add(tb, ow0, i));
        inputOffset.push_back((a * cv.sh * cv.wd + i * cv.sw) * cv.inBlock);
      }
    curOh = oh;
    curOw = ow;
    SmallVector<Value> init;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < nv; ++j) {
        Value fb = add(tb, fb0, j);
        if (bias) {
          auto bt = cast<MemRefType>(bias.getType());
          init.push_back(bt.getRank() == 2
                             ? tb.create<vector::LoadOp>(loc, vt, bias,
                                                         ValueRange{fb, zero})
                             : tb.create<vector::LoadOp>(
                                   loc, vt, bias, ValueRange{mul(tb, fb, vl)}));
        } else if (fill) {
          init.push_back(tb.create<vector::BroadcastOp>(loc, vt, fill));
        } else {
          init.push_back(tb.create<vector::LoadOp>(loc, vt, out,
                                                   outIndex(n, fb, i, zero)));
        }
      }
    int64_t bi = cv.inBlock, window = cv.kh * cv.kw;
    int64_t kTotal = cv.ch / bi * window;
    int64_t cbCount = cv.ch / bi;
    // Pixel 0's input: image n, row oh * SH, column ow * SW (flattened:
    // pixel ow0 of image n).
    Value pixel0;
    if (flat()) {
      pixel0 = addv(tb, mul(tb, n, cbCount * cv.h * cv.wd), ow0);
    } else {
      Value rowBase =
          mul(tb, addv(tb, mul(tb, n, cbCount * cv.h), mul(tb, oh[0], cv.sh)),
              cv.wd);
      pixel0 = addv(tb, rowBase, mul(tb, ow[0], cv.sw));
    }
    // Per reduction index k = (cb * KH + r) * KW + s: the offset of pixel
    // 0's input, computed once per iteration (the body's first load).
    Value seenK, base;
    auto position = [&](OpBuilder &lb, Value k) {
      if (k == seenK)
        return;
      seenK = k;
      Value pix = pixel0;
      Value cb = k;
      if (window > 1) {
        cb = lb.create<arith::DivUIOp>(loc, k, idx(lb, window));
        Value rs = lb.create<arith::RemUIOp>(loc, k, idx(lb, window));
        Value r = lb.create<arith::DivUIOp>(loc, rs, idx(lb, cv.kw));
        Value s = lb.create<arith::RemUIOp>(loc, rs, idx(lb, cv.kw));
        pix = addv(lb, pix,
                   addv(lb, mul(lb, r, cv.dh * cv.wd), mul(lb, s, cv.dw)));
      }
      // (cb * H * W + pixel) * Bi
      base = mul(lb, addv(lb, mul(lb, cb, cv.h * cv.wd), pix), bi);
    };
    SmallVector<Value> accs = emitRegisterTileLoop(
        tb, loc, RegisterTile{rows, nv, vl}, idx(tb, 0), idx(tb, kTotal), bi,
        init,
        [&](OpBuilder &lb, Value k, int64_t step, int64_t j) -> Value {
          return lb.create<vector::LoadOp>(
              loc, vt, wRows,
              ValueRange{ft, add(lb, mul(lb, k, bi), step), idx(lb, j * vl)});
        },
        [&](OpBuilder &lb, Value k, int64_t step, int64_t i) -> Value {
          position(lb, k);
          return lb.create<memref::LoadOp>(
              loc, xFlat, ValueRange{add(lb, base, inputOffset[i] + step)});
        });
    if (pooled) {
      // Tiles of two rows x an even number of pixels: the epilogue's
      // values, then the max of each 2x2 group of pixel vectors into P.
      auto fastMax = [&](Value a, Value c) {
        return tb.create<arith::MaximumFOp>(
            loc, a, c, arith::FastMathFlags::nnan | arith::FastMathFlags::nsz);
      };
      Value ph = tb.create<arith::DivUIOp>(loc, oh0, idx(tb, 2));
      Value pw0 = tb.create<arith::DivUIOp>(loc, ow0, idx(tb, 2));
      for (int64_t j = 0; j < nv; ++j) {
        Value fb = add(tb, fb0, j);
        SmallVector<Value> v;
        for (int64_t i = 0; i < rows; ++i)
          v.push_back(epilogueValue(tb, loc, *epilogue,
                                    outIndex(n, fb, i, zero), accs[i * nv + j],
                                    false));
        for (int64_t q = 0; q < tileCols / 2; ++q) {
          Value top = fastMax(v[2 * q], v[2 * q + 1]);
          Value bottom = fastMax(v[tileCols + 2 * q], v[tileCols + 2 * q + 1]);
          tb.create<vector::StoreOp>(
              loc, fastMax(top, bottom), pooled,
              ValueRange{n, fb, ph, add(tb, pw0, q), zero});
        }
      }
      return;
    }
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < nv; ++j) {
        SmallVector<Value> at = outIndex(n, add(tb, fb0, j), i, zero);
        if (epilogue)
          applyEpilogue(tb, loc, *epilogue, at, accs[i * nv + j], false);
        else
          tb.create<vector::StoreOp>(loc, accs[i * nv + j], out, at);
      }
  }

  /// C's (or the flattened view's) index of pixel i of the current tile.
  SmallVector<Value> outIndex(Value n, Value fb, int64_t i, Value zero) {
    if (flat() && flatOutput)
      return {n, fb, curOh[i], zero};
    return {n, fb, curOh[i], curOw[i], zero};
  }

  void emit() {
    auto wt = cast<MemRefType>(wp.getType());
    wRows = b.create<memref::CollapseShapeOp>(
        loc,
        MemRefType::get({wt.getDimSize(0), wt.getDimSize(1) * wt.getDimSize(2),
                         wt.getDimSize(3)},
                        wt.getElementType()),
        wp, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}});
    auto xt = cast<MemRefType>(cv.x.getType());
    SmallVector<ReassociationIndices> all(1);
    for (int64_t d = 0; d < xt.getRank(); ++d)
      all[0].push_back(d);
    xFlat = b.create<memref::CollapseShapeOp>(loc, cv.x, all);
    out = cv.c;
    if (flat() && flatOutput)
      out = b.create<memref::CollapseShapeOp>(
          loc, cv.c, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}, {4}});
    int64_t filterTiles = cv.f / (nv * vl);
    // Pixel tiles of tr rows x mr columns (1 x mr of the flattened pixels
    // for flat()); the last, partial row group and column tile are nests
    // of their own.
    int64_t cols = flat() ? cv.oh * cv.ow : cv.ow;
    mr = std::max<int64_t>(1, std::min(mr, cols));
    int64_t rowCount = flat() ? 1 : cv.oh;
    int64_t tr = flat() ? 1 : std::min(tileRows, rowCount);
    int64_t fullCols = cols / mr, restCols = cols - fullCols * mr;
    int64_t fullRows = rowCount / tr, restRows = rowCount - fullRows * tr;
    auto nest = [&](int64_t rowTiles, int64_t row0, int64_t rowsPer,
                    int64_t colTiles, int64_t col0, int64_t colsPer) {
      if (rowTiles == 0 || colTiles == 0)
        return;
      SmallVector<Value> ubs{idx(b, cv.n), idx(b, filterTiles),
                             idx(b, rowTiles * colTiles)};
      if (rowsOuter)
        std::swap(ubs[1], ubs[2]);
      b.create<scf::ParallelOp>(
          loc, ValueRange{idx(b, 0), idx(b, 0), idx(b, 0)}, ubs,
          ValueRange{idx(b, 1), idx(b, 1), idx(b, 1)},
          [&](OpBuilder &pb, Location, ValueRange ivs) {
            Value ft = rowsOuter ? ivs[2] : ivs[1];
            Value t = rowsOuter ? ivs[1] : ivs[2];
            Value rt = pb.create<arith::DivUIOp>(loc, t, idx(pb, colTiles));
            Value ct = pb.create<arith::RemUIOp>(loc, t, idx(pb, colTiles));
            tile(pb, ivs[0], ft, add(pb, mul(pb, rt, rowsPer), row0),
                 add(pb, mul(pb, ct, colsPer), col0), rowsPer, colsPer);
          });
    };
    nest(fullRows, 0, tr, fullCols, 0, mr);
    nest(fullRows, 0, tr, restCols ? 1 : 0, fullCols * mr, restCols);
    nest(restRows ? 1 : 0, fullRows * tr, restRows, fullCols, 0, mr);
    nest(restRows ? 1 : 0, fullRows * tr, restRows, restCols ? 1 : 0,
         fullCols * mr, restCols);
  }
};

/// Weights [F][C][KH][KW] as [F/NF][C/Bi*KH*KW][Bi][NF]: reduction index
/// (channel block, window row, window column), then the block's channel,
/// then NF consecutive filters (NV vectors).
std::vector<float> packBlockedWeights(const BlockedConv &cv, int64_t nf,
                                      const std::vector<float> &w) {
  int64_t bi = cv.inBlock, window = cv.kh * cv.kw;
  int64_t kTotal = cv.ch / bi * window, tiles = cv.f / nf;
  std::vector<float> packed(tiles * kTotal * bi * nf);
  for (int64_t f = 0; f < cv.f; ++f)
    for (int64_t c = 0; c < cv.ch; ++c)
      for (int64_t r = 0; r < window; ++r) {
        int64_t k = (c / bi) * window + r;
        packed[(((f / nf) * kTotal + k) * bi + c % bi) * nf + f % nf] =
            w[(f * cv.ch + c) * window + r];
      }
  return packed;
}

/// A 2x2 stride-2 max pool on blocked values (mlc-blocked-layout's
/// generic: in (n, cb, 2 oh + kh, 2 ow + kw, c), window (kh, kw), out
/// (n, cb, oh, ow, c), max of the output and the input) that is the only
/// reader of the epilogue's output: the kernel can write its output P.
std::optional<FusedMaxPool> findBlockedMaxPool(const BlockedConv &cv,
                                               const Epilogue &e) {
  auto pool = onlyReaderOfEpilogue<linalg::GenericOp>(
      e, cast<MemRefType>(cv.c.getType()).getShape());
  if (!pool || pool.getNumDpsInputs() != 2 || pool.getNumDpsInits() != 1 ||
      pool.getNumLoops() != 7)
    return std::nullopt;
  MLIRContext *ctx = pool.getContext();
  AffineExpr d[7];
  for (unsigned i = 0; i < 7; ++i)
    d[i] = getAffineDimExpr(i, ctx);
  SmallVector<AffineMap> expected{
      AffineMap::get(7, 0, {d[0], d[1], d[2] * 2 + d[5], d[3] * 2 + d[6], d[4]},
                     ctx),
      AffineMap::get(7, 0, {d[5], d[6]}, ctx),
      AffineMap::get(7, 0, {d[0], d[1], d[2], d[3], d[4]}, ctx)};
  auto par = utils::IteratorType::parallel,
       red = utils::IteratorType::reduction;
  if (pool.getIndexingMapsArray() != expected ||
      pool.getIteratorTypesArray() !=
          SmallVector<utils::IteratorType>{par, par, par, par, par, red, red})
    return std::nullopt;
  // The body: yield maximumf(in, out) (either order).
  Block &body = pool.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto max = yield.getNumOperands() == 1
                 ? yield.getOperand(0).getDefiningOp<arith::MaximumFOp>()
                 : nullptr;
  if (!max || &body.front() != max.getOperation() ||
      !((max.getLhs() == body.getArgument(0) &&
         max.getRhs() == body.getArgument(2)) ||
        (max.getLhs() == body.getArgument(2) &&
         max.getRhs() == body.getArgument(0))))
    return std::nullopt;
  FusedMaxPool fp;
  fp.op = pool;
  fp.window = pool.getDpsInputs()[1];
  auto windowType = dyn_cast<MemRefType>(fp.window.getType());
  if (!windowType || windowType.getShape() != ArrayRef<int64_t>{2, 2})
    return std::nullopt;
  fp.out = pool.getDpsInits()[0];
  auto pType = cast<MemRefType>(fp.out.getType());
  if (pType.getShape() != ArrayRef<int64_t>{cv.n, cv.f / cv.block, cv.oh / 2,
                                            cv.ow / 2, cv.block} ||
      !unitInnerStride(pType))
    return std::nullopt;
  if (!finishFusedPool(fp, cv.op))
    return std::nullopt;
  return fp;
}

/// A blocked convolution's register tile: rows x mr output pixels x nv
/// filter blocks.
struct BlockedTile {
  int64_t mr = 1, nv = 1, rows = 1;
  /// Pixel tiles outside filter tiles (the scf.parallel order).
  bool rowsOuter = false;
};

/// The default register tile of a blocked convolution, within 28
/// accumulators (zmm; 14 ymm with AVX2, one filter block):
/// - a 1x1 unit-stride convolution: one filter block (each broadcast folds
///   into its FMA) x up to 14 flattened pixels, filter tiles outside pixel
///   tiles (each output plane written in order; ResNet-50's 14 such
///   convolutions: 33.1 ms in all, 33.9 with 28 pixels and pixels outside);
/// - others with AVX-512: four filter blocks x a row of at most 7 pixels,
///   or with a window (not 1x1 strided: LLVM then spills the broadcasts
///   each used twice, 4.1 instead of 1.9 ms) two x up to 14 pixels (MR of
///   a row, rows while they fit).
/// MR: a divisor of the row (flattened pixels) where one is at least 3/4
/// of the most. Measured in ResNet-50 (ms per kernel, this tile vs one
/// block x 28 pixels): 3x3 512 at 7x7 2.09 vs 2.5; 3x3 256 at 14x14 2.02 vs
/// 2.11; 1x1 stride 2 to 2048 at 7x7 1.97 vs 2.23.
BlockedTile defaultBlockedTile(const BlockedConv &cv, int64_t vectorBits) {
  BlockedTile t;
  bool wide = vectorBits >= 512;
  int64_t budget = wide ? 28 : 14;
  int64_t blocks = cv.f / cv.block;
  bool flat = cv.kh == 1 && cv.kw == 1 && cv.sh == 1 && cv.sw == 1 &&
              cv.h == cv.oh && cv.wd == cv.ow;
  int64_t span = flat ? cv.oh * cv.ow : cv.ow;
  if (flat)
    budget /= 2;
  // Pixel tiles outside filter tiles when the weights are small (neighbour
  // tiles share input rows), except over flattened pixels.
  t.rowsOuter = !flat && cv.f * cv.k() * 4 <= (512 << 10);
  if (wide && !flat) {
    if (cv.ow <= 7 && blocks % 4 == 0)
      t.nv = 4;
    else if (blocks % 2 == 0 && cv.kh * cv.kw > 1)
      t.nv = 2;
  }
  int64_t most = std::min<int64_t>(budget / t.nv, span);
  t.mr = most;
  for (int64_t r = most; r * 4 >= most * 3; --r)
    if (span % r == 0) {
      t.mr = r;
      break;
    }
  t.rows = flat ? 1
                : std::min<int64_t>(
                      cv.oh, std::max<int64_t>(1, budget / (t.nv * t.mr)));
  return t;
}

struct ConvKernelsPass : impl::ConvKernelsPassBase<ConvKernelsPass> {
  using ConvKernelsPassBase::ConvKernelsPassBase;

  /// The default heuristic.
  ConvPlan defaultPlan(const Conv &cv, int64_t vl) const {
    ConvPlan p;
    // Filter vectors when the filters fill them (at least 7/8): every
    // stride and output width then uses whole vectors. Not for a short
    // reduction (an RGB input's 3 x 3 x 3): the per-tile transposition
    // would not pay; rows of pixels do better there.
    int64_t fnv = cv.f > vl ? 2 : 1;
    int64_t rowVectors = cv.ow <= vl ? 1 : 2;
    p.rowsFill =
        cv.sw == 1 && cv.ow * 8 >= llvm::divideCeil(cv.ow, rowVectors * vl) *
                                       rowVectors * vl * 7;
    p.filterVectorsOk =
        !forcePacked &&
        cv.f * 8 >= llvm::divideCeil(cv.f, fnv * vl) * fnv * vl * 7 &&
        !(cv.k() < 64 && p.rowsFill);
    p.filterVectorsNv = fnv;
    // Pointwise convolutions run as matmuls over flattened pixels when the
    // pixels fill every vector, or when the filters do not (7/8).
    int64_t pixels = cv.oh * cv.ow;
    bool lanesUsed =
        pixels * 8 >= llvm::divideCeil(pixels, 2 * vl) * 2 * vl * 7;
    // Also with filter vectors possible, from 512 pixels (ResNet-50's
    // 28x28 128 -> 512 convolutions with a residual epilogue: 0.97 ms
    // instead of 1.12 as filter vectors, whose epilogue transposes).
    bool pixelsFill = pixels % (2 * vl) == 0 ||
                      (!p.filterVectorsOk && lanesUsed) ||
                      (pixels >= 512 && lanesUsed);
    if (!forcePacked && pointwiseApplies(cv) && pixelsFill) {
      p.variant = ConvVariant::Pointwise;
      p.mr = vectorBits >= 512 ? 8 : 6;
      p.nv = 2;
      p.panelGroup = defaultPanelGroup(cv, p.nv * vl);
      return p;
    }
    if (p.filterVectorsOk) {
      p.variant = ConvVariant::FilterVector;
      p.nv = fnv;
      p.mr = 0;
      return p;
    }
    // Direct when output rows fill the vectors well (at least 3/4).
    int64_t nv = cv.ow <= vl ? 1 : 2;
    bool direct = cv.sw == 1 && !forcePacked &&
                  cv.ow * 4 >= llvm::divideCeil(cv.ow, nv * vl) * nv * vl * 3;
    if (!direct)
      nv = 2;
    // Enough accumulators to hide the FMA latency.
    p.nv = nv;
    p.mr =
        nv == 1 ? (vectorBits >= 512 ? 16 : 12) : (vectorBits >= 512 ? 8 : 6);
    p.variant = direct ? ConvVariant::Direct : ConvVariant::Packed;
    return p;
  }

  /// Overrides `plan` with the op's schedule; returns whether it has one.
  /// A variant that does not apply to this convolution is reported and
  /// the default kept.
  bool applySchedule(const Conv &cv, int64_t vl, ConvPlan &plan) const {
    if (!cv.op->hasAttr(kScheduleAttr))
      return false;
    if (auto v = scheduleKnob(cv.op, "variant")) {
      auto variant = static_cast<ConvVariant>(*v);
      bool ok = *v >= 0 && *v <= 3 &&
                (variant != ConvVariant::Pointwise || pointwiseApplies(cv)) &&
                (variant != ConvVariant::Direct || cv.sw == 1);
      if (!ok) {
        cv.op->emitWarning() << "schedule variant " << *v
                             << " does not apply to this convolution; "
                                "using the default schedule";
        return false;
      }
      if (variant != plan.variant) {
        plan.variant = variant;
        plan.rowsOuter = -1;
        plan.nv =
            variant == ConvVariant::FilterVector ? (cv.f > vl ? 2 : 1) : 2;
        plan.mr = variant == ConvVariant::FilterVector ? 0
                  : vectorBits >= 512                  ? 8
                                                       : 6;
      }
    }
    if (auto v = scheduleKnob(cv.op, "mr"); v && *v > 0)
      plan.mr = *v;
    if (auto v = scheduleKnob(cv.op, "nv"); v && *v > 0)
      plan.nv = *v;
    if (auto v = scheduleKnob(cv.op, "rows_outer");
        v && plan.variant == ConvVariant::FilterVector)
      plan.rowsOuter = *v != 0;
    if (plan.variant == ConvVariant::Pointwise) {
      auto v = scheduleKnob(cv.op, "pg");
      plan.panelGroup = v && *v > 0 ? *v : defaultPanelGroup(cv, plan.nv * vl);
    }
    return true;
  }

  /// Weights [F][C][KH][KW] as [ceil(F/MR)][C*KH*KW][MR], zero-padded.
  Value packWeights(OpBuilder &b, const Conv &cv, int64_t mr,
                    const std::vector<float> &w) {
    int64_t k = cv.k(), tiles = llvm::divideCeil(cv.f, mr);
    std::vector<float> packed(tiles * k * mr, 0.0f);
    for (int64_t f = 0; f < cv.f; ++f)
      for (int64_t kk = 0; kk < k; ++kk)
        packed[((f / mr) * k + kk) * mr + f % mr] = w[f * k + kk];
    return createPackedGlobal(b, cv.op.getLoc(), getOperation(), {tiles, k, mr},
                              packed);
  }

  /// Weights [F][C][KH][KW] as [ceil(F/NF)][C*KH*KW][NF], zero-padded.
  Value packFilterVectors(OpBuilder &b, const Conv &cv, int64_t nf,
                          const std::vector<float> &w) {
    int64_t k = cv.k(), tiles = llvm::divideCeil(cv.f, nf);
    std::vector<float> packed(tiles * k * nf, 0.0f);
    for (int64_t f = 0; f < cv.f; ++f)
      for (int64_t kk = 0; kk < k; ++kk)
        packed[((f / nf) * k + kk) * nf + f % nf] = w[f * k + kk];
    return createPackedGlobal(b, cv.op.getLoc(), getOperation(), {tiles, k, nf},
                              packed);
  }

  /// graph.conv2d_nchwc (formed by mlc-blocked-layout).
  void emitBlockedConvs() {
    SmallVector<BlockedConv> convs;
    bool failed = false;
    getOperation().walk([&](graph::Conv2DNchwcOp op) {
      if (auto cv = matchBlocked(op)) {
        convs.push_back(*cv);
      } else if (op.getNumResults() == 0) {
        op.emitError("a blocked convolution must be on buffers");
        failed = true;
      }
    });
    if (failed)
      return signalPassFailure();
    int64_t lanes = std::max<int64_t>(1, vectorBits / 32);
    for (BlockedConv &cv : convs) {
      // The kernel reads the input as 1-D and stores whole vectors along
      // the output's last dimension: views that are not so are copied
      // (into a fresh buffer, and for the output back after the kernel).
      {
        OpBuilder b(cv.op);
        if (!cast<MemRefType>(cv.x.getType()).getLayout().isIdentity()) {
          cv.x = plainCopy(b, cv.op.getLoc(), cv.x, false, cv.op);
          cv.op.getInputMutable().assign(cv.x);
        }
        if (!cast<MemRefType>(cv.c.getType()).getLayout().isIdentity()) {
          // The kernel accumulates onto the output's values: copied in and
          // back.
          Value view = cv.c;
          cv.c = plainCopy(b, cv.op.getLoc(), view, false, cv.op);
          OpBuilder ab(cv.op);
          ab.setInsertionPointAfter(cv.op);
          ab.create<memref::CopyOp>(cv.op.getLoc(), cv.c, view);
          cv.op.getInitMutable().assign(cv.c);
        }
      }
      std::optional<std::vector<float>> w =
          constantF32Values(cv.w, getOperation());
      // One vector per channel block.
      if (!w || cv.block != lanes) {
        cv.op.emitError("a blocked convolution needs constant weights and "
                        "blocks of ")
            << lanes << " channels";
        return signalPassFailure();
      }
      int64_t vl = lanes;
      BlockedTile t = defaultBlockedTile(cv, vectorBits);
      int64_t mr = t.mr, nv = t.nv, tileRows = t.rows;
      bool rowsOuter = t.rowsOuter;
      if (cv.op->hasAttr(kScheduleAttr)) {
        if (auto v = scheduleKnob(cv.op, "mr"); v && *v > 0)
          mr = *v;
        if (auto v = scheduleKnob(cv.op, "nv");
            v && *v > 0 && (cv.f / vl) % *v == 0)
          nv = *v;
        if (auto v = scheduleKnob(cv.op, "rows_outer"); v && *v >= 0)
          rowsOuter = *v != 0;
        if (auto v = scheduleKnob(cv.op, "tile_rows"); v && *v > 0)
          tileRows = *v;
      }
      OpBuilder b(cv.op);
      Location loc = cv.op.getLoc();
      Value bias, fill;
      foldOutputInit(cv.op, cv.c, bias, fill);
      std::optional<Epilogue> epilogue;
      if (fuseEpilogues)
        epilogue = findEpilogue(cv.op, cv.c);
      // A 2x2 max pool after the epilogue (even output rows and columns;
      // not with a given schedule): tiles of 2 rows x an even MR of one
      // filter block, 28 accumulators.
      std::optional<FusedMaxPool> pool;
      bool flat = cv.kh == 1 && cv.kw == 1 && cv.sh == 1 && cv.sw == 1 &&
                  cv.h == cv.oh && cv.wd == cv.ow;
      if (epilogue && (bias || fill) && !cv.op->hasAttr(kScheduleAttr) &&
          !flat && cv.oh % 2 == 0 && cv.ow % 2 == 0)
        pool = findBlockedMaxPool(cv, *epilogue);
      if (pool) {
        int64_t most = vectorBits >= 512 ? 14 : 6;
        nv = 1;
        tileRows = 2;
        mr = std::min<int64_t>(most, cv.ow);
        for (int64_t r = mr; r * 2 >= most; r -= 2)
          if (cv.ow % r == 0) {
            mr = r;
            break;
          }
      }
      Value wp = createPackedGlobal(b, loc, getOperation(),
                                    {cv.f / (nv * vl),
                                     cv.ch / cv.inBlock * cv.kh * cv.kw,
                                     cv.inBlock, nv * vl},
                                    packBlockedWeights(cv, nv * vl, *w));
      BlockedConvEmitter e{{loc}, b,         cv,   wp,   mr,      nv,
                           vl,    rowsOuter, bias, fill, epilogue};
      e.tileRows = tileRows;
      // 1x1 unit-stride convolutions store over flattened pixels (one
      // address register), their epilogue flattened too where it can be.
      e.flatOutput =
          e.flat() &&
          cast<MemRefType>(cv.c.getType()).getLayout().isIdentity() &&
          (!epilogue || succeeded(collapseEpilogue(*epilogue, cv.op,
                                                   {{0}, {1}, {2, 3}, {4}})));
      e.pooled = pool ? pool->out : nullptr;
      e.emit();
      uint64_t bytes = bufferBytes(cv.x) + bufferBytes(cv.w);
      std::string fusedOps = bias ? "bias" : fill ? "fill" : "";
      if (!bias && !fill)
        bytes += bufferBytes(cv.c); // C is read and written
      if (pool) // neither C nor the epilogue's output is written
        fusedOps += ", " + retireFusedPool(*pool, epilogue, bytes);
      else
        retireEpilogue(epilogue, fusedOps, bytes, bufferBytes(cv.c));
      recordKernel(cv.op, "conv2d nchwc", blockedShape(cv), fusedOps,
                   2ull * cv.n * cv.f * cv.k() * cv.oh * cv.ow, bytes);
      Value oldW = cv.w, oldC = cv.c;
      cv.op.erase();
      eraseIfUnused(oldC);
      if (auto get = oldW.getDefiningOp<memref::GetGlobalOp>())
        if (get->use_empty())
          get->erase();
    }
  }

  void runOnOperation() override {
    SmallVector<Conv> convs;
    getOperation().walk([&](linalg::Conv2DNchwFchwOp op) {
      if (auto cv = match(op))
        convs.push_back(*cv);
    });
    int64_t targetLanes = std::max<int64_t>(1, vectorBits / 32);
    for (Conv &cv : convs) {
      std::optional<std::vector<float>> w =
          constantF32Values(cv.w, getOperation());
      if (!w)
        continue;
      OpBuilder b(cv.op);
      Location loc = cv.op.getLoc();
      // The schedule may ask for narrower vectors than the target's widest.
      int64_t vl = targetLanes;
      std::optional<int64_t> vbits = scheduleKnob(cv.op, "vbits");
      bool narrowStem = !vbits && isWideWindowStem(cv) && vl > 8;
      if (vbits && *vbits >= 128)
        vl = std::max<int64_t>(1, std::min<int64_t>(*vbits, vectorBits) / 32);
      else if (narrowStem)
        vl = 8;
      ConvPlan plan = defaultPlan(cv, vl);
      if (narrowStem && plan.variant == ConvVariant::FilterVector)
        plan.mr = 6;
      bool scheduled = applySchedule(cv, vl, plan);
      std::string variant, fusedOps, pooledOps;
      uint64_t bytes = bufferBytes(cv.x) + bufferBytes(cv.w);
      // Every variant but packed folds the output's initialization (a
      // broadcast bias or a fill) into its accumulators and can apply the
      // elementwise consumer in its stores.
      Value bias, fill;
      std::optional<Epilogue> epilogue;
      if (plan.variant != ConvVariant::Packed) {
        foldOutputInit(cv.op, cv.c, bias, fill);
        if (fuseEpilogues && (bias || fill))
          epilogue = findEpilogue(cv.op, cv.c);
        // Over flattened pixels the epilogue must flatten too (not when it
        // writes into a padded buffer's interior). By default: filter
        // vectors where the filters fill them, else rows of pixels where
        // they fill the vectors, else no epilogue; a given schedule keeps
        // its variant and drops the epilogue.
        if (epilogue && plan.variant == ConvVariant::Pointwise &&
            failed(collapseEpilogue(*epilogue, cv.op, {{0}, {1}, {2, 3}}))) {
          if (!scheduled && plan.filterVectorsOk) {
            plan.variant = ConvVariant::FilterVector;
            plan.nv = plan.filterVectorsNv;
            plan.mr = 0;
          } else if (!scheduled && plan.rowsFill) {
            plan.variant = ConvVariant::Direct;
            plan.nv = cv.ow <= vl ? 1 : 2;
            plan.mr = plan.nv == 1 ? (vectorBits >= 512 ? 16 : 12)
                                   : (vectorBits >= 512 ? 8 : 6);
          } else {
            epilogue.reset();
          }
        }
      }
      switch (plan.variant) {
      case ConvVariant::FilterVector: {
        variant = "filter-vector";
        Value wp = packFilterVectors(b, cv, plan.nv * vl, *w);
        ConvEmitter e{{loc}, b, cv, wp, 0, plan.nv, vl, epilogue};
        e.pixelRows = plan.mr;
        e.rowsOuter = plan.rowsOuter;
        e.emitFilterVectors(bias, fill);
        break;
      }
      case ConvVariant::Pointwise: {
        variant = "pointwise";
        Value wp = packWeights(b, cv, plan.mr, *w);
        ConvEmitter e{{loc}, b, cv, wp, plan.mr, plan.nv, vl, epilogue};
        e.panelGroup = plan.panelGroup;
        e.emitPointwise(bias, fill);
        break;
      }
      case ConvVariant::Direct: {
        variant = "direct";
        // A 2x2 max pool after the epilogue, fused when the rows split into
        // whole, in-bounds tiles of an even number of vectors.
        std::optional<FusedMaxPool> pool;
        if (epilogue && (bias || fill) && plan.nv % 2 == 0 && cv.oh % 2 == 0 &&
            cv.ow % (plan.nv * vl) == 0 && cv.ow + (cv.kw - 1) * cv.dw <= cv.wd)
          pool = findFusedMaxPool(cv, *epilogue);
        if (pool) {
          // Two rows of accumulators: half the filters per tile.
          int64_t mr = vectorBits >= 512 ? 4 : 2;
          Value wp = packWeights(b, cv, mr, *w);
          ConvEmitter e{{loc}, b, cv, wp, mr, plan.nv, vl, epilogue};
          e.initBias = bias;
          e.initFill = fill;
          e.emitDirectPooled(pool->out);
          pooledOps = std::string(bias ? "bias" : "fill") + ", " +
                      retireFusedPool(*pool, epilogue, bytes);
          break;
        }
        Value wp = packWeights(b, cv, plan.mr, *w);
        ConvEmitter e{{loc}, b, cv, wp, plan.mr, plan.nv, vl, epilogue};
        e.initBias = bias;
        e.initFill = fill;
        e.emitDirect();
        if (!bias && !fill)
          bytes += bufferBytes(cv.c); // C is read and written
        break;
      }
      case ConvVariant::Packed: {
        variant = "packed";
        Value wp = packWeights(b, cv, plan.mr, *w);
        ConvEmitter e{{loc}, b, cv, wp, plan.mr, plan.nv, vl};
        e.emitPacked();
        bytes += bufferBytes(cv.c); // C is read and written
        break;
      }
      }
      fusedOps = plan.variant == ConvVariant::Packed ? "init"
                 : bias                              ? "bias"
                 : fill                              ? "fill"
                                                     : "";
      if (!pooledOps.empty())
        fusedOps = pooledOps; // its own output C is never written
      else
        retireEpilogue(epilogue, fusedOps, bytes, bufferBytes(cv.c));
      recordKernel(cv.op, "conv2d " + variant, convShape(cv, cv.f), fusedOps,
                   2ull * cv.n * cv.f * cv.k() * cv.oh * cv.ow, bytes);
      Value oldW = cv.w;
      Value oldC = cv.c;
      cv.op.erase();
      eraseIfUnused(oldC);
      if (auto get = oldW.getDefiningOp<memref::GetGlobalOp>())
        if (get->use_empty())
          get->erase();
    }
    emitBlockedConvs();
    SmallVector<Depthwise> depthwise;
    getOperation().walk([&](linalg::DepthwiseConv2DNchwChwOp op) {
      if (auto d = matchDepthwise(op))
        depthwise.push_back(*d);
    });
    for (Depthwise &d : depthwise) {
      OpBuilder b(d.op);
      Value bias, fill;
      foldOutputInit(d.op, d.c, bias, fill);
      std::optional<Epilogue> epilogue;
      if (fuseEpilogues && (bias || fill))
        epilogue = findEpilogue(d.op, d.c);
      DepthwiseEmitter e{{d.op.getLoc()}, b, d, targetLanes, 4, bias, fill,
                         epilogue};
      e.emit();
      std::string fusedOps = bias ? "bias" : fill ? "fill" : "";
      uint64_t bytes = bufferBytes(d.x) + bufferBytes(d.w);
      retireEpilogue(epilogue, fusedOps, bytes, bufferBytes(d.c));
      std::string shape;
      llvm::raw_string_ostream os(shape);
      os << d.n << "x" << d.ch << "x" << d.h << "x" << d.wd << " * " << d.kh
         << "x" << d.kw << " s" << d.sh << " -> " << d.oh << "x" << d.ow;
      recordKernel(d.op, "depthwise conv2d", shape, fusedOps,
                   2ull * d.n * d.ch * d.kh * d.kw * d.oh * d.ow, bytes);
      Value oldC = d.c;
      d.op.erase();
      eraseIfUnused(oldC);
    }
    eraseUnusedPrivateGlobals(getOperation());
  }
};

} // namespace

std::optional<KernelWorkload> describeBlockedConvWorkload(Operation *op) {
  auto conv = dyn_cast<graph::Conv2DNchwcOp>(op);
  if (!conv)
    return std::nullopt;
  std::optional<BlockedConv> cv = matchBlocked(conv);
  if (!cv)
    return std::nullopt;
  return convWorkload(op, cv->w, *cv, cv->f, "conv2d_nchwc",
                      {{"block", cv->block}, {"in_block", cv->inBlock}},
                      "conv2d nchwc " + blockedShape(*cv));
}

std::optional<KernelWorkload> describeConvWorkload(Operation *op) {
  auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op);
  if (!conv)
    return std::nullopt;
  std::optional<Conv> cv = match(conv);
  if (!cv)
    return std::nullopt;
  return convWorkload(op, cv->w, *cv, cv->f, "conv2d",
                      {{"pointwise_ok", pointwiseApplies(*cv)}},
                      "conv2d " + convShape(*cv, cv->f));
}

} // namespace mlc::cpu
