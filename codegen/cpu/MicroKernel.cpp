//===- MicroKernel.cpp - the register-tile loop ---------------------------===//

#include "codegen/cpu/MicroKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <cstring>

using namespace mlir;

namespace mlc::cpu {

SmallVector<Value> emitRegisterTileLoop(OpBuilder &b, Location loc,
                                        const RegisterTile &tile, Value k0,
                                        Value k1, int64_t steps,
                                        ValueRange init, TileLoad loadB,
                                        TileLoad loadA) {
  auto vt = VectorType::get({tile.vl}, b.getF32Type());
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto loop = b.create<scf::ForOp>(
      loc, k0, k1, one, init,
      [&](OpBuilder &lb, Location l, Value k, ValueRange accs) {
        SmallVector<Value> cur(accs.begin(), accs.end());
        for (int64_t s = 0; s < steps; ++s) {
          SmallVector<Value> bv;
          for (int64_t j = 0; j < tile.nv; ++j)
            bv.push_back(loadB(lb, k, s, j));
          for (int64_t i = 0; i < tile.mr; ++i) {
            Value av =
                lb.create<vector::BroadcastOp>(l, vt, loadA(lb, k, s, i));
            for (int64_t j = 0; j < tile.nv; ++j)
              cur[i * tile.nv + j] = lb.create<vector::FMAOp>(
                  l, av, bv[j], cur[i * tile.nv + j]);
          }
        }
        lb.create<scf::YieldOp>(l, cur);
      });
  return SmallVector<Value>(loop.getResults());
}

Value widenToVector(OpBuilder &b, Location loc, Value v, int64_t lanes) {
  if (isa<VectorType>(v.getType()))
    return v;
  return b.create<vector::BroadcastOp>(
      loc, VectorType::get({lanes}, v.getType()), v);
}

bool isVectorizableBodyOp(Operation &op) {
  if (isa<linalg::IndexOp, arith::ConstantOp>(op))
    return true;
  if (!OpTrait::hasElementwiseMappableTraits(&op) || op.getNumRegions())
    return false;
  return llvm::all_of(op.getResultTypes(),
                      [](Type t) { return t.isIntOrIndexOrFloat(); });
}

void cloneBodyOnVectors(OpBuilder &b, Location loc, Block &body,
                        IRMapping &map, int64_t lanes, Operation *stopAt,
                        function_ref<Value(OpBuilder &, unsigned)> index) {
  for (Operation &inside : body.without_terminator()) {
    if (&inside == stopAt)
      break;
    if (auto indexOp = dyn_cast<linalg::IndexOp>(inside)) {
      map.map(indexOp.getResult(), index(b, indexOp.getDim()));
      continue;
    }
    bool anyVector = llvm::any_of(inside.getOperands(), [&](Value v) {
      return isa<VectorType>(map.lookupOrDefault(v).getType());
    });
    if (!anyVector) {
      b.clone(inside, map);
      continue;
    }
    SmallVector<Value> operands;
    for (Value v : inside.getOperands())
      operands.push_back(widenToVector(b, loc, map.lookupOrDefault(v), lanes));
    SmallVector<Type> types;
    for (Type t : inside.getResultTypes())
      types.push_back(VectorType::get({lanes}, t));
    OperationState state(loc, inside.getName(), operands, types,
                         inside.getAttrs());
    Operation *created = b.create(state);
    for (auto [from, to] : llvm::zip(inside.getResults(), created->getResults()))
      map.map(from, to);
  }
}

bool unitInnerStride(MemRefType t) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return t.getRank() > 0 &&
         succeeded(getStridesAndOffset(t, strides, offset)) &&
         strides.back() == 1;
}

std::optional<KernelOperands> staticF32Operands(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureBufferSemantics() ||
      linalgOp.getNumDpsInputs() != 2 || linalgOp.getNumDpsInits() != 1)
    return std::nullopt;
  KernelOperands k;
  k.in0 = linalgOp.getDpsInputs()[0];
  k.in1 = linalgOp.getDpsInputs()[1];
  k.out = linalgOp.getDpsInits()[0];
  k.t0 = dyn_cast<MemRefType>(k.in0.getType());
  k.t1 = dyn_cast<MemRefType>(k.in1.getType());
  k.tOut = dyn_cast<MemRefType>(k.out.getType());
  for (MemRefType t : {k.t0, k.t1, k.tOut})
    if (!t || !t.hasStaticShape() || !t.getElementType().isF32() ||
        t.getNumElements() == 0)
      return std::nullopt;
  return k;
}

void eraseUnusedPrivateGlobals(ModuleOp module) {
  for (auto global :
       llvm::make_early_inc_range(module.getOps<memref::GlobalOp>()))
    if (global.isPrivate() && SymbolTable::symbolKnownUseEmpty(global, module))
      global.erase();
}

Value plainCopy(OpBuilder &b, Location loc, Value v, bool isOutput,
                Operation *after) {
  auto type = cast<MemRefType>(v.getType());
  auto plain = MemRefType::get(type.getShape(), type.getElementType());
  Value copy = b.create<memref::AllocOp>(loc, plain, b.getI64IntegerAttr(64));
  if (isOutput) {
    OpBuilder ab(after->getContext());
    ab.setInsertionPointAfter(after);
    ab.create<memref::CopyOp>(loc, copy, v);
  } else {
    b.create<memref::CopyOp>(loc, v, copy);
  }
  return copy;
}

int64_t recordKernel(Operation *anchor, StringRef kind, StringRef shape,
                     StringRef fused, uint64_t flops, uint64_t bytes) {
  auto module = anchor->getParentOfType<ModuleOp>();
  if (!module)
    return -1;
  Builder b(module.getContext());
  SmallVector<Attribute> list;
  if (auto old = module->getAttrOfType<ArrayAttr>("mlc.kernels"))
    list.assign(old.begin(), old.end());
  list.push_back(b.getDictionaryAttr({
      b.getNamedAttr("kind", b.getStringAttr(kind)),
      b.getNamedAttr("shape", b.getStringAttr(shape)),
      b.getNamedAttr("fused", b.getStringAttr(fused)),
      b.getNamedAttr("flops", b.getI64IntegerAttr(flops)),
      b.getNamedAttr("bytes", b.getI64IntegerAttr(bytes)),
  }));
  module->setAttr("mlc.kernels", b.getArrayAttr(list));
  int64_t index = list.size() - 1;
  // The kernel's parallel loops are right before its anchor, after the
  // loops of the kernels emitted earlier (tagged already) and before the
  // linalg ops not yet emitted.
  auto tag = b.getI64IntegerAttr(index);
  for (Operation *op = anchor->getPrevNode(); op; op = op->getPrevNode()) {
    if (isa<linalg::LinalgOp>(op) || op->hasAttr(kKernelIndexAttr))
      break;
    if (isa<scf::ParallelOp>(op))
      op->setAttr(kKernelIndexAttr, tag);
  }
  return index;
}

uint64_t bufferBytes(Value memref) {
  auto t = dyn_cast<MemRefType>(memref.getType());
  if (!t || !t.hasStaticShape() || !t.getElementType().isIntOrFloat())
    return 0;
  return t.getNumElements() *
         ((t.getElementType().getIntOrFloatBitWidth() + 7) / 8);
}

void eraseIfUnused(Value buffer) {
  auto alloc = buffer.getDefiningOp<memref::AllocOp>();
  if (!alloc)
    return;
  for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
    if (isa<ViewLikeOpInterface>(user) && user->use_empty())
      user->erase();
  if (buffer.use_empty())
    alloc->erase();
}

std::optional<std::vector<float>> constantF32Values(Value v, ModuleOp module) {
  auto get = v.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return std::nullopt;
  auto global = module.lookupSymbol<memref::GlobalOp>(get.getName());
  if (!global || !global.getConstant() ||
      !global.getType().getElementType().isF32())
    return std::nullopt;
  Attribute init = global.getConstantInitValue();
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(init)) {
    auto values = dense.getValues<float>();
    return std::vector<float>(values.begin(), values.end());
  }
  if (auto res = dyn_cast_or_null<DenseResourceElementsAttr>(init)) {
    AsmResourceBlob *blob = res.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> raw = blob->getData();
    int64_t count = res.getType().getNumElements();
    if ((int64_t)raw.size() != count * 4)
      return std::nullopt;
    std::vector<float> out(count);
    std::memcpy(out.data(), raw.data(), raw.size());
    return out;
  }
  return std::nullopt;
}

Value createPackedGlobal(OpBuilder &b, Location loc, ModuleOp module,
                         ArrayRef<int64_t> shape, ArrayRef<float> values) {
  auto type = MemRefType::get(shape, b.getF32Type());
  auto blob = HeapAsmResourceBlob::allocateAndCopyInferAlign(values);
  auto attr = DenseResourceElementsAttr::get(
      RankedTensorType::get(shape, b.getF32Type()), "mlc_packed",
      std::move(blob));
  OpBuilder mb = OpBuilder::atBlockEnd(module.getBody());
  auto global = mb.create<memref::GlobalOp>(
      loc, "__mlc_packed", b.getStringAttr("private"), type, attr,
      /*constant=*/true, b.getI64IntegerAttr(64));
  SymbolTable(module).insert(global);
  return b.create<memref::GetGlobalOp>(loc, type, global.getSymName());
}

} // namespace mlc::cpu
