//===- LayerNormKernels.cpp - row kernels: LayerNorm, softmax -------------===//
//
// See LayerNormKernelsPass and SoftmaxKernelsPass in Passes.td. The input
// and output are viewed as [rows][D] (copied first unless their layout is
// the identity), scale and bias as [D]; one scf.parallel over the rows,
// three vector loops per row (main loop plus a masked tail each).
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/MicroKernel.h"
#include "codegen/cpu/Passes.h"
#include "dialects/graph/IR/KernelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <limits>

namespace mlc::cpu {
#define GEN_PASS_DEF_LAYERNORMKERNELSPASS
#define GEN_PASS_DEF_SOFTMAXKERNELSPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

/// `v` with an identity layout (a copy when it has another), collapsed to
/// `shape` (copied back after `after` when `isOutput`).
Value flatView(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape,
               bool isOutput, Operation *after) {
  auto type = cast<MemRefType>(v.getType());
  Value plain =
      type.getLayout().isIdentity() ? v : plainCopy(b, loc, v, isOutput, after);
  if (type.getShape() == shape)
    return plain;
  if (type.getRank() == 1 && shape.size() == 2)
    // One row: [D] as [1][D].
    return b.create<memref::ExpandShapeOp>(
        loc, MemRefType::get(shape, type.getElementType()), plain,
        ArrayRef<ReassociationIndices>{{0, 1}});
  ReassociationIndices all;
  for (int64_t i = 0; i < type.getRank(); ++i)
    all.push_back(i);
  if (shape.size() == 1)
    return b.create<memref::CollapseShapeOp>(
        loc, plain, ArrayRef<ReassociationIndices>{all});
  // [rows][D]: every dimension but the last, then the last.
  ReassociationIndices rows(all.begin(), all.end() - 1);
  return b.create<memref::CollapseShapeOp>(
      loc, plain, ArrayRef<ReassociationIndices>{rows, {type.getRank() - 1}});
}

/// The ops of type Op on buffers in `module` (the row kernels' work list).
template <typename Op> SmallVector<Op> bufferOps(ModuleOp module) {
  SmallVector<Op> ops;
  module.walk([&](Op op) {
    if (op.getNumResults() == 0)
      ops.push_back(op);
  });
  return ops;
}

/// A row op's input and output as [rows][D], and the vector loops over a
/// row that its kernel is made of: vectors of VL columns, then a masked
/// tail where D is not a multiple of VL.
struct Rows {
  Location loc;
  int64_t rows, d, vl;
  Value x, y;
  VectorType vt;
  Value r; ///< the row, inside forEachRow

  Rows(OpBuilder &b, Operation *op, Value input, Value init, int64_t vl)
      : loc(op->getLoc()), vl(vl) {
    auto type = cast<MemRefType>(input.getType());
    d = type.getShape().back();
    rows = type.getNumElements() / d;
    x = flatView(b, loc, input, {rows, d}, false, op);
    y = flatView(b, loc, init, {rows, d}, true, op);
    vt = VectorType::get({vl}, b.getF32Type());
  }
  Value idx(OpBuilder &ob, int64_t v) const {
    return ob.create<arith::ConstantIndexOp>(loc, v);
  }
  Value f32(OpBuilder &ob, float v) const {
    return ob.create<arith::ConstantOp>(loc, ob.getF32FloatAttr(v));
  }
  Value splat(OpBuilder &ob, Value scalar) const {
    return ob.create<vector::BroadcastOp>(loc, vt, scalar);
  }
  /// The vector of `memref` at `at` (the tail padded with `pad`).
  Value load(OpBuilder &ob, Value memref, ValueRange at, bool tail,
             Value pad) const {
    if (!tail)
      return ob.create<vector::LoadOp>(loc, vt, memref, at);
    return ob.create<vector::TransferReadOp>(loc, vt, memref, at, pad,
                                             ArrayRef<bool>{false});
  }
  /// Row r's vector of the input at column c.
  Value loadX(OpBuilder &ob, Value c, bool tail, Value pad) const {
    return load(ob, x, {r, c}, tail, pad);
  }
  /// Stores `v` as row r's vector of the output at column c.
  void store(OpBuilder &ob, Value v, Value c, bool tail) const {
    if (tail)
      ob.create<vector::TransferWriteOp>(loc, v, y, ValueRange{r, c},
                                         ArrayRef<bool>{false});
    else
      ob.create<vector::StoreOp>(loc, v, y, ValueRange{r, c});
  }
  /// One scf.parallel over the rows; `body` emits a row's loops.
  void forEachRow(OpBuilder &b, llvm::function_ref<void(OpBuilder &)> body) {
    b.create<scf::ParallelOp>(loc, ValueRange{idx(b, 0)},
                              ValueRange{idx(b, rows)}, ValueRange{idx(b, 1)},
                              [&](OpBuilder &pb, Location, ValueRange ivs) {
                                r = ivs[0];
                                body(pb);
                              });
  }
  /// `step(builder, column, tail)` over the row's vectors.
  void forEachVector(OpBuilder &pb,
                     llvm::function_ref<void(OpBuilder &, Value, bool)> step) {
    int64_t full = d / vl * vl;
    if (full > 0) {
      auto loop =
          pb.create<scf::ForOp>(loc, idx(pb, 0), idx(pb, full), idx(pb, vl));
      OpBuilder lb = OpBuilder::atBlockTerminator(loop.getBody());
      step(lb, loop.getInductionVar(), false);
    }
    if (d > full)
      step(pb, idx(pb, full), true);
  }
  /// Folds `step(builder, acc, column, tail)` over the row's vectors from a
  /// splat of `init`, then reduces the vector accumulator with `kind`.
  Value fold(OpBuilder &pb, Value init, vector::CombiningKind kind,
             llvm::function_ref<Value(OpBuilder &, Value, Value, bool)> step) {
    Value acc = splat(pb, init);
    int64_t full = d / vl * vl;
    if (full > 0) {
      auto loop = pb.create<scf::ForOp>(
          loc, idx(pb, 0), idx(pb, full), idx(pb, vl), ValueRange{acc},
          [&](OpBuilder &lb, Location, Value c, ValueRange a) {
            lb.create<scf::YieldOp>(loc, ValueRange{step(lb, a[0], c, false)});
          });
      acc = loop.getResult(0);
    }
    if (d > full)
      acc = step(pb, acc, idx(pb, full), true);
    return pb.create<vector::ReductionOp>(loc, kind, acc);
  }
};

struct LayerNormKernelsPass
    : impl::LayerNormKernelsPassBase<LayerNormKernelsPass> {
  using LayerNormKernelsPassBase::LayerNormKernelsPassBase;

  void runOnOperation() override {
    int64_t vl = std::max<int64_t>(1, vectorBits / 32);
    for (auto op : bufferOps<graph::FusedLayerNormOp>(getOperation())) {
      OpBuilder b(op);
      Rows rw(b, op, op.getInput(), op.getInit(), vl);
      Location loc = rw.loc;
      int64_t d = rw.d;
      Value scale = flatView(b, loc, op.getScale(), {d}, false, op);
      Value bias = op.getBias() ? flatView(b, loc, op.getBias(), {d}, false, op)
                                : Value();
      float epsilon = op.getEpsilon().convertToFloat();
      rw.forEachRow(b, [&](OpBuilder &pb) {
        // sum over the row of term(x vector).
        auto rowSum =
            [&](llvm::function_ref<Value(OpBuilder &, Value, bool)> term) {
              return rw.fold(pb, rw.f32(pb, 0), vector::CombiningKind::ADD,
                             [&](OpBuilder &ob, Value acc, Value c, bool tail) {
                               return ob.create<arith::AddFOp>(
                                   loc, acc, term(ob, c, tail));
                             });
            };
        Value invD = rw.f32(pb, 1.0f / float(d));
        Value mean = pb.create<arith::MulFOp>(
            loc, rowSum([&](OpBuilder &ob, Value c, bool tail) {
              return rw.loadX(ob, c, tail, rw.f32(ob, 0));
            }),
            invD);
        Value meanV = rw.splat(pb, mean);
        Value var = pb.create<arith::MulFOp>(
            loc, rowSum([&](OpBuilder &ob, Value c, bool tail) {
              // The tail's padding is the mean: its deviation is 0.
              Value dev = ob.create<arith::SubFOp>(
                  loc, rw.loadX(ob, c, tail, mean), meanV);
              return ob.create<arith::MulFOp>(loc, dev, dev);
            }),
            invD);
        Value rstd = pb.create<arith::DivFOp>(
            loc, rw.f32(pb, 1.0f),
            pb.create<math::SqrtOp>(
                loc, pb.create<arith::AddFOp>(loc, var, rw.f32(pb, epsilon))));
        Value rstdV = rw.splat(pb, rstd);
        rw.forEachVector(pb, [&](OpBuilder &ob, Value c, bool tail) {
          Value zero = rw.f32(ob, 0);
          Value v = ob.create<arith::MulFOp>(
              loc,
              ob.create<arith::SubFOp>(loc, rw.loadX(ob, c, tail, zero), meanV),
              rstdV);
          v = ob.create<arith::MulFOp>(loc, v,
                                       rw.load(ob, scale, {c}, tail, zero));
          if (bias)
            v = ob.create<arith::AddFOp>(loc, v,
                                         rw.load(ob, bias, {c}, tail, zero));
          rw.store(ob, v, c, tail);
        });
      });
      std::string shape = std::to_string(rw.rows) + "x" + std::to_string(d);
      uint64_t bytes = 0;
      for (Value v : op->getOperands())
        bytes += bufferBytes(v);
      recordKernel(op, "layer norm", shape,
                   std::string("mean, variance, normalize, scale") +
                       (bias ? ", bias" : ""),
                   uint64_t(rw.rows) * d * 8, bytes);
      op.erase();
    }
  }
};

struct SoftmaxKernelsPass : impl::SoftmaxKernelsPassBase<SoftmaxKernelsPass> {
  using SoftmaxKernelsPassBase::SoftmaxKernelsPassBase;

  void runOnOperation() override {
    int64_t vl = std::max<int64_t>(1, vectorBits / 32);
    for (auto op : bufferOps<graph::FusedSoftmaxOp>(getOperation())) {
      OpBuilder b(op);
      Rows rw(b, op, op.getInput(), op.getInit(), vl);
      Location loc = rw.loc;
      rw.forEachRow(b, [&](OpBuilder &pb) {
        Value negInf = rw.f32(pb, -std::numeric_limits<float>::infinity());
        // The row's maximum as vmaxps (nnan: a NaN in the row makes every
        // exp(x - max), so the whole row, NaN either way).
        auto fast = arith::FastMathFlags::nnan | arith::FastMathFlags::nsz;
        Value max =
            rw.fold(pb, negInf, vector::CombiningKind::MAXNUMF,
                    [&](OpBuilder &ob, Value acc, Value c, bool tail) -> Value {
                      return ob.create<arith::MaximumFOp>(
                          loc, acc, rw.loadX(ob, c, tail, negInf), fast);
                    });
        Value maxV = rw.splat(pb, max);
        Value sum =
            rw.fold(pb, rw.f32(pb, 0.0f), vector::CombiningKind::ADD,
                    [&](OpBuilder &ob, Value acc, Value c, bool tail) -> Value {
                      Value e = ob.create<math::ExpOp>(
                          loc, ob.create<arith::SubFOp>(
                                   loc, rw.loadX(ob, c, tail, negInf), maxV));
                      rw.store(ob, e, c, tail);
                      // The tail's lanes past the row hold exp(-inf) = 0.
                      return ob.create<arith::AddFOp>(loc, acc, e);
                    });
        Value inv =
            rw.splat(pb, pb.create<arith::DivFOp>(loc, rw.f32(pb, 1.0f), sum));
        rw.forEachVector(pb, [&](OpBuilder &ob, Value c, bool tail) {
          Value e = rw.load(ob, rw.y, {rw.r, c}, tail, rw.f32(ob, 0.0f));
          rw.store(ob, ob.create<arith::MulFOp>(loc, e, inv), c, tail);
        });
      });
      std::string shape = std::to_string(rw.rows) + "x" + std::to_string(rw.d);
      uint64_t bytes =
          bufferBytes(op.getInput()) + 2 * bufferBytes(op.getInit());
      recordKernel(op, "softmax", shape, "max, exp, sum, scale",
                   uint64_t(rw.rows) * rw.d * 5, bytes);
      op.erase();
    }
  }
};

} // namespace
} // namespace mlc::cpu
