@file:JvmName("NdReductions")

package io.ndj.kotlin

import io.ndj.DType
import io.ndj.Nd
import io.ndj.NdArray
import io.ndj.ReduceOptions

// NumPy's reductions with Kotlin's named and default arguments: a.sum(axis = 1, keepdims = true),
// a.std(axis = 0, ddof = 1), a.max(axis = intArrayOf(0, 2)). Without arguments they reduce over
// every axis, as NumPy's do. Each raises NumPy's errors (an axis out of range names the axis and
// ndim).

private fun options(axis: IntArray?, keepdims: Boolean, ddof: Int?, dtype: DType?): ReduceOptions {
  var o = Nd.keepdims().keepdims(keepdims)
  if (axis != null) o = o.axis(*axis)
  if (ddof != null) o = o.ddof(ddof)
  if (dtype != null) o = o.dtype(dtype)
  return o
}

private fun Int?.axes(): IntArray? = this?.let { intArrayOf(it) }

fun NdArray.sum(axis: Int? = null, keepdims: Boolean = false, dtype: DType? = null): NdArray =
  sum(options(axis.axes(), keepdims, null, dtype))

fun NdArray.sum(axis: IntArray, keepdims: Boolean = false, dtype: DType? = null): NdArray =
  sum(options(axis, keepdims, null, dtype))

fun NdArray.prod(axis: Int? = null, keepdims: Boolean = false, dtype: DType? = null): NdArray =
  prod(options(axis.axes(), keepdims, null, dtype))

fun NdArray.prod(axis: IntArray, keepdims: Boolean = false, dtype: DType? = null): NdArray =
  prod(options(axis, keepdims, null, dtype))

fun NdArray.mean(axis: Int? = null, keepdims: Boolean = false, dtype: DType? = null): NdArray =
  mean(options(axis.axes(), keepdims, null, dtype))

fun NdArray.mean(axis: IntArray, keepdims: Boolean = false, dtype: DType? = null): NdArray =
  mean(options(axis, keepdims, null, dtype))

fun NdArray.min(axis: Int? = null, keepdims: Boolean = false): NdArray =
  min(options(axis.axes(), keepdims, null, null))

fun NdArray.min(axis: IntArray, keepdims: Boolean = false): NdArray =
  min(options(axis, keepdims, null, null))

fun NdArray.max(axis: Int? = null, keepdims: Boolean = false): NdArray =
  max(options(axis.axes(), keepdims, null, null))

fun NdArray.max(axis: IntArray, keepdims: Boolean = false): NdArray =
  max(options(axis, keepdims, null, null))

fun NdArray.any(axis: Int? = null, keepdims: Boolean = false): NdArray =
  any(options(axis.axes(), keepdims, null, null))

fun NdArray.all(axis: Int? = null, keepdims: Boolean = false): NdArray =
  all(options(axis.axes(), keepdims, null, null))

fun NdArray.argmax(axis: Int? = null, keepdims: Boolean = false): NdArray =
  argmax(options(axis.axes(), keepdims, null, null))

fun NdArray.argmin(axis: Int? = null, keepdims: Boolean = false): NdArray =
  argmin(options(axis.axes(), keepdims, null, null))

fun NdArray.`var`(
  axis: Int? = null,
  ddof: Int = 0,
  keepdims: Boolean = false,
  dtype: DType? = null,
): NdArray = `var`(options(axis.axes(), keepdims, ddof, dtype))

fun NdArray.std(
  axis: Int? = null,
  ddof: Int = 0,
  keepdims: Boolean = false,
  dtype: DType? = null,
): NdArray = std(options(axis.axes(), keepdims, ddof, dtype))
