//===- AttentionKernels.cpp - graph.fused_attention as one kernel ---------===//
//
// See AttentionKernelsPass in Passes.td. Outline, per fused op:
// 1. Operands with a non-unit innermost stride are copied into contiguous
//    buffers (the output through one, copied out after).
// 2. scf.parallel over (b, h, row block) for the full blocks of MR rows,
//    and over (b, h) for the last, shorter block; each iteration:
//    a. scores: register tiles of the block's rows x NV vectors of keys
//       (k loop over E), scaled, masked, stored into the stack buffer S
//       (MR x T rounded up to vectors; lanes past T get -inf);
//    b. each row's maximum, exp(s - max) stored back, the sum;
//    c. output: register tiles of the rows x NV vectors of F (k loop over
//       T reading S broadcast and V's rows), times 1 / sum, stored.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/MicroKernel.h"
#include "codegen/cpu/Passes.h"
#include "dialects/graph/IR/KernelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include "llvm/Support/FormatVariadic.h"

#include <limits>

namespace mlc::cpu {
#define GEN_PASS_DEF_ATTENTIONKERNELSPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

/// Query rows per block (the register tiles' broadcast side).
constexpr int64_t kRows = 4;

struct AttentionEmitter {
  Location loc;
  Value q, kt, v, mask, keep, out;
  float scale, maskedValue;
  int64_t B, H, L, E, T, F;
  int64_t vl, nvScores, nvOut;

  VectorType vecType(OpBuilder &b) const {
    return VectorType::get({vl}, b.getF32Type());
  }
  Value idx(OpBuilder &b, int64_t v) const {
    return b.create<arith::ConstantIndexOp>(loc, v);
  }
  Value add(OpBuilder &b, Value a, int64_t v) const {
    return v == 0 ? a : b.create<arith::AddIOp>(loc, a, idx(b, v));
  }
  Value f32(OpBuilder &b, float v) const {
    return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(v));
  }
  Value splat(OpBuilder &b, float v) const {
    return b.create<vector::BroadcastOp>(loc, vecType(b), f32(b, v));
  }

  /// A vector of `buffer` at `at` along its last dimension: a plain load,
  /// or masked (zero past the end) when `partial`.
  Value loadVector(OpBuilder &b, Value buffer, ArrayRef<Value> at,
                   bool partial) const {
    if (!partial)
      return b.create<vector::LoadOp>(loc, vecType(b), buffer, at);
    return b.create<vector::TransferReadOp>(
        loc, vecType(b), buffer, at, f32(b, 0.0f), ArrayRef<bool>{false});
  }

  /// `m` (mask or keep, rank <= 4, broadcasting to (B, H, L, T)) at
  /// (b, h, l, t): a vector along t, or a broadcast scalar when its last
  /// dimension is 1.
  Value loadBroadcast(OpBuilder &b, Value m, Value bi, Value hi, Value li,
                      Value ti, bool partial) const {
    auto type = cast<MemRefType>(m.getType());
    int64_t rank = type.getRank();
    Value full[4] = {bi, hi, li, ti};
    SmallVector<Value> at;
    for (int64_t d = 0; d < rank; ++d)
      at.push_back(type.getDimSize(d) == 1 ? idx(b, 0) : full[4 - rank + d]);
    if (rank > 0 && type.getDimSize(rank - 1) != 1)
      return loadVector(b, m, at, partial);
    Value s = b.create<memref::LoadOp>(loc, m, at);
    return b.create<vector::BroadcastOp>(loc, vecType(b), s);
  }

  /// Phase a for key columns [t0, t0 + nv * vl) (the last vector partial
  /// when `partial`) of rows [l0, l0 + rows).
  void scoreTile(OpBuilder &b, Value scores, Value bi, Value hi, Value l0,
                 int64_t rows, Value t0, int64_t nv, bool partial) const {
    SmallVector<Value> init(rows * nv, splat(b, 0.0f));
    SmallVector<Value> accs = emitRegisterTileLoop(
        b, loc, RegisterTile{rows, nv, vl}, idx(b, 0), idx(b, E), 1, init,
        [&](OpBuilder &lb, Value e, int64_t, int64_t j) -> Value {
          return loadVector(lb, kt, {bi, hi, e, add(lb, t0, j * vl)},
                            partial && j == nv - 1);
        },
        [&](OpBuilder &lb, Value e, int64_t, int64_t i) -> Value {
          return lb.create<memref::LoadOp>(
              loc, q, ValueRange{bi, hi, add(lb, l0, i), e});
        });
    Value scaleV = splat(b, scale);
    Value negInf = splat(b, -std::numeric_limits<float>::infinity());
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < nv; ++j) {
        bool part = partial && j == nv - 1;
        Value li = add(b, l0, i), ti = add(b, t0, j * vl);
        Value s = b.create<arith::MulFOp>(loc, accs[i * nv + j], scaleV);
        if (mask)
          s = b.create<arith::AddFOp>(
              loc, s, loadBroadcast(b, mask, bi, hi, li, ti, part));
        if (keep) {
          Value k = loadBroadcast(b, keep, bi, hi, li, ti, part);
          Value kept = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE,
                                               k, splat(b, 0.0f));
          s = b.create<arith::SelectOp>(loc, kept, s, splat(b, maskedValue));
        }
        if (part) {
          // Lanes past T: -inf, which exp turns into 0.
          Value left = b.create<arith::SubIOp>(loc, idx(b, T), ti);
          Value lanes = b.create<vector::CreateMaskOp>(
              loc, VectorType::get({vl}, b.getI1Type()), ValueRange{left});
          s = b.create<arith::SelectOp>(loc, lanes, s, negInf);
        }
        b.create<vector::StoreOp>(loc, s, scores, ValueRange{idx(b, i), ti});
      }
  }

  /// Phase b for row `i` of the scores: returns 1 / sum(exp(s - max)),
  /// the exponentials stored in place.
  Value softmaxRow(OpBuilder &b, Value scores, int64_t i) const {
    int64_t tp = llvm::alignTo(T, vl);
    Value row = idx(b, i);
    auto maxLoop = b.create<scf::ForOp>(
        loc, idx(b, 0), idx(b, tp), idx(b, vl),
        ValueRange{splat(b, -std::numeric_limits<float>::infinity())},
        [&](OpBuilder &lb, Location, Value c, ValueRange acc) {
          Value x = lb.create<vector::LoadOp>(loc, vecType(lb), scores,
                                              ValueRange{row, c});
          lb.create<scf::YieldOp>(
              loc, ValueRange{lb.create<arith::MaximumFOp>(loc, acc[0], x)});
        });
    Value max = b.create<vector::ReductionOp>(
        loc, vector::CombiningKind::MAXIMUMF, maxLoop.getResult(0));
    Value maxV = b.create<vector::BroadcastOp>(loc, vecType(b), max);
    auto sumLoop = b.create<scf::ForOp>(
        loc, idx(b, 0), idx(b, tp), idx(b, vl), ValueRange{splat(b, 0.0f)},
        [&](OpBuilder &lb, Location, Value c, ValueRange acc) {
          Value x = lb.create<vector::LoadOp>(loc, vecType(lb), scores,
                                              ValueRange{row, c});
          Value p = lb.create<math::ExpOp>(
              loc, lb.create<arith::SubFOp>(loc, x, maxV));
          lb.create<vector::StoreOp>(loc, p, scores, ValueRange{row, c});
          lb.create<scf::YieldOp>(
              loc, ValueRange{lb.create<arith::AddFOp>(loc, acc[0], p)});
        });
    Value sum = b.create<vector::ReductionOp>(loc, vector::CombiningKind::ADD,
                                              sumLoop.getResult(0));
    return b.create<arith::DivFOp>(loc, f32(b, 1.0f), sum);
  }

  /// Phase c for output columns [f0, f0 + nv * vl) (the last vector
  /// partial when `partial`).
  void outputTile(OpBuilder &b, Value scores, ArrayRef<Value> inv, Value bi,
                  Value hi, Value l0, int64_t rows, Value f0, int64_t nv,
                  bool partial) const {
    SmallVector<Value> init(rows * nv, splat(b, 0.0f));
    SmallVector<Value> accs = emitRegisterTileLoop(
        b, loc, RegisterTile{rows, nv, vl}, idx(b, 0), idx(b, T), 1, init,
        [&](OpBuilder &lb, Value t, int64_t, int64_t j) -> Value {
          return loadVector(lb, v, {bi, hi, t, add(lb, f0, j * vl)},
                            partial && j == nv - 1);
        },
        [&](OpBuilder &lb, Value t, int64_t, int64_t i) -> Value {
          return lb.create<memref::LoadOp>(loc, scores,
                                           ValueRange{idx(lb, i), t});
        });
    for (int64_t i = 0; i < rows; ++i) {
      Value invV = b.create<vector::BroadcastOp>(loc, vecType(b), inv[i]);
      for (int64_t j = 0; j < nv; ++j) {
        Value y = b.create<arith::MulFOp>(loc, accs[i * nv + j], invV);
        SmallVector<Value> at{bi, hi, add(b, l0, i), add(b, f0, j * vl)};
        if (partial && j == nv - 1)
          b.create<vector::TransferWriteOp>(loc, y, out, at,
                                            ArrayRef<bool>{false});
        else
          b.create<vector::StoreOp>(loc, y, out, at);
      }
    }
  }

  /// Columns [0, extent) in chunks of `nvMax` vectors as a loop, then the
  /// rest (fewer vectors, the last one partial) once; `body(builder, first
  /// column, vectors, last vector partial)` emits one chunk.
  void chunks(
      OpBuilder &b, int64_t extent, int64_t nvMax,
      llvm::function_ref<void(OpBuilder &, Value, int64_t, bool)> body) const {
    int64_t width = nvMax * vl, full = extent / width;
    if (full > 0) {
      auto loop = b.create<scf::ForOp>(loc, idx(b, 0), idx(b, full * width),
                                       idx(b, width));
      OpBuilder lb = OpBuilder::atBlockTerminator(loop.getBody());
      body(lb, loop.getInductionVar(), nvMax, false);
    }
    int64_t rest = extent - full * width;
    if (rest > 0)
      body(b, idx(b, full * width), llvm::divideCeil(rest, vl), rest % vl != 0);
  }

  /// One block of `rows` query rows from l0.
  void block(OpBuilder &b, Value bi, Value hi, Value l0, int64_t rows) const {
    int64_t tp = llvm::alignTo(T, vl);
    Value scores = b.create<memref::AllocaOp>(
        loc, MemRefType::get({kRows, tp}, b.getF32Type()),
        b.getI64IntegerAttr(64));
    chunks(b, T, nvScores,
           [&](OpBuilder &cb, Value t0, int64_t nv, bool partial) {
             scoreTile(cb, scores, bi, hi, l0, rows, t0, nv, partial);
           });
    SmallVector<Value> inv;
    for (int64_t i = 0; i < rows; ++i)
      inv.push_back(softmaxRow(b, scores, i));
    chunks(b, F, nvOut, [&](OpBuilder &cb, Value f0, int64_t nv, bool partial) {
      outputTile(cb, scores, inv, bi, hi, l0, rows, f0, nv, partial);
    });
  }

  void emit(OpBuilder &b) const {
    int64_t fullBlocks = L / kRows, rest = L % kRows;
    if (fullBlocks > 0)
      b.create<scf::ParallelOp>(
          loc, ValueRange{idx(b, 0), idx(b, 0), idx(b, 0)},
          ValueRange{idx(b, B), idx(b, H), idx(b, fullBlocks)},
          ValueRange{idx(b, 1), idx(b, 1), idx(b, 1)},
          [&](OpBuilder &pb, Location, ValueRange ivs) {
            Value l0 = pb.create<arith::MulIOp>(loc, ivs[2], idx(pb, kRows));
            block(pb, ivs[0], ivs[1], l0, kRows);
          });
    if (rest > 0)
      b.create<scf::ParallelOp>(
          loc, ValueRange{idx(b, 0), idx(b, 0)},
          ValueRange{idx(b, B), idx(b, H)}, ValueRange{idx(b, 1), idx(b, 1)},
          [&](OpBuilder &pb, Location, ValueRange ivs) {
            block(pb, ivs[0], ivs[1], idx(pb, fullBlocks * kRows), rest);
          });
  }
};

/// `v` itself when its innermost stride is 1, else a contiguous copy
/// made at `b` (copied back after `after` when `isOutput`).
Value contiguous(OpBuilder &b, Location loc, Value v, bool isOutput,
                 Operation *after) {
  if (unitInnerStride(cast<MemRefType>(v.getType())))
    return v;
  return plainCopy(b, loc, v, isOutput, after);
}

struct AttentionKernelsPass
    : impl::AttentionKernelsPassBase<AttentionKernelsPass> {
  using AttentionKernelsPassBase::AttentionKernelsPassBase;

  void runOnOperation() override {
    SmallVector<graph::FusedAttentionOp> ops;
    getOperation().walk([&](graph::FusedAttentionOp op) {
      if (op.getNumResults() == 0)
        ops.push_back(op);
    });
    int64_t vl = std::max<int64_t>(1, vectorBits / 32);
    for (graph::FusedAttentionOp op : ops) {
      OpBuilder b(op);
      Location loc = op.getLoc();
      // Logical (B, H, ., .) views of the operands whose transposes the op
      // absorbed; then contiguous ones where the innermost stride is not 1.
      auto view = [&](Value v, std::optional<ArrayRef<int64_t>> perm,
                      bool inverse) -> Value {
        if (!perm)
          return v;
        SmallVector<unsigned> p(perm->begin(), perm->end());
        if (inverse)
          for (unsigned i = 0; i < p.size(); ++i)
            p[(*perm)[i]] = i;
        return b.create<memref::TransposeOp>(
            loc, v,
            AffineMapAttr::get(
                AffineMap::getPermutationMap(p, b.getContext())));
      };
      Value q =
          contiguous(b, loc, view(op.getQ(), op.getQPerm(), false), false, op);
      Value kt = contiguous(b, loc, view(op.getKt(), op.getKtPerm(), false),
                            false, op);
      Value v =
          contiguous(b, loc, view(op.getV(), op.getVPerm(), false), false, op);
      Value out = contiguous(b, loc, view(op.getInit(), op.getOutPerm(), true),
                             true, op);
      auto shape = [](Value v) {
        return cast<MemRefType>(v.getType()).getShape();
      };
      ArrayRef<int64_t> qs = shape(q), vs = shape(v), ks = shape(kt);
      // The register tiles: kRows x NV vectors, NV up to 4 (2 with 16
      // vector registers).
      int64_t nvMax = vectorBits >= 512 ? 4 : 2;
      AttentionEmitter e{
          loc,
          q,
          kt,
          v,
          op.getMask() ? contiguous(b, loc, op.getMask(), false, op) : Value(),
          op.getKeep() ? contiguous(b, loc, op.getKeep(), false, op) : Value(),
          out,
          op.getScale().convertToFloat(),
          op.getMaskedValue().convertToFloat(),
          qs[0],
          qs[1],
          qs[2],
          qs[3],
          ks[3],
          vs[3],
          vl,
          std::min<int64_t>(nvMax, llvm::divideCeil(ks[3], vl)),
          std::min<int64_t>(nvMax, llvm::divideCeil(vs[3], vl))};
      e.emit(b);

      std::string shapeText =
          llvm::formatv("{0}x{1} heads, {2}x{3} scores, head size {4}", e.B,
                        e.H, e.L, e.T, e.E);
      if (e.F != e.E)
        shapeText += llvm::formatv(", value size {0}", e.F).str();
      std::string fused = "scale";
      if (op.getMask())
        fused += ", mask (addf)";
      if (op.getKeep())
        fused += ", keep (select)";
      int absorbed = !!op.getQPerm() + !!op.getKtPerm() + !!op.getVPerm() +
                     !!op.getOutPerm();
      if (absorbed)
        fused += llvm::formatv(", {0} transpose{1}", absorbed,
                               absorbed > 1 ? "s" : "")
                     .str();
      fused += ", softmax; scores kept per row block";
      uint64_t scores = uint64_t(e.B) * e.H * e.L * e.T;
      uint64_t flops = scores * (2 * e.E + 2 * e.F + 5);
      uint64_t bytes = 0;
      for (Value operand : op->getOperands())
        bytes += bufferBytes(operand);
      recordKernel(op, "attention", shapeText, fused, flops, bytes);
      op.erase();
    }
  }
};

} // namespace
} // namespace mlc::cpu
