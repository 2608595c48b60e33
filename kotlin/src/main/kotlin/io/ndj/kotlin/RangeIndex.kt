package io.ndj.kotlin

import io.ndj.Index
import io.ndj.spi.IndexConverter

/**
 * Kotlin's progressions as slices: `1..3` is NumPy's `1:4`, `0 until n step 2` is `0:n:2`, `5
 * downTo 0` is `5::-1`, `-3..-1` is `-3:` (the last three). Registered for java.util.ServiceLoader,
 * so `a[0..2, 1]` and `a.get(0..2, 1)` read them.
 */
class RangeIndex : IndexConverter {
  override fun convert(item: Any): Array<Index>? =
    when (item) {
      is IntProgression ->
        arrayOf(slice(item.first.toLong(), item.last.toLong(), item.step.toLong()))
      is LongProgression -> arrayOf(slice(item.first, item.last, item.step))
      else -> null
    }

  private fun slice(first: Long, last: Long, step: Long): Index {
    if (if (step > 0) first > last else first < last) {
      return Index.slice(0L, 0L, null) // an empty progression selects nothing
    }
    val stop = last + (if (step > 0) 1 else -1)
    // an inclusive last of -1 (the end) going up, or 0 (the start) going down, has no stop after it
    val open = (step > 0 && last < 0 && stop == 0L) || (step < 0 && last >= 0 && stop == -1L)
    return Index.slice(first, if (open) null else stop, if (step == 1L) null else step)
  }
}
