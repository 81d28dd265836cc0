//===- KernelOps.cpp - fused kernels the compiler forms
//--------------------===//
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

/// A fused op is all on tensors (one result, of `init`'s type) or all on
/// buffers (no result).
static LogicalResult verifyTensorsOrBuffers(Operation *op, ShapedType init) {
  bool tensors = llvm::isa<RankedTensorType>(init);
  for (Value operand : op->getOperands())
    if (llvm::isa<RankedTensorType>(operand.getType()) != tensors)
      return op->emitOpError("expects all tensors or all buffers");
  if (tensors != (op->getNumResults() == 1) ||
      (tensors && op->getResult(0).getType() != init))
    return op->emitOpError("has one result, of init's type, on tensors only");
  return success();
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
  auto shape = [](Value v) { return llvm::cast<ShapedType>(v.getType()); };
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
  if (failed(verifyTensorsOrBuffers(*this, out)))
    return failure();
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

//===----------------------------------------------------------------------===//
// Destination style on tensors and buffers (shared by the fused ops)
//===----------------------------------------------------------------------===//

namespace {

/// Inputs are read and the init written, on buffers.
void dpsEffects(
    DestinationStyleOpInterface op,
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (!llvm::isa<MemRefType>(operand.get().getType()))
      continue;
    if (op.isDpsInit(&operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

/// The same op on the operands' buffers, without results; the init's
/// buffer replaces the result.
LogicalResult bufferizeDps(DestinationStyleOpInterface op,
                           RewriterBase &rewriter,
                           const bufferization::BufferizationOptions &options) {
  rewriter.setInsertionPoint(op);
  SmallVector<Value> buffers;
  for (Value v : op->getOperands()) {
    FailureOr<Value> buffer = bufferization::getBuffer(rewriter, v, options);
    if (failed(buffer))
      return failure();
    buffers.push_back(*buffer);
  }
  OperationState state(op->getLoc(), op->getName(), buffers, TypeRange{},
                       llvm::to_vector(op->getDiscardableAttrs()));
  state.propertiesAttr = op->getPropertiesAsAttribute();
  rewriter.create(state);
  Value out = buffers[op.getDpsInitOperand(0)->getOperandNumber()];
  bufferization::replaceOpWithBufferizedValues(rewriter, op, ValueRange{out});
  return success();
}

bufferization::AliasingValueList
dpsAliasingValues(DestinationStyleOpInterface op, OpOperand &operand) {
  if (op.isDpsInit(&operand))
    return {{op.getTiedOpResult(&operand),
             bufferization::BufferRelation::Equivalent}};
  return {};
}

} // namespace

#define MLC_DPS_KERNEL_OP(Op)                                                  \
  void Op::getEffects(                                                         \
      SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>      \
          &effects) {                                                          \
    dpsEffects(*this, effects);                                                \
  }                                                                            \
  bool Op::bufferizesToMemoryRead(OpOperand &operand,                          \
                                  const bufferization::AnalysisState &) {      \
    return !isDpsInit(&operand);                                               \
  }                                                                            \
  bool Op::bufferizesToMemoryWrite(OpOperand &operand,                         \
                                   const bufferization::AnalysisState &) {     \
    return isDpsInit(&operand);                                                \
  }                                                                            \
  bufferization::AliasingValueList Op::getAliasingValues(                      \
      OpOperand &operand, const bufferization::AnalysisState &) {              \
    return dpsAliasingValues(*this, operand);                                  \
  }                                                                            \
  LogicalResult Op::bufferize(                                                 \
      RewriterBase &rewriter,                                                  \
      const bufferization::BufferizationOptions &options) {                    \
    return bufferizeDps(*this, rewriter, options);                             \
  }

MLC_DPS_KERNEL_OP(FusedAttentionOp)
MLC_DPS_KERNEL_OP(FusedLayerNormOp)

// graph.conv2d_nchwc accumulates onto its init: the init is read too.
void Conv2DNchwcOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  dpsEffects(*this, effects);
  if (llvm::isa<MemRefType>(getInit().getType()))
    effects.emplace_back(MemoryEffects::Read::get(), &getInitMutable(),
                         SideEffects::DefaultResource::get());
}
bool Conv2DNchwcOp::bufferizesToMemoryRead(
    OpOperand &, const bufferization::AnalysisState &) {
  return true;
}
bool Conv2DNchwcOp::bufferizesToMemoryWrite(
    OpOperand &operand, const bufferization::AnalysisState &) {
  return isDpsInit(&operand);
}
bufferization::AliasingValueList
Conv2DNchwcOp::getAliasingValues(OpOperand &operand,
                                 const bufferization::AnalysisState &) {
  return dpsAliasingValues(*this, operand);
}
LogicalResult
Conv2DNchwcOp::bufferize(RewriterBase &rewriter,
                         const bufferization::BufferizationOptions &options) {
  return bufferizeDps(*this, rewriter, options);
}
MLC_DPS_KERNEL_OP(FusedSoftmaxOp)

//===----------------------------------------------------------------------===//
// graph.fused_layer_norm
//===----------------------------------------------------------------------===//

/// A row op (normalization, softmax over the last dimension): a static f32
/// input of rank >= 1 and an init of its shape, all tensors or all buffers.
static LogicalResult verifyRowOp(Operation *op, Value input, Value init) {
  auto x = llvm::cast<ShapedType>(input.getType());
  auto out = llvm::cast<ShapedType>(init.getType());
  if (!x.hasRank() || x.getRank() < 1 || !x.hasStaticShape() ||
      x.getShape().back() == 0 || !x.getElementType().isF32() ||
      out.getShape() != x.getShape() || !out.getElementType().isF32())
    return op->emitOpError("expects a static f32 input and init of one shape");
  return verifyTensorsOrBuffers(op, out);
}

LogicalResult FusedLayerNormOp::verify() {
  if (failed(verifyRowOp(*this, getInput(), getInit())))
    return failure();
  auto x = llvm::cast<ShapedType>(getInput().getType());
  int64_t d = x.getShape().back();
  for (Value v : {getScale(), getBias()}) {
    if (!v)
      continue;
    auto t = llvm::cast<ShapedType>(v.getType());
    if (!t.hasStaticShape() || !t.getElementType().isF32() || t.getRank() < 1 ||
        t.getShape().back() != d || t.getNumElements() != d)
      return emitOpError("expects scale and bias of the last dimension's "
                         "size");
  }
  return success();
}

//===----------------------------------------------------------------------===//
// graph.conv2d_nchwc
//===----------------------------------------------------------------------===//

LogicalResult Conv2DNchwcOp::verify() {
  auto x = llvm::cast<ShapedType>(getInput().getType());
  auto w = llvm::cast<ShapedType>(getFilter().getType());
  auto out = llvm::cast<ShapedType>(getInit().getType());
  for (ShapedType t : {x, w, out})
    if (!t.hasStaticShape() || !t.getElementType().isF32())
      return emitOpError("expects static f32 operands");
  if ((x.getRank() != 4 && x.getRank() != 5) || w.getRank() != 4 ||
      out.getRank() != 5)
    return emitOpError("expects an input of rank 4 or 5, a filter of rank 4 "
                       "and an init of rank 5");
  if (failed(verifyTensorsOrBuffers(*this, out)))
    return failure();
  if (getStrides().size() != 2 || getDilations().size() != 2 ||
      llvm::any_of(getStrides(), [](int64_t s) { return s < 1; }) ||
      llvm::any_of(getDilations(), [](int64_t d) { return d < 1; }))
    return emitOpError("expects two positive strides and dilations");
  int64_t block = out.getShape()[4];
  int64_t c =
      x.getRank() == 5 ? x.getShape()[1] * x.getShape()[4] : x.getShape()[1];
  if (x.getRank() == 5 && x.getShape()[4] != block)
    return emitOpError("expects the input's channel block to be the init's");
  ArrayRef<int64_t> ws = w.getShape(), os = out.getShape(), xs = x.getShape();
  if (ws[0] != os[1] * block || ws[1] != c || xs[0] != os[0])
    return emitOpError("expects filters (")
           << os[1] * block << ", " << c << ", KH, KW)";
  for (int d = 0; d < 2; ++d) {
    int64_t in = xs[2 + d], k = ws[2 + d];
    int64_t expect =
        (in - getDilations()[d] * (k - 1) - 1) / getStrides()[d] + 1;
    if (in < getDilations()[d] * (k - 1) + 1 || os[2 + d] != expect)
      return emitOpError("expects ") << (d ? "OW" : "OH") << " = " << expect;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// graph.fused_softmax
//===----------------------------------------------------------------------===//

LogicalResult FusedSoftmaxOp::verify() {
  return verifyRowOp(*this, getInput(), getInit());
}
