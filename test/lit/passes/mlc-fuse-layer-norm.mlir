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

// -----

// The decomposed form (exporters before opset 17), Pow by 2 and Mul by
// the scale then Add of the bias.
// CHECK-LABEL: func @decomposed
// CHECK: %[[Y:.*]] = graph.fused_layer_norm input(%arg0 : tensor<4x8xf32>) scale(%arg1 : tensor<8xf32>) bias(%arg2 : tensor<8xf32>) init(%{{.*}} : tensor<4x8xf32>) {epsilon = 9.99999996E-13 : f32} -> tensor<4x8xf32>
// CHECK-NOT: graph.reduce_mean
// CHECK-NOT: graph.div
// CHECK: return %[[Y]]
func.func @decomposed(%x: tensor<4x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>, %none: none) -> tensor<4x8xf32> {
  %two = graph.constant dense<2.0> : tensor<f32>
  %eps = graph.constant dense<1.0e-12> : tensor<f32>
  %m = graph.reduce_mean %x, %none {static_axes = array<i64: 1>} : (tensor<4x8xf32>, none) -> tensor<4x1xf32>
  %c = graph.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = graph.pow %c, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %v = graph.reduce_mean %sq, %none {static_axes = array<i64: 1>} : (tensor<4x8xf32>, none) -> tensor<4x1xf32>
  %ve = graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = graph.sqrt %ve : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %n = graph.div %c, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %ng = graph.mul %n, %g : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %y = graph.add %ng, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
