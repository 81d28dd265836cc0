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

/// When `t` is a static unit-stride window of a fresh buffer P that one
/// linalg.fill before `writer` fills whole and nothing else writes, the
/// fill needs to cover only P outside the window (which `writer` writes):
/// it becomes fills of the slabs around it (a pad's border).
void shrinkFill(Operation *writer, Value t) {
  auto window = t.getDefiningOp<memref::SubViewOp>();
  if (!window || !window.hasUnitStride() ||
      !window.getSource().getDefiningOp<memref::AllocOp>())
    return;
  Value p = window.getSource();
  auto pType = cast<MemRefType>(p.getType());
  if (!pType.getLayout().isIdentity() || pType.getRank() == 0)
    return;
  ArrayRef<int64_t> offsets = window.getStaticOffsets();
  ArrayRef<int64_t> sizes = window.getStaticSizes();
  if (ShapedType::isDynamicShape(offsets) || ShapedType::isDynamicShape(sizes) ||
      (int64_t)sizes.size() != pType.getRank())
    return;
  linalg::FillOp fill;
  for (Operation *user : p.getUsers()) {
    if (user == window)
      continue;
    if (auto f = dyn_cast<linalg::FillOp>(user)) {
      if (fill || f.getDpsInits()[0] != p ||
          f->getBlock() != writer->getBlock() || !f->isBeforeInBlock(writer))
        return;
      fill = f;
      continue;
    }
    // Readers after the writer are fine.
    if (user->getBlock() != writer->getBlock() ||
        !writer->isBeforeInBlock(user))
      return;
  }
  if (!fill)
    return;
  // The window's other users: `writer` and fills that initialize it.
  for (Operation *user : window->getUsers())
    if (user != writer && !isa<linalg::FillOp>(user))
      return;
  OpBuilder b(fill);
  Location loc = fill.getLoc();
  int64_t rank = pType.getRank();
  // Columns: with a border on both sides of the window in the last two
  // dimensions (a 2-D pad), the right border of row r and the left border
  // of row r + 1 are adjacent in memory. One strided view over those pairs
  // (rows o - 1 .. o + s - 1 of the window's rows) replaces the two
  // column slabs, whose every element is a separate store (or a scatter).
  bool pairedColumns = false;
  if (rank >= 2) {
    int64_t d = rank - 1, w = pType.getDimSize(d), h = pType.getDimSize(d - 1);
    int64_t left = offsets[d], right = w - offsets[d] - sizes[d];
    if (left > 0 && right > 0 && offsets[d - 1] >= 1 &&
        offsets[d - 1] + sizes[d - 1] < h) {
      SmallVector<int64_t> strides;
      int64_t unused;
      (void)getStridesAndOffset(pType, strides, unused);
      SmallVector<int64_t> size(sizes.begin(), sizes.end() - 2),
          stride(strides.begin(), strides.end() - 2);
      int64_t offset = 0;
      for (int64_t k = 0; k + 2 < rank; ++k)
        offset += offsets[k] * strides[k];
      offset += (offsets[d - 1] - 1) * strides[d - 1] + offsets[d] + sizes[d];
      size.append({sizes[d - 1] + 1, left + right});
      stride.append({strides[d - 1], 1});
      auto type = MemRefType::get(
          size, pType.getElementType(),
          StridedLayoutAttr::get(b.getContext(), offset, stride));
      SmallVector<OpFoldResult> sizeOfr, strideOfr;
      for (int64_t v : size)
        sizeOfr.push_back(b.getIndexAttr(v));
      for (int64_t v : stride)
        strideOfr.push_back(b.getIndexAttr(v));
      auto pairs = b.create<memref::ReinterpretCastOp>(
          loc, type, p, b.getIndexAttr(offset), sizeOfr, strideOfr);
      b.create<linalg::FillOp>(loc, fill.getInputs(), ValueRange{pairs});
      pairedColumns = true;
    }
  }
  // Box complement: for each dimension d, the slabs before and after the
  // window in d, spanning the window in dimensions < d and all of P in
  // dimensions > d.
  for (int64_t d = 0; d < rank; ++d) {
    if (pairedColumns && d == rank - 1)
      continue;
    for (int side = 0; side < 2; ++side) {
      int64_t begin = side == 0 ? 0 : offsets[d] + sizes[d];
      int64_t end = side == 0 ? offsets[d] : pType.getDimSize(d);
      if (end <= begin)
        continue;
      SmallVector<int64_t> off(rank), size(rank), one(rank, 1);
      for (int64_t k = 0; k < rank; ++k) {
        if (k < d) {
          off[k] = offsets[k];
          size[k] = sizes[k];
        } else if (k == d) {
          off[k] = begin;
          size[k] = end - begin;
        } else {
          off[k] = 0;
          size[k] = pType.getDimSize(k);
        }
      }
      auto slab = b.create<memref::SubViewOp>(loc, p, off, size, one);
      b.create<linalg::FillOp>(loc, fill.getInputs(), ValueRange{slab});
    }
  }
  fill.erase();
}

LogicalResult forward(memref::CopyOp copy) {
  Value d = copy.getSource(), t = copy.getTarget();
  auto alloc = d.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != copy->getBlock() ||
      !alloc.getType().hasStaticShape() ||
      cast<MemRefType>(d.getType()).getShape() !=
          cast<MemRefType>(t.getType()).getShape())
    return failure();
  // 1. The writer, and the fill that initializes D when the writer
  // accumulates into it (a pooling window's reduction).
  linalg::LinalgOp writer;
  linalg::FillOp init;
  for (Operation *user : d.getUsers()) {
    if (user == copy)
      continue;
    if (auto f = dyn_cast<linalg::FillOp>(user)) {
      if (init || f->getBlock() != copy->getBlock() ||
          f.getDpsInits()[0] != d)
        return failure();
      init = f;
      continue;
    }
    auto g = dyn_cast<linalg::LinalgOp>(user);
    if (!g || writer || isa<linalg::FillOp>(user) ||
        g->getBlock() != copy->getBlock() || !g->isBeforeInBlock(copy))
      return failure();
    writer = g;
  }
  if (!writer || !writer.hasPureBufferSemantics() ||
      writer.getNumDpsInits() != 1 || writer.getDpsInits()[0] != d ||
      llvm::is_contained(writer.getDpsInputs(), d))
    return failure();
  bool readsOutput =
      writer.payloadUsesValueFromOperand(writer.getDpsInitOperand(0));
  if (init) {
    // D starts as the fill's value and the writer combines into it.
    if (!init->isBeforeInBlock(writer))
      return failure();
  } else if (readsOutput || !isa<linalg::GenericOp>(writer) ||
             writer.getNumParallelLoops() != writer.getNumLoops() ||
             !writer.getMatchingIndexingMap(writer.getDpsInitOperand(0))
                  .isIdentity()) {
    return failure();
  }
  // 2. Between the writer and the copy.
  Value target = rootOf(t);
  for (Value in : writer.getDpsInputs())
    if (isa<MemRefType>(in.getType()) && rootOf(in) == target)
      return failure();
  // Everything T needs moves before the first op that writes D (the fill
  // or the writer).
  Operation *anchor = init ? init.getOperation() : writer.getOperation();
  SmallVector<Operation *> toMove;
  auto availableBefore = [&](Value v) {
    Operation *def = v.getDefiningOp();
    return !def || def->getBlock() != anchor->getBlock() ||
           def->isBeforeInBlock(anchor) || llvm::is_contained(toMove, def);
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
  // Also T's defining chain when it comes after the anchor.
  for (Operation *op = anchor->getNextNode(); op != copy;
       op = op->getNextNode()) {
    if (op == writer)
      continue;
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
    op->moveBefore(anchor);
  if (init)
    init.getDpsInitsMutable()[0].assign(t);
  writer->setOperand(writer.getDpsInitOperand(0)->getOperandNumber(), t);
  copy.erase();
  if (d.use_empty())
    alloc.erase();
  shrinkFill(writer, t);
  return success();
}

struct ForwardCopiesPass : impl::ForwardCopiesPassBase<ForwardCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    for (memref::CopyOp copy : copies)
      if (failed(forward(copy)))
        // The copy itself writes the window (a graph input into a pad's
        // interior): the fill before it needs to cover the border only.
        shrinkFill(copy, copy.getTarget());
  }
};

} // namespace
} // namespace mlc::cpu
