// RUN: mlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(mlc-blocked-layout{block=8}))' | FileCheck %s

// A 1x1 convolution on the NCHW graph input (read as it is), Relu, a pad,
// a 3x3 convolution, then a residual add with the input: everything
// between the convolutions stays in [1, 2, H, W, 8]; the add reads the
// input, which has no blocked form, so it runs on NCHW after one reorder
// of the convolution's result (rather than two: the input's and the sum's).
// CHECK: #[[$UNPACK:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4, d2)>
// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x4x4xf32>
// CHECK: %[[B:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [2, 8] : tensor<16xf32> into tensor<2x8xf32>
// CHECK: %[[BIAS:.*]] = linalg.broadcast ins(%[[B]] : tensor<2x8xf32>) outs(%{{.*}} : tensor<1x2x4x4x8xf32>) dimensions = [0, 2, 3]
// CHECK: %[[C1:.*]] = graph.conv2d_nchwc input(%[[X]] : tensor<1x16x4x4xf32>) filter(%{{.*}} : tensor<16x16x1x1xf32>) init(%[[BIAS]] : tensor<1x2x4x4x8xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>} -> tensor<1x2x4x4x8xf32>
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[C1]] : tensor<1x2x4x4x8xf32>) outs(%{{.*}} : tensor<1x2x4x4x8xf32>)
// CHECK: arith.maximumf
// CHECK: %[[PAD:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x6x6x8xf32>)
// CHECK: %[[IN:.*]] = tensor.extract_slice %[[PAD]][0, 0, 1, 1, 0] [1, 2, 4, 4, 8] [1, 1, 1, 1, 1]
// CHECK: %[[CP:.*]] = linalg.generic {{.*}} ins(%[[R]] : tensor<1x2x4x4x8xf32>) outs(%[[IN]] : tensor<1x2x4x4x8xf32>)
// CHECK: %[[PADDED:.*]] = tensor.insert_slice %[[CP]] into %[[PAD]][0, 0, 1, 1, 0] [1, 2, 4, 4, 8] [1, 1, 1, 1, 1]
// CHECK: %[[C2:.*]] = graph.conv2d_nchwc input(%[[PADDED]] : tensor<1x2x6x6x8xf32>) filter(%{{.*}} : tensor<16x16x3x3xf32>) init(%{{.*}} : tensor<1x2x4x4x8xf32>)
// CHECK: %[[T:.*]] = linalg.generic {indexing_maps = [#[[$UNPACK]], #{{.*}}], {{.*}} ins(%[[C2]] : tensor<1x2x4x4x8xf32>) outs(%{{.*}} : tensor<1x2x8x4x4xf32>)
// CHECK: %[[NCHW:.*]] = tensor.collapse_shape %[[T]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x8x4x4xf32> into tensor<1x16x4x4xf32>
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[NCHW]], %[[X]] : tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>)
// CHECK: arith.addf
// CHECK: return %[[Y]]
// CHECK-NOT: linalg.conv_2d_nchw_fchw
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @chain(%x: tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32> {
  %w1 = arith.constant dense<0.5> : tensor<16x16x1x1xf32>
  %w2 = arith.constant dense<0.25> : tensor<16x16x3x3xf32>
  %b = arith.constant dense<1.0> : tensor<16xf32>
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x16x4x4xf32>
  %bias = linalg.broadcast ins(%b : tensor<16xf32>) outs(%e0 : tensor<1x16x4x4xf32>) dimensions = [0, 2, 3]
  %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w1 : tensor<1x16x4x4xf32>, tensor<16x16x1x1xf32>) outs(%bias : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %e1 = tensor.empty() : tensor<1x16x4x4xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c1 : tensor<1x16x4x4xf32>) outs(%e1 : tensor<1x16x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x16x4x4xf32>
  %pe = tensor.empty() : tensor<1x16x6x6xf32>
  %pf = linalg.fill ins(%zero : f32) outs(%pe : tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  %interior = tensor.extract_slice %pf[0, 0, 1, 1] [1, 16, 4, 4] [1, 1, 1, 1] : tensor<1x16x6x6xf32> to tensor<1x16x4x4xf32>
  %cp = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%r : tensor<1x16x4x4xf32>) outs(%interior : tensor<1x16x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x16x4x4xf32>
  %pad = tensor.insert_slice %cp into %pf[0, 0, 1, 1] [1, 16, 4, 4] [1, 1, 1, 1] : tensor<1x16x4x4xf32> into tensor<1x16x6x6xf32>
  %e2 = tensor.empty() : tensor<1x16x4x4xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%pad, %w2 : tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) outs(%f2 : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %e3 = tensor.empty() : tensor<1x16x4x4xf32>
  %y = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c2, %x : tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>) outs(%e3 : tensor<1x16x4x4xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x16x4x4xf32>
  return %y : tensor<1x16x4x4xf32>
}

// -----

// A max pool between two convolutions runs on blocked values (the lane
// loop after the output's, before the window's), its -inf fill blocked
// too; the global average pool (a reduction into [1, 16]) reduces the
// blocked value into [1, 2, 8] (the lane loop innermost), which is [1, 16]
// in memory.
// CHECK-LABEL: func.func @pools(
// CHECK: %[[C1:.*]] = graph.conv2d_nchwc input(%arg0 : tensor<1x8x6x6xf32>) {{.*}} -> tensor<1x2x6x6x8xf32>
// CHECK: %[[NEG:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x3x3x8xf32>)
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[C1]], %{{.*}} : tensor<1x2x6x6x8xf32>, tensor<2x2xf32>) outs(%[[NEG]] : tensor<1x2x3x3x8xf32>)
// CHECK: arith.maximumf
// CHECK: %[[C2:.*]] = graph.conv2d_nchwc input(%[[P]] : tensor<1x2x3x3x8xf32>) {{.*}} -> tensor<1x2x1x1x8xf32>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x8xf32>)
// CHECK: %[[G:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%[[C2]] : tensor<1x2x1x1x8xf32>) outs(%[[Z]] : tensor<1x2x8xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[G]] {{\[\[}}0], [1, 2]] : tensor<1x2x8xf32> into tensor<1x16xf32>
// CHECK: return %[[R]]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#sum = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
func.func @pools(%x: tensor<1x8x6x6xf32>) -> tensor<1x16xf32> {
  %w1 = arith.constant dense<0.5> : tensor<16x8x1x1xf32>
  %w2 = arith.constant dense<0.25> : tensor<16x16x3x3xf32>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e0 = tensor.empty() : tensor<1x16x6x6xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w1 : tensor<1x8x6x6xf32>, tensor<16x8x1x1xf32>) outs(%f0 : tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  %pe = tensor.empty() : tensor<1x16x3x3xf32>
  %pf = linalg.fill ins(%ninf : f32) outs(%pe : tensor<1x16x3x3xf32>) -> tensor<1x16x3x3xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %p = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%c1, %win : tensor<1x16x6x6xf32>, tensor<2x2xf32>) outs(%pf : tensor<1x16x3x3xf32>) -> tensor<1x16x3x3xf32>
  %e2 = tensor.empty() : tensor<1x16x1x1xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x16x1x1xf32>) -> tensor<1x16x1x1xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p, %w2 : tensor<1x16x3x3xf32>, tensor<16x16x3x3xf32>) outs(%f2 : tensor<1x16x1x1xf32>) -> tensor<1x16x1x1xf32>
  %e3 = tensor.empty() : tensor<1x16xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<1x16xf32>) -> tensor<1x16xf32>
  %g = linalg.generic {indexing_maps = [#id, #sum], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%c2 : tensor<1x16x1x1xf32>) outs(%f3 : tensor<1x16xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<1x16xf32>
  return %g : tensor<1x16xf32>
}

// -----

// Left NCHW: a lone convolution; a chain with a depthwise convolution;
// filters that do not fill a block.
// CHECK-LABEL: func.func @alone(
// CHECK-NOT: graph.conv2d_nchwc
// CHECK: linalg.conv_2d_nchw_fchw
func.func @alone(%x: tensor<1x8x4x4xf32>) -> tensor<1x16x4x4xf32> {
  %w = arith.constant dense<0.5> : tensor<16x8x1x1xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) outs(%f : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  return %c : tensor<1x16x4x4xf32>
}

// CHECK-LABEL: func.func @with_depthwise(
// CHECK-NOT: graph.conv2d_nchwc
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.depthwise_conv_2d_nchw_chw
// CHECK: linalg.conv_2d_nchw_fchw
func.func @with_depthwise(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x2x2xf32> {
  %w = arith.constant dense<0.5> : tensor<16x8x1x1xf32>
  %dw = arith.constant dense<0.5> : tensor<16x3x3xf32>
  %w2 = arith.constant dense<0.5> : tensor<8x16x1x1xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) outs(%f : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %e1 = tensor.empty() : tensor<1x16x2x2xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x16x2x2xf32>) -> tensor<1x16x2x2xf32>
  %d = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%c, %dw : tensor<1x16x4x4xf32>, tensor<16x3x3xf32>) outs(%f1 : tensor<1x16x2x2xf32>) -> tensor<1x16x2x2xf32>
  %e2 = tensor.empty() : tensor<1x8x2x2xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%d, %w2 : tensor<1x16x2x2xf32>, tensor<8x16x1x1xf32>) outs(%f2 : tensor<1x8x2x2xf32>) -> tensor<1x8x2x2xf32>
  return %c2 : tensor<1x8x2x2xf32>
}

// CHECK-LABEL: func.func @partial_block(
// CHECK-NOT: graph.conv2d_nchwc
func.func @partial_block(%x: tensor<1x8x4x4xf32>) -> tensor<1x12x4x4xf32> {
  %w = arith.constant dense<0.5> : tensor<16x8x1x1xf32>
  %w2 = arith.constant dense<0.5> : tensor<12x16x1x1xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) outs(%f : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %e2 = tensor.empty() : tensor<1x12x4x4xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%c, %w2 : tensor<1x16x4x4xf32>, tensor<12x16x1x1xf32>) outs(%f2 : tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  return %c2 : tensor<1x12x4x4xf32>
}
