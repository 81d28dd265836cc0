// RUN: mlc-opt %s --split-input-file --verify-diagnostics --mlc-convert-graph-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @add_broadcast
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[INIT]] : tensor<2x3xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = graph.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @sub_i32
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[S:.*]] = arith.subi %[[X]], %[[Y]] : i32
// CHECK: linalg.yield %[[S]] : i32
func.func @sub_i32(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = graph.sub %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Half precision is computed in f32 and rounded once.
// CHECK-LABEL: func @mul_f16
// CHECK: ^bb0(%[[X:.*]]: f16, %[[Y:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: %[[YE:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[XE]], %[[YE]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[P]] : f32 to f16
// CHECK: linalg.yield %[[T]] : f16
func.func @mul_f16(%a: tensor<4xf16>, %b: tensor<4xf16>) -> tensor<4xf16> {
  %0 = graph.mul %a, %b : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func @div_f32
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[Q:.*]] = arith.divf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[Q]] : f32
func.func @div_f32(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.div %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Integer division never traps: x / 0 is 0, x / -1 is -x (wrapping).
// CHECK-LABEL: func @div_si32
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[ISZ:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i32
// CHECK: %[[M1:.*]] = arith.constant -1 : i32
// CHECK: %[[ISM1:.*]] = arith.cmpi eq, %[[Y]], %[[M1]] : i32
// CHECK: %[[BAD:.*]] = arith.ori %[[ISZ]], %[[ISM1]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %[[ONE]], %[[Y]] : i32
// CHECK: %[[Q:.*]] = arith.divsi %[[X]], %[[SAFE]] : i32
// CHECK: %[[NEG:.*]] = arith.subi %[[ZERO]], %[[X]] : i32
// CHECK: %[[Q1:.*]] = arith.select %[[ISM1]], %[[NEG]], %[[Q]] : i32
// CHECK: %[[Q2:.*]] = arith.select %[[ISZ]], %[[ZERO]], %[[Q1]] : i32
// CHECK: linalg.yield %[[Q2]] : i32
func.func @div_si32(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = graph.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// CHECK-LABEL: func @div_ui8
// CHECK-SAME: tensor<4xi8>
// CHECK: ^bb0(%[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[ISZ:.*]] = arith.cmpi eq, %[[Y]], %{{.*}} : i8
// CHECK: %[[SAFE:.*]] = arith.select %[[ISZ]], %{{.*}}, %[[Y]] : i8
// CHECK: %[[Q:.*]] = arith.divui %[[X]], %[[SAFE]] : i8
// CHECK: %[[R:.*]] = arith.select %[[ISZ]], %{{.*}}, %[[Q]] : i8
// CHECK: linalg.yield %[[R]] : i8
func.func @div_ui8(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  %0 = graph.div %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// Python-style remainder: a nonzero remainder takes the divisor's sign.
// CHECK-LABEL: func @mod_python_i32
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[BAD:.*]] = arith.ori
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %{{.*}}, %[[Y]] : i32
// CHECK: %[[R:.*]] = arith.remsi %[[X]], %[[SAFE]] : i32
// CHECK: %[[RNEG:.*]] = arith.cmpi slt, %[[R]], %{{.*}} : i32
// CHECK: %[[YNEG:.*]] = arith.cmpi slt, %[[SAFE]], %{{.*}} : i32
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %[[R]], %{{.*}} : i32
// CHECK: %[[DIFF:.*]] = arith.xori %[[RNEG]], %[[YNEG]] : i1
// CHECK: %[[FIX:.*]] = arith.andi %[[NZ]], %[[DIFF]] : i1
// CHECK: %[[ADJ:.*]] = arith.addi %[[R]], %[[SAFE]] : i32
// CHECK: %[[R1:.*]] = arith.select %[[FIX]], %[[ADJ]], %[[R]] : i32
// CHECK: %[[R2:.*]] = arith.select %[[BAD]], %{{.*}}, %[[R1]] : i32
// CHECK: linalg.yield %[[R2]] : i32
func.func @mod_python_i32(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = graph.mod %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// CHECK-LABEL: func @mod_fmod_f16
// CHECK: %[[XE:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK: %[[YE:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK: %[[R:.*]] = arith.remf %[[XE]], %[[YE]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[R]] : f32 to f16
// CHECK: linalg.yield %[[T]] : f16
func.func @mod_fmod_f16(%a: tensor<4xf16>, %b: tensor<4xf16>) -> tensor<4xf16> {
  %0 = graph.mod %a, %b {fmod = true} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// A float base with an integer exponent: powf in f64.
// CHECK-LABEL: func @pow_f32_i64
// CHECK: ^bb0(%[[X:.*]]: f32, %[[E:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[XD:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK: %[[ED:.*]] = arith.sitofp %[[E]] : i64 to f64
// CHECK: %[[P:.*]] = math.powf %[[XD]], %[[ED]] : f64
// CHECK: %[[T:.*]] = arith.truncf %[[P]] : f64 to f32
// CHECK: linalg.yield %[[T]] : f32
func.func @pow_f32_i64(%a: tensor<4xf32>, %e: tensor<4xi64>) -> tensor<4xf32> {
  %0 = graph.pow %a, %e : (tensor<4xf32>, tensor<4xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Integers: square-and-multiply over the exponent's bits (7 for a signed
// i8), then the truncated result for negative exponents.
// CHECK-LABEL: func @pow_i32_i8
// CHECK: ^bb0(%[[X:.*]]: i32, %[[E:.*]]: i8, %{{.*}}: i32):
// CHECK: %[[BIT0:.*]] = arith.cmpi ne
// CHECK: arith.select %[[BIT0]], %[[X]], %{{.*}} : i32
// CHECK: arith.muli %[[X]], %[[X]] : i32
// CHECK-COUNT-11: arith.muli
// CHECK-NOT: arith.muli
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[E]], %{{.*}} : i8
// CHECK: %[[R:.*]] = arith.select %[[NEG]], %{{.*}}, %{{.*}} : i32
// CHECK: linalg.yield %[[R]] : i32
func.func @pow_i32_i8(%a: tensor<4xi32>, %e: tensor<4xi8>) -> tensor<4xi32> {
  %0 = graph.pow %a, %e : (tensor<4xi32>, tensor<4xi8>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// CHECK-LABEL: func @pow_const_square
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK-NOT: math.powf
// CHECK: %[[P:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK: linalg.yield %[[P]] : f32
func.func @pow_const_square(%a: tensor<4xf32>) -> tensor<4xf32> {
  %e = graph.constant dense<2.0> : tensor<f32>
  %0 = graph.pow %a, %e : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0) -> (0)>
// CHECK-LABEL: func @max_3
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]], #[[ID]]]
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[M:.*]] = arith.maximumf %[[X]], %[[Y]] : f32
// CHECK: %[[M2:.*]] = arith.maximumf %[[M]], %[[Z]] : f32
// CHECK: linalg.yield %[[M2]] : f32
func.func @max_3(%a: tensor<4xf32>, %b: tensor<1xf32>, %c: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.max %a, %b, %c : (tensor<4xf32>, tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @min_ui16
// CHECK: ^bb0(%[[X:.*]]: i16, %[[Y:.*]]: i16, %{{.*}}: i16):
// CHECK: %[[M:.*]] = arith.minui %[[X]], %[[Y]] : i16
// CHECK: linalg.yield %[[M]] : i16
func.func @min_ui16(%a: tensor<4xui16>, %b: tensor<4xui16>) -> tensor<4xui16> {
  %0 = graph.min %a, %b : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xui16>
  return %0 : tensor<4xui16>
}

// -----

// CHECK-LABEL: func @sum_i64
// CHECK: ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %{{.*}}: i64):
// CHECK: %[[S:.*]] = arith.addi %[[X]], %[[Y]] : i64
// CHECK: linalg.yield %[[S]] : i64
func.func @sum_i64(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  %0 = graph.sum %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// CHECK-LABEL: func @mean_2
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: %[[N:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[M:.*]] = arith.divf %[[S]], %[[N]] : f32
// CHECK: linalg.yield %[[M]] : f32
func.func @mean_2(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.mean %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A body that yields its input is no generic at all (the returned argument
// is then copied, so that results never alias arguments).
// CHECK-LABEL: func @mean_1
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[C:.*]] = linalg.copy ins(%[[A]] : tensor<4xf32>)
// CHECK: return %[[C]]
func.func @mean_1(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.mean %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @equal_f32
// CHECK: outs(%{{.*}} : tensor<4xi1>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: i1):
// CHECK: %[[C:.*]] = arith.cmpf oeq, %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[C]] : i1
func.func @equal_f32(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xi1> {
  %0 = graph.equal %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func @greater_ui32
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i1):
// CHECK: %[[C:.*]] = arith.cmpi ugt, %[[X]], %[[Y]] : i32
// CHECK: linalg.yield %[[C]] : i1
func.func @greater_ui32(%a: tensor<4xui32>, %b: tensor<4xui32>) -> tensor<4xi1> {
  %0 = graph.greater %a, %b : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func @less_i8
// CHECK: ^bb0(%[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i1):
// CHECK: %[[C:.*]] = arith.cmpi slt, %[[X]], %[[Y]] : i8
// CHECK: linalg.yield %[[C]] : i1
func.func @less_i8(%a: tensor<4xi8>, %b: tensor<4xi8>) -> tensor<4xi1> {
  %0 = graph.less %a, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func @and_or_not
// CHECK: ^bb0(%[[X:.*]]: i1, %[[Y:.*]]: i1, %{{.*}}: i1):
// CHECK: %[[AND:.*]] = arith.andi %[[X]], %[[Y]] : i1
// CHECK: linalg.yield %[[AND]] : i1
// CHECK: ^bb0(%[[X2:.*]]: i1, %[[Y2:.*]]: i1, %{{.*}}: i1):
// CHECK: %[[OR:.*]] = arith.ori %[[X2]], %[[Y2]] : i1
// CHECK: linalg.yield %[[OR]] : i1
// CHECK: ^bb0(%[[X3:.*]]: i1, %{{.*}}: i1):
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: %[[NOT:.*]] = arith.xori %[[X3]], %[[TRUE]] : i1
// CHECK: linalg.yield %[[NOT]] : i1
func.func @and_or_not(%a: tensor<4xi1>, %b: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = graph.and %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = graph.or %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = graph.not %a : (tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func @is_nan_f16
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: i1):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: %[[C:.*]] = arith.cmpf uno, %[[XE]], %[[XE]] : f32
// CHECK: linalg.yield %[[C]] : i1
func.func @is_nan_f16(%a: tensor<4xf16>) -> tensor<4xi1> {
  %0 = graph.is_nan %a : (tensor<4xf16>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func @where
// CHECK-SAME: (%[[C:.*]]: tensor<4xi1>, %[[A:.*]]: tensor<4xi8>, %[[B:.*]]: tensor<i8>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[SCALAR]], #[[ID]]]
// CHECK-SAME: ins(%[[C]], %[[A]], %[[B]] :
// CHECK: ^bb0(%[[P:.*]]: i1, %[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[S:.*]] = arith.select %[[P]], %[[X]], %[[Y]] : i8
// CHECK: linalg.yield %[[S]] : i8
func.func @where(%c: tensor<4xi1>, %a: tensor<4xui8>, %b: tensor<ui8>) -> tensor<4xui8> {
  %0 = graph.where %c, %a, %b : (tensor<4xi1>, tensor<4xui8>, tensor<ui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// CHECK-LABEL: func @identity
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[C:.*]] = linalg.copy ins(%[[A]] : tensor<4xf32>)
// CHECK: return %[[C]]
func.func @identity(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.identity %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @abs_neg_relu_i32
// CHECK: ^bb0(%[[X:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ABS:.*]] = math.absi %[[X]] : i32
// CHECK: linalg.yield %[[ABS]] : i32
// CHECK: ^bb0(%[[X2:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[NEG:.*]] = arith.subi %[[ZERO]], %[[X2]] : i32
// CHECK: linalg.yield %[[NEG]] : i32
// CHECK: ^bb0(%[[X3:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ZERO3:.*]] = arith.constant 0 : i32
// CHECK: %[[RELU:.*]] = arith.maxsi %[[X3]], %[[ZERO3]] : i32
// CHECK: linalg.yield %[[RELU]] : i32
func.func @abs_neg_relu_i32(%a: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %0 = graph.abs %a : (tensor<4xi32>) -> tensor<4xi32>
  %1 = graph.neg %a : (tensor<4xi32>) -> tensor<4xi32>
  %2 = graph.relu %a : (tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}

// -----

// CHECK-LABEL: func @relu_f32
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[R:.*]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @relu_f32(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.relu %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @unary_math
// CHECK: ^bb0(%[[X0:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R0:.*]] = math.ceil %[[X0]] : f32
// CHECK: linalg.yield %[[R0]] : f32
// CHECK: ^bb0(%[[X1:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R1:.*]] = math.floor %[[X1]] : f32
// CHECK: linalg.yield %[[R1]] : f32
// CHECK: ^bb0(%[[X2:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R2:.*]] = math.roundeven %[[X2]] : f32
// CHECK: linalg.yield %[[R2]] : f32
// CHECK: ^bb0(%[[X3:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R3:.*]] = math.sqrt %[[X3]] : f32
// CHECK: linalg.yield %[[R3]] : f32
// CHECK: ^bb0(%[[X4:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[R4:.*]] = arith.divf %[[ONE]], %[[X4]] : f32
// CHECK: linalg.yield %[[R4]] : f32
// CHECK: ^bb0(%[[X5:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R5:.*]] = math.exp %[[X5]] : f32
// CHECK: linalg.yield %[[R5]] : f32
// CHECK: ^bb0(%[[X6:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R6:.*]] = math.log %[[X6]] : f32
// CHECK: linalg.yield %[[R6]] : f32
// CHECK: ^bb0(%[[X7:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R7:.*]] = math.sin %[[X7]] : f32
// CHECK: linalg.yield %[[R7]] : f32
// CHECK: ^bb0(%[[X8:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R8:.*]] = math.cos %[[X8]] : f32
// CHECK: linalg.yield %[[R8]] : f32
// CHECK: ^bb0(%[[X9:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R9:.*]] = math.tanh %[[X9]] : f32
// CHECK: linalg.yield %[[R9]] : f32
// CHECK: ^bb0(%[[X10:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R10:.*]] = math.erf %[[X10]] : f32
// CHECK: linalg.yield %[[R10]] : f32
func.func @unary_math(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = graph.ceil %a : (tensor<4xf32>) -> tensor<4xf32>
  %1 = graph.floor %a : (tensor<4xf32>) -> tensor<4xf32>
  %2 = graph.round %a : (tensor<4xf32>) -> tensor<4xf32>
  %3 = graph.sqrt %a : (tensor<4xf32>) -> tensor<4xf32>
  %4 = graph.reciprocal %a : (tensor<4xf32>) -> tensor<4xf32>
  %5 = graph.exp %a : (tensor<4xf32>) -> tensor<4xf32>
  %6 = graph.log %a : (tensor<4xf32>) -> tensor<4xf32>
  %7 = graph.sin %a : (tensor<4xf32>) -> tensor<4xf32>
  %8 = graph.cos %a : (tensor<4xf32>) -> tensor<4xf32>
  %9 = graph.tanh %a : (tensor<4xf32>) -> tensor<4xf32>
  %10 = graph.erf %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func @erf_bf16
// CHECK: ^bb0(%[[X:.*]]: bf16, %{{.*}}: bf16):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK: %[[E:.*]] = math.erf %[[XE]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[E]] : f32 to bf16
// CHECK: linalg.yield %[[T]] : bf16
func.func @erf_bf16(%a: tensor<4xbf16>) -> tensor<4xbf16> {
  %0 = graph.erf %a : (tensor<4xbf16>) -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

// CHECK-LABEL: func @sigmoid
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[N:.*]] = arith.negf %[[X]] : f32
// CHECK: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK: %[[R:.*]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @sigmoid(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.sigmoid %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// softplus(x) = max(x, 0) + log1p(exp(-|x|)), which cannot overflow.
// CHECK-LABEL: func @softplus
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ABS:.*]] = math.absf %[[X]] : f32
// CHECK: %[[NEG:.*]] = arith.negf %[[ABS]] : f32
// CHECK: %[[E:.*]] = math.exp %[[NEG]] : f32
// CHECK: %[[L:.*]] = math.log1p %[[E]] : f32
// CHECK: %[[M:.*]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK: %[[R:.*]] = arith.addf %[[M]], %[[L]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @softplus(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.softplus %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @mish
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: math.log1p
// CHECK: %[[SP:.*]] = arith.addf
// CHECK: %[[T:.*]] = math.tanh %[[SP]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[X]], %[[T]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @mish(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.mish %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @hard_swish
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[A:.*]] = arith.constant 0.166666672 : f32
// CHECK: %[[XA:.*]] = arith.mulf %[[X]], %[[A]] : f32
// CHECK: %[[B:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[V:.*]] = arith.addf %[[XA]], %[[B]] : f32
// CHECK: %[[MIN:.*]] = arith.minimumf %[[V]], %{{.*}} : f32
// CHECK: %[[MAX:.*]] = arith.maximumf %[[MIN]], %{{.*}} : f32
// CHECK: %[[R:.*]] = arith.mulf %[[X]], %[[MAX]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @hard_swish(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.hard_swish %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @hard_sigmoid
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[A:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[XA:.*]] = arith.mulf %[[X]], %[[A]] : f32
// CHECK: %[[B:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[V:.*]] = arith.addf %[[XA]], %[[B]] : f32
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[MIN:.*]] = arith.minimumf %[[V]], %[[ONE]] : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[MAX:.*]] = arith.maximumf %[[MIN]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[MAX]] : f32
func.func @hard_sigmoid(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.hard_sigmoid %a {alpha = 2.500000e-01 : f32, beta = 5.000000e-01 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @leaky_relu
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 1.250000e-01 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NEG:.*]] = arith.cmpf olt, %[[X]], %[[ZERO]] : f32
// CHECK: %[[AX:.*]] = arith.mulf %[[ALPHA]], %[[X]] : f32
// CHECK: %[[R:.*]] = arith.select %[[NEG]], %[[AX]], %[[X]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @leaky_relu(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.leaky_relu %a {alpha = 1.250000e-01 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// gelu(x) = 0.5 * x * (1 + erf(x / sqrt(2)))
// CHECK-LABEL: func @gelu_erf
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK: %[[S:.*]] = arith.mulf %[[X]], %[[RSQRT2]] : f32
// CHECK: %[[E:.*]] = math.erf %[[S]] : f32
// CHECK: %[[HX:.*]] = arith.mulf %[[HALF]], %[[X]] : f32
// CHECK: %[[P:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[HX]], %[[P]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @gelu_erf(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = graph.gelu %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// gelu(x) = 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))), in f32.
// CHECK-LABEL: func @gelu_tanh_f16
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: %[[X2:.*]] = arith.mulf %[[XE]], %[[XE]] : f32
// CHECK: %[[X3:.*]] = arith.mulf %[[X2]], %[[XE]] : f32
// CHECK: %[[C:.*]] = arith.constant 4.471500e-02 : f32
// CHECK: %[[CX3:.*]] = arith.mulf %[[X3]], %[[C]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[XE]], %[[CX3]] : f32
// CHECK: %[[K:.*]] = arith.constant 0.797884583 : f32
// CHECK: %[[SK:.*]] = arith.mulf %[[S]], %[[K]] : f32
// CHECK: %[[T:.*]] = math.tanh %[[SK]] : f32
// CHECK: %[[HX:.*]] = arith.mulf %{{.*}}, %[[XE]] : f32
// CHECK: %[[P:.*]] = arith.addf %{{.*}}, %[[T]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[HX]], %[[P]] : f32
// CHECK: %[[RT:.*]] = arith.truncf %[[R]] : f32 to f16
// CHECK: linalg.yield %[[RT]] : f16
func.func @gelu_tanh_f16(%a: tensor<4xf16>) -> tensor<4xf16> {
  %0 = graph.gelu %a {approximate = "tanh"} : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[SLOPE:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func @prelu
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[S:.*]]: tensor<3x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[SLOPE]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[S]] :
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[NEG:.*]] = arith.cmpf olt, %[[A]], %{{.*}} : f32
// CHECK: %[[P:.*]] = arith.mulf %[[B]], %[[A]] : f32
// CHECK: %[[R:.*]] = arith.select %[[NEG]], %[[P]], %[[A]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @prelu(%x: tensor<2x3x4xf32>, %s: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = graph.prelu %x, %s : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func @clip_attrs_ui8
// CHECK-DAG: %[[LO:.*]] = arith.constant 10 : i8
// CHECK-DAG: %[[HI:.*]] = arith.constant -56 : i8
// CHECK: ^bb0(%[[X:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[M:.*]] = arith.maxui %[[X]], %[[LO]] : i8
// CHECK: %[[R:.*]] = arith.minui %[[M]], %[[HI]] : i8
// CHECK: linalg.yield %[[R]] : i8
func.func @clip_attrs_ui8(%x: tensor<4xui8>) -> tensor<4xui8> {
  %n = graph.none
  %0 = graph.clip %x, %n, %n {min = 10 : ui8, max = 200 : ui8} : (tensor<4xui8>, none, none) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// CHECK-LABEL: func @clip_operands
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[LO:.*]]: tensor<1xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[L:.*]] = tensor.extract %[[LO]][%[[C0]]] : tensor<1xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<4xf32>)
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R:.*]] = arith.maximumf %[[V]], %[[L]] : f32
// CHECK-NOT: arith.minimumf
// CHECK: linalg.yield %[[R]] : f32
func.func @clip_operands(%x: tensor<4xf32>, %lo: tensor<1xf32>) -> tensor<4xf32> {
  %n = graph.none
  %0 = graph.clip %x, %lo, %n : (tensor<4xf32>, tensor<1xf32>, none) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @dropout_inference
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4xi1>
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: %[[MASK:.*]] = linalg.fill ins(%[[TRUE]] : i1) outs(%[[INIT]] : tensor<4xi1>)
// CHECK: %[[OUT:.*]] = linalg.copy ins(%[[X]] : tensor<4xf32>)
// CHECK: return %[[OUT]], %[[MASK]]
func.func @dropout_inference(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>) {
  %n = graph.none
  %0:2 = graph.dropout %x, %n, %n {ratio = 5.000000e-01 : f32, training_mode = false} : (tensor<4xf32>, none, none) -> (tensor<4xf32>, tensor<4xi1>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi1>
}

// -----

// Training mode (random masking) is rejected with a diagnostic.
func.func @dropout_training(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>) {
  %n = graph.none
  // expected-error @+2 {{dropout in training mode (random masking) is not supported; the CPU backend lowers inference only (training_mode false or ratio 0)}}
  // expected-error @+1 {{failed to legalize operation 'graph.dropout'}}
  %0:2 = graph.dropout %x, %n, %n {ratio = 5.000000e-01 : f32, training_mode = true} : (tensor<4xf32>, none, none) -> (tensor<4xf32>, tensor<4xi1>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi1>
}

// -----

// A training_mode known only at run time is rejected too.
func.func @dropout_runtime_mode(%x: tensor<4xf32>, %t: tensor<i1>) -> (tensor<4xf32>, tensor<4xi1>) {
  %n = graph.none
  // expected-error @+2 {{dropout: training_mode must be known at compile time; the CPU backend lowers inference only (training_mode false)}}
  // expected-error @+1 {{failed to legalize operation 'graph.dropout'}}
  %0:2 = graph.dropout %x, %n, %t {ratio = 5.000000e-01 : f32} : (tensor<4xf32>, none, tensor<i1>) -> (tensor<4xf32>, tensor<4xi1>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi1>
}

// -----

// float -> integer truncates into 64 bits, then keeps the low bits; NaN
// gives 0 and nothing is poison.
// CHECK-LABEL: func @cast_f32_to_ui8
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: i8):
// CHECK: %[[W:.*]] = arith.fptosi %[[X]] : f32 to i64
// CHECK: %[[LOW:.*]] = arith.cmpf olt, %[[X]], %{{.*}} : f32
// CHECK: %[[W1:.*]] = arith.select %[[LOW]], %{{.*}}, %[[W]] : i64
// CHECK: %[[HIGH:.*]] = arith.cmpf oge, %[[X]], %{{.*}} : f32
// CHECK: %[[W2:.*]] = arith.select %[[HIGH]], %{{.*}}, %[[W1]] : i64
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK: %[[W3:.*]] = arith.select %[[NAN]], %{{.*}}, %[[W2]] : i64
// CHECK: %[[T:.*]] = arith.trunci %[[W3]] : i64 to i8
// CHECK: linalg.yield %[[T]] : i8
func.func @cast_f32_to_ui8(%x: tensor<4xf32>) -> tensor<4xui8> {
  %0 = graph.cast %x {to = ui8} : (tensor<4xf32>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// CHECK-LABEL: func @cast_ui8_to_f16
// CHECK: ^bb0(%[[X:.*]]: i8, %{{.*}}: f16):
// CHECK: %[[F:.*]] = arith.uitofp %[[X]] : i8 to f32
// CHECK: %[[T:.*]] = arith.truncf %[[F]] : f32 to f16
// CHECK: linalg.yield %[[T]] : f16
func.func @cast_ui8_to_f16(%x: tensor<4xui8>) -> tensor<4xf16> {
  %0 = graph.cast %x {to = f16} : (tensor<4xui8>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func @cast_f16_to_i1
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: i1):
// CHECK: %[[XE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[B:.*]] = arith.cmpf une, %[[XE]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[B]] : i1
func.func @cast_f16_to_i1(%x: tensor<4xf16>) -> tensor<4xi1> {
  %0 = graph.cast %x {to = i1} : (tensor<4xf16>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// Float8 casts are rejected with a diagnostic.
func.func @cast_f32_to_f8(%x: tensor<4xf32>) -> tensor<4xf8E4M3FN> {
  // expected-error @+2 {{cast from 'f32' to 'f8E4M3FN': the CPU backend does not support 'f8E4M3FN'}}
  // expected-error @+1 {{failed to legalize operation 'graph.cast'}}
  %0 = graph.cast %x {to = f8E4M3FN} : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}
