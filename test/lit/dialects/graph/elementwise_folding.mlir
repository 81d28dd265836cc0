// RUN: mlc-opt %s --split-input-file --mlc-simplify-graph | FileCheck %s

// Integer arithmetic on small constants folds; Div truncates toward zero and
// Mod takes the sign of the divisor (of the dividend with fmod).
// CHECK-LABEL: func @int_arith
// CHECK-DAG: graph.constant dense<[5, -4, 10, 8]> : tensor<4xi64>
// CHECK-DAG: graph.constant dense<[-1, -1, 13, 1]> : tensor<4xi64>
// CHECK-DAG: graph.constant dense<[6, -21, 21, 15]> : tensor<4xi64>
// CHECK-DAG: graph.constant dense<[0, 1, -1, 1]> : tensor<4xi64>
// CHECK-DAG: graph.constant dense<[2, 2, 1, 2]> : tensor<4xi64>
// CHECK-DAG: graph.constant dense<[2, -1, 1, 2]> : tensor<4xi64>
// CHECK-NOT: graph.add
// CHECK-NOT: graph.sub
// CHECK-NOT: graph.mul
// CHECK-NOT: graph.div
// CHECK-NOT: graph.mod
func.func @int_arith() -> (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) {
  %a = graph.constant dense<[2, -7, 7, 5]> : tensor<4xi64>
  %b = graph.constant dense<[3, -6, -6, 4]> : tensor<4xi64>
  %c = graph.constant dense<[3]> : tensor<1xi64>
  %0 = graph.add %a, %c : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi64>
  %1 = graph.sub %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %2 = graph.mul %a, %c : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi64>
  %3 = graph.div %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %4 = graph.mod %a, %c : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi64>
  %5 = graph.mod %a, %c {fmod = true} : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>
}

// -----

// Unsigned division and remainder.
// CHECK-LABEL: func @uint_div
// CHECK: graph.constant dense<[126, 1]> : tensor<2xui8>
// CHECK: graph.constant dense<[2, 0]> : tensor<2xui8>
func.func @uint_div() -> (tensor<2xui8>, tensor<2xui8>) {
  %a = graph.constant dense<[252, 9]> : tensor<2xui8>
  %b = graph.constant dense<[2, 9]> : tensor<2xui8>
  %0 = graph.div %a, %b : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  %c = graph.constant dense<[5, 3]> : tensor<2xui8>
  %1 = graph.mod %a, %c : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  return %0, %1 : tensor<2xui8>, tensor<2xui8>
}

// -----

// Division by zero does not fold.
// CHECK-LABEL: func @div_by_zero
// CHECK: graph.div
// CHECK: graph.mod
func.func @div_by_zero() -> (tensor<2xi32>, tensor<2xi32>) {
  %a = graph.constant dense<[4, 5]> : tensor<2xi32>
  %b = graph.constant dense<[2, 0]> : tensor<2xi32>
  %0 = graph.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %1 = graph.mod %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0, %1 : tensor<2xi32>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func @variadic
// CHECK-DAG: graph.constant dense<[3, 5]> : tensor<2xi32>
// CHECK-DAG: graph.constant dense<[-4, 1]> : tensor<2xi32>
// CHECK-DAG: graph.constant dense<[0, 8]> : tensor<2xi32>
// CHECK-NOT: graph.max
// CHECK-NOT: graph.min
// CHECK-NOT: graph.sum
func.func @variadic() -> (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) {
  %a = graph.constant dense<[1, 5]> : tensor<2xi32>
  %b = graph.constant dense<[3, 2]> : tensor<2xi32>
  %c = graph.constant dense<[-4, 1]> : tensor<2xi32>
  %0 = graph.max %a, %b, %c : (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %1 = graph.min %a, %b, %c : (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %2 = graph.sum %a, %b, %c : (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0, %1, %2 : tensor<2xi32>, tensor<2xi32>, tensor<2xi32>
}

// -----

// A single-operand Max/Min/Sum is its operand.
// CHECK-LABEL: func @variadic_one
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]]
func.func @variadic_one(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0 = graph.max %x : (tensor<3xf32>) -> tensor<3xf32>
  %1 = graph.min %x : (tensor<3xf32>) -> tensor<3xf32>
  %2 = graph.sum %x : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @neg_abs
// CHECK-DAG: graph.constant dense<[3, -2, -128]> : tensor<3xi8>
// CHECK-DAG: graph.constant dense<[3, 2, -128]> : tensor<3xi8>
func.func @neg_abs() -> (tensor<3xi8>, tensor<3xi8>) {
  %a = graph.constant dense<[-3, 2, -128]> : tensor<3xi8>
  %0 = graph.neg %a : (tensor<3xi8>) -> tensor<3xi8>
  %1 = graph.abs %a : (tensor<3xi8>) -> tensor<3xi8>
  return %0, %1 : tensor<3xi8>, tensor<3xi8>
}

// -----

// Comparisons, logic and Where over constants (the shape arithmetic of
// exported models: Where(Equal(shape, 0), ...)).
// CHECK-LABEL: func @compare_where
// CHECK-DAG: graph.constant dense<[false, true, false]> : tensor<3xi1>
// CHECK-DAG: graph.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: graph.constant dense<[false, false, true]> : tensor<3xi1>
// CHECK-DAG: graph.constant dense<[true, false, true]> : tensor<3xi1>
// CHECK-DAG: graph.constant dense<[2, 0, 4]> : tensor<3xi64>
// CHECK-NOT: graph.equal
// CHECK-NOT: graph.where
func.func @compare_where() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi64>) {
  %s = graph.constant dense<[2, 0, 4]> : tensor<3xi64>
  %z = graph.constant dense<0> : tensor<i64>
  %t = graph.constant dense<3> : tensor<i64>
  %0 = graph.equal %s, %z : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %1 = graph.less %s, %t : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %2 = graph.greater %s, %t : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %3 = graph.not %0 : (tensor<3xi1>) -> tensor<3xi1>
  %4 = graph.and %3, %1 : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %5 = graph.or %4, %2 : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %6 = graph.where %0, %z, %s : (tensor<3xi1>, tensor<i64>, tensor<3xi64>) -> tensor<3xi64>
  return %0, %4, %2, %5, %6 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi64>
}

// -----

// Float comparisons: NaN compares false.
// CHECK-LABEL: func @compare_float
// CHECK: graph.constant dense<[false, true, false]> : tensor<3xi1>
func.func @compare_float() -> tensor<3xi1> {
  %a = graph.constant dense<[1.0, 2.0, 0x7FC00000]> : tensor<3xf32>
  %b = graph.constant dense<[2.0, 2.0, 0x7FC00000]> : tensor<3xf32>
  %0 = graph.equal %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

// A uniform constant condition selects a side.
// CHECK-LABEL: func @where_splat
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[Y:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[Y]]
func.func @where_splat(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %c = graph.constant dense<false> : tensor<3xi1>
  %0 = graph.where %c, %x, %y : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Neutral elements: x - 0, x * 1, x / 1, x + (-0.0) and integer x + 0 are x;
// float x + 0.0 is not (-0.0 + 0.0 = 0.0), nor is a broadcasting identity.
// CHECK-LABEL: func @neutral
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<3xi32>)
// CHECK: %[[ADD:.*]] = graph.add %[[X]]
// CHECK: %[[BC:.*]] = graph.mul %[[X]]
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]], %[[X]], %[[I]], %[[ADD]], %[[BC]]
func.func @neutral(%x: tensor<3xf32>, %i: tensor<3xi32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi32>, tensor<3xf32>, tensor<2x3xf32>) {
  %zero = graph.constant dense<0.0> : tensor<f32>
  %negzero = graph.constant dense<-0.0> : tensor<f32>
  %one = graph.constant dense<1.0> : tensor<f32>
  %ones = graph.constant dense<1.0> : tensor<2x1xf32>
  %izero = graph.constant dense<0> : tensor<3xi32>
  %0 = graph.sub %x, %zero : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %1 = graph.mul %one, %x : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  %2 = graph.div %x, %one : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %3 = graph.add %x, %negzero : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %4 = graph.add %izero, %i : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %5 = graph.add %x, %zero : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %6 = graph.mul %x, %ones : (tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi32>, tensor<3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @identity
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @identity(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = graph.identity %x : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @cast_fold
// CHECK-DAG: graph.constant dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf16>
// CHECK-DAG: graph.constant dense<[true, false]> : tensor<2xi1>
// CHECK-DAG: graph.constant dense<[1, -2]> : tensor<2xi32>
func.func @cast_fold() -> (tensor<2xf16>, tensor<2xi1>, tensor<2xi32>) {
  %a = graph.constant dense<[1.5, -2.0]> : tensor<2xf32>
  %b = graph.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = graph.cast %a {to = f16} : (tensor<2xf32>) -> tensor<2xf16>
  %1 = graph.cast %b {to = i1} : (tensor<2xf32>) -> tensor<2xi1>
  %2 = graph.cast %a {to = i32} : (tensor<2xf32>) -> tensor<2xi32>
  return %0, %1, %2 : tensor<2xf16>, tensor<2xi1>, tensor<2xi32>
}

// -----

// Constant bounds move into attributes (of the input's element type).
// CHECK-LABEL: func @clip_constant_bounds
// CHECK: graph.clip %{{.*}}, %{{.*}}, %{{.*}} {max = 6 : i64, min = -1 : i64} : (tensor<3xi64>, none, none) -> tensor<3xi64>
func.func @clip_constant_bounds(%x: tensor<3xi64>) -> tensor<3xi64> {
  %lo = graph.constant dense<-1> : tensor<i64>
  %hi = graph.constant dense<6> : tensor<1xi64>
  %0 = graph.clip %x, %lo, %hi : (tensor<3xi64>, tensor<i64>, tensor<1xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// A clip without bounds is its input.
// CHECK-LABEL: func @clip_unbounded
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @clip_unbounded(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  %0 = graph.clip %x, %none, %none : (tensor<3xf32>, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// In inference a dropout forwards its input, and its mask is all true.
// CHECK-LABEL: func @dropout_inference
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[M:.*]] = graph.constant dense<true> : tensor<2x3xi1>
// CHECK-NOT: graph.dropout
// CHECK: return %[[X]], %[[M]]
func.func @dropout_inference(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>) {
  %none = graph.none
  %t = graph.constant dense<false> : tensor<i1>
  %0:2 = graph.dropout %x, %none, %t {ratio = 0.5 : f32} : (tensor<2x3xf32>, none, tensor<i1>) -> (tensor<2x3xf32>, tensor<2x3xi1>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xi1>
}

// -----

// In training (constant operands moved into attributes) the dropout stays.
// CHECK-LABEL: func @dropout_training
// CHECK: graph.dropout %{{.*}}, %{{.*}}, %{{.*}} {ratio = 2.500000e-01 : f32, training_mode = true} : (tensor<2x3xf32>, none, none)
func.func @dropout_training(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = graph.constant dense<0.25> : tensor<f32>
  %t = graph.constant dense<true> : tensor<i1>
  %0:2 = graph.dropout %x, %r, %t : (tensor<2x3xf32>, tensor<f32>, tensor<i1>) -> (tensor<2x3xf32>, tensor<2x3xi1>)
  return %0#0 : tensor<2x3xf32>
}
