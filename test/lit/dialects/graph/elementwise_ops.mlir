// RUN: mlc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func @binary_broadcast
// CHECK-SAME: (%[[A:.*]]: tensor<2x1x4xf32>, %[[B:.*]]: tensor<3x1xf32>, %[[E:.*]]: tensor<4xi64>)
func.func @binary_broadcast(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>, %e: tensor<4xi64>)
    -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
        tensor<2x3x4xf32>, tensor<2x1x4xf32>) {
  // CHECK: graph.add %[[A]], %[[B]] : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %0 = graph.add %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: graph.sub
  %1 = graph.sub %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: graph.mul
  %2 = graph.mul %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: graph.div
  %3 = graph.div %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: graph.mod %[[A]], %[[B]] {fmod = true}
  %4 = graph.mod %a, %b {fmod = true} : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // The exponent of a pow may have another element type.
  // CHECK: graph.pow %[[A]], %[[E]] : (tensor<2x1x4xf32>, tensor<4xi64>) -> tensor<2x1x4xf32>
  %5 = graph.pow %a, %e : (tensor<2x1x4xf32>, tensor<4xi64>) -> tensor<2x1x4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>,
      tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x1x4xf32>
}

// -----

// Unknown dimensions and ranks propagate.
// CHECK-LABEL: func @binary_dynamic
func.func @binary_dynamic(%a: tensor<?x4xi32>, %b: tensor<3x1xi32>, %c: tensor<*xi32>)
    -> (tensor<3x4xi32>, tensor<*xi32>) {
  // CHECK: graph.add %{{.*}}, %{{.*}} : (tensor<?x4xi32>, tensor<3x1xi32>) -> tensor<3x4xi32>
  %0 = graph.add %a, %b : (tensor<?x4xi32>, tensor<3x1xi32>) -> tensor<3x4xi32>
  // CHECK: graph.mod %{{.*}}, %{{.*}} : (tensor<?x4xi32>, tensor<*xi32>) -> tensor<*xi32>
  %1 = graph.mod %a, %c : (tensor<?x4xi32>, tensor<*xi32>) -> tensor<*xi32>
  return %0, %1 : tensor<3x4xi32>, tensor<*xi32>
}

// -----

// CHECK-LABEL: func @variadic
func.func @variadic(%a: tensor<3xf32>, %b: tensor<2x1xf32>, %c: tensor<f32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>) {
  // CHECK: graph.max %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<2x1xf32>, tensor<f32>) -> tensor<2x3xf32>
  %0 = graph.max %a, %b, %c : (tensor<3xf32>, tensor<2x1xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.min
  %1 = graph.min %a, %b, %c : (tensor<3xf32>, tensor<2x1xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.sum
  %2 = graph.sum %a, %b, %c : (tensor<3xf32>, tensor<2x1xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.mean
  %3 = graph.mean %a, %b, %c : (tensor<3xf32>, tensor<2x1xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.max %{{.*}} : (tensor<3xf32>) -> tensor<3xf32>
  %4 = graph.max %a : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @predicates
func.func @predicates(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %p: tensor<2x3xi1>, %q: tensor<1xi1>)
    -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
        tensor<2x3xi1>, tensor<2x3xi1>) {
  // CHECK: graph.equal %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %0 = graph.equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: graph.greater
  %1 = graph.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: graph.less
  %2 = graph.less %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: graph.and %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<1xi1>) -> tensor<2x3xi1>
  %3 = graph.and %p, %q : (tensor<2x3xi1>, tensor<1xi1>) -> tensor<2x3xi1>
  // CHECK: graph.or
  %4 = graph.or %p, %q : (tensor<2x3xi1>, tensor<1xi1>) -> tensor<2x3xi1>
  // CHECK: graph.not %{{.*}} : (tensor<2x3xi1>) -> tensor<2x3xi1>
  %5 = graph.not %p : (tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: graph.is_nan %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xi1>
  %6 = graph.is_nan %a : (tensor<2x3xf32>) -> tensor<2x3xi1>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
      tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func @where
func.func @where(%c: tensor<2x1xi1>, %x: tensor<3xi64>, %y: tensor<i64>) -> tensor<2x3xi64> {
  // CHECK: graph.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x1xi1>, tensor<3xi64>, tensor<i64>) -> tensor<2x3xi64>
  %0 = graph.where %c, %x, %y : (tensor<2x1xi1>, tensor<3xi64>, tensor<i64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func @unary
func.func @unary(%x: tensor<2x?xf32>, %i: tensor<4xi8>) -> (tensor<2x?xf32>, tensor<4xi8>) {
  // CHECK: graph.abs %{{.*}} : (tensor<4xi8>) -> tensor<4xi8>
  %i0 = graph.abs %i : (tensor<4xi8>) -> tensor<4xi8>
  // CHECK: graph.neg
  %i1 = graph.neg %i0 : (tensor<4xi8>) -> tensor<4xi8>
  // CHECK: graph.relu
  %i2 = graph.relu %i1 : (tensor<4xi8>) -> tensor<4xi8>
  // CHECK: graph.identity
  %i3 = graph.identity %i2 : (tensor<4xi8>) -> tensor<4xi8>
  // CHECK: graph.ceil
  %0 = graph.ceil %x : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.floor
  %1 = graph.floor %0 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.round
  %2 = graph.round %1 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.sqrt
  %3 = graph.sqrt %2 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.reciprocal
  %4 = graph.reciprocal %3 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.exp
  %5 = graph.exp %4 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.log
  %6 = graph.log %5 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.sin
  %7 = graph.sin %6 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.cos
  %8 = graph.cos %7 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.tanh
  %9 = graph.tanh %8 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.erf
  %10 = graph.erf %9 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.sigmoid
  %11 = graph.sigmoid %10 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.softplus
  %12 = graph.softplus %11 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.mish
  %13 = graph.mish %12 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.hard_swish
  %14 = graph.hard_swish %13 : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.hard_sigmoid %{{.*}} {alpha = 2.500000e-01 : f32, beta = 7.500000e-01 : f32}
  %15 = graph.hard_sigmoid %14 {alpha = 0.25 : f32, beta = 0.75 : f32} : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.leaky_relu %{{.*}} {alpha = 1.000000e-01 : f32}
  %16 = graph.leaky_relu %15 {alpha = 0.1 : f32} : (tensor<2x?xf32>) -> tensor<2x?xf32>
  // CHECK: graph.gelu %{{.*}} {approximate = "tanh"}
  %17 = graph.gelu %16 {approximate = "tanh"} : (tensor<2x?xf32>) -> tensor<2x?xf32>
  return %17, %i3 : tensor<2x?xf32>, tensor<4xi8>
}

// -----

// The slope broadcasts to the input; a static slope dimension refines an
// unknown input dimension.
// CHECK-LABEL: func @prelu
func.func @prelu(%x: tensor<2x?x4x5xf32>, %s: tensor<3x1x1xf32>, %t: tensor<5xf32>)
    -> (tensor<2x3x4x5xf32>, tensor<2x?x4x5xf32>) {
  // CHECK: graph.prelu %{{.*}}, %{{.*}} : (tensor<2x?x4x5xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x5xf32>
  %0 = graph.prelu %x, %s : (tensor<2x?x4x5xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x5xf32>
  // CHECK: graph.prelu %{{.*}}, %{{.*}} : (tensor<2x?x4x5xf32>, tensor<5xf32>) -> tensor<2x?x4x5xf32>
  %1 = graph.prelu %x, %t : (tensor<2x?x4x5xf32>, tensor<5xf32>) -> tensor<2x?x4x5xf32>
  return %0, %1 : tensor<2x3x4x5xf32>, tensor<2x?x4x5xf32>
}

// -----

// CHECK-LABEL: func @clip
func.func @clip(%x: tensor<3xf32>, %lo: tensor<f32>, %i: tensor<3xi8>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xi8>) {
  %none = graph.none
  // CHECK: graph.clip %{{.*}}, %{{.*}}, %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}
  %0 = graph.clip %x, %none, %none {min = 0.0 : f32, max = 6.0 : f32} : (tensor<3xf32>, none, none) -> tensor<3xf32>
  // CHECK: graph.clip %{{.*}}, %{{.*}}, %{{.*}} {max = 6.000000e+00 : f32} : (tensor<3xf32>, tensor<f32>, none)
  %1 = graph.clip %x, %lo, %none {max = 6.0 : f32} : (tensor<3xf32>, tensor<f32>, none) -> tensor<3xf32>
  // CHECK: graph.clip %{{.*}}, %{{.*}}, %{{.*}} {max = 100 : i8, min = -3 : i8}
  %2 = graph.clip %i, %none, %none {min = -3 : i8, max = 100 : i8} : (tensor<3xi8>, none, none) -> tensor<3xi8>
  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<3xi8>
}

// -----

// CHECK-LABEL: func @dropout
func.func @dropout(%x: tensor<2x?xf16>, %r: tensor<f16>, %t: tensor<i1>)
    -> (tensor<2x?xf16>, tensor<2x?xi1>, tensor<2x?xf16>, tensor<2x?xi1>) {
  %none = graph.none
  // CHECK: graph.dropout %{{.*}}, %{{.*}}, %{{.*}} {ratio = 5.000000e-01 : f32, training_mode = false} : (tensor<2x?xf16>, none, none) -> (tensor<2x?xf16>, tensor<2x?xi1>)
  %0:2 = graph.dropout %x, %none, %none {ratio = 0.5 : f32, training_mode = false} : (tensor<2x?xf16>, none, none) -> (tensor<2x?xf16>, tensor<2x?xi1>)
  // CHECK: graph.dropout %{{.*}}, %{{.*}}, %{{.*}} {seed = 3 : i64} : (tensor<2x?xf16>, tensor<f16>, tensor<i1>)
  %1:2 = graph.dropout %x, %r, %t {seed = 3 : i64} : (tensor<2x?xf16>, tensor<f16>, tensor<i1>) -> (tensor<2x?xf16>, tensor<2x?xi1>)
  return %0#0, %0#1, %1#0, %1#1 : tensor<2x?xf16>, tensor<2x?xi1>, tensor<2x?xf16>, tensor<2x?xi1>
}

// -----

// CHECK-LABEL: func @cast
func.func @cast(%x: tensor<2x?xf32>) -> (tensor<2x?xi64>, tensor<2x?xf8E5M2>) {
  // CHECK: graph.cast %{{.*}} {to = i64} : (tensor<2x?xf32>) -> tensor<2x?xi64>
  %0 = graph.cast %x {to = i64} : (tensor<2x?xf32>) -> tensor<2x?xi64>
  // CHECK: graph.cast %{{.*}} {round_mode = "nearest", saturate = false, to = f8E5M2}
  %1 = graph.cast %x {to = f8E5M2, saturate = false, round_mode = "nearest"} : (tensor<2x?xf32>) -> tensor<2x?xf8E5M2>
  return %0, %1 : tensor<2x?xi64>, tensor<2x?xf8E5M2>
}

// -----

func.func @add_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand shapes do not broadcast: 'tensor<2x3xf32>' 'tensor<4xf32>'}}
  %0 = graph.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @sub_mixed_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{operands have different element types: 'tensor<3xf32>' and 'tensor<3xf16>'}}
  %0 = graph.sub %a, %b : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @add_wrong_declared(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result #0 is declared 'tensor<4xf32>' but its operands and attributes give 'tensor<3xf32>'}}
  %0 = graph.add %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @max_no_operands() -> tensor<3xf32> {
  // expected-error @+1 {{needs at least one operand}}
  %0 = graph.max : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @mod_float_without_fmod(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{needs fmod = true for floating-point operands}}
  %0 = graph.mod %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @sqrt_int(%a: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{operand #0 must be tensor of floating-point values}}
  %0 = graph.sqrt %a : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @and_not_bool(%a: tensor<3xi32>) -> tensor<3xi1> {
  // expected-error @+1 {{operand #0 must be tensor of 1-bit signless integer values}}
  %0 = graph.and %a, %a : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @equal_not_bool_result(%a: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{result #0 must be tensor of 1-bit signless integer values}}
  %0 = graph.equal %a, %a : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @where_mixed_types(%c: tensor<3xi1>, %x: tensor<3xf32>, %y: tensor<3xi64>) -> tensor<3xf32> {
  // expected-error @+1 {{operands have different element types: 'tensor<3xf32>' and 'tensor<3xi64>'}}
  %0 = graph.where %c, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @gelu_bad_mode(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{approximate must be "none" or "tanh", not "fast"}}
  %0 = graph.gelu %x {approximate = "fast"} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @prelu_slope_rank(%x: tensor<3xf32>, %s: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{slope 'tensor<2x3xf32>' has a higher rank than the input 'tensor<3xf32>'}}
  %0 = graph.prelu %x, %s : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @prelu_slope_mismatch(%x: tensor<2x3xf32>, %s: tensor<2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{slope 'tensor<2xf32>' does not broadcast to the input 'tensor<2x3xf32>'}}
  %0 = graph.prelu %x, %s : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @clip_attr_and_operand(%x: tensor<3xf32>, %lo: tensor<f32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has both a min attribute and a min operand}}
  %0 = graph.clip %x, %lo, %none {min = 0.0 : f32} : (tensor<3xf32>, tensor<f32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_attr_type(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{max attribute 6 : i64 is not a scalar of the input's element type 'f32'}}
  %0 = graph.clip %x, %none, %none {max = 6 : i64} : (tensor<3xf32>, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_operand_type(%x: tensor<3xf32>, %lo: tensor<f16>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{min operand 'tensor<f16>' does not have the input's element type 'f32'}}
  %0 = graph.clip %x, %lo, %none : (tensor<3xf32>, tensor<f16>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_operand_not_scalar(%x: tensor<3xf32>, %hi: tensor<2xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{max operand 'tensor<2xf32>' is not a scalar}}
  %0 = graph.clip %x, %none, %hi : (tensor<3xf32>, none, tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @dropout_two_ratios(%x: tensor<3xf32>, %r: tensor<f32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has both a ratio attribute and a ratio operand}}
  %0:2 = graph.dropout %x, %r, %none {ratio = 0.5 : f32} : (tensor<3xf32>, tensor<f32>, none) -> (tensor<3xf32>, tensor<3xi1>)
  return %0#0 : tensor<3xf32>
}

// -----

func.func @dropout_two_modes(%x: tensor<3xf32>, %t: tensor<i1>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has both a training_mode attribute and a training_mode operand}}
  %0:2 = graph.dropout %x, %none, %t {training_mode = true} : (tensor<3xf32>, none, tensor<i1>) -> (tensor<3xf32>, tensor<3xi1>)
  return %0#0 : tensor<3xf32>
}

// -----

func.func @dropout_bad_ratio(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{ratio 1.500000e+00 is not in [0, 1)}}
  %0:2 = graph.dropout %x, %none, %none {ratio = 1.5 : f32} : (tensor<3xf32>, none, none) -> (tensor<3xf32>, tensor<3xi1>)
  return %0#0 : tensor<3xf32>
}

// -----

func.func @dropout_int_ratio(%x: tensor<3xf32>, %r: tensor<i32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{ratio operand 'tensor<i32>' is not a float tensor}}
  %0:2 = graph.dropout %x, %r, %none : (tensor<3xf32>, tensor<i32>, none) -> (tensor<3xf32>, tensor<3xi1>)
  return %0#0 : tensor<3xf32>
}

// -----

func.func @dropout_float_mode(%x: tensor<3xf32>, %t: tensor<f32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{training_mode operand 'tensor<f32>' is not an i1 tensor}}
  %0:2 = graph.dropout %x, %none, %t : (tensor<3xf32>, none, tensor<f32>) -> (tensor<3xf32>, tensor<3xi1>)
  return %0#0 : tensor<3xf32>
}

// -----

func.func @cast_bad_round_mode(%x: tensor<3xf32>) -> tensor<3xi32> {
  // expected-error @+1 {{round_mode must be "up", "down" or "nearest", not "odd"}}
  %0 = graph.cast %x {to = i32, round_mode = "odd"} : (tensor<3xf32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}
