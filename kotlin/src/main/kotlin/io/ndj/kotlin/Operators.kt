@file:JvmName("NdOperators")

package io.ndj.kotlin

import io.ndj.BinaryUfunc
import io.ndj.Index
import io.ndj.NdArray

// Arithmetic as NumPy's operators: a + b, a * 2.0, 1.0 - a, -a. Each returns a new array, with
// NumPy 2's promotion (a Kotlin Double is a Python float, an Int or Long a Python int).

operator fun NdArray.plus(other: NdArray): NdArray = add(other)

operator fun NdArray.plus(other: Number): NdArray = add(other)

operator fun Number.plus(other: NdArray): NdArray = BinaryUfunc.ADD.apply(this, other)

operator fun NdArray.minus(other: NdArray): NdArray = subtract(other)

operator fun NdArray.minus(other: Number): NdArray = subtract(other)

operator fun Number.minus(other: NdArray): NdArray = BinaryUfunc.SUBTRACT.apply(this, other)

operator fun NdArray.times(other: NdArray): NdArray = multiply(other)

operator fun NdArray.times(other: Number): NdArray = multiply(other)

operator fun Number.times(other: NdArray): NdArray = BinaryUfunc.MULTIPLY.apply(this, other)

/** True division, as Python's `/`: int64 / int64 gives float64. */
operator fun NdArray.div(other: NdArray): NdArray = divide(other)

operator fun NdArray.div(other: Number): NdArray = divide(other)

operator fun Number.div(other: NdArray): NdArray = BinaryUfunc.DIVIDE.apply(this, other)

/** Python's `%` (`numpy.remainder`): the sign of the divisor, unlike Kotlin's `%` on numbers. */
operator fun NdArray.rem(other: NdArray): NdArray = mod(other)

operator fun NdArray.rem(other: Number): NdArray = mod(other)

operator fun Number.rem(other: NdArray): NdArray = BinaryUfunc.REMAINDER.apply(this, other)

operator fun NdArray.unaryMinus(): NdArray = negative()

/** `+a`: a copy, as NumPy's `numpy.positive`. */
operator fun NdArray.unaryPlus(): NdArray = copy()

/** `!a`: NumPy's `~a` on a bool array (`numpy.logical_not`), the bitwise not on integers. */
operator fun NdArray.not(): NdArray = invert()

// In place, as Python's augmented assignment: `a += b` writes into a (NumPy's casting rule
// 'same_kind': int64 += 1.5 is an error). Kotlin uses these when `a` is a `val`; on a `var` that
// also has `plus`, Kotlin reports the choice as ambiguous, so declare arrays with `val`.

operator fun NdArray.plusAssign(other: NdArray) {
  iadd(other)
}

operator fun NdArray.plusAssign(other: Number) {
  iadd(other)
}

operator fun NdArray.minusAssign(other: NdArray) {
  isub(other)
}

operator fun NdArray.minusAssign(other: Number) {
  isub(other)
}

operator fun NdArray.timesAssign(other: NdArray) {
  imul(other)
}

operator fun NdArray.timesAssign(other: Number) {
  imul(other)
}

operator fun NdArray.divAssign(other: NdArray) {
  itruediv(other)
}

operator fun NdArray.divAssign(other: Number) {
  itruediv(other)
}

operator fun NdArray.remAssign(other: NdArray) {
  imod(other)
}

operator fun NdArray.remAssign(other: Number) {
  imod(other)
}

// Infix forms for NumPy's operators that Kotlin has no symbol for.

/** `a @ b`. */
infix fun NdArray.dot(other: NdArray): NdArray = matmul(other)

/** `a ** b`. */
infix fun NdArray.pow(other: NdArray): NdArray = power(other)

infix fun NdArray.pow(other: Number): NdArray = power(other)

/** `a < b`, elementwise (Kotlin's `<` must return a Boolean). */
infix fun NdArray.lessThan(other: NdArray): NdArray = lt(other)

infix fun NdArray.lessThan(other: Number): NdArray = lt(other)

infix fun NdArray.lessEq(other: NdArray): NdArray = le(other)

infix fun NdArray.lessEq(other: Number): NdArray = le(other)

infix fun NdArray.greaterThan(other: NdArray): NdArray = gt(other)

infix fun NdArray.greaterThan(other: Number): NdArray = gt(other)

infix fun NdArray.greaterEq(other: NdArray): NdArray = ge(other)

infix fun NdArray.greaterEq(other: Number): NdArray = ge(other)

/** `a == b`, elementwise (Kotlin's `==` is object equality). */
infix fun NdArray.elementEq(other: NdArray): NdArray = eq(other)

infix fun NdArray.elementEq(other: Number): NdArray = eq(other)

infix fun NdArray.elementNe(other: NdArray): NdArray = ne(other)

infix fun NdArray.elementNe(other: Number): NdArray = ne(other)

/** `a & b`. */
infix fun NdArray.and(other: NdArray): NdArray = bitwiseAnd(other)

/** `a | b`. */
infix fun NdArray.or(other: NdArray): NdArray = bitwiseOr(other)

/** `a ^ b`. */
infix fun NdArray.xor(other: NdArray): NdArray = bitwiseXor(other)

// Indexing: a[1, 2], a[0..2, 1], a[":", 0], a[mask]; a[i, j] = v writes into a.
// Reading goes through NdArray.get(Object...), which reads Kotlin's ranges through RangeIndex.

/** `a[i, j, ...] = value`: assigns (broadcast, cast) to what the items select. */
operator fun NdArray.set(vararg index: Any, value: NdArray) {
  set(Index.items(*index), value)
}

/** `a[i, j, ...] = value` with a scalar. */
operator fun NdArray.set(vararg index: Any, value: Number) {
  set(Index.items(*index), value)
}

/**
 * A slice item with Kotlin's named arguments: `a[Slice(step = -1), 0]` is NumPy's `a[::-1, 0]`.
 * `null` parts take Python's defaults.
 */
@Suppress("FunctionName")
fun Slice(start: Number? = null, stop: Number? = null, step: Number? = null): Index =
  Index.slice(start?.toLong(), stop?.toLong(), step?.toLong())

/** `numpy.newaxis` as an index item. */
val newaxis: Index = Index.NEWAXIS

/** `...` as an index item. */
val ellipsis: Index = Index.ELLIPSIS
