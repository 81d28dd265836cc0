// RUN: mlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(mlc-fuse-attention))' | FileCheck %s

// BERT's form: Div by sqrt(E), an additive mask that broadcasts.
// CHECK-LABEL: func @bert
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x8x4xf32>
// CHECK: %[[Y:.*]] = graph.fused_attention q(%arg0 : tensor<1x2x8x4xf32>) kt(%arg1 : tensor<1x2x4x16xf32>) v(%arg2 : tensor<1x2x16x4xf32>) mask(%arg3 : tensor<1x1x1x16xf32>) init(%[[E]] : tensor<1x2x8x4xf32>) {scale = 5.000000e-01 : f32} -> tensor<1x2x8x4xf32>
// CHECK-NOT: graph.softmax
// CHECK-NOT: graph.matmul
// CHECK: return %[[Y]]
func.func @bert(%q: tensor<1x2x8x4xf32>, %kt: tensor<1x2x4x16xf32>, %v: tensor<1x2x16x4xf32>, %m: tensor<1x1x1x16xf32>) -> tensor<1x2x8x4xf32> {
  %c = graph.constant dense<2.0> : tensor<f32>
  %s = graph.matmul %q, %kt : (tensor<1x2x8x4xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x8x16xf32>
  %d = graph.div %s, %c : (tensor<1x2x8x16xf32>, tensor<f32>) -> tensor<1x2x8x16xf32>
  %a = graph.add %m, %d : (tensor<1x1x1x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  %p = graph.softmax %a {axis = 3 : i64} : (tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  %y = graph.matmul %p, %v : (tensor<1x2x8x16xf32>, tensor<1x2x16x4xf32>) -> tensor<1x2x8x4xf32>
  return %y : tensor<1x2x8x4xf32>
}

// -----

// GPT-2's form: Where with a constant condition (kept as an f32 constant of
// 1 / 0) and a scalar fill; scaling by Mul with the constant first.
// CHECK-LABEL: func @causal
// CHECK: %[[K:.*]] = graph.constant dense<{{\[}}[1.000000e+00, 0.000000e+00], [1.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// CHECK: graph.fused_attention q(%arg0 : {{.*}}) kt(%arg1 : {{.*}}) v(%arg2 : {{.*}}) keep(%[[K]] : tensor<2x2xf32>) init({{.*}}) {masked_value = -1.000000e+04 : f32, scale = 2.500000e-01 : f32}
func.func @causal(%q: tensor<1x1x2x3xf32>, %kt: tensor<1x1x3x2xf32>, %v: tensor<1x1x2x5xf32>) -> tensor<1x1x2x5xf32> {
  %c = graph.constant dense<0.25> : tensor<1xf32>
  %keep = graph.constant dense<[[true, false], [true, true]]> : tensor<2x2xi1>
  %neg = graph.constant dense<-1.0e4> : tensor<f32>
  %s = graph.matmul %q, %kt : (tensor<1x1x2x3xf32>, tensor<1x1x3x2xf32>) -> tensor<1x1x2x2xf32>
  %d = graph.mul %c, %s : (tensor<1xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %w = graph.where %keep, %d, %neg : (tensor<2x2xi1>, tensor<1x1x2x2xf32>, tensor<f32>) -> tensor<1x1x2x2xf32>
  %p = graph.softmax %w {axis = 3 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %y = graph.matmul %p, %v : (tensor<1x1x2x2xf32>, tensor<1x1x2x5xf32>) -> tensor<1x1x2x5xf32>
  return %y : tensor<1x1x2x5xf32>
}

// -----

// A condition computed at run time is cast to f32.
// CHECK-LABEL: func @runtime_keep
// CHECK: %[[K:.*]] = graph.cast %arg3 {to = f32} : (tensor<1x1x4x4xi1>) -> tensor<1x1x4x4xf32>
// CHECK: graph.fused_attention {{.*}} keep(%[[K]] : tensor<1x1x4x4xf32>) {{.*}} {masked_value = 0xFF800000 : f32, scale = 1.000000e+00 : f32}
func.func @runtime_keep(%q: tensor<1x1x4x2xf32>, %kt: tensor<1x1x2x4xf32>, %v: tensor<1x1x4x2xf32>, %k: tensor<1x1x4x4xi1>) -> tensor<1x1x4x2xf32> {
  %neg = graph.constant dense<0xFF800000> : tensor<f32>
  %s = graph.matmul %q, %kt : (tensor<1x1x4x2xf32>, tensor<1x1x2x4xf32>) -> tensor<1x1x4x4xf32>
  %w = graph.where %k, %s, %neg : (tensor<1x1x4x4xi1>, tensor<1x1x4x4xf32>, tensor<f32>) -> tensor<1x1x4x4xf32>
  %p = graph.softmax %w {axis = 3 : i64} : (tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %y = graph.matmul %p, %v : (tensor<1x1x4x4xf32>, tensor<1x1x4x2xf32>) -> tensor<1x1x4x2xf32>
  return %y : tensor<1x1x4x2xf32>
}

// -----

// Not fused: the scores have a second user; softmax over another axis; a
// non-constant scale; batch dimensions that broadcast; more than 16384 keys
// (the kernel's per-thread score rows would exceed 256 KiB of stack).
// CHECK-LABEL: func @kept
// CHECK-NOT: graph.fused_attention
// CHECK-COUNT-5: graph.softmax
// CHECK-NOT: graph.fused_attention
func.func @kept(%q: tensor<1x2x8x4xf32>, %kt: tensor<1x2x4x8xf32>, %v: tensor<1x2x8x4xf32>, %c: tensor<f32>, %q1: tensor<1x1x8x4xf32>) -> (tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x1x2x4xf32>) {
  %s = graph.matmul %q, %kt : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %p = graph.softmax %s {axis = 3 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %y = graph.matmul %p, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %s2 = graph.matmul %q, %kt : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %p2 = graph.softmax %s2 {axis = 2 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %y2 = graph.matmul %p2, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %s3 = graph.matmul %q, %kt : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %d3 = graph.div %s3, %c : (tensor<1x2x8x8xf32>, tensor<f32>) -> tensor<1x2x8x8xf32>
  %p3 = graph.softmax %d3 {axis = 3 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %y3 = graph.matmul %p3, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %s4 = graph.matmul %q1, %kt : (tensor<1x1x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %p4 = graph.softmax %s4 {axis = 3 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %y4 = graph.matmul %p4, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %ktl = graph.constant dense<1.0> : tensor<1x1x4x16400xf32>
  %vl = graph.constant dense<1.0> : tensor<1x1x16400x4xf32>
  %q5 = graph.constant dense<1.0> : tensor<1x1x2x4xf32>
  %s5 = graph.matmul %q5, %ktl : (tensor<1x1x2x4xf32>, tensor<1x1x4x16400xf32>) -> tensor<1x1x2x16400xf32>
  %p5 = graph.softmax %s5 {axis = 3 : i64} : (tensor<1x1x2x16400xf32>) -> tensor<1x1x2x16400xf32>
  %y5 = graph.matmul %p5, %vl : (tensor<1x1x2x16400xf32>, tensor<1x1x16400x4xf32>) -> tensor<1x1x2x4xf32>
  return %y, %s, %y2, %y3, %y4, %y5 : tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x1x2x4xf32>
}

// -----

// Transposes that keep the innermost dimension (Q's, V's, the output's) are
// absorbed as permutations; K's (to (B, H, E, T)) stays.
// CHECK-LABEL: func @split_heads
// CHECK: %[[KT:.*]] = graph.transpose %arg1 {perm = array<i64: 0, 2, 3, 1>}
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x8x2x4xf32>
// CHECK: %[[Y:.*]] = graph.fused_attention q(%arg0 : tensor<1x8x2x4xf32>) kt(%[[KT]] : tensor<1x2x4x8xf32>) v(%arg2 : tensor<1x8x2x4xf32>) init(%[[E]] : tensor<1x8x2x4xf32>) {out_perm = array<i64: 0, 2, 1, 3>, q_perm = array<i64: 0, 2, 1, 3>, scale = 1.000000e+00 : f32, v_perm = array<i64: 0, 2, 1, 3>}
// CHECK-NOT: graph.transpose
// CHECK: return %[[Y]]
func.func @split_heads(%xq: tensor<1x8x2x4xf32>, %xk: tensor<1x8x2x4xf32>, %xv: tensor<1x8x2x4xf32>) -> tensor<1x8x2x4xf32> {
  %q = graph.transpose %xq {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x8x2x4xf32>) -> tensor<1x2x8x4xf32>
  %kt = graph.transpose %xk {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x8x2x4xf32>) -> tensor<1x2x4x8xf32>
  %v = graph.transpose %xv {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x8x2x4xf32>) -> tensor<1x2x8x4xf32>
  %s = graph.matmul %q, %kt : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %p = graph.softmax %s {axis = 3 : i64} : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %y = graph.matmul %p, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %t = graph.transpose %y {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x2x8x4xf32>) -> tensor<1x8x2x4xf32>
  return %t : tensor<1x8x2x4xf32>
}
