package io.ndj.kotlin

import io.ndj.DType
import io.ndj.Nd
import io.ndj.NdArray
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

/**
 * The Kotlin forms against NumPy: each expected text is what NumPy 2 prints for the same expression
 * (the Python beside each check), so a wrong mapping (Kotlin's `%` to fmod, `2 - a` to `a - 2`, an
 * inclusive range end read as exclusive) fails here.
 */
class KotlinOperatorsTest {
  private val a: NdArray = Nd.arange(12).reshape(3, 4)
  private val v: NdArray = Nd.array(longArrayOf(3, -3, 4))

  @Test
  fun `the seed example in Kotlin`() {
    // x = np.arange(6).reshape(2, 3).astype(np.float32); x.sum(1)
    val x = Nd.arange(6).reshape(2, 3).astype(DType.FLOAT32)
    assertEquals("[[0. 1. 2.]\n [3. 4. 5.]]", x.toString())
    assertEquals("[ 3. 12.]", x.sum(1).toString())
    assertEquals("[ 3. 12.]", x.sum(axis = 1).toString())
    assertEquals(DType.FLOAT32, x.sum(axis = 1).dtype())
  }

  @Test
  fun `arithmetic with arrays and numbers on either side`() {
    val b = a.astype(DType.FLOAT64)
    assertEquals( // 1.0 - b / 4
      "[[ 1.    0.75  0.5   0.25]\n [ 0.   -0.25 -0.5  -0.75]\n [-1.   -1.25 -1.5  -1.75]]",
      (1.0 - b / 4).toString(),
    )
    assertEquals("[ 1 -2  3]", (7 % v).toString()) // 7 % v: Python's sign rule
    assertEquals("[2 3 1]", (-v % 5).toString()) // -v % 5
    assertEquals("[-2  4 -3]", (1 - v).toString()) // 1 - v
    assertEquals("[ 6 -6  8]", (v + v).toString())
    assertEquals("[ 6 -6  8]", (2 * v).toString())
    assertEquals("[ 6 -6  8]", (v * 2).toString())
    assertEquals("[ 6 -6  8]", (+(v * 2)).toString())
    assertEquals("[1.5 1.5 2. ]", (Nd.array(doubleArrayOf(4.5, -4.5, 8.0)) / v).toString())
    assertEquals(DType.FLOAT64, (v / v).dtype()) // true division, as Python's /
    assertEquals("[ 9  9 16]", (v pow 2).toString()) // v ** 2
    assertEquals("[ 3 -3  5]", (v or Nd.array(longArrayOf(1, 1, 1))).toString()) // v | 1
    assertEquals("[[ 14  38  62]\n [ 38 126 214]\n [ 62 214 366]]", (a dot a.T()).toString())
  }

  @Test
  fun `comparisons and logical operators`() {
    assertEquals("[False False  True]", (v greaterThan 3).toString()) // v > 3
    assertEquals("[ True  True False]", (v lessThan 4).toString()) // v < 4
    assertEquals("[ True False False]", (v elementEq 3).toString()) // v == 3
    assertEquals("[False  True False]", (!(v greaterThan 0)).toString()) // ~(v > 0)
    assertEquals("[ True False False]", ((v greaterThan 0) and (v lessThan 4)).toString())
  }

  @Test
  fun `indexing with integers, ranges, strings and slices`() {
    assertEquals("[2 6]", a[0..1, 2].toString()) // a[0:2, 2]
    assertEquals("[2 6]", a[0 until 2, 2].toString())
    assertEquals(a.toString(), a[-3..-1].toString()) // a[-3:]
    assertEquals("[8 4 0]", a[2 downTo 0, 0].toString()) // a[::-1, 0]
    assertEquals("[8 4 0]", a[Slice(step = -1), 0].toString())
    assertEquals("[9 1]", a[2 downTo 0 step 2, 1].toString()) // a[2::-2, 1]
    assertEquals(
      "[[ 3  1]\n [ 7  5]\n [11  9]]",
      a[":", 3 downTo 1 step 2].toString(),
    ) // a[:, 3:0:-2]
    assertEquals("[6]", a[newaxis, 1, ellipsis, 2].toString()) // a[None, 1, ..., 2]
    assertEquals("(0, 4)", a[2..1].shape().toString()) // an empty range selects nothing
    assertEquals(6L, a[1, 2].longValue())
  }

  @Test
  fun `assignment through indexing writes into the array`() {
    val b = a.copy()
    b[1, 2] = -1 // b[1, 2] = -1
    b[0..1, 0] = 100 // b[0:2, 0] = 100
    b[ellipsis, -1] = Nd.array(longArrayOf(7)) // b[..., -1] = 7
    assertEquals("[[100   1   2   7]\n [100   5  -1   7]\n [  8   9  10   7]]", b.toString())
    assertEquals("[[ 0  1  2  3]\n [ 4  5  6  7]\n [ 8  9 10 11]]", a.toString())
  }

  @Test
  fun `augmented assignment is in place`() {
    val c = a.astype(DType.FLOAT64)
    val same = c
    c += 1
    c *= 2
    c -= a
    c /= 2
    c %= 4 // c = a.astype(float); c += 1; c *= 2; c -= a; c /= 2; c %= 4
    assertEquals("[[1.  1.5 2.  2.5]\n [3.  3.5 0.  0.5]\n [1.  1.5 2.  2.5]]", same.toString())
    val i = a.copy()
    val e = assertThrows(IllegalArgumentException::class.java) { i += 1.5 }
    assertEquals(
      "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'",
      e.message,
    )
  }

  @Test
  fun `reductions with named and default arguments`() {
    assertEquals("[[ 6]\n [22]\n [38]]", a.sum(axis = 1, keepdims = true).toString())
    assertEquals("[4. 5. 6. 7.]", a.mean(axis = 0).toString())
    assertEquals("[1.66666667 1.66666667 1.66666667]", a.`var`(axis = 1, ddof = 1).toString())
    assertEquals("[3 3 3]", a.argmax(axis = 1).toString())
    assertEquals("[[0 1 2 3]]", a.min(axis = 0, keepdims = true).toString())
    assertEquals("[   0.  840. 7920.]", a.prod(axis = 1, dtype = DType.FLOAT32).toString())
    assertEquals("11", a.max(axis = intArrayOf(0, 1)).toString())
    assertEquals(66L, a.sum(keepdims = false).longValue())
    val e = assertThrows(RuntimeException::class.java) { a.sum(axis = 2) }
    assertEquals("axis 2 is out of bounds for array of dimension 2", e.message)
  }
}
