//===- ForwardCopies.cpp - write results where they are copied to ---------===//
//
// See ForwardCopiesPass in Passes.td. Outline, per memref.copy(D, T):
// 1. D is a static memref.alloc of this block whose users are one
//    elementwise linalg.generic W that overwrites all of it (identity map,
//    output never read) and the copy, W before the copy.
// 2. Nothing between W and the copy touches T's buffer (through any view)
//    except ops that can move before W: T's allocation and views, constants,
//    and fills of T's buffer (a pad's zeros).
// 3. Move those before W, make W write T, erase the copy and D.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlc::cpu {
#define GEN_PASS_DEF_FORWARDCOPIESPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

Value rootOf(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

LogicalResult forward(memref::CopyOp copy) {
  Value d = copy.getSource(), t = copy.getTarget();
  auto alloc = d.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != copy->getBlock() ||
      !alloc.getType().hasStaticShape() || d.getType() == Type() ||
      cast<MemRefType>(d.getType()).getShape() !=
          cast<MemRefType>(t.getType()).getShape())
    return failure();
  // 1. The writer.
  linalg::GenericOp writer;
  for (Operation *user : d.getUsers()) {
    if (user == copy)
      continue;
    auto g = dyn_cast<linalg::GenericOp>(user);
    if (!g || writer || g->getBlock() != copy->getBlock() ||
        !g->isBeforeInBlock(copy))
      return failure();
    writer = g;
  }
  if (!writer || !writer.hasPureBufferSemantics() ||
      writer.getNumDpsInits() != 1 || writer.getDpsInits()[0] != d ||
      writer.getNumParallelLoops() != writer.getNumLoops() ||
      !writer.getMatchingIndexingMap(writer.getDpsInitOperand(0))
           .isIdentity() ||
      !writer.getRegion().front().getArguments().back().use_empty() ||
      llvm::is_contained(writer.getDpsInputs(), d))
    return failure();
  // 2. Between the writer and the copy.
  Value target = rootOf(t);
  for (Value in : writer.getDpsInputs())
    if (isa<MemRefType>(in.getType()) && rootOf(in) == target)
      return failure();
  SmallVector<Operation *> toMove;
  auto availableBefore = [&](Value v) {
    Operation *def = v.getDefiningOp();
    return !def || def->getBlock() != writer->getBlock() ||
           def->isBeforeInBlock(writer) || llvm::is_contained(toMove, def);
  };
  auto involves = [&](Operation *op) {
    for (Value r : op->getResults())
      if (r == t || (isa<MemRefType>(r.getType()) && rootOf(r) == target))
        return true;
    bool touches = false;
    op->walk([&](Operation *inner) {
      for (Value v : inner->getOperands())
        if (isa<MemRefType>(v.getType()) && rootOf(v) == target)
          touches = true;
    });
    return touches;
  };
  // Also T's defining chain when it comes after the writer.
  for (Operation *op = writer->getNextNode(); op != copy;
       op = op->getNextNode()) {
    bool defines = llvm::any_of(op->getResults(), [&](Value r) {
      return r == t || r == target;
    });
    if (!defines && !involves(op))
      continue;
    bool movable =
        llvm::all_of(op->getOperands(), availableBefore) &&
        (isa<memref::AllocOp, arith::ConstantOp, ViewLikeOpInterface>(op) ||
         (isa<linalg::FillOp>(op) &&
          rootOf(cast<linalg::FillOp>(op).getDpsInits()[0]) == target));
    if (!movable)
      return failure();
    toMove.push_back(op);
  }
  if (!availableBefore(t))
    return failure();
  // 3. Rewrite.
  for (Operation *op : toMove)
    op->moveBefore(writer);
  writer.getDpsInitsMutable()[0].assign(t);
  copy.erase();
  if (d.use_empty())
    alloc.erase();
  return success();
}

struct ForwardCopiesPass : impl::ForwardCopiesPassBase<ForwardCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    for (memref::CopyOp copy : copies)
      (void)forward(copy);
  }
};

} // namespace
} // namespace mlc::cpu
