// RUN: mlc-opt %s --split-input-file --verify-diagnostics --mlc-convert-graph-to-linalg | FileCheck %s

// Plain 2-D matmul: linalg.matmul into zeros.
// CHECK-LABEL: func @matmul_2d
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.0
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32)
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[FILL]] : tensor<3x5xf32>)
// CHECK: return %[[R]]
func.func @matmul_2d(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = graph.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func @matmul_batch
// CHECK: linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<2x4x5xf32>)
func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = graph.matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// A batch times a 2-D rhs: the batch folds into the rows of one matmul.
// CHECK-LABEL: func @matmul_batch_times_2d
// CHECK-SAME: (%[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[FLAT]], %[[B]] : tensor<6x4xf32>, tensor<4x5xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2]] output_shape [2, 3, 5]
// CHECK: return %[[R]]
func.func @matmul_batch_times_2d(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = graph.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// CHECK-LABEL: func @matmul_matvec
// CHECK: linalg.matvec ins(%{{.*}}, %{{.*}} : tensor<3x4xi32>, tensor<4xi32>)
func.func @matmul_matvec(%a: tensor<3x4xi32>, %b: tensor<4xi32>) -> tensor<3xi32> {
  %0 = graph.matmul %a, %b : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// Otherwise one generic: a 1-D lhs has no row loop; batch dims broadcast.
// CHECK-DAG: #[[MA:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[MB:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3, d2)>
// CHECK-DAG: #[[MC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func @matmul_broadcast
// CHECK: linalg.generic {indexing_maps = [#[[MA]], #[[MB]], #[[MC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul_broadcast(%a: tensor<4xf32>, %b: tensor<2x1x4x5xf32>) -> tensor<2x1x5xf32> {
  %0 = graph.matmul %a, %b : (tensor<4xf32>, tensor<2x1x4x5xf32>) -> tensor<2x1x5xf32>
  return %0 : tensor<2x1x5xf32>
}

// -----

// Gemm: the product into zeros, then alpha * p + beta * c (c broadcast).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @gemm
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<5x4xf32>, %[[C:.*]]: tensor<5xf32>)
// CHECK: %[[P:.*]] = linalg.matmul_transpose_b ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<5x4xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], {{.*}}} ins(%[[P]], %[[C]] : tensor<3x5xf32>, tensor<5xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ALPHA:.*]] = arith.constant 2.0
// CHECK: %[[AX:.*]] = arith.mulf %[[X]], %[[ALPHA]]
// CHECK: %[[BETA:.*]] = arith.constant 5.0{{0*}}e-01
// CHECK: %[[BY:.*]] = arith.mulf %[[Y]], %[[BETA]]
// CHECK: %[[S:.*]] = arith.addf %[[AX]], %[[BY]]
// CHECK: linalg.yield %[[S]]
// CHECK: return %[[R]]
func.func @gemm(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = graph.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.5 : f32, trans_b = true} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Both operands transposed: a generic reading a[k, m] and b[n, k].
// CHECK-DAG: #[[MA:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[MB:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @gemm_transposed
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[MA]], #[[MB]], #[[MC]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]]
func.func @gemm_transposed(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>) -> tensor<3x5xf32> {
  %none = graph.none
  %0 = graph.gemm %a, %b, %none {trans_a = true, trans_b = true} : (tensor<4x3xf32>, tensor<5x4xf32>, none) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Einsum: output loops, then the summed letters.
// CHECK-DAG: #[[MA:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[MB:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[MC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func @einsum_batch_matmul
// CHECK: linalg.generic {indexing_maps = [#[[MA]], #[[MB]], #[[MC]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @einsum_batch_matmul(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x2x4xf32> {
  %0 = graph.einsum %a, %b {equation = "bij,bjk->bik"} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return %0 : tensor<5x2x4xf32>
}

// -----

// A repeated letter reads the diagonal.
// CHECK-DAG: #[[DIAG:.*]] = affine_map<(d0, d1) -> (d0, d1, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @einsum_diagonal
// CHECK: linalg.generic {indexing_maps = [#[[DIAG]], #[[OUT]]], iterator_types = ["parallel", "parallel"]}
func.func @einsum_diagonal(%a: tensor<3x5x5xf32>) -> tensor<3x5xf32> {
  %0 = graph.einsum %a {equation = "...ii->...i"} : (tensor<3x5x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// A full contraction to a scalar.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func @einsum_inner
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[IN]], #[[OUT]]], iterator_types = ["reduction"]}
func.func @einsum_inner(%a: tensor<5xf64>, %b: tensor<5xf64>) -> tensor<f64> {
  %0 = graph.einsum %a, %b {equation = "i,i->"} : (tensor<5xf64>, tensor<5xf64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

// CHECK-LABEL: func @reduce_sum_keepdims
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.0
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[RED:.*]] = linalg.reduce ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>) dimensions = [1]
// CHECK: arith.addf
// CHECK: %[[R:.*]] = tensor.expand_shape %[[RED]] {{\[}}[0], [1, 2]] output_shape [2, 1, 4]
// CHECK: return %[[R]]
func.func @reduce_sum_keepdims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %none = graph.none
  %0 = graph.reduce_sum %x, %none {static_axes = array<i64: 1>} : (tensor<2x3x4xf32>, none) -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// Max starts from -inf (the value of an empty reduction).
// CHECK-LABEL: func @reduce_max
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: %[[RED:.*]] = linalg.reduce ins(%{{.*}} : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<3xf32>) dimensions = [0, 2]
// CHECK: arith.maximumf
// CHECK: return %[[RED]]
func.func @reduce_max(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %none = graph.none
  %0 = graph.reduce_max %x, %none {static_axes = array<i64: 0, 2>, keepdims = false} : (tensor<2x3x4xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Unsigned min starts from 255 and compares unsigned.
// CHECK-LABEL: func @reduce_min_unsigned
// CHECK: %[[MAX:.*]] = arith.constant -1 : i8
// CHECK: linalg.fill ins(%[[MAX]] : i8)
// CHECK: linalg.reduce
// CHECK: arith.minui
func.func @reduce_min_unsigned(%x: tensor<2x3xui8>) -> tensor<ui8> {
  %none = graph.none
  %0 = graph.reduce_min %x, %none {static_axes = array<i64: 0, 1>, keepdims = false} : (tensor<2x3xui8>, none) -> tensor<ui8>
  return %0 : tensor<ui8>
}

// -----

// 16-bit float sums accumulate in f32.
// CHECK-LABEL: func @reduce_sum_f16
// CHECK: %[[RED:.*]] = linalg.reduce ins(%{{.*}} : tensor<2x3xf16>) outs(%{{.*}} : tensor<2xf32>) dimensions = [1]
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[RED]] : tensor<2xf32>) outs(%{{.*}} : tensor<2xf16>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @reduce_sum_f16(%x: tensor<2x3xf16>) -> tensor<2xf16> {
  %none = graph.none
  %0 = graph.reduce_sum %x, %none {static_axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf16>, none) -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// -----

// Mean: the sum divided by the count.
// CHECK-LABEL: func @reduce_mean
// CHECK: %[[SUM:.*]] = linalg.reduce
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xf32>)
// CHECK: arith.constant 3.0
// CHECK: arith.divf
// CHECK: tensor.expand_shape %[[MEAN]] {{\[}}[0, 1]] output_shape [2, 1]
func.func @reduce_mean(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %none = graph.none
  %0 = graph.reduce_mean %x, %none {static_axes = array<i64: 1>} : (tensor<2x3xf32>, none) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// No axes with noop_with_empty_axes: the identity (the returned argument is
// copied by the pass).
// CHECK-LABEL: func @reduce_noop
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: linalg.reduce
// CHECK: linalg.copy ins(%[[X]]
func.func @reduce_noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %none = graph.none
  %0 = graph.reduce_sum %x, %none {static_axes = array<i64>, noop_with_empty_axes = true} : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @reduce_runtime_axes(%x: tensor<1x1xf32>, %axes: tensor<1xi64>) -> tensor<1x1xf32> {
  // expected-error @+2 {{the CPU backend needs constant reduction axes}}
  // expected-error @+1 {{failed to legalize operation 'graph.reduce_sum'}}
  %0 = graph.reduce_sum %x, %axes : (tensor<1x1xf32>, tensor<1xi64>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// ArgMax: one generic carrying (max, index); select_last_index takes an
// element that is not less than the running maximum.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func @argmax
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK: ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32, %[[IDX:.*]]: i64):
// CHECK: %[[LESS:.*]] = arith.cmpf olt, %[[X]], %[[ACC]]
// CHECK: %[[TAKE:.*]] = arith.xori
// CHECK: %[[I:.*]] = linalg.index 1
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[V:.*]] = arith.select %[[TAKE]], %[[X]], %[[ACC]]
// CHECK: %[[J:.*]] = arith.select %[[TAKE]], %[[I64]], %[[IDX]]
// CHECK: linalg.yield %[[V]], %[[J]]
// CHECK: tensor.expand_shape %[[R]]#1 {{\[}}[0, 1]] output_shape [2, 1] : tensor<2xi64> into tensor<2x1xi64>
func.func @argmax(%x: tensor<2x3xf32>) -> tensor<2x1xi64> {
  %0 = graph.argmax %x {axis = 1 : i64, select_last_index = true} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// -----

// CumSum: log2(5) rounded up = 3 steps adding the element d further along
// (reverse), then the exclusive shift by one.
// CHECK-LABEL: func @cumsum
// CHECK-SAME: (%[[X:.*]]: tensor<2x5xi32>)
// CHECK: %[[S1:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<2x5xi32>)
// CHECK: %[[C1:.*]] = arith.constant -1 : index
// CHECK: tensor.extract %[[X]]
// CHECK: arith.addi
// CHECK: %[[S2:.*]] = linalg.generic {{.*}} ins(%[[S1]] : tensor<2x5xi32>)
// CHECK: arith.constant -2 : index
// CHECK: %[[S3:.*]] = linalg.generic {{.*}} ins(%[[S2]] : tensor<2x5xi32>)
// CHECK: arith.constant -4 : index
// CHECK: %[[EX:.*]] = linalg.generic {{.*}} ins(%[[S3]] : tensor<2x5xi32>)
// CHECK: tensor.extract %[[S3]]
// CHECK-NOT: arith.addi
// CHECK: return %[[EX]]
func.func @cumsum(%x: tensor<2x5xi32>) -> tensor<2x5xi32> {
  %none = graph.none
  %0 = graph.cumsum %x, %none {static_axis = 1 : i64, exclusive = true, reverse = true} : (tensor<2x5xi32>, none) -> tensor<2x5xi32>
  return %0 : tensor<2x5xi32>
}

// -----

// An axis known at run time: a scan along each axis, then a select.
// CHECK-LABEL: func @cumsum_runtime_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[AXIS:.*]]: tensor<i32>)
// CHECK: %[[A:.*]] = tensor.extract %[[AXIS]][] : tensor<i32>
// CHECK: %[[A64:.*]] = arith.extsi %[[A]] : i32 to i64
// CHECK: %[[NORM:.*]] = arith.select
// CHECK: %[[IS0:.*]] = arith.cmpi eq, %[[NORM]]
// CHECK: %[[R:.*]] = arith.select %[[IS0]], %{{.*}}, %{{.*}} : tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @cumsum_runtime_axis(%x: tensor<2x3xf32>, %axis: tensor<i32>) -> tensor<2x3xf32> {
  %0 = graph.cumsum %x, %axis : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// TopK: each element's rank (the elements before it: greater, or equal at
// a lower index), then the elements of ranks 0..k-1 gathered.
// CHECK-DAG: #[[SELF:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[OTHER:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func @topk
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK: %[[RANK:.*]] = linalg.generic {indexing_maps = [#[[SELF]], #[[OTHER]], #[[SELF]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[X]] : tensor<3x4xf32>, tensor<3x4xf32>) outs(%{{.*}} : tensor<3x4xi64>)
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpi slt
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[OTHER]], #[[OTHER]], #[[SELF]], #[[SELF]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[RANK]] : tensor<3x4xf32>, tensor<3x4xi64>) outs(%{{.*}}, %{{.*}} : tensor<3x2xf32>, tensor<3x2xi64>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[RK:.*]]: i64, %[[AV:.*]]: f32, %[[AI:.*]]: i64):
// CHECK: %[[HIT:.*]] = arith.cmpi eq, %[[RK]]
// CHECK: arith.select %[[HIT]], %[[V]], %[[AV]]
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @topk(%x: tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  %none = graph.none
  %0:2 = graph.topk %x, %none {static_k = 2 : i64, axis = 1 : i64, largest = true, sorted = true} : (tensor<3x4xf32>, none) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %0#0, %0#1 : tensor<3x2xf32>, tensor<3x2xi64>
}

// -----

func.func @topk_runtime_k(%x: tensor<3x4xf32>, %k: tensor<1xi64>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  // expected-error @+2 {{the CPU backend needs a constant k}}
  // expected-error @+1 {{failed to legalize operation 'graph.topk'}}
  %0:2 = graph.topk %x, %k {axis = 1 : i64} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %0#0, %0#1 : tensor<3x2xf32>, tensor<3x2xi64>
}

// -----

// A long axis: a bitonic sort of (value, index) padded to 256 (8 * 9 / 2 =
// 36 compare-exchange stages, each reading its partner i xor j), then the
// first k gathered.
// CHECK-LABEL: func @topk_long
// CHECK-SAME: (%[[X:.*]]: tensor<200xf32>)
// CHECK: %[[INIT:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<256xf32>, tensor<256xi64>)
// CHECK: tensor.extract %[[X]]
// CHECK: %[[S1:.*]]:2 = linalg.generic {{.*}} ins(%[[INIT]]#0, %[[INIT]]#1 : tensor<256xf32>, tensor<256xi64>)
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[P:.*]] = arith.xori %[[I]], %{{.*}} : index
// CHECK: tensor.extract %[[INIT]]#0[%[[P]]]
// CHECK-COUNT-35: linalg.generic {{.*}} ins(%{{.*}}#0, %{{.*}}#1 : tensor<256xf32>, tensor<256xi64>)
// CHECK: %[[R:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<3xf32>, tensor<3xi64>)
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @topk_long(%x: tensor<200xf32>) -> (tensor<3xf32>, tensor<3xi64>) {
  %none = graph.none
  %0:2 = graph.topk %x, %none {static_k = 3 : i64, axis = 0 : i64, largest = false, sorted = true} : (tensor<200xf32>, none) -> (tensor<3xf32>, tensor<3xi64>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xi64>
}
