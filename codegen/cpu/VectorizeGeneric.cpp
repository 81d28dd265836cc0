//===- VectorizeGeneric.cpp - linalg.generic on memrefs as vector loops ---===//
//
// See VectorizeGenericPass in Passes.td. Outline:
// 1. Check the op: static shapes, every indexing map a projection (results
//    are loop dimensions or the constant 0), the body only elementwise-
//    mappable ops (arith, math), linalg.index and linalg.yield; an operand
//    that reads the innermost loop reads it in its innermost dimension; an
//    innermost reduction has a recognized combiner (addf, mulf, maximumf,
//    minimumf, maxnumf, minnumf, addi, muli, maxsi, minsi, ori, andi).
// 2. Loops: scf.parallel over the other parallel dimensions, scf.for over
//    the other reduction dimensions, then the innermost dimension in steps
//    of VL lanes: a main loop with plain vector loads and stores and a
//    masked tail.
// 3. The body is cloned on vectors: operands that read the innermost loop
//    are vector loads, the others scalar loads broadcast; linalg.index of
//    the innermost loop is its lane indices.
// 4. Innermost parallel: the result is stored to the output. Innermost
//    reduction: the combiner's other operand is combined lane-wise into a
//    vector accumulator (tail lanes masked with the identity), reduced
//    across lanes at the end and combined with the output's value.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/MicroKernel.h"
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlc::cpu {
#define GEN_PASS_DEF_VECTORIZEGENERICPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

/// The combiner of an innermost reduction: out = combine(out, value).
struct Combiner {
  Operation *op = nullptr;   ///< the combining op in the body
  unsigned valueOperand = 0; ///< its operand that is not the output
  vector::CombiningKind kind;
  TypedAttr identity;
};

std::optional<Combiner> findCombiner(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1 || op.getNumDpsInits() != 1)
    return std::nullopt;
  Operation *def = yield.getOperand(0).getDefiningOp();
  BlockArgument out = body.getArguments().back();
  if (!def || def->getNumOperands() != 2 || def->getBlock() != &body)
    return std::nullopt;
  Combiner c;
  c.op = def;
  if (def->getOperand(0) == out)
    c.valueOperand = 1;
  else if (def->getOperand(1) == out)
    c.valueOperand = 0;
  else
    return std::nullopt;
  // The output is read only by the combiner.
  if (!out.hasOneUse())
    return std::nullopt;
  Type t = out.getType();
  Builder b(op.getContext());
  auto fl = [&](double v) -> TypedAttr { return b.getFloatAttr(t, v); };
  auto in = [&](APInt v) -> TypedAttr { return b.getIntegerAttr(t, v); };
  unsigned w = t.isIntOrIndex() ? t.getIntOrFloatBitWidth() : 0;
  double inf = std::numeric_limits<double>::infinity();
  if (isa<arith::AddFOp>(def)) {
    c.kind = vector::CombiningKind::ADD;
    c.identity = fl(0.0);
  } else if (isa<arith::MulFOp>(def)) {
    c.kind = vector::CombiningKind::MUL;
    c.identity = fl(1.0);
  } else if (isa<arith::MaximumFOp>(def)) {
    c.kind = vector::CombiningKind::MAXIMUMF;
    c.identity = fl(-inf);
  } else if (isa<arith::MinimumFOp>(def)) {
    c.kind = vector::CombiningKind::MINIMUMF;
    c.identity = fl(inf);
  } else if (isa<arith::MaxNumFOp>(def)) {
    c.kind = vector::CombiningKind::MAXNUMF;
    c.identity = fl(-inf);
  } else if (isa<arith::MinNumFOp>(def)) {
    c.kind = vector::CombiningKind::MINNUMF;
    c.identity = fl(inf);
  } else if (isa<arith::AddIOp>(def) && w) {
    c.kind = vector::CombiningKind::ADD;
    c.identity = in(APInt(w, 0));
  } else if (isa<arith::MulIOp>(def) && w) {
    c.kind = vector::CombiningKind::MUL;
    c.identity = in(APInt(w, 1));
  } else if (isa<arith::MaxSIOp>(def) && w) {
    c.kind = vector::CombiningKind::MAXSI;
    c.identity = in(APInt::getSignedMinValue(w));
  } else if (isa<arith::MinSIOp>(def) && w) {
    c.kind = vector::CombiningKind::MINSI;
    c.identity = in(APInt::getSignedMaxValue(w));
  } else if (isa<arith::OrIOp>(def) && w) {
    c.kind = vector::CombiningKind::OR;
    c.identity = in(APInt(w, 0));
  } else if (isa<arith::AndIOp>(def) && w) {
    c.kind = vector::CombiningKind::AND;
    c.identity = in(APInt::getAllOnes(w));
  } else {
    return std::nullopt;
  }
  if (!isa<FloatType, IntegerType>(t))
    return std::nullopt;
  return c;
}

/// A generic that writes its outputs from scalars only (no operand read).
bool isPlainFill(linalg::GenericOp op) {
  for (OpOperand &operand : op->getOpOperands()) {
    Value arg = op.getRegion().front().getArgument(operand.getOperandNumber());
    if (isa<ShapedType>(operand.get().getType()) && !arg.use_empty())
      return false;
  }
  return op.getNumReductionLoops() == 0;
}

/// Whether `op` can be vectorized (step 1).
bool vectorizable(linalg::GenericOp op, std::optional<Combiner> &combiner) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0)
    return false;
  for (OpOperand &operand : op->getOpOperands()) {
    Value v = operand.get();
    // A scalar input (a fill's value) is used as it is.
    if (op.isDpsInput(&operand) && v.getType().isIntOrIndexOrFloat())
      continue;
    auto t = dyn_cast<MemRefType>(v.getType());
    if (!t || !t.hasStaticShape())
      return false;
    // Whole bytes: a vector of i1 in memory would be bit-packed.
    Type e = t.getElementType();
    if (!e.isIntOrFloat() || e.getIntOrFloatBitWidth() % 8 != 0)
      return false;
  }
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, [](int64_t r) { return r <= 0; }))
    return false;
  unsigned inner = op.getNumLoops() - 1;
  // Too short to fill a vector usefully: the scalar loops stay. Except
  // fills (no operand read) of 2 or 3 elements per row, which get vectors
  // of exactly that width (a pad's pairs of border columns): as scalar
  // loops, LLVM would vectorize the outer loop into scatters.
  if (ranges[inner] < 4 && !(ranges[inner] >= 2 && isPlainFill(op)))
    return false;
  for (AffineMap map : op.getIndexingMapsArray()) {
    for (unsigned r = 0; r < map.getNumResults(); ++r) {
      AffineExpr e = map.getResult(r);
      if (auto d = dyn_cast<AffineDimExpr>(e)) {
        // The innermost loop only in the innermost (unit-stride) dimension.
        if (d.getPosition() == inner && r + 1 != map.getNumResults())
          return false;
        continue;
      }
      auto c = dyn_cast<AffineConstantExpr>(e);
      if (!c || c.getValue() != 0)
        return false;
    }
  }
  // Operands read along the innermost loop need a unit innermost stride.
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (map.getNumResults() == 0 ||
        !map.getResults().back().isFunctionOfDim(inner))
      continue;
    auto t = cast<MemRefType>(operand.get().getType());
    SmallVector<int64_t> strides;
    int64_t offset;
    if (failed(getStridesAndOffset(t, strides, offset)) || strides.back() != 1)
      return false;
  }
  for (Operation &inside : op.getRegion().front().without_terminator())
    if (!isVectorizableBodyOp(inside))
      return false;
  auto iterators = op.getIteratorTypesArray();
  combiner.reset();
  if (iterators[inner] == utils::IteratorType::reduction) {
    combiner = findCombiner(op);
    return combiner.has_value();
  }
  // Each output element is written once per innermost lane.
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (map.getNumResults() == 0 ||
        !map.getResults().back().isFunctionOfDim(inner))
      return false;
  }
  return true;
}

struct Vectorizer {
  OpBuilder &b;
  Location loc;
  linalg::GenericOp op;
  int64_t vl;
  std::optional<Combiner> combiner;
  /// The output's initial value when a fill of it was folded (innermost
  /// reductions without outer reduction loops): combined with instead of
  /// loading the output.
  Value initValue = nullptr;

  unsigned inner() { return op.getNumLoops() - 1; }

  Value idx(OpBuilder &ob, int64_t v) {
    return ob.create<arith::ConstantIndexOp>(loc, v);
  }

  /// Indices of operand `operand` at loop point `ivs`.
  SmallVector<Value> indices(OpBuilder &ob, OpOperand &operand,
                             ArrayRef<Value> ivs) {
    SmallVector<Value> out;
    for (AffineExpr e : op.getMatchingIndexingMap(&operand).getResults()) {
      if (auto d = dyn_cast<AffineDimExpr>(e))
        out.push_back(ivs[d.getPosition()]);
      else
        out.push_back(idx(ob, 0));
    }
    return out;
  }

  bool readsInner(OpOperand &operand) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    return map.getNumResults() != 0 &&
           map.getResults().back().isFunctionOfDim(inner());
  }

  VectorType vecOf(Type t) { return VectorType::get({vl}, t); }

  /// `v` as a vector (broadcast when scalar).
  Value widen(OpBuilder &ob, Value v) { return widenToVector(ob, loc, v, vl); }

  /// Loads operand `operand` at `ivs` (ivs[inner] the first lane): a vector
  /// when it reads the innermost loop (masked when `masked`), else a
  /// scalar.
  Value load(OpBuilder &ob, OpOperand &operand, ArrayRef<Value> ivs,
             bool masked) {
    Value memref = operand.get();
    if (!isa<MemRefType>(memref.getType()))
      return memref; // a scalar input
    Type elt = cast<MemRefType>(memref.getType()).getElementType();
    SmallVector<Value> at = indices(ob, operand, ivs);
    if (!readsInner(operand))
      return ob.create<memref::LoadOp>(loc, memref, at);
    if (!masked)
      return ob.create<vector::LoadOp>(loc, vecOf(elt), memref, at);
    Value pad = ob.create<arith::ConstantOp>(loc, ob.getZeroAttr(elt));
    return ob.create<vector::TransferReadOp>(loc, vecOf(elt), memref, at, pad,
                                             ArrayRef<bool>{false});
  }

  /// The body on vectors at `ivs`; returns the mapping (block arguments and
  /// results of the body's ops to their vector values).
  void cloneBody(OpBuilder &ob, ArrayRef<Value> ivs, bool masked,
                 IRMapping &map, Operation *stopAt) {
    Block &body = op.getRegion().front();
    for (OpOperand &operand : op->getOpOperands()) {
      BlockArgument arg = body.getArgument(operand.getOperandNumber());
      if (arg.use_empty())
        continue;
      if (combiner && op.isDpsInit(&operand))
        continue; // read only by the combiner
      map.map(arg, load(ob, operand, ivs, masked));
    }
    cloneBodyOnVectors(
        ob, loc, body, map, vl, stopAt,
        [&](OpBuilder &ib, unsigned dim) -> Value {
          Value iv = ivs[dim];
          if (dim != inner())
            return iv;
          // The lanes' indices.
          SmallVector<int64_t> lanes;
          for (int64_t i = 0; i < vl; ++i)
            lanes.push_back(i);
          auto vt = VectorType::get({vl}, ib.getIndexType());
          Value step = ib.create<arith::ConstantOp>(
              loc, vt, DenseElementsAttr::get(vt, ArrayRef(lanes)));
          Value base = ib.create<vector::BroadcastOp>(loc, vt, iv);
          return ib.create<arith::AddIOp>(loc, base, step);
        });
  }

  /// Innermost parallel: one vector step at `ivs`.
  void parallelStep(OpBuilder &ob, ArrayRef<Value> ivs, bool masked) {
    IRMapping map;
    cloneBody(ob, ivs, masked, map, nullptr);
    auto yield = cast<linalg::YieldOp>(op.getRegion().front().getTerminator());
    for (auto [i, init] : llvm::enumerate(op.getDpsInitsMutable())) {
      Value v = widen(ob, map.lookupOrDefault(yield.getOperand(i)));
      SmallVector<Value> at = indices(ob, init, ivs);
      if (masked)
        ob.create<vector::TransferWriteOp>(loc, v, init.get(), at,
                                           ArrayRef<bool>{false});
      else
        ob.create<vector::StoreOp>(loc, v, init.get(), at);
    }
  }

  /// Innermost reduction: the combiner's value operand at `ivs`, lanes past
  /// the end set to the identity when masked.
  Value reductionValue(OpBuilder &ob, ArrayRef<Value> ivs, bool masked,
                       int64_t extent) {
    IRMapping map;
    cloneBody(ob, ivs, masked, map, combiner->op);
    Value v = widen(ob, map.lookupOrDefault(
                            combiner->op->getOperand(combiner->valueOperand)));
    if (masked) {
      auto vt = cast<VectorType>(v.getType());
      Value remaining =
          ob.create<arith::SubIOp>(loc, idx(ob, extent), ivs[inner()]);
      Value mask = ob.create<vector::CreateMaskOp>(
          loc, VectorType::get({vl}, ob.getI1Type()), ValueRange{remaining});
      Value identity = ob.create<arith::ConstantOp>(
          loc, vt, SplatElementsAttr::get(vt, combiner->identity));
      v = ob.create<arith::SelectOp>(loc, mask, v, identity);
    }
    return v;
  }

  Value combine(OpBuilder &ob, Value a, Value c) {
    return vector::makeArithReduction(ob, loc, combiner->kind, a, c);
  }

  /// The loops inside the outer parallel ones: reduction loops, then the
  /// innermost.
  void emitInside(OpBuilder &ob, SmallVector<Value> ivs,
                  ArrayRef<unsigned> reductionDims, unsigned depth) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    if (depth < reductionDims.size()) {
      unsigned d = reductionDims[depth];
      auto loop = ob.create<scf::ForOp>(loc, idx(ob, 0), idx(ob, ranges[d]),
                                        idx(ob, 1));
      OpBuilder lb = OpBuilder::atBlockTerminator(loop.getBody());
      ivs[d] = loop.getInductionVar();
      emitInside(lb, ivs, reductionDims, depth + 1);
      return;
    }
    int64_t extent = ranges[inner()];
    int64_t full = extent / vl * vl;
    if (!combiner) {
      if (full > 0) {
        auto loop =
            ob.create<scf::ForOp>(loc, idx(ob, 0), idx(ob, full), idx(ob, vl));
        OpBuilder lb = OpBuilder::atBlockTerminator(loop.getBody());
        ivs[inner()] = loop.getInductionVar();
        parallelStep(lb, ivs, false);
      }
      if (extent > full) {
        ivs[inner()] = idx(ob, full);
        parallelStep(ob, ivs, true);
      }
      return;
    }
    // Innermost reduction.
    Type elt = combiner->identity.getType();
    auto vt = vecOf(elt);
    Value acc = ob.create<arith::ConstantOp>(
        loc, vt, SplatElementsAttr::get(vt, combiner->identity));
    if (full > 0) {
      auto loop = ob.create<scf::ForOp>(
          loc, idx(ob, 0), idx(ob, full), idx(ob, vl), ValueRange{acc},
          [&](OpBuilder &lb, Location, Value iv, ValueRange args) {
            SmallVector<Value> at = ivs;
            at[inner()] = iv;
            Value v = reductionValue(lb, at, false, extent);
            lb.create<scf::YieldOp>(loc, combine(lb, args[0], v));
          });
      acc = loop.getResult(0);
    }
    if (extent > full) {
      SmallVector<Value> at = ivs;
      at[inner()] = idx(ob, full);
      acc = combine(ob, acc, reductionValue(ob, at, true, extent));
    }
    Value total = ob.create<vector::ReductionOp>(loc, combiner->kind, acc);
    OpOperand &init = op.getDpsInitsMutable()[0];
    SmallVector<Value> at = indices(ob, init, ivs);
    Value old =
        initValue ? initValue : ob.create<memref::LoadOp>(loc, init.get(), at);
    // The combiner's operand order, as the body wrote it.
    Value result = combiner->valueOperand == 1 ? combine(ob, old, total)
                                               : combine(ob, total, old);
    ob.create<memref::StoreOp>(loc, result, init.get(), at);
  }

  void emit() {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    auto iterators = op.getIteratorTypesArray();
    SmallVector<unsigned> parallelDims, reductionDims;
    for (unsigned d = 0; d < inner(); ++d)
      (iterators[d] == utils::IteratorType::parallel ? parallelDims
                                                     : reductionDims)
          .push_back(d);
    SmallVector<Value> ivs(op.getNumLoops());
    if (parallelDims.empty()) {
      emitInside(b, ivs, reductionDims, 0);
      return;
    }
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d : parallelDims) {
      lbs.push_back(idx(b, 0));
      ubs.push_back(idx(b, ranges[d]));
      steps.push_back(idx(b, 1));
    }
    b.create<scf::ParallelOp>(
        loc, lbs, ubs, steps, [&](OpBuilder &pb, Location, ValueRange pivs) {
          SmallVector<Value> all = ivs;
          for (auto [d, v] : llvm::zip(parallelDims, pivs))
            all[d] = v;
          emitInside(pb, all, reductionDims, 0);
        });
  }
};

//===----------------------------------------------------------------------===//
// Windows: short innermost reductions (pooling)
//===----------------------------------------------------------------------===//

/// `expr` (sums of dimensions times constants, plus constants) at `ivs`.
Value evaluate(OpBuilder &b, Location loc, AffineExpr expr,
               ArrayRef<Value> ivs) {
  if (auto d = dyn_cast<AffineDimExpr>(expr))
    return ivs[d.getPosition()];
  if (auto c = dyn_cast<AffineConstantExpr>(expr))
    return b.create<arith::ConstantIndexOp>(loc, c.getValue());
  auto bin = cast<AffineBinaryOpExpr>(expr);
  Value l = evaluate(b, loc, bin.getLHS(), ivs);
  Value r = evaluate(b, loc, bin.getRHS(), ivs);
  if (expr.getKind() == AffineExprKind::Add)
    return b.create<arith::AddIOp>(loc, l, r);
  return b.create<arith::MulIOp>(loc, l, r);
}

/// The coefficient of dimension `dim` in `expr` when `expr` is a sum of
/// dimensions times constants plus a constant (-1 otherwise).
int64_t coefficient(AffineExpr expr, unsigned dim) {
  if (!expr.isPureAffine())
    return -1;
  if (auto d = dyn_cast<AffineDimExpr>(expr))
    return d.getPosition() == dim ? 1 : 0;
  if (isa<AffineConstantExpr>(expr))
    return 0;
  auto bin = cast<AffineBinaryOpExpr>(expr);
  if (expr.getKind() == AffineExprKind::Add) {
    int64_t l = coefficient(bin.getLHS(), dim),
            r = coefficient(bin.getRHS(), dim);
    return l < 0 || r < 0 ? -1 : l + r;
  }
  if (expr.getKind() == AffineExprKind::Mul) {
    auto c = dyn_cast<AffineConstantExpr>(bin.getRHS());
    int64_t l = coefficient(bin.getLHS(), dim);
    return c && l >= 0 ? l * c.getValue() : -1;
  }
  return -1;
}

/// A generic whose innermost loops are short reductions (a pooling window,
/// at most 8 each) after its last parallel loop V: vectorized along V, the
/// window loops inside accumulating into the output's vector. Operands read
/// V only in their innermost dimension, with stride 1 or 2 (deinterleaved
/// with a shuffle). Max and min combine without NaN propagation (vmaxps).
struct WindowVectorizer {
  OpBuilder &b;
  Location loc;
  linalg::GenericOp op;
  int64_t vl;
  unsigned vdim; // V
  SmallVector<unsigned> windowDims;
  /// The output's initial value when a fill of it was folded: the
  /// accumulators start as it instead of as the output's values.
  Value initValue = nullptr;

  static std::optional<WindowVectorizer>
  match(OpBuilder &b, linalg::GenericOp op, int64_t vl) {
    if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1)
      return std::nullopt;
    auto iterators = op.getIteratorTypesArray();
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    int64_t n = op.getNumLoops(), last = -1;
    for (int64_t d = 0; d < n; ++d)
      if (iterators[d] == utils::IteratorType::parallel)
        last = d;
    if (last < 0 || last == n - 1 || ranges[last] < 4)
      return std::nullopt;
    WindowVectorizer w{b, op.getLoc(), op, vl, (unsigned)last, {}, nullptr};
    for (int64_t d = last + 1; d < n; ++d) {
      if (ranges[d] > 8)
        return std::nullopt;
      w.windowDims.push_back(d);
    }
    for (int64_t d = 0; d < last; ++d)
      if (iterators[d] != utils::IteratorType::parallel)
        return std::nullopt;
    for (OpOperand &operand : op->getOpOperands()) {
      auto t = dyn_cast<MemRefType>(operand.get().getType());
      if (!t || !t.hasStaticShape() || !t.getElementType().isIntOrFloat() ||
          t.getElementType().getIntOrFloatBitWidth() % 8 != 0)
        return std::nullopt;
      AffineMap map = op.getMatchingIndexingMap(&operand);
      if (map.getNumResults() == 0)
        continue;
      for (unsigned r = 0; r + 1 < map.getNumResults(); ++r)
        if (coefficient(map.getResult(r), w.vdim) != 0)
          return std::nullopt;
      int64_t s = coefficient(map.getResults().back(), w.vdim);
      if (s < 0 || s > 2 || (op.isDpsInit(&operand) && s != 1))
        return std::nullopt;
      for (AffineExpr e : map.getResults())
        if (!e.isPureAffine())
          return std::nullopt;
      SmallVector<int64_t> strides;
      int64_t offset;
      if (s > 0 && (failed(getStridesAndOffset(t, strides, offset)) ||
                    strides.back() != 1))
        return std::nullopt;
    }
    // The output is read only as the accumulator: out = f(out, inputs).
    for (Operation &inside : op.getRegion().front().without_terminator())
      if (!isVectorizableBodyOp(inside) || isa<linalg::IndexOp>(inside))
        return std::nullopt;
    return w;
  }

  Value idx(OpBuilder &ob, int64_t v) {
    return ob.create<arith::ConstantIndexOp>(loc, v);
  }

  /// Operand `operand` at `ivs` (ivs[vdim] the first lane).
  Value load(OpBuilder &ob, OpOperand &operand, ArrayRef<Value> ivs) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    Value memref = operand.get();
    Type elt = cast<MemRefType>(memref.getType()).getElementType();
    SmallVector<Value> at;
    for (AffineExpr e : map.getResults())
      at.push_back(evaluate(ob, loc, e, ivs));
    int64_t s =
        map.getNumResults() ? coefficient(map.getResults().back(), vdim) : 0;
    if (s == 0)
      return ob.create<memref::LoadOp>(loc, memref, at);
    Value pad = ob.create<arith::ConstantOp>(loc, ob.getZeroAttr(elt));
    Value v = ob.create<vector::TransferReadOp>(
        loc, VectorType::get({vl * s}, elt), memref, at, pad,
        ArrayRef<bool>{false});
    if (s == 1)
      return v;
    SmallVector<int64_t> lanes;
    for (int64_t i = 0; i < vl; ++i)
      lanes.push_back(i * s);
    return ob.create<vector::ShuffleOp>(loc, v, v, lanes);
  }

  void emit() {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d = 0; d < vdim; ++d) {
      lbs.push_back(idx(b, 0));
      ubs.push_back(idx(b, ranges[d]));
      steps.push_back(idx(b, 1));
    }
    auto body = [&](OpBuilder &pb, ValueRange outer) {
      SmallVector<Value> ivs(op.getNumLoops());
      for (unsigned d = 0; d < vdim; ++d)
        ivs[d] = outer[d];
      auto lanes = pb.create<scf::ForOp>(loc, idx(pb, 0), idx(pb, ranges[vdim]),
                                         idx(pb, vl));
      OpBuilder lb = OpBuilder::atBlockTerminator(lanes.getBody());
      ivs[vdim] = lanes.getInductionVar();
      for (unsigned d : windowDims)
        ivs[d] = idx(lb, 0);
      OpOperand &out = op.getDpsInitsMutable()[0];
      Value acc = initValue ? widenToVector(lb, loc, initValue, vl)
                            : load(lb, out, ivs);
      Block &block = op.getRegion().front();
      // The window, unrolled.
      SmallVector<int64_t> point(windowDims.size(), 0);
      int64_t total = 1;
      for (unsigned d : windowDims)
        total *= ranges[d];
      for (int64_t p = 0; p < total; ++p) {
        int64_t rest = p;
        for (int64_t k = windowDims.size() - 1; k >= 0; --k) {
          ivs[windowDims[k]] = idx(lb, rest % ranges[windowDims[k]]);
          rest /= ranges[windowDims[k]];
        }
        IRMapping map;
        for (OpOperand &operand : op->getOpOperands()) {
          BlockArgument arg = block.getArgument(operand.getOperandNumber());
          if (op.isDpsInit(&operand))
            map.map(arg, acc);
          else if (!arg.use_empty())
            map.map(arg, load(lb, operand, ivs));
        }
        cloneBodyOnVectors(lb, loc, block, map, vl, nullptr,
                           [](OpBuilder &, unsigned) { return Value(); });
        acc = map.lookupOrDefault(
            cast<linalg::YieldOp>(block.getTerminator()).getOperand(0));
        // A max / min combining into the accumulator as the hardware's
        // vmaxps / vminps (what ONNX Runtime's pooling does): a NaN in the
        // window is not propagated, and -0 / +0 tie either way. The IEEE
        // maximumf sequence costs 5 instructions per element instead of 1.
        if (Operation *combine = acc.getDefiningOp();
            combine && isa<arith::MaximumFOp, arith::MinimumFOp>(combine))
          combine->setAttr("fastmath", arith::FastMathFlagsAttr::get(
                                           combine->getContext(),
                                           arith::FastMathFlags::nnan |
                                               arith::FastMathFlags::nsz));
        acc = widenToVector(lb, loc, acc, vl);
      }
      for (unsigned d : windowDims)
        ivs[d] = idx(lb, 0);
      SmallVector<Value> at;
      for (AffineExpr e : op.getMatchingIndexingMap(&out).getResults())
        at.push_back(evaluate(lb, loc, e, ivs));
      lb.create<vector::TransferWriteOp>(loc, acc, out.get(), at,
                                         ArrayRef<bool>{false});
    };
    if (vdim == 0) {
      body(b, {});
      return;
    }
    b.create<scf::ParallelOp>(
        loc, lbs, ubs, steps,
        [&](OpBuilder &pb, Location, ValueRange outer) { body(pb, outer); });
  }
};

/// The scalar a generic fills its single output with (a generalized
/// linalg.fill), or nothing.
Value fillScalar(linalg::GenericOp g) {
  if (g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1 ||
      g.getNumReductionLoops() != 0 ||
      isa<ShapedType>(g.getDpsInputs()[0].getType()) ||
      !g.getMatchingIndexingMap(g.getDpsInitOperand(0)).isIdentity())
    return nullptr;
  Block &body = g.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1 || yield.getOperand(0) != body.getArgument(0))
    return nullptr;
  return g.getDpsInputs()[0];
}

/// The fill of `op`'s whole output right before it (nothing that writes
/// memory in between), or null.
linalg::GenericOp foldableFill(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1)
    return nullptr;
  Value out = op.getDpsInits()[0];
  for (Operation *p = op->getPrevNode(); p; p = p->getPrevNode()) {
    if (auto g = dyn_cast<linalg::GenericOp>(p))
      return fillScalar(g) && g.getDpsInits()[0] == out ? g : nullptr;
    if (!isa<arith::ConstantOp, memref::AllocOp, memref::AllocaOp,
             ViewLikeOpInterface>(p))
      return nullptr;
  }
  return nullptr;
}

struct VectorizeGenericPass
    : impl::VectorizeGenericPassBase<VectorizeGenericPass> {
  using VectorizeGenericPassBase::VectorizeGenericPassBase;
  void runOnOperation() override {
    // Static copies (a pad's interior, a slice) become copy generics first:
    // as memref.copy they would be a call of the runtime's element-wise
    // memrefCopy for any non-contiguous layout.
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    for (memref::CopyOp copy : copies) {
      auto from = dyn_cast<MemRefType>(copy.getSource().getType());
      auto to = dyn_cast<MemRefType>(copy.getTarget().getType());
      if (!from || !to || !from.hasStaticShape() || from.getRank() == 0 ||
          from.getShape() != to.getShape())
        continue;
      OpBuilder b(copy);
      int64_t rank = from.getRank();
      b.create<linalg::GenericOp>(
          copy.getLoc(), TypeRange{}, ValueRange{copy.getSource()},
          ValueRange{copy.getTarget()},
          SmallVector<AffineMap>(2, b.getMultiDimIdentityMap(rank)),
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location l, ValueRange args) {
            nb.create<linalg::YieldOp>(l, args[0]);
          });
      copy.erase();
    }
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) { ops.push_back(op); });
    int64_t vl = std::max<int64_t>(1, vectorBits / 32);
    // Fills of an output that a window or an innermost reduction (without
    // outer reduction loops) then accumulates into: the kernel starts from
    // the fill's value instead, and the fill goes (one pass over the output
    // fewer).
    llvm::DenseMap<Operation *, Value> initValues;
    llvm::SmallPtrSet<Operation *, 8> foldedFills;
    for (linalg::GenericOp op : ops) {
      std::optional<Combiner> combiner;
      OpBuilder wb(op);
      bool accumulates = vectorizable(op, combiner)
                             ? combiner && op.getNumReductionLoops() == 1
                             : WindowVectorizer::match(wb, op, vl).has_value();
      if (!accumulates)
        continue;
      if (linalg::GenericOp fill = foldableFill(op)) {
        initValues[op] = fillScalar(fill);
        foldedFills.insert(fill);
      }
    }
    for (linalg::GenericOp op : ops) {
      if (foldedFills.contains(op)) {
        op.erase();
        continue;
      }
      Value initValue = initValues.lookup(op);
      std::optional<Combiner> combiner;
      bool vectorized = vectorizable(op, combiner);
      OpBuilder wb(op);
      std::optional<WindowVectorizer> window =
          vectorized ? std::nullopt : WindowVectorizer::match(wb, op, vl);
      // The kernel list: each generic with its loop ranges, body ops, the
      // arithmetic it does and the bytes of its operands.
      std::string shape, body;
      llvm::raw_string_ostream so(shape);
      llvm::interleave(op.getStaticLoopRanges(), so, "x");
      uint64_t perPoint = 0, points = 1, bytes = 0;
      for (int64_t r : op.getStaticLoopRanges())
        points *= std::max<int64_t>(r, 1);
      for (Operation &inside : op.getRegion().front().without_terminator()) {
        if (isa<arith::ConstantOp, linalg::IndexOp>(inside))
          continue;
        if (++perPoint <= 6)
          body += (body.empty() ? "" : ", ") +
                  inside.getName().stripDialect().str();
      }
      if (perPoint > 6)
        body += ", ... (" + std::to_string(perPoint) + " ops)";
      if (initValue)
        body = "fill" + (body.empty() ? "" : ", " + body);
      for (Value v : op->getOperands())
        bytes += bufferBytes(v);
      std::string kind =
          op.getNumReductionLoops() ? "reduction" : "elementwise";
      // Emitted before the op, then recorded (which tags the loops).
      if (window) {
        window->initValue = initValue;
        window->emit();
      } else if (vectorized) {
        OpBuilder b(op);
        // A short fill's rows are one vector of their own width.
        int64_t inner = op.getStaticLoopRanges().back();
        Vectorizer v{b,        op.getLoc(), op, inner < 4 ? inner : vl,
                     combiner, initValue};
        v.emit();
      }
      recordKernel(
          op, kind + (vectorized || window ? " (vector)" : " (scalar loops)"),
          shape, body, points * perPoint, bytes);
      if (window || vectorized)
        op.erase();
    }
  }
};

} // namespace
} // namespace mlc::cpu
