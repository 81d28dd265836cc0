//===- KernelOps.cpp - fused kernels the compiler forms --------------------===//
//
// graph.fused_attention: verifier, memory effects on buffers, and
// bufferization (inputs are read, `init` is overwritten entirely and
// becomes the result's buffer).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/KernelOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlc::graph;

#define GET_OP_CLASSES
#include "dialects/graph/IR/KernelOps.cpp.inc"

void GraphDialect::registerKernelOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/KernelOps.cpp.inc"
      >();
}

SmallVector<int64_t>
FusedAttentionOp::permuted(Value v, std::optional<ArrayRef<int64_t>> perm) {
  ArrayRef<int64_t> shape = llvm::cast<ShapedType>(v.getType()).getShape();
  if (!perm)
    return SmallVector<int64_t>(shape);
  SmallVector<int64_t> out;
  for (int64_t p : *perm)
    out.push_back(shape[p]);
  return out;
}

LogicalResult FusedAttentionOp::verify() {
  auto shape = [](Value v) {
    return llvm::cast<ShapedType>(v.getType());
  };
  ShapedType out = shape(getInit());
  for (Value operand : {getQ(), getKt(), getV(), getInit()}) {
    ShapedType t = shape(operand);
    if (!t.hasRank() || t.getRank() != 4 || !t.hasStaticShape() ||
        !t.getElementType().isF32())
      return emitOpError("expects static 4-D f32 q, kt, v and init");
  }
  for (std::optional<ArrayRef<int64_t>> perm :
       {getQPerm(), getKtPerm(), getVPerm(), getOutPerm()}) {
    if (!perm)
      continue;
    SmallVector<int64_t> sorted(*perm);
    llvm::sort(sorted);
    if (sorted != ArrayRef<int64_t>{0, 1, 2, 3})
      return emitOpError("expects permutations of 4 dimensions");
  }
  SmallVector<int64_t> q = permuted(getQ(), getQPerm()),
                       kt = permuted(getKt(), getKtPerm()),
                       v = permuted(getV(), getVPerm());
  // The logical y: init is transpose(y, out_perm).
  SmallVector<int64_t> y(4);
  ArrayRef<int64_t> outShape = out.getShape();
  for (int64_t i = 0; i < 4; ++i)
    y[getOutPerm() ? (*getOutPerm())[i] : i] = outShape[i];
  bool tensors = llvm::isa<RankedTensorType>(out);
  for (Value operand : getOperands())
    if (llvm::isa<RankedTensorType>(operand.getType()) != tensors)
      return emitOpError("expects all tensors or all buffers");
  if (tensors != (getNumResults() == 1) ||
      (tensors && getResult()[0].getType() != out))
    return emitOpError("has one result, of init's type, on tensors only");
  int64_t b = q[0], h = q[1], l = q[2], e = q[3], t = kt[3], f = v[3];
  if (ArrayRef<int64_t>(kt) != ArrayRef<int64_t>{b, h, e, t} ||
      ArrayRef<int64_t>(v) != ArrayRef<int64_t>{b, h, t, f} ||
      ArrayRef<int64_t>(y) != ArrayRef<int64_t>{b, h, l, f})
    return emitOpError("expects q (B, H, L, E), kt (B, H, E, T), "
                       "v (B, H, T, F) and init (B, H, L, F)");
  int64_t full[4] = {b, h, l, t};
  for (Value m : {getMask(), getKeep()}) {
    if (!m)
      continue;
    ShapedType mt = shape(m);
    if (!mt.hasStaticShape() || mt.getRank() > 4 ||
        !mt.getElementType().isF32())
      return emitOpError("expects a static f32 mask / keep of rank <= 4");
    for (int64_t i = 0; i < mt.getRank(); ++i) {
      int64_t d = mt.getDimSize(mt.getRank() - 1 - i);
      if (d != 1 && d != full[3 - i])
        return emitOpError("mask / keep does not broadcast to (B, H, L, T)");
    }
  }
  return success();
}

void FusedAttentionOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  for (OpOperand &operand : getOperation()->getOpOperands()) {
    if (!llvm::isa<MemRefType>(operand.get().getType()))
      continue;
    if (isDpsInit(&operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

bool FusedAttentionOp::bufferizesToMemoryRead(
    OpOperand &operand, const bufferization::AnalysisState &) {
  return !isDpsInit(&operand);
}

bool FusedAttentionOp::bufferizesToMemoryWrite(
    OpOperand &operand, const bufferization::AnalysisState &) {
  return isDpsInit(&operand);
}

bufferization::AliasingValueList FusedAttentionOp::getAliasingValues(
    OpOperand &operand, const bufferization::AnalysisState &) {
  if (isDpsInit(&operand))
    return {{getTiedOpResult(&operand), bufferization::BufferRelation::Equivalent}};
  return {};
}

LogicalResult FusedAttentionOp::bufferize(
    RewriterBase &rewriter, const bufferization::BufferizationOptions &options) {
  rewriter.setInsertionPoint(*this);
  auto buffer = [&](Value v) -> FailureOr<Value> {
    if (!v)
      return Value();
    return bufferization::getBuffer(rewriter, v, options);
  };
  FailureOr<Value> q = buffer(getQ()), kt = buffer(getKt()),
                   v = buffer(getV()), mask = buffer(getMask()),
                   keep = buffer(getKeep()), out = buffer(getInit());
  for (const FailureOr<Value> &r : {q, kt, v, mask, keep, out})
    if (failed(r))
      return failure();
  rewriter.create<FusedAttentionOp>(
      getLoc(), TypeRange{}, *q, *kt, *v, *mask, *keep, *out, getScaleAttr(),
      getMaskedValueAttr(), getQPermAttr(), getKtPermAttr(), getVPermAttr(),
      getOutPermAttr());
  bufferization::replaceOpWithBufferizedValues(rewriter, *this,
                                               ValueRange{*out});
  return success();
}
