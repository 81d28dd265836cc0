// RUN: mlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(mlc-fuse-softmax))' | FileCheck %s

// CHECK-LABEL: func @last_axis
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x3x10xf32>
// CHECK: %[[Y:.*]] = graph.fused_softmax input(%arg0 : tensor<4x3x10xf32>) init(%[[E]] : tensor<4x3x10xf32>) -> tensor<4x3x10xf32>
// CHECK-NOT: graph.softmax
// CHECK: return %[[Y]]
func.func @last_axis(%x: tensor<4x3x10xf32>) -> tensor<4x3x10xf32> {
  %y = graph.softmax %x {axis = 2 : i64} : (tensor<4x3x10xf32>) -> tensor<4x3x10xf32>
  return %y : tensor<4x3x10xf32>
}

// -----

// Not fused: a middle axis; f64; an empty tensor.
// CHECK-LABEL: func @kept
// CHECK-NOT: graph.fused_softmax
// CHECK-COUNT-3: graph.softmax
func.func @kept(%x: tensor<4x3x10xf32>, %d: tensor<2x8xf64>, %e: tensor<0x8xf32>) -> (tensor<4x3x10xf32>, tensor<2x8xf64>, tensor<0x8xf32>) {
  %y = graph.softmax %x {axis = 1 : i64} : (tensor<4x3x10xf32>) -> tensor<4x3x10xf32>
  %z = graph.softmax %d {axis = 1 : i64} : (tensor<2x8xf64>) -> tensor<2x8xf64>
  %w = graph.softmax %e {axis = 1 : i64} : (tensor<0x8xf32>) -> tensor<0x8xf32>
  return %y, %z, %w : tensor<4x3x10xf32>, tensor<2x8xf64>, tensor<0x8xf32>
}
