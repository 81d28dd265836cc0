//===- Epilogue.cpp - elementwise consumers fused into kernel stores ------===//

#include "codegen/cpu/Epilogue.h"
#include "codegen/cpu/MicroKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

namespace mlc::cpu {

std::string Epilogue::describe() const {
  std::string out;
  linalg::GenericOp g = op;
  for (Operation &inside : g.getRegion().front().without_terminator()) {
    if (isa<arith::ConstantOp>(inside))
      continue;
    if (!out.empty())
      out += ", ";
    out += inside.getName().stripDialect().str();
  }
  return out;
}

uint64_t Epilogue::extraBytes() const {
  linalg::GenericOp g = op;
  uint64_t bytes = 0;
  for (OpOperand &operand : g->getOpOperands())
    if (operand.getOperandNumber() != cOperand)
      bytes += bufferBytes(operand.get());
  return bytes;
}

std::optional<Epilogue> findEpilogue(Operation *kernel, Value c) {
  auto alloc = c.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != kernel->getBlock())
    return std::nullopt;
  Epilogue e;
  // C may reach the consumer through an expand_shape that only adds unit
  // dimensions (a matmul's [M, N] read as [1, M, N]).
  for (Operation *user : c.getUsers()) {
    auto expand = dyn_cast<memref::ExpandShapeOp>(user);
    if (!expand)
      continue;
    if (e.view || !expand->hasOneUse())
      return std::nullopt;
    auto shape = expand.getResultType().getShape();
    for (const ReassociationIndices &group :
         expand.getReassociationIndices()) {
      // The dimension carrying C's size: the one not 1, else the last.
      int64_t keep = group.back();
      for (int64_t d : group)
        if (shape[d] != 1)
          keep = d;
      for (int64_t d : group) {
        if (d == keep)
          continue;
        if (shape[d] != 1)
          return std::nullopt;
        e.unitDims.push_back(d);
      }
    }
    e.view = expand;
  }
  Value seen = e.view ? e.view->getResult(0) : c;
  linalg::GenericOp consumer;
  for (Operation *user : seen.getUsers()) {
    if (user == e.view)
      continue;
    if (user == kernel)
      continue;
    auto g = dyn_cast<linalg::GenericOp>(user);
    if (!g || consumer || g->getBlock() != kernel->getBlock() ||
        !kernel->isBeforeInBlock(g))
      return std::nullopt;
    consumer = g;
  }
  if (!consumer || !consumer.hasPureBufferSemantics() ||
      consumer.getNumDpsInits() != 1 ||
      consumer.getNumParallelLoops() != consumer.getNumLoops())
    return std::nullopt;
  auto cType = cast<MemRefType>(seen.getType());
  if ((int64_t)consumer.getNumLoops() != cType.getRank())
    return std::nullopt;
  e.op = consumer;
  bool found = false;
  for (OpOperand &operand : consumer->getOpOperands()) {
    AffineMap map = consumer.getMatchingIndexingMap(&operand);
    if (operand.get() == seen) {
      // C read (or written in place) element for element.
      if (!map.isIdentity() || found)
        return std::nullopt;
      found = true;
      e.cOperand = operand.getOperandNumber();
      continue;
    }
    auto t = dyn_cast<MemRefType>(operand.get().getType());
    if (!t || !t.hasStaticShape())
      return std::nullopt;
    // Whole bytes: a vector of i1 in memory would be bit-packed.
    Type elt = t.getElementType();
    if (!elt.isIntOrFloat() || elt.getIntOrFloatBitWidth() % 8 != 0)
      return std::nullopt;
    unsigned last = consumer.getNumLoops() - 1;
    for (unsigned r = 0; r < map.getNumResults(); ++r) {
      AffineExpr x = map.getResult(r);
      if (auto d = dyn_cast<AffineDimExpr>(x)) {
        if (d.getPosition() == last && r + 1 != map.getNumResults())
          return std::nullopt;
        continue;
      }
      auto k = dyn_cast<AffineConstantExpr>(x);
      if (!k || k.getValue() != 0)
        return std::nullopt;
    }
    if (consumer.isDpsInit(&operand) && !map.isIdentity())
      return std::nullopt;
  }
  if (!found)
    return std::nullopt;
  for (Operation &inside : consumer.getRegion().front().without_terminator())
    if (!isVectorizableBodyOp(inside) || isa<linalg::IndexOp>(inside))
      return std::nullopt;
  // Nothing between the kernel and the consumer touches the consumer's
  // buffers (through any view of them), except what can move before the
  // kernel: their allocations, views, constants, and fills of the output
  // (a pad's zeros around the interior the consumer writes).
  auto root = [](Value v) {
    while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
      v = view.getViewSource();
    return v;
  };
  llvm::SmallPtrSet<Value, 8> roots;
  for (Value v : consumer->getOperands())
    if (v != seen)
      roots.insert(root(v));
  Value out = root(consumer.getDpsInits()[0]);
  // The consumer's output is not one the kernel reads while it runs.
  for (Value in : kernel->getOperands())
    if (isa<MemRefType>(in.getType()) && root(in) == out && in != c)
      return std::nullopt;
  SmallVector<Operation *> toMove;
  auto availableBefore = [&](Value v) {
    Operation *def = v.getDefiningOp();
    return !def || def->getBlock() != kernel->getBlock() ||
           def->isBeforeInBlock(kernel) || llvm::is_contained(toMove, def);
  };
  for (Operation *op = kernel->getNextNode(); op != consumer;
       op = op->getNextNode()) {
    if (op == e.view)
      continue;
    bool involved = false;
    for (Value r : op->getResults())
      involved |= roots.count(root(r)) != 0 ||
                  llvm::is_contained(consumer->getOperands(), r);
    op->walk([&](Operation *inner) {
      for (Value operand : inner->getOperands())
        if (isa<MemRefType>(operand.getType()) && roots.count(root(operand)))
          involved = true;
    });
    if (!involved)
      continue;
    bool movable =
        llvm::all_of(op->getOperands(), availableBefore) &&
        (isa<memref::AllocOp, memref::GetGlobalOp, arith::ConstantOp,
             ViewLikeOpInterface>(op) ||
         (isa<linalg::FillOp>(op) &&
          root(cast<linalg::FillOp>(op).getDpsInits()[0]) == out));
    if (!movable)
      return std::nullopt;
    toMove.push_back(op);
  }
  for (Operation *def : toMove)
    def->moveBefore(kernel);
  // The view, used only by the consumer, is erased with it: it must not
  // be in the way.
  return e;
}

/// The epilogue's result for `value` at C's indices `cIvs` (no store);
/// `at` gets the output's indices.
static Value computeEpilogue(OpBuilder &b, Location loc, const Epilogue &e,
                             ArrayRef<Value> cIvs, Value value, bool masked,
                             SmallVectorImpl<Value> &outAt) {
  linalg::GenericOp g = e.op;
  // C's indices in the generic's loop space.
  SmallVector<Value> ivs;
  for (int64_t d = 0, k = 0; d < (int64_t)g.getNumLoops(); ++d)
    ivs.push_back(llvm::is_contained(e.unitDims, d)
                      ? b.create<arith::ConstantIndexOp>(loc, 0).getResult()
                      : cIvs[k++]);
  Block &body = g.getRegion().front();
  auto vt = dyn_cast<VectorType>(value.getType());
  int64_t lanes = vt ? vt.getDimSize(0) : 1;
  unsigned last = g.getNumLoops() - 1;
  auto indicesOf = [&](OpOperand &operand) {
    SmallVector<Value> out;
    for (AffineExpr x : g.getMatchingIndexingMap(&operand).getResults()) {
      if (auto d = dyn_cast<AffineDimExpr>(x))
        out.push_back(ivs[d.getPosition()]);
      else
        out.push_back(b.create<arith::ConstantIndexOp>(loc, 0));
    }
    return out;
  };
  auto readsLast = [&](OpOperand &operand) {
    AffineMap map = g.getMatchingIndexingMap(&operand);
    return map.getNumResults() &&
           map.getResults().back().isFunctionOfDim(last);
  };
  IRMapping map;
  for (OpOperand &operand : g->getOpOperands()) {
    BlockArgument arg = body.getArgument(operand.getOperandNumber());
    if (operand.getOperandNumber() == e.cOperand) {
      map.map(arg, value);
      continue;
    }
    if (arg.use_empty())
      continue;
    Value memref = operand.get();
    SmallVector<Value> at = indicesOf(operand);
    Type elt = cast<MemRefType>(memref.getType()).getElementType();
    if (!vt || !readsLast(operand)) {
      map.map(arg, b.create<memref::LoadOp>(loc, memref, at));
    } else if (!masked) {
      map.map(arg, b.create<vector::LoadOp>(
                       loc, VectorType::get({lanes}, elt), memref, at));
    } else {
      Value pad = b.create<arith::ConstantOp>(loc, b.getZeroAttr(elt));
      map.map(arg, b.create<vector::TransferReadOp>(
                       loc, VectorType::get({lanes}, elt), memref, at, pad,
                       ArrayRef<bool>{false}));
    }
  }
  cloneBodyOnVectors(b, loc, body, map, lanes, nullptr,
                     [](OpBuilder &, unsigned) -> Value { return {}; });
  Value result = map.lookupOrDefault(
      cast<linalg::YieldOp>(body.getTerminator()).getOperand(0));
  outAt = indicesOf(g.getDpsInitsMutable()[0]);
  return vt ? widenToVector(b, loc, result, lanes) : result;
}

Value epilogueValue(OpBuilder &b, Location loc, const Epilogue &e,
                    ArrayRef<Value> cIvs, Value value, bool masked) {
  SmallVector<Value> at;
  return computeEpilogue(b, loc, e, cIvs, value, masked, at);
}

void applyEpilogue(OpBuilder &b, Location loc, const Epilogue &e,
                   ArrayRef<Value> cIvs, Value value, bool masked) {
  SmallVector<Value> at;
  Value result = computeEpilogue(b, loc, e, cIvs, value, masked, at);
  linalg::GenericOp g = e.op;
  Value out = g.getDpsInits()[0];
  if (!isa<VectorType>(result.getType())) {
    b.create<memref::StoreOp>(loc, result, out, at);
    return;
  }
  if (masked)
    b.create<vector::TransferWriteOp>(loc, result, out, at,
                                      ArrayRef<bool>{false});
  else
    b.create<vector::StoreOp>(loc, result, out, at);
}

void retireEpilogue(std::optional<Epilogue> &e, std::string &fused,
                    uint64_t &bytes, uint64_t bytesWithout) {
  if (!e) {
    bytes += bytesWithout;
    return;
  }
  fused += (fused.empty() ? "" : ", ") + e->describe();
  bytes += e->extraBytes();
  eraseEpilogue(*e);
}

void eraseEpilogue(Epilogue &e) {
  e.op.erase();
  if (e.view && e.view->use_empty())
    e.view->erase();
  e.view = nullptr;
}

LogicalResult collapseEpilogue(Epilogue &e, Operation *kernel,
                               ArrayRef<ReassociationIndices> groups) {
  for (Value v : e.op->getOperands()) {
    auto t = cast<MemRefType>(v.getType());
    if (!t.getLayout().isIdentity())
      return failure();
  }
  // Every operand must read loops only (no constant indices), the collapsed
  // ones together or not at all.
  for (AffineMap map : e.op.getIndexingMapsArray())
    if (!map.isProjectedPermutation())
      return failure();
  for (AffineMap map : e.op.getIndexingMapsArray())
    for (const ReassociationIndices &group : groups) {
      if (group.size() < 2)
        continue;
      unsigned used = 0;
      for (int64_t d : group)
        used += map.isFunctionOfDim(d);
      if (used != 0 && used != group.size())
        return failure();
    }
  if (!linalg::areDimSequencesPreserved(e.op.getIndexingMapsArray(), groups))
    return failure();
  // The collapsed views must be there before the kernel uses them.
  IRRewriter rewriter(e.op->getContext());
  rewriter.setInsertionPoint(kernel);
  FailureOr<linalg::CollapseResult> collapsed =
      linalg::collapseOpIterationDims(e.op, groups, rewriter);
  if (failed(collapsed))
    return failure();
  auto g = dyn_cast<linalg::GenericOp>(collapsed->collapsedOp.getOperation());
  if (!g)
    return failure();
  // On buffers there are no results to replace; the old op goes.
  rewriter.eraseOp(e.op);
  e.op = g;
  return success();
}

} // namespace mlc::cpu
