//===- KernelTasks.cpp - tunable kernels: workloads, schedules, extraction ===//

#include "codegen/cpu/KernelTasks.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace mlc::cpu {

// Defined beside their kernels (MatmulKernels.cpp, ConvKernels.cpp).
std::optional<KernelWorkload> describeMatmulWorkload(Operation *op);
std::optional<KernelWorkload> describeConvWorkload(Operation *op);
std::optional<KernelWorkload> describeBlockedConvWorkload(Operation *op);

std::optional<KernelWorkload> describeWorkload(Operation *op) {
  if (isa<linalg::MatmulOp, linalg::MatmulTransposeBOp,
          linalg::BatchMatmulOp>(op))
    return describeMatmulWorkload(op);
  if (isa<linalg::Conv2DNchwFchwOp>(op))
    return describeConvWorkload(op);
  if (op->getName().getStringRef() == "graph.conv2d_nchwc")
    return describeBlockedConvWorkload(op);
  return std::nullopt;
}

std::vector<Operation *> tunableOps(ModuleOp module) {
  std::vector<Operation *> ops;
  module.walk([&](Operation *op) {
    if (describeWorkload(op))
      ops.push_back(op);
  });
  return ops;
}

std::optional<int64_t> scheduleKnob(Operation *op, llvm::StringRef name) {
  auto dict = op->getAttrOfType<DictionaryAttr>(kScheduleAttr);
  if (!dict)
    return std::nullopt;
  if (auto v = dict.getAs<IntegerAttr>(name))
    return v.getInt();
  return std::nullopt;
}

namespace {

/// The buffer `v` is a view of (through view-like ops), or `v`.
Value rootBuffer(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      break;
    v = view.getViewSource();
  }
  return v;
}

/// The root buffers `op` writes and reads (linalg ops, memref.copy, and
/// other destination-style ops: those read their inits too).
void accesses(Operation *op, SmallVectorImpl<Value> &writes,
              SmallVectorImpl<Value> &reads) {
  if (!isa<linalg::LinalgOp>(op))
    if (auto d = dyn_cast<DestinationStyleOpInterface>(op)) {
      for (OpOperand &o : op->getOpOperands()) {
        if (!isa<MemRefType>(o.get().getType()))
          continue;
        if (d.isDpsInit(&o))
          writes.push_back(rootBuffer(o.get()));
        reads.push_back(rootBuffer(o.get()));
      }
      return;
    }
  if (auto l = dyn_cast<linalg::LinalgOp>(op)) {
    for (OpOperand &o : l->getOpOperands()) {
      if (!isa<MemRefType>(o.get().getType()))
        continue;
      if (l.isDpsInit(&o)) {
        writes.push_back(rootBuffer(o.get()));
        if (l.payloadUsesValueFromOperand(&o))
          reads.push_back(rootBuffer(o.get()));
      } else {
        reads.push_back(rootBuffer(o.get()));
      }
    }
  } else if (auto copy = dyn_cast<memref::CopyOp>(op)) {
    reads.push_back(rootBuffer(copy.getSource()));
    writes.push_back(rootBuffer(copy.getTarget()));
  }
}

/// Whether `v` covers all of its root buffer (no subview on the way).
bool coversRoot(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (isa<memref::SubViewOp>(def))
      return false;
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      break;
    v = view.getViewSource();
  }
  return true;
}

/// Whether `op` writes every element of `root` (its init or copy target
/// covers the root).
bool writesWhole(Operation *op, Value root) {
  if (auto l = dyn_cast<DestinationStyleOpInterface>(op)) {
    for (OpOperand &o : l.getDpsInitsMutable())
      if (rootBuffer(o.get()) == root && coversRoot(o.get()))
        return true;
    return false;
  }
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return rootBuffer(copy.getTarget()) == root && coversRoot(copy.getTarget());
  return false;
}

/// Ops that only name values (views, constants, globals, allocations):
/// they never order the kernel's neighbours.
bool isInert(Operation *op) {
  return isa<ViewLikeOpInterface, memref::GetGlobalOp, memref::AllocOp,
             memref::AllocaOp>(op) ||
         isPure(op);
}

} // namespace

FailureOr<OwningOpRef<ModuleOp>>
extractKernel(Operation *op, llvm::StringRef funcName,
              std::vector<KernelArgument> &arguments) {
  arguments.clear();
  auto func = op->getParentOfType<func::FuncOp>();
  auto module = op->getParentOfType<ModuleOp>();
  if (!func || !module || op->getBlock() != &func.getBody().front())
    return failure();
  auto dps = dyn_cast<DestinationStyleOpInterface>(op);
  if (!dps || dps.getNumDpsInits() != 1)
    return failure();
  Value out = rootBuffer(dps.getDpsInits()[0]);

  // The kernel and the first reader of its output after it (the epilogue
  // candidate).
  llvm::SetVector<Operation *> selected;
  selected.insert(op);
  Operation *consumer = nullptr;
  for (Operation *next = op->getNextNode(); next; next = next->getNextNode()) {
    if (isInert(next))
      continue;
    SmallVector<Value> writes, reads;
    accesses(next, writes, reads);
    if (llvm::is_contained(reads, out)) {
      selected.insert(next);
      consumer = next;
      break;
    }
    if (llvm::is_contained(writes, out) ||
        !isa<DestinationStyleOpInterface, memref::CopyOp>(next))
      break;
  }
  // The buffers they accumulate into, or write only in part (the interior
  // of a padded buffer), get what wrote them before: the writers back to
  // one that writes the whole buffer without reading it (a fill, a
  // broadcast bias).
  SmallVector<std::pair<Value, Operation *>> uninitialized;
  for (Operation *user : SmallVector<Operation *>(selected.begin(),
                                                  selected.end())) {
    SmallVector<Value> writes, reads;
    accesses(user, writes, reads);
    for (auto [i, w] : llvm::enumerate(writes))
      if (w == out || llvm::is_contained(reads, w) ||
          !writesWhole(user, w))
        uninitialized.push_back({w, user});
  }
  for (auto [root, user] : uninitialized) {
    int budget = 256;
    for (Operation *prev = user->getPrevNode(); prev && budget-- > 0;
         prev = prev->getPrevNode()) {
      if (isInert(prev))
        continue;
      SmallVector<Value> writes, reads;
      accesses(prev, writes, reads);
      if (!llvm::is_contained(writes, root))
        continue;
      selected.insert(prev);
      if (!llvm::is_contained(reads, root) && writesWhole(prev, root))
        break;
    }
  }

  // What they use from above: views, constants and globals come along;
  // root buffers become arguments.
  llvm::SetVector<Value> roots;
  llvm::SetVector<Operation *> worklist(selected.begin(), selected.end());
  for (size_t i = 0; i < worklist.size(); ++i) {
    Operation *cur = worklist[i];
    bool bad = false;
    cur->walk([&](Operation *inner) {
      for (Value v : inner->getOperands()) {
        Operation *def = v.getDefiningOp();
        if (def && cur->isAncestor(def))
          continue;
        if (auto arg = dyn_cast<BlockArgument>(v)) {
          if (arg.getOwner()->getParentOp() != func) {
            if (!cur->isAncestor(arg.getOwner()->getParentOp()))
              bad = true;
            continue;
          }
          roots.insert(v);
          continue;
        }
        if (isa<memref::AllocOp, memref::AllocaOp>(def)) {
          roots.insert(v);
          continue;
        }
        if (def->getBlock() != &func.getBody().front() ||
            !(isa<ViewLikeOpInterface, memref::GetGlobalOp>(def) ||
              (isPure(def) && def->getNumRegions() == 0))) {
          bad = true;
          continue;
        }
        worklist.insert(def);
      }
    });
    if (bad)
      return failure();
  }

  // Written roots go last (the last one is the "output" of the package).
  SmallVector<Value> readRoots, writtenRoots;
  llvm::DenseSet<Value> written;
  for (Operation *o : selected) {
    SmallVector<Value> writes, reads;
    accesses(o, writes, reads);
    written.insert(writes.begin(), writes.end());
  }
  for (Value r : roots)
    (written.contains(r) ? writtenRoots : readRoots).push_back(r);
  if (writtenRoots.empty())
    return failure();
  // The kernel's final result (the epilogue's output when there is one)
  // is the last argument.
  Value finalOut = out;
  if (consumer) {
    SmallVector<Value> writes, reads;
    accesses(consumer, writes, reads);
    if (!writes.empty())
      finalOut = writes.front();
  }
  auto it = llvm::find(writtenRoots, finalOut);
  if (it != writtenRoots.end()) {
    writtenRoots.erase(it);
    writtenRoots.push_back(finalOut);
  }

  OpBuilder b(op->getContext());
  OwningOpRef<ModuleOp> result = ModuleOp::create(op->getLoc());
  b.setInsertionPointToEnd(result->getBody());
  SmallVector<Type> argTypes;
  for (Value r : llvm::concat<Value>(readRoots, writtenRoots)) {
    auto type = dyn_cast<MemRefType>(r.getType());
    if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity())
      return failure();
    argTypes.push_back(type);
    arguments.push_back({type, written.contains(r)});
  }
  auto newFunc = b.create<func::FuncOp>(op->getLoc(), funcName,
                                        b.getFunctionType(argTypes, {}));
  Block *body = newFunc.addEntryBlock();
  IRMapping map;
  unsigned argIndex = 0;
  for (Value r : llvm::concat<Value>(readRoots, writtenRoots))
    map.map(r, body->getArgument(argIndex++));
  // Clone in program order.
  b.setInsertionPointToStart(body);
  SymbolTable symbols(module);
  SymbolTable newSymbols(*result);
  for (Operation &o : func.getBody().front()) {
    if (!worklist.contains(&o))
      continue;
    if (auto get = dyn_cast<memref::GetGlobalOp>(&o)) {
      if (!newSymbols.lookup(get.getName())) {
        Operation *global = symbols.lookup(get.getName());
        if (!global)
          return failure();
        OpBuilder gb = OpBuilder::atBlockBegin(result->getBody());
        newSymbols.insert(gb.clone(*global));
      }
    }
    b.clone(o, map);
  }
  b.create<func::ReturnOp>(op->getLoc());
  return result;
}

} // namespace mlc::cpu
