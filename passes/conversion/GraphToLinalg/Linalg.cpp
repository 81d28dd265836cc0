//===- Linalg.cpp - lowering of matrix products and reductions -------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlc::lowering {
namespace {

/// numpy matmul as one linalg.generic over (batch..., m, n, k): 1-D operands
/// index only k (and the promoted dimension is absent from the result);
/// batch dimensions of size 1 broadcast.
struct MatMulLowering : OpConversionPattern<graph::MatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    auto a = llvm::cast<RankedTensorType>(adaptor.getLhs().getType());
    auto b = llvm::cast<RankedTensorType>(adaptor.getRhs().getType());
    int64_t ra = a.getRank(), rb = b.getRank();
    int64_t batch = std::max<int64_t>(std::max(ra, rb), 2) - 2;
    int64_t loops = batch + 3;
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr m = getAffineDimExpr(batch, ctx);
    AffineExpr n = getAffineDimExpr(batch + 1, ctx);
    AffineExpr k = getAffineDimExpr(batch + 2, ctx);
    ArrayRef<int64_t> resultShape = type->getShape();
    auto batchExprs = [&](RankedTensorType t) {
      SmallVector<AffineExpr> exprs;
      int64_t tb = t.getRank() - 2, offset = batch - tb;
      for (int64_t j = 0; j < tb; ++j)
        exprs.push_back(t.getDimSize(j) == 1 && resultShape[offset + j] != 1
                            ? getAffineConstantExpr(0, ctx)
                            : getAffineDimExpr(offset + j, ctx));
      return exprs;
    };
    SmallVector<AffineExpr> ea, eb, ec;
    if (ra == 1) {
      ea = {k};
    } else {
      ea = batchExprs(a);
      ea.append({m, k});
    }
    if (rb == 1) {
      eb = {k};
    } else {
      eb = batchExprs(b);
      eb.append({k, n});
    }
    for (int64_t j = 0; j < batch; ++j)
      ec.push_back(getAffineDimExpr(j, ctx));
    if (ra != 1)
      ec.push_back(m);
    if (rb != 1)
      ec.push_back(n);
    SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, ea, ctx),
                                   AffineMap::get(loops, 0, eb, ctx),
                                   AffineMap::get(loops, 0, ec, ctx)};
    SmallVector<utils::IteratorType> iterators(loops,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;
    Location loc = op.getLoc();
    Type elt = type->getElementType();
    Value zero = scalarConstant(rewriter, loc, elt, 0);
    Value init = rewriter.create<tensor::EmptyOp>(loc, type->getShape(), elt);
    init = rewriter.create<linalg::FillOp>(loc, zero, init).getResult(0);
    bool isFloat = llvm::isa<FloatType>(elt);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{*type}, ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value r;
          if (isFloat)
            r = nb.create<arith::AddFOp>(
                nl, args[2], nb.create<arith::MulFOp>(nl, args[0], args[1]));
          else
            r = nb.create<arith::AddIOp>(
                nl, args[2], nb.create<arith::MulIOp>(nl, args[0], args[1]));
          nb.create<linalg::YieldOp>(nl, r);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void populateLinalgLoweringPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  patterns.add<MatMulLowering>(converter, patterns.getContext());
}

} // namespace mlc::lowering
