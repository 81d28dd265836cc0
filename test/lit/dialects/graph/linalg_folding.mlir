// RUN: mlc-opt %s --split-input-file --mlc-simplify-graph | FileCheck %s

// Constant axes move into static_axes, normalized (sorted, in [0, rank)).
// CHECK-LABEL: func @reduce_constant_axes
// CHECK-SAME: -> tensor<1x3x1xf32>
// CHECK: %[[NONE:.*]] = graph.none
// CHECK: graph.reduce_sum %{{.*}}, %[[NONE]] {static_axes = array<i64: 0, 2>}
func.func @reduce_constant_axes(%x: tensor<2x3x4xf32>) -> tensor<?x?x?xf32> {
  %a = graph.constant dense<[-1, 0]> : tensor<2xi64>
  %0 = graph.reduce_sum %x, %a : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// -----

// An empty axes list means all axes unless noop_with_empty_axes is set.
// CHECK-LABEL: func @reduce_empty_axes
// CHECK: graph.reduce_max %{{.*}}, %{{.*}} {keepdims = false, static_axes = array<i64: 0, 1>} : (tensor<2x3xf32>, none) -> tensor<f32>
func.func @reduce_empty_axes(%x: tensor<2x3xf32>) -> tensor<f32> {
  %none = graph.none
  %0 = graph.reduce_max %x, %none {static_axes = array<i64>, keepdims = false} : (tensor<2x3xf32>, none) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A reduction that changes nothing folds away: noop_with_empty_axes with no
// axes, or only size-1 dimensions reduced with keepdims.
// CHECK-LABEL: func @reduce_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x1xf32>)
// CHECK-NOT: graph.reduce
// CHECK: return %[[X]], %[[X]]
func.func @reduce_identity(%x: tensor<2x1xf32>) -> (tensor<2x1xf32>, tensor<2x1xf32>) {
  %e = graph.constant dense<> : tensor<0xi64>
  %0 = graph.reduce_sum %x, %e {noop_with_empty_axes = true} : (tensor<2x1xf32>, tensor<0xi64>) -> tensor<2x1xf32>
  %none = graph.none
  %1 = graph.reduce_mean %x, %none {static_axes = array<i64: -1>} : (tensor<2x1xf32>, none) -> tensor<2x1xf32>
  return %0, %1 : tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// Integer sums, maxima and minima of small constants fold.
// CHECK-LABEL: func @reduce_fold
// CHECK-DAG: graph.constant dense<[5, 7, 9]> : tensor<3xi64>
// CHECK-DAG: graph.constant dense<[3, 6]> : tensor<2xi64>
// CHECK-DAG: graph.constant dense<{{\[}}[1], [4]]> : tensor<2x1xi64>
// CHECK-DAG: graph.constant dense<0> : tensor<2x1xi32>
// CHECK-NOT: graph.reduce
func.func @reduce_fold() -> (tensor<3xi64>, tensor<2xi64>, tensor<2x1xi64>, tensor<2x1xi32>) {
  %c = graph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %none = graph.none
  %0 = graph.reduce_sum %c, %none {static_axes = array<i64: 0>, keepdims = false} : (tensor<2x3xi64>, none) -> tensor<3xi64>
  %1 = graph.reduce_max %c, %none {static_axes = array<i64: 1>, keepdims = false} : (tensor<2x3xi64>, none) -> tensor<2xi64>
  %2 = graph.reduce_min %c, %none {static_axes = array<i64: 1>} : (tensor<2x3xi64>, none) -> tensor<2x1xi64>
  %e = graph.constant dense<> : tensor<2x0xi32>
  %3 = graph.reduce_sum %e, %none {static_axes = array<i64: 1>} : (tensor<2x0xi32>, none) -> tensor<2x1xi32>
  return %0, %1, %2, %3 : tensor<3xi64>, tensor<2xi64>, tensor<2x1xi64>, tensor<2x1xi32>
}

// -----

// Unsigned and boolean elements compare as unsigned.
// CHECK-LABEL: func @reduce_fold_unsigned
// CHECK-DAG: graph.constant dense<200> : tensor<ui8>
// CHECK-DAG: graph.constant dense<true> : tensor<i1>
func.func @reduce_fold_unsigned() -> (tensor<ui8>, tensor<i1>) {
  %c = graph.constant dense<[3, 200, 7]> : tensor<3xui8>
  %b = graph.constant dense<[false, true]> : tensor<2xi1>
  %none = graph.none
  %0 = graph.reduce_max %c, %none {static_axes = array<i64: 0>, keepdims = false} : (tensor<3xui8>, none) -> tensor<ui8>
  %1 = graph.reduce_max %b, %none {static_axes = array<i64: 0>, keepdims = false} : (tensor<2xi1>, none) -> tensor<i1>
  return %0, %1 : tensor<ui8>, tensor<i1>
}

// -----

// Float reductions and means are not folded.
// CHECK-LABEL: func @reduce_no_fold
// CHECK: graph.reduce_sum
// CHECK: graph.reduce_mean
func.func @reduce_no_fold() -> (tensor<f32>, tensor<i64>) {
  %c = graph.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %i = graph.constant dense<[1, 2]> : tensor<2xi64>
  %none = graph.none
  %0 = graph.reduce_sum %c, %none {static_axes = array<i64: 0>, keepdims = false} : (tensor<2xf32>, none) -> tensor<f32>
  %1 = graph.reduce_mean %i, %none {static_axes = array<i64: 0>, keepdims = false} : (tensor<2xi64>, none) -> tensor<i64>
  return %0, %1 : tensor<f32>, tensor<i64>
}

// -----

// A constant CumSum axis moves into static_axis, normalized.
// CHECK-LABEL: func @cumsum_constant_axis
// CHECK: graph.cumsum %{{.*}}, %{{.*}} {static_axis = 1 : i64} : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
func.func @cumsum_constant_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %a = graph.constant dense<-1> : tensor<i32>
  %0 = graph.cumsum %x, %a : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A constant k moves into static_k, which makes the results static; a
// negative axis is normalized.
// CHECK-LABEL: func @topk_constant_k
// CHECK-SAME: -> (tensor<3x2xf32>, tensor<3x2xi64>)
// CHECK: graph.topk %{{.*}}, %{{.*}} {axis = 1 : i64, static_k = 2 : i64} : (tensor<3x4xf32>, none) -> (tensor<3x2xf32>, tensor<3x2xi64>)
func.func @topk_constant_k(%x: tensor<3x4xf32>) -> (tensor<3x?xf32>, tensor<3x?xi64>) {
  %k = graph.constant dense<2> : tensor<1xi64>
  %v, %i = graph.topk %x, %k {axis = -1 : i64} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<3x?xf32>, tensor<3x?xi64>)
  return %v, %i : tensor<3x?xf32>, tensor<3x?xi64>
}
