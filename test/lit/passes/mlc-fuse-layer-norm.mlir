// RUN: mlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(mlc-fuse-layer-norm))' | FileCheck %s

// CHECK-LABEL: func @last_axis
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x8xf32>
// CHECK: %[[Y:.*]] = graph.fused_layer_norm input(%arg0 : tensor<2x3x8xf32>) scale(%arg1 : tensor<8xf32>) bias(%arg2 : tensor<8xf32>) init(%[[E]] : tensor<2x3x8xf32>) {epsilon = 9.99999974E-6 : f32} -> tensor<2x3x8xf32>
// CHECK-NOT: graph.layer_normalization
// CHECK: return %[[Y]]
func.func @last_axis(%x: tensor<2x3x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %y, %m, %s = graph.layer_normalization %x, %g, %b {axis = 2 : i64, epsilon = 1.0e-5 : f32, stash_type = f32} : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<2x3x8xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %y : tensor<2x3x8xf32>
}

// -----

// Not fused: two normalized axes; the mean is used.
// CHECK-LABEL: func @kept
// CHECK-NOT: graph.fused_layer_norm
// CHECK-COUNT-2: graph.layer_normalization
func.func @kept(%x: tensor<2x3x8xf32>, %g: tensor<3x8xf32>, %g1: tensor<8xf32>, %none: none) -> (tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x1xf32>) {
  %y, %m, %s = graph.layer_normalization %x, %g, %none {axis = 1 : i64, epsilon = 1.0e-5 : f32, stash_type = f32} : (tensor<2x3x8xf32>, tensor<3x8xf32>, none) -> (tensor<2x3x8xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
  %y2, %m2, %s2 = graph.layer_normalization %x, %g1, %none {axis = 2 : i64, epsilon = 1.0e-5 : f32, stash_type = f32} : (tensor<2x3x8xf32>, tensor<8xf32>, none) -> (tensor<2x3x8xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %y, %y2, %m2 : tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x1xf32>
}
