// RUN: mlc-opt %s --split-input-file --mlc-simplify-graph | FileCheck %s

// Folding makes a shape static, refinement propagates it, and the next round
// folds what became constant: Shape -> Reshape -> Shape -> ConstantOfShape.
// CHECK-LABEL: func @fixed_point
// CHECK-SAME: -> tensor<6x4xf32>
// CHECK-NOT: graph.shape
// CHECK: graph.reshape {{.*}} {static_shape = array<i64: 6, 4>}
func.func @fixed_point(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %c = graph.constant dense<[6, 4]> : tensor<2xi64>
  %r = graph.reshape %x, %c : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %s = graph.shape %r : (tensor<?x?xf32>) -> tensor<2xi64>
  %r2 = graph.reshape %x, %s : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %r2 : tensor<?x?xf32>
}
