// RUN: mlc-opt %s --split-input-file --mlc-infer-shapes | FileCheck %s

// Result types become as precise as the operands allow, and the function's
// result types follow.
// CHECK-LABEL: func @refine_chain
// CHECK-SAME: -> tensor<2x12xf32>
// CHECK: %[[R:.*]] = graph.reshape {{.*}} -> tensor<2x12xf32>
// CHECK: graph.relu %[[R]] : (tensor<2x12xf32>) -> tensor<2x12xf32>
func.func @refine_chain(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %none = graph.none
  %0 = graph.reshape %x, %none {static_shape = array<i64: 2, -1>} : (tensor<2x3x4xf32>, none) -> tensor<?x?xf32>
  %1 = graph.relu %0 : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %1 : tensor<?x?xf32>
}

// -----

// Unranked results get a rank.
// CHECK-LABEL: func @unranked
// CHECK: graph.add {{.*}} -> tensor<4x5xf32>
func.func @unranked(%a: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<*xf32> {
  %0 = graph.add %a, %b : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// A dynamic operand keeps the dimension dynamic.
// CHECK-LABEL: func @stays_dynamic
// CHECK: graph.matmul {{.*}} -> tensor<?x7xf32>
func.func @stays_dynamic(%a: tensor<?x3xf32>, %b: tensor<3x7xf32>) -> tensor<*xf32> {
  %0 = graph.matmul %a, %b : (tensor<?x3xf32>, tensor<3x7xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}
