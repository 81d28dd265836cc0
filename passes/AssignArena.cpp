//===- AssignArena.cpp - intermediate buffers as views of one arena --------===//
//
// 1. Number the top-level ops of each function's entry block (the execution
//    order).
// 2. For each static memref.alloc there, the lifetime is [its step, the last
//    step whose op uses the buffer or any view of it].
// 3. In-place hints: a linalg.generic whose indexing maps are all identities
//    may write its output over an input buffer of the same size.
// 4. Plan (MemoryPlan.h), add the arena argument, replace each alloc by a
//    memref.view at its offset.
//
//===----------------------------------------------------------------------===//

#include "passes/MemoryPlan.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlc {
#define GEN_PASS_DEF_ASSIGNARENAPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

/// Bytes of a static memref with an identity layout.
uint64_t byteSize(MemRefType type) {
  unsigned bits = type.getElementTypeBitWidth();
  return (uint64_t)type.getNumElements() * ((bits + 7) / 8);
}

struct AssignArenaPass : impl::AssignArenaPassBase<AssignArenaPass> {
  void runOnOperation() override {
    uint64_t arena = 0, total = 0, live = 0;
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      MemoryPlan plan;
      if (failed(planFunction(func, plan)))
        return signalPassFailure();
      arena = std::max(arena, plan.arenaSize);
      total += plan.totalBytes;
      live = std::max(live, plan.lowerBound);
    }
    Builder b(&getContext());
    getOperation()->setAttr("mlc.arena_bytes", b.getI64IntegerAttr(arena));
    getOperation()->setAttr("mlc.buffer_bytes", b.getI64IntegerAttr(total));
    getOperation()->setAttr("mlc.liveness_bytes", b.getI64IntegerAttr(live));
  }

  LogicalResult planFunction(func::FuncOp func, MemoryPlan &plan) {
    Block &entry = func.getBody().front();
    llvm::DenseMap<Operation *, int64_t> step;
    for (Operation &op : entry)
      step[&op] = step.size();

    SmallVector<memref::AllocOp> allocs;
    llvm::DenseMap<Value, int64_t> index; // alloc result -> buffer index
    for (auto alloc : entry.getOps<memref::AllocOp>()) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          type.getMemorySpace())
        continue;
      index[alloc.getResult()] = allocs.size();
      allocs.push_back(alloc);
    }

    std::vector<PlanBuffer> buffers(allocs.size());
    for (auto [i, alloc] : llvm::enumerate(allocs)) {
      PlanBuffer &buf = buffers[i];
      buf.size = byteSize(alloc.getType());
      buf.alignment = 64;
      buf.firstUse = buf.lastUse = step[alloc];
      // Follow views: their users keep the buffer alive.
      SmallVector<Value> worklist = {alloc.getResult()};
      while (!worklist.empty()) {
        Value v = worklist.pop_back_val();
        for (Operation *user : v.getUsers()) {
          Operation *top = entry.findAncestorOpInBlock(*user);
          if (top)
            buf.lastUse = std::max(buf.lastUse, step[top]);
          if (auto view = llvm::dyn_cast<ViewLikeOpInterface>(user))
            if (view.getViewSource() == v)
              for (Value r : user->getResults())
                worklist.push_back(r);
        }
      }
    }
    // In-place hints from elementwise generics (identity maps throughout).
    for (auto generic : entry.getOps<linalg::GenericOp>()) {
      if (generic.getNumDpsInits() != 1 ||
          !llvm::all_of(generic.getIndexingMapsArray(),
                        [](AffineMap m) { return m.isIdentity(); }))
        continue;
      auto out = index.find(generic.getDpsInitOperand(0)->get());
      if (out == index.end())
        continue;
      for (OpOperand *in : generic.getDpsInputOperands()) {
        auto src = index.find(in->get());
        if (src != index.end() && src->second != out->second &&
            buffers[src->second].size == buffers[out->second].size) {
          buffers[out->second].inPlaceOf = src->second;
          break;
        }
      }
    }
    if (std::string problem = checkBuffers(buffers); !problem.empty())
      return func.emitError("memory planning: ") << problem;
    plan = planMemory(buffers);
    if (std::string problem = verifyMemoryPlan(buffers, plan);
        !problem.empty())
      return func.emitError("memory planning produced a bad plan: ")
             << problem;

    // The arena argument, and the allocs as views of it.
    OpBuilder b(func.getContext());
    auto arenaType = MemRefType::get({(int64_t)plan.arenaSize},
                                     b.getIntegerType(8));
    unsigned argIndex = func.getNumArguments();
    func.insertArgument(argIndex, arenaType,
                        b.getDictionaryAttr(
                            b.getNamedAttr("mlc.arena", b.getUnitAttr())),
                        func.getLoc());
    Value arenaArg = func.getArgument(argIndex);
    for (auto [i, alloc] : llvm::enumerate(allocs)) {
      b.setInsertionPoint(alloc);
      Value offset = b.create<arith::ConstantIndexOp>(alloc.getLoc(),
                                                      plan.offsets[i]);
      Value view = b.create<memref::ViewOp>(alloc.getLoc(), alloc.getType(),
                                            arenaArg, offset, ValueRange{});
      // Deallocs of planned buffers go away with them.
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (llvm::isa<memref::DeallocOp>(user))
          user->erase();
      alloc.getResult().replaceAllUsesWith(view);
      alloc.erase();
    }
    return success();
  }
};

} // namespace
} // namespace mlc
