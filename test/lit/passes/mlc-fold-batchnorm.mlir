// RUN: mlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(mlc-fold-batchnorm))' | FileCheck %s

// s = scale / sqrt(var + eps) = [2 / 2, 6 / 3] = [1, 2];
// W' = W * s = [1, 4]; b' = (b - mean) * s + B = [0 * 1 + 1, 3 * 2 + 1].
// CHECK-LABEL: func @fold
// CHECK-DAG: %[[W:.*]] = graph.constant dense<{{\[}}[{{\[}}[1.000000e+00]]], {{\[}}[{{\[}}4.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = graph.constant dense<[1.000000e+00, 7.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = graph.conv %arg0, %[[W]], %[[B]]
// CHECK-NOT: graph.batch_normalization
// CHECK: return %[[Y]]
func.func @fold(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = graph.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %b = graph.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %scale = graph.constant dense<[2.0, 6.0]> : tensor<2xf32>
  %shift = graph.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = graph.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %var = graph.constant dense<[4.0, 9.0]> : tensor<2xf32>
  %c = graph.conv %x, %w, %b {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y, %rm, %rv = graph.batch_normalization %c, %scale, %shift, %mean, %var {epsilon = 0.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>)
  return %y : tensor<1x2x4x4xf32>
}

// -----

// Not folded: the convolution has another user; training mode.
// CHECK-LABEL: func @kept
// CHECK-COUNT-2: graph.batch_normalization
func.func @kept(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = graph.constant dense<1.0> : tensor<2x1x1x1xf32>
  %p = graph.constant dense<1.0> : tensor<2xf32>
  %none = graph.none
  %c = graph.conv %x, %w, %none {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %y, %rm, %rv = graph.batch_normalization %c, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>)
  %d = graph.conv %x, %w, %none {kernel_shape = array<i64: 1, 1>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %z, %rm2, %rv2 = graph.batch_normalization %d, %p, %p, %p, %p {training_mode = true} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>)
  return %y, %c, %z : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}
