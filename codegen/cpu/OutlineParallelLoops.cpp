//===- OutlineParallelLoops.cpp - scf.parallel on the runtime's threads
//----===//
//
// 1. Give each kernel (public function with a body) the exec-context
//    argument `!llvm.ptr {mlc.exec_ctx}`, last.
// 2. Collect its outermost scf.parallel ops; keep those with constant
//    bounds, no results, and enough estimated work.
// 3. Split the captured values: constants and globals are cloned into the
//    body, the rest packed into a stack struct (memrefs as descriptors).
// 4. Create the private body function: unpack, loop over [begin, end) of
//    the collapsed outer dimensions, loop over the others, clone the body.
// 5. Replace the loop by the stores into the struct and the call of
//    mlc_rt_parallel_for.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/Support/MathExtras.h"

namespace mlc::cpu {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPSPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

constexpr llvm::StringLiteral kCtxAttr = "mlc.exec_ctx";
constexpr llvm::StringLiteral kParallelFor = "mlc_rt_parallel_for";
/// Outer dimensions are collapsed until they give this many iterations, so
/// that chunks come out even for common thread counts.
constexpr int64_t kMinCollapsed = 256;

/// The static trip counts of a loop op, or nothing.
std::optional<SmallVector<int64_t>> staticTripCounts(Operation *op) {
  SmallVector<Value> lbs, ubs, steps;
  if (auto p = dyn_cast<scf::ParallelOp>(op)) {
    lbs = p.getLowerBound();
    ubs = p.getUpperBound();
    steps = p.getStep();
  } else if (auto f = dyn_cast<scf::ForOp>(op)) {
    lbs = {f.getLowerBound()};
    ubs = {f.getUpperBound()};
    steps = {f.getStep()};
  } else {
    return std::nullopt;
  }
  SmallVector<int64_t> trips;
  for (auto [lb, ub, step] : llvm::zip(lbs, ubs, steps)) {
    auto l = getConstantIntValue(lb), u = getConstantIntValue(ub),
         s = getConstantIntValue(step);
    if (!l || !u || !s || *s <= 0)
      return std::nullopt;
    trips.push_back(*u > *l ? llvm::divideCeil(*u - *l, *s) : 0);
  }
  return trips;
}

/// Operations executed by one run of `block`: nested loops count their body
/// times their static trip count (once when it is not static).
uint64_t estimateWork(Block &block) {
  uint64_t work = 0;
  for (Operation &op : block) {
    uint64_t inner = 0;
    for (Region &region : op.getRegions())
      for (Block &b : region)
        inner = llvm::SaturatingAdd(inner, estimateWork(b));
    uint64_t trips = 1;
    if (auto counts = staticTripCounts(&op))
      for (int64_t t : *counts)
        trips = llvm::SaturatingMultiply(trips, (uint64_t)t);
    work = llvm::SaturatingAdd(work,
                               llvm::SaturatingAdd<uint64_t>(
                                   1, llvm::SaturatingMultiply(trips, inner)));
  }
  return work;
}

/// Whether `op` is cheaper to recreate in the body than to capture.
bool isRematerializable(Operation *op) {
  return op && op->getNumOperands() == 0 && op->getNumRegions() == 0 &&
         op->getNumResults() == 1 &&
         (op->hasTrait<OpTrait::ConstantLike>() ||
          isa<memref::GetGlobalOp>(op));
}

/// Static stack buffers at the top level of a parallel loop's body (e.g. a
/// convolution's panel): each iteration overwrites them before reading, so
/// one per thread, allocated outside the iterations, serves.
SmallVector<Operation *> scratchAllocas(scf::ParallelOp loop) {
  SmallVector<Operation *> out;
  for (Operation &op : loop.getBody()->without_terminator())
    if (auto alloca = dyn_cast<memref::AllocaOp>(op))
      if (alloca->getNumOperands() == 0)
        out.push_back(alloca);
  return out;
}

/// The kernel's exec-context argument, appended if it has none.
Value getOrAddCtxArgument(func::FuncOp func) {
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (func.getArgAttr(i, kCtxAttr))
      return func.getArgument(i);
  MLIRContext *ctx = func.getContext();
  unsigned index = func.getNumArguments();
  func.insertArgument(
      index, LLVM::LLVMPointerType::get(ctx),
      DictionaryAttr::get(ctx, {NamedAttribute(StringAttr::get(ctx, kCtxAttr),
                                               UnitAttr::get(ctx))}),
      func.getLoc());
  return func.getArgument(index);
}

struct OutlineParallelLoopsPass
    : impl::OutlineParallelLoopsPassBase<OutlineParallelLoopsPass> {
  using OutlineParallelLoopsPassBase::OutlineParallelLoopsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> kernels;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && func.isPublic())
        kernels.push_back(func);
    if (kernels.empty())
      return;
    SymbolTable symbols(module);
    LLVMTypeConverter converter(&getContext());
    for (func::FuncOp func : kernels) {
      Value ctx = getOrAddCtxArgument(func);
      SmallVector<scf::ParallelOp> loops;
      func.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
        loops.push_back(loop);
        return WalkResult::skip(); // Nested ones stay inside.
      });
      unsigned counter = 0;
      for (scf::ParallelOp loop : loops) {
        bool outlined = false;
        if (failed(outline(loop, func, ctx, symbols, converter, counter,
                           outlined)))
          return signalPassFailure();
        // A serial loop's scratch buffers are allocated once, at the start
        // of the kernel.
        if (!outlined)
          for (Operation *alloca : scratchAllocas(loop))
            alloca->moveBefore(&func.getBody().front().front());
      }
    }
  }

  /// The declaration of mlc_rt_parallel_for, created on first use.
  FailureOr<func::FuncOp> getParallelFor(SymbolTable &symbols,
                                         FunctionType bodyType) {
    MLIRContext *ctx = &getContext();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    auto type = FunctionType::get(
        ctx, {ptr, IntegerType::get(ctx, 64), bodyType, ptr}, {});
    Operation *existing = symbols.lookup(kParallelFor);
    if (auto func = dyn_cast_or_null<func::FuncOp>(existing)) {
      if (func.getFunctionType() == type)
        return func;
    }
    if (existing) {
      existing->emitError() << "'" << kParallelFor
                            << "' is declared with another type than the "
                               "runtime's: "
                            << type;
      return failure();
    }
    OpBuilder b(ctx);
    ModuleOp module = getOperation();
    b.setInsertionPointToStart(module.getBody());
    auto decl = b.create<func::FuncOp>(module.getLoc(), kParallelFor, type);
    decl.setPrivate();
    symbols.insert(decl);
    return decl;
  }

  /// Outlines `loop` if it qualifies; fails only on a module-level problem.
  LogicalResult outline(scf::ParallelOp loop, func::FuncOp func, Value execCtx,
                        SymbolTable &symbols, LLVMTypeConverter &converter,
                        unsigned &counter, bool &outlined) {
    // 2. Which loops.
    if (loop.getNumResults() != 0)
      return success();
    auto trips = staticTripCounts(loop);
    if (!trips)
      return success();
    uint64_t total = 1;
    for (int64_t t : *trips)
      total = llvm::SaturatingMultiply(total, (uint64_t)t);
    if (total < 2 || llvm::SaturatingMultiply(
                         total, estimateWork(*loop.getBody())) < minWork)
      return success();
    unsigned collapsed = 0;
    int64_t n = 1;
    while (collapsed < trips->size() && n < kMinCollapsed)
      n *= (*trips)[collapsed++];

    // 3. Captures.
    MLIRContext *ctx = &getContext();
    Location loc = loop.getLoc();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = IntegerType::get(ctx, 64);
    llvm::SetVector<Value> above;
    getUsedValuesDefinedAbove(loop.getRegion(), above);
    SmallVector<Value> captured, cloned;
    SmallVector<Type> fields;
    for (Value v : above) {
      if (isRematerializable(v.getDefiningOp())) {
        cloned.push_back(v);
        continue;
      }
      Type field;
      if (isa<MemRefType>(v.getType()))
        field = converter.convertType(v.getType());
      else if (v.getType().isIndex())
        field = i64;
      else if (LLVM::isCompatibleType(v.getType()))
        field = v.getType();
      if (!field || !LLVM::isCompatibleType(field))
        return success(); // Stays serial.
      captured.push_back(v);
      fields.push_back(field);
    }
    auto structType = LLVM::LLVMStructType::getLiteral(ctx, fields);

    // 4. The body function.
    auto bodyType = FunctionType::get(ctx, {ptr, i64, i64}, {});
    FailureOr<func::FuncOp> parallelFor = getParallelFor(symbols, bodyType);
    if (failed(parallelFor))
      return failure();
    OpBuilder b(ctx);
    b.setInsertionPointAfter(func);
    // <function>_k<kernel>_par<n>: the kernel's number in the report
    // (mlc-compile --report), for profiles.
    std::string name = func.getSymName().str();
    if (auto kernel = loop->getAttrOfType<IntegerAttr>("mlc.kernel"))
      name += "_k" + std::to_string(kernel.getInt());
    auto body = b.create<func::FuncOp>(
        loc, name + "_par" + std::to_string(counter++), bodyType);
    body.setPrivate();
    symbols.insert(body);
    Block *entry = body.addEntryBlock();
    b.setInsertionPointToStart(entry);
    IRMapping map;
    for (auto [i, v] : llvm::enumerate(captured)) {
      Value field = b.create<LLVM::GEPOp>(
          loc, ptr, structType, entry->getArgument(0),
          ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
      Value value = b.create<LLVM::LoadOp>(loc, fields[i], field);
      if (isa<MemRefType>(v.getType()))
        value = b.create<UnrealizedConversionCastOp>(loc, v.getType(), value)
                    .getResult(0);
      else if (v.getType().isIndex())
        value = b.create<arith::IndexCastOp>(loc, v.getType(), value);
      map.map(v, value);
    }
    for (Value v : cloned)
      b.clone(*v.getDefiningOp(), map);
    // Index constants go first in the entry block.
    OpBuilder constants = OpBuilder::atBlockBegin(entry);
    llvm::DenseMap<int64_t, Value> indexConstants;
    auto index = [&](int64_t c) -> Value {
      Value &v = indexConstants[c];
      if (!v)
        v = constants.create<arith::ConstantIndexOp>(loc, c);
      return v;
    };
    Type indexType = b.getIndexType();
    Value begin =
        b.create<arith::IndexCastOp>(loc, indexType, entry->getArgument(1));
    Value end =
        b.create<arith::IndexCastOp>(loc, indexType, entry->getArgument(2));
    // Scratch buffers of an iteration: once per call, i.e. per thread.
    SmallVector<Operation *> allocas = scratchAllocas(loop);
    for (Operation *alloca : allocas)
      b.clone(*alloca, map);
    auto chunkLoop = b.create<scf::ForOp>(loc, begin, end, index(1));
    b.setInsertionPoint(chunkLoop.getBody()->getTerminator());
    // Delinearize: the last collapsed dimension varies fastest.
    SmallVector<Value> ivs(trips->size());
    Value rest = chunkLoop.getInductionVar();
    for (int d = collapsed - 1; d >= 0; --d) {
      Value idx = rest;
      if (d > 0) {
        Value size = index((*trips)[d]);
        idx = b.create<arith::RemUIOp>(loc, rest, size);
        rest = b.create<arith::DivUIOp>(loc, rest, size);
      }
      ivs[d] = idx;
    }
    auto constant = [](Value v) { return *getConstantIntValue(v); };
    for (unsigned d = 0; d < collapsed; ++d) {
      int64_t lb = constant(loop.getLowerBound()[d]);
      int64_t step = constant(loop.getStep()[d]);
      if (step != 1)
        ivs[d] = b.create<arith::MulIOp>(loc, ivs[d], index(step));
      if (lb != 0)
        ivs[d] = b.create<arith::AddIOp>(loc, ivs[d], index(lb));
    }
    for (unsigned d = collapsed; d < trips->size(); ++d) {
      auto inner =
          b.create<scf::ForOp>(loc, index(constant(loop.getLowerBound()[d])),
                               index(constant(loop.getUpperBound()[d])),
                               index(constant(loop.getStep()[d])));
      ivs[d] = inner.getInductionVar();
      b.setInsertionPoint(inner.getBody()->getTerminator());
    }
    for (auto [iv, value] : llvm::zip(loop.getInductionVars(), ivs))
      map.map(iv, value);
    for (Operation &op : loop.getBody()->without_terminator())
      if (!llvm::is_contained(allocas, &op))
        b.clone(op, map);
    b.setInsertionPointToEnd(entry);
    b.create<func::ReturnOp>(loc);

    // 5. The call.
    Value captures;
    if (captured.empty()) {
      b.setInsertionPoint(loop);
      captures = b.create<LLVM::ZeroOp>(loc, ptr);
    } else {
      b.setInsertionPointToStart(&func.getBody().front());
      Value one = b.create<LLVM::ConstantOp>(loc, i64, b.getI64IntegerAttr(1));
      captures = b.create<LLVM::AllocaOp>(loc, ptr, structType, one);
      b.setInsertionPoint(loop);
      for (auto [i, v] : llvm::enumerate(captured)) {
        Value value = v;
        if (isa<MemRefType>(v.getType()))
          value = b.create<UnrealizedConversionCastOp>(loc, fields[i], v)
                      .getResult(0);
        else if (v.getType().isIndex())
          value = b.create<arith::IndexCastOp>(loc, i64, v);
        Value field = b.create<LLVM::GEPOp>(
            loc, ptr, structType, captures,
            ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
        b.create<LLVM::StoreOp>(loc, value, field);
      }
    }
    Value fn = b.create<func::ConstantOp>(loc, bodyType, body.getSymName());
    Value count = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(n));
    b.create<func::CallOp>(loc, *parallelFor,
                           ValueRange{execCtx, count, fn, captures});
    loop.erase();
    outlined = true;
    return success();
  }
};

} // namespace
} // namespace mlc::cpu
